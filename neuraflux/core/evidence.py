"""Evidence at sentence level: the units of the retrieved documents that best answer a question.

Candidates are the quotable units (sentences, table rows, definition terms; see sentences.py)
of each retrieved passage, its neighbourhood in the document, the opening sentence of a section
there whose term or heading the question names, the document's opening sentences (definitions
come first), and anywhere in a retrieved document the description of a term or the table row
the question names ("the pdb next command" -> under "n(ext)"). Each is scored by

- BM25 of the unit against the question (the index's analyzer and idf, irregular forms and
  word families joined: "kept"/"keeps"; retrieval/lemmas.py), question scaffolding ("what",
  "does", "mean", "use"…) down-weighted, a synonym or negation ("run"/"executed",
  "mutable"/"immutable") counted at three quarters of its weight, and so is a word of the
  candidates close in the shipped static vectors' meaning to a question word no document uses
  ("expensive" / "cost", "stolen" / "theft"; `related_terms`, names left out);
- the words of its context (the signature or term it describes, its heading, the document
  title, two-word headings read as one: "Frozen sets" for "frozenset"; for a table row, the
  header row and the sentence introducing the table; for the sentence right after a question, as
  in a FAQ, that question, which is never an answer itself), so "Exit the runtime context…" under
  `object.__exit__` matches "__exit__";
- the passage's retrieval rank, the unit's position in its section, whether the document's
  title is what the question names ("The return statement"), code the question writes found
  verbatim ("s.count(x)"), the question's form ("What is X" / "What does X do" favour units
  that start with X), whether it is where the question's name is defined (the first sentence
  under a term it names, a table row whose first cell it names, for "What is X" a sentence
  setting X in italics or bold), whether it is a version note ("Changed in version…", scored
  down), and for factoid questions whether the unit holds the kind of value asked for
  (answer_types.py: "When…" a date, "How many…" a number, "Who…" a name, "What error…" an
  exception, "Why…" a reason; for "When…", a date in the unit's heading counts, as in a
  changelog's "## 2.4.0 (2024-03-18)", and the answer then quotes the heading too). A sentence
  opening "This…"/"It…" reads with the words of the sentence before it ("This means that you can
  specify the same key multiple times…", "This is for disambiguation…").

`coverage` is the share of the question's weight that the unit and its context match: the
extractive answer abstains when no unit covers enough. A unit whose meaning is close to the
question's counts as covering it although its words differ ("glue strings together" / "… the
concatenation of the strings…"): `similar_coverage`, with the shipped static vectors or an index's
sentence encoder (meaning.py).
"""
import bisect
import re
from dataclasses import dataclass, field, replace

from .answer_types import ASKER_YES_NO, FEE_WORDS, HOW_TO, answered_words, holds_type, only_fees, question_type_span
from .retrieval.analyzer import KEYWORD_STOP_WORDS, OPERATORS, analyze
from .retrieval.lemmas import ABBREVIATED, SYNONYMS, base_terms
from .sentences import split_units

ANSWER_KINDS = frozenset({"prose", "table"})  # a term ("str.zfill(width)") is context, not an answer
MAX_UNIT_CHARS = 4000  # longer "sentences" (a minified file, a pasted blob) are never quoted as answers

# Question words that say what kind of answer is wanted, not what it is about (analyzed forms).
# Light verbs and filler adverbs carry no topic even in a search query ("How do I get the type…",
# "What can I actually do with…").
LIGHT_WORDS = frozenset(analyze("write put give take want go come get bring say expected supposed decide actually really "
                                "basically simply ever probably possibly "
                                "somehow anyway anything something"))
_WRITE_TERMS = frozenset(analyze("write"))  # frames "How do I write a hex number?" (its syntax) only: "Can I write to…"
SCAFFOLD = frozenset(analyze(" ".join("""
what does do is are mean means meaning use used using usage work works happen happens
way ways explain describe purpose kind kinds thing things example need needs good
happen role tell show know one defined define definition called call difference different between check like inside within
""".split())) + ["whi", "how", "what", "when", "where", "why", "which"]) | (LIGHT_WORDS - _WRITE_TERMS)
_NOT_NAMES = frozenset("""
a an the what does do is are how which who when where why of in on to for with by it i my me can
""".split())
# The way a question asks and the way a sentence answering it is worded, whatever its words:
# (question pattern, unit pattern, the Tuning bonus a unit matching the second gets when the question matches the first)
ANSWER_FORMS = (
    # a case stated in the negative ("… when I give it no separator?", "… if the substring is missing?"):
    # "If *sep* is not specified…", "Return -1 if *sub* is not found." (not Python's "None")
    (re.compile(r"\b(?:not|no|never|without|missing)\b|n't\b", re.I),
     re.compile(r"\b(?:not|no|never|without|cannot|unless)\b|n't\b", re.I), "negated_bonus"),
    # what is required ("Do the keys … have to be strings?"): "… must be strings", "… is required"
    (re.compile(r"\b(?:need|needs|have\s+to|has\s+to|must|required|requirements?|necessary|obliged)\b", re.I),
     re.compile(r"\b(?:must|required|requires|need|needs|have\s+to|has\s+to|necessary|mandatory|compulsory)\b", re.I),
     "required_bonus"),
    # what is allowed or possible ("Can I pay in instalments?", "Is it ok to…?", "Can a frozenset be used as a
    # key?"): "… may be spread over…", "Dogs are not allowed…", "… must not be used before…"
    (re.compile(r"^\s*(?:can|may|could)\b|\b(?:allowed|permitted|ok|okay)\b", re.I),
     re.compile(r"\b(?:may|can|cannot|can't|allowed|permitted|prohibited|forbidden|welcome|only|must\s+not|"
                r"free\s+to)\b|\bnot\s+\w+\s+allowed\b", re.I), "allowed_bonus"),
    # whether something exists ("Is there a hoist for disabled swimmers?"): what a place has or offers
    (re.compile(r"^\s*(?:is|are)\s+there\b", re.I),
     re.compile(r"\b(?:there\s+(?:is|are)|we\s+have|has\s+an?|have\s+an?|offers?|provides?|available)\b", re.I),
     "exists_bonus"),
    # how often ("How often is the filter changed?"): "every six months", "twice a year", "weekly"
    (re.compile(r"\bhow\s+often\b", re.I),
     re.compile(r"\b(?:every|each|daily|weekly|monthly|yearly|annually|once|twice|times\s+a|"
                r"per\s+(?:day|week|month|year))\b", re.I), "frequency_bonus"),
)
_VERSION_NOTE = re.compile(r"(?:Changed|New|Added) in version|Deprecated since version|Removed in version|"
                           r"(?:Added|Deprecated|Removed) in:?\s*v?\d")  # Node's "Added in: v0.7.8"
_ASKS_VERSION = re.compile(r"\b(?:version|release)s?\b", re.I)
_VERSION_NUMBER = re.compile(r"(?<![\w.])v?\d+\.\d+(?:\.\d+)*\b")
# the version a question asks about as a release ("version 3.0", "2.4 came out"), not a dependency's ("Python 3.9")
_RELEASE_VERSION = re.compile(r"\b(?:version|release|v)\s*(\d+\.\d+(?:\.\d+)*)\b|(?<![\w.])v?(\d+\.\d+(?:\.\d+)*)\s+"
                              r"(?:was\s+|is\s+|got\s+)?(?:released|release|come\s+out|came\s+out|out)\b", re.I)
# "What is X", "What does X do", "How long is X": units that start with X answer them
FOCUS_FORMS = re.compile(r"^\s*(?:(?:what|who)\s+(?:is|are|was|were|does|do)|"
                         r"how\s+(?:long|often|much|many|big|old|far|heavy)\s+(?:is|are|was|were))\b", re.I)


@dataclass
class Tuning:
    """Weights of the evidence features (chosen on the dev splits of benchmarks/qa: python_docs_dev*,
    own_docs, own_docs2…5)."""

    scaffold_weight: float = 0.1  # a scaffolding word counts this much of its idf
    context_weight: float = 1.0  # a question word found only in the unit's context
    rank_decay: float = 0.3  # score / (1 + decay * passage rank)
    short_units: int = 4  # units with fewer analyzed terms score less (list fragments, "Note:")
    short_penalty: float = 0.0
    intro_penalty: float = 0.0  # a unit that ends in ":" only introduces what follows
    inherited_penalty: float = 0.4  # a unit saying no question word itself, matching through the sentence it goes on from
    version_note_penalty: float = 0.5  # "Changed in version 3.8: …" says when, rarely what
    see_also_penalty: float = 0.5  # an entry of a "See also:" list points elsewhere
    parameter_penalty: float = 0.5  # for "How do I…": a parameter list item ("* `path` {string} …")
    heading_bonus: float = 0.25  # x (share of the question's focus its heading/term/title names)
    first_bonus: float = 0.25  # first unit of its section
    second_bonus: float = 0.1
    subject_bonus: float = 0.2  # "What is X": the unit starts with X
    counted_bonus: float = 1.0  # "How many players…?": the unit writes a number of them ("2 to 5 players")
    # ANSWER_FORMS: a unit worded as the question asks
    exists_bonus: float = 0.3  # "Is there…?": a unit saying what there is
    allowed_bonus: float = 0.4  # "Can I…?": a unit saying what may be done
    required_bonus: float = 0.2  # "Do I have to…?": a unit saying what must be
    negated_bonus: float = 0.4  # a case stated in the negative: a unit stating one
    frequency_bonus: float = 0.3  # "How often…?": a unit saying how often
    purpose_bonus: float = 0.5  # "How do I give…?": the unit starts "To give…, …"
    subject_window: int = 3  # analyzed terms that count as the start of a unit
    window_chars: int = 400  # neighbourhood of a passage searched for sentences
    lead_units: int = 6  # opening units of each document always considered
    k1: float = 0.6
    b: float = 0.75
    topic_bonus: float = 1.0  # x (share of the document title's words that the question uses)
    code_bonus: float = 1.0  # x for a unit that holds a code literal of the question ("s.count(x)", "__add__")
    synonym_weight: float = 0.75  # a question word's synonym in the unit ("run" / "executed") counts this much
    answer_type_bonus: float = 0.5  # "When was…?": a unit holding a date scores this much more
    answer_type_coverage: float = 0.1  # … and covers the words that ask for it ("how long") and this share more
    # "Can I…?"/"Do you…?" naming a case the documents state in general ("Can I smoke on the balcony?":
    # "No smoking anywhere in the flat"): a unit saying every question word they use covers this much more
    yes_no_relief: float = 0.2
    defines_bonus: float = 0.5  # x for the first unit under a term or the table row the question names ("n(ext)")
    named_row_bonus: float = 1.0  # … for a table row whose first cell the question names ("the g presentation type")
    named_coverage: float = 0.5  # … which counts as covering this much of the question ("What does __name__ hold?")
    numbered_bonus: float = 1.0  # x (share of the question's "word number" pairs the unit writes so)
    function_word_cap: float = 0.25  # x the rarest idf: the most a keyword that is an English function word
    # ("if", "for", "with") weighs unless the question names it as code ("the with statement")
    unknown_name_weight: float = 3.0  # x the rarest idf: a capitalised name no document uses ("Who wrote Hamlet?")
    unknown_word_weight: float = 1.0  # x its weight: a word no document uses and none comes near in meaning
    # ("boiling" of "What is the boiling point of water?"; SMALL_COLLECTION_UNKNOWN_WEIGHT in a small folder)
    which_weight: float = 3.0  # x its idf: the noun of "Which X…?", which the answer must name
    # Of the best-scoring units that cover too little of the question, the `similar_depth` first are
    # compared with it in meaning (meaning.py), and one close enough covers `similar_coverage` (0: off).
    similar_depth: int = 8
    related_threshold: float = 0.7  # a question word no document uses is matched by words this close (0: off)
    similar_coverage: float = 0.5


DEFAULT_TUNING = Tuning()
_FEE_TERMS = frozenset(t for word in FEE_WORDS for t in base_terms(analyze(word)))
WRITTEN_PLACES = 8  # units read per expression the question writes, in each retrieved document
SMALL_COLLECTION_RAREST = 5.0  # the rarest term's idf below which a collection is small (a folder of one's files)
SMALL_COLLECTION_UNKNOWN_WEIGHT = 1.2  # unknown_word_weight there, where words are weighed by sentences


def is_small_collection(rarest_idf):
    """Whether a collection whose rarest term has idf `rarest_idf` is small: fewer than about 70
    passages (59 are, 103 are not)."""
    return bool(rarest_idf) and rarest_idf < SMALL_COLLECTION_RAREST


def collection_tuning(tuning, rarest_idf):
    """`tuning` for a collection whose rarest term has idf `rarest_idf`: in a small one, whose
    words are weighed by how many sentences use them (sentence_idf.py), a word it never uses
    weighs little more than its rarest, so one nothing comes near in meaning weighs more."""
    if is_small_collection(rarest_idf):
        return replace(tuning, unknown_word_weight=SMALL_COLLECTION_UNKNOWN_WEIGHT)
    return tuning


@dataclass
class Evidence:
    """One candidate unit, the passage (source number, 1-based) it is cited from, and its score."""

    source: int
    doc_id: str
    unit: object
    score: float
    coverage: float
    index: int = 0  # the unit's position in its document's unit list
    needs_context: bool = False  # part of its match came from the term/heading above it
    holds_type: bool = None  # for "When…"/"Who…"/"How many…" questions: holds a date, name, number…
    named: bool = False  # the question names the term it describes or, for a table row, its first cell
    dated_by_heading: str = ""  # for "When…"/"Which version…": the heading above holding it ("## 2.4.0 (2024-03-18)")


_OPTIONAL_LETTERS = re.compile(r"^([a-z]+)((?:\([a-z]+)+)(\)+)(?=\s|$)", re.I)


def _unabbreviated(term):
    """A command term written with optional letters, as reference docs do ("c(ont(inue))",
    "h(elp) [command]"), also read as the whole word: "continue", "help"."""
    match = _OPTIONAL_LETTERS.match(term)
    if not match or match.group(2).count("(") != len(match.group(3)):
        return ""
    return match.group(1) + match.group(2).replace("(", "")


_CALL = re.compile(r"^\s*((?:class\s+)?[\w.]+)\(")


def _called(term):
    """A signature's name without its parameters ("retry(attempts=5, jitter=True)": retry): a
    sentence under it is about what it does, not about each parameter it takes."""
    match = _CALL.match(term or "")
    return match.group(1) if match else term


def evidence_terms(text):
    """The analyzed terms of `text`, irregular forms as their base word ("kept" as "keep"), and
    the words of a camelCase name after it ("createServer": also "create", "server"), and of a
    number written with its unit ("20MB": also "20", "mb")."""
    terms = base_terms(analyze(text))
    if _CAMEL_CASE.search(text):
        terms += base_terms(analyze(" ".join(" ".join(_CAMEL_BOUNDARY.split(name))
                                             for name in _CAMEL_CASE.findall(text))))
    if _NUMBER_WITH_UNIT.search(text):
        terms += analyze(" ".join(f"{number} {unit}" for number, unit in _NUMBER_WITH_UNIT.findall(text)))
    return terms


_CAMEL_CASE = re.compile(r"\b[a-z]+(?:[A-Z][a-z]+)+\b")  # "createServer", "readFileSync"
# "20MB", "30s": also the number and the unit, as "20 MB" is written
_NUMBER_WITH_UNIT = re.compile(r"\b(\d+(?:\.\d+)?)(kb|mb|gb|tb|kib|mib|gib|ms|s|m|h|d|km|kg|g|cm|mm|ml|"
                               r"hz|khz|mhz|ghz|kbps|mbps|gbps|w|kw|kwh|v|mah)\b", re.I)
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])")


_WORD = re.compile(r"[^\W\d_]+")


def _compounds(text):
    """Terms of neighbouring words written as one ("Frozen sets" -> "frozenset", "key word" ->
    "keyword"), so a heading in two words names a question's one-word term."""
    words = _WORD.findall(text.lower())
    return set(evidence_terms(" ".join(a + b for a, b in zip(words, words[1:]))))


# each alternative starts only where a token starts, so a long word costs linear time
_CODE = re.compile(r"(?<![\w.])[\w.]*\w\([^()\s]*\)|\b\w+\.\w[\w.]*|\b__\w+__|\*\*?[a-z_]\w*|(?<!\w)\w+_\w+"
                   r"|\b[a-z]+\*(?![\w*])")  # "except*"


_LEADING_NAME = re.compile(r"^\s*(?:class(?:method)?\s+|staticmethod\s+)?[\"'`*]*([\w.]+)")
_QUESTION_NAME = re.compile(r"\w+")


def term_names(term):
    """Names a term or table row defines: "str.expandtabs(tabsize=8)" -> {"expandtabs"},
    "n(ext)" -> {"n", "next"}, '"'b'" — Binary format' -> {"b"}; case kept ("pdb.Pdb" -> {"Pdb"})."""
    cell = term.split(" — ")[0]
    match = _LEADING_NAME.match(cell)
    names = {cell.strip("\"'` ")} if " — " in term else set()  # a table row's first cell: '"\\n"'
    if not match:
        return names
    path = match.group(1).rstrip(".")
    name = path.rsplit(".", 1)[-1]
    names.add(name)
    if " — " not in term and "." not in path and name[:1].isupper() and name[1:].islower():
        names.add(name.lower())  # a glossary's "Hub" is the question's "hub" ("pdb.Pdb" is not "pdb")
    full = _unabbreviated(term)
    return names | {full} if full else names


def focus_words(question):
    """The words of `question` that say what it is about: not stop words, not scaffolding
    ("What does str.strip return?" -> ["str.strip", "return"])."""
    words = re.findall(r"[\w.()*@'-]+", without_placeholders(question))
    return [w for w in words if any(t not in SCAFFOLD for t in evidence_terms(w))]


def question_names(question):
    """Words and code names of a question that could name a term ("str.lower" -> "lower"), as
    written and in lower case (a question starts with a capital). A single letter names something
    only written on its own ("the e presentation type"), not as an operand ("x[-1]": not the "x in
    s" row)."""
    alone = {w.strip("?!.,;:\"'`") for w in question.split()}
    words = {w for w in _QUESTION_NAME.findall(question) if len(w) > 1 or w in alone} | alone
    words |= {code.split("(")[0].rsplit(".", 1)[-1] for code in code_literals(question)}
    return words | {w.lower() for w in words}


def code_literals(question):
    """Code written in the question ("s.count(x)", "str.zfill", "__add__", "**kwargs")."""
    return [m.group(0) for m in _CODE.finditer(question)]


_EXPRESSION_TOKEN = re.compile(r"[\w.()\[\]:*/%<>=!&|^~@+-]+")
_OPERATOR_INSIDE = re.compile(r"[\w\])][*/%<>=!&|^~@:\[+-]+[\w(\[.-]")
_NOT_PROSE = re.compile(r"\d|[*<>=%^~@\[\]:&|!]")  # a digit, or an operator prose does not use


def expression_literals(question):
    """Expressions written in the question ("2**-1", "x[::-1]", "-1**2", "3/4"): a word of code
    characters with an operator between operands, and a digit or an operator that prose does not
    use ("well-known" and "I/O" are words)."""
    found = []
    for token in question.split():
        token = token.strip("?!,;\"'`").rstrip(".")
        if _EXPRESSION_TOKEN.fullmatch(token) and _OPERATOR_INSIDE.search(token) and _NOT_PROSE.search(token):
            found.append(token)
    return found


_OPERATOR_NAMED = re.compile(r"(?:^|\s)[`'\"]?(" + "|".join(re.escape(o) for o in OPERATORS) +
                             r")[`'\"]?\s+operator\b")


_VALUE_OPERATORS = "|".join(re.escape(o) for o in OPERATORS if "=" not in o)  # "//", "%", "**"…: not "+=", "=="
# an operator between numbers or names written apart: "What is 7 // 2?", "What does -7 % 3 give?"
_OPERATOR_APPLIED = re.compile(rf"(?:^|\s)-?[\w.]+\s+({_VALUE_OPERATORS})\s+-?[\w.]*\d[\w.]*(?=[\s?!,;]|$)")
_OPERAND_NUMBERS = re.compile(rf"(?<![\w.])-?\d+(?:\.\d+)?\s+(?:{_VALUE_OPERATORS})\s+-?\d+(?:\.\d+)?(?![\w.])")


def quoted_operators(question):
    """The operator symbols the question names ("What does the | operator do?") as documents write
    them next to that word ('The "|" operator', "the `|` operator"): a bare "|" is on every
    grammar line, so its term finds no page by itself. An operator the question applies to numbers
    ("What is 7 // 2?") is looked for as documents quote it ('The "//" (floor division) operator')."""
    named = [f"{quote}{symbol}{quote} operator" for symbol in _OPERATOR_NAMED.findall(question)
             for quote in ('"', "`")]
    applied = [f"{quote}{symbol}{quote}" for symbol in _OPERATOR_APPLIED.findall(question)
               if not _OPERATOR_NAMED.search(question) for quote in ('"', "`")]
    return named + applied


# "x and y", "a or b", "x is not y", "not x": an operator between one-letter placeholders, which
# documents quote as written ('The expression "x and y" first evaluates *x*'); not "x in a loop"
_PLACEHOLDER_EXPRESSION = re.compile(
    r"(?<![\w'\"])(?:[a-z]\s+(and|or|is\s+not|is|not\s+in|in)\s+(?:[b-hj-z]|a(?!\s+\w))|(not)\s+[b-hj-z])(?![\w'\"(])")


def placeholder_expressions(question):
    """The expressions of one-letter placeholders joined by an operator word that `question`
    writes ("How does Python evaluate x and y?": ["x and y"])."""
    return [" ".join(m.group(0).split()) for m in _PLACEHOLDER_EXPRESSION.finditer(question)]


def written_expressions(question):
    """What `question` writes as documents write it, which its search terms miss: its expressions
    ("2**-1"), the operators it names or applies ('"//"'), the keywords it names ('"with" statement'),
    its placeholder expressions ("x and y")."""
    return (expression_literals(question) + quoted_operators(question) + quoted_keywords(question)
            + placeholder_expressions(question))


def quoted_keywords(question):
    """The keywords that are English function words which the question names with what they are
    ("the with statement", "a for loop") as documents quote them ('The "with" statement'): the
    word alone is on every page."""
    return [f"{quote}{word.lower()}{quote} {noun.lower()}" for word, noun in _KEYWORD_NAMED.findall(question)
            for quote in ('"', "`")]


_KEYWORD_NOUNS = "operator|statement|keyword|clause|expression|loop|block"  # what a keyword is called


def _naming(words):
    """A pattern for the keywords `words` named as code (see named_keywords)."""
    alternatives = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(
        rf"[`'\"]({alternatives})[`'\"]|\b({alternatives})\s+(?:{_KEYWORD_NOUNS})s?\b|"
        rf"^\s*what\s+(?:does|do|did)\s+((?:{alternatives})(?:\s*,\s*|\s+(?:{alternatives})\b|\s+)*?)"
        r"\s*\b(?:do|return|returns|mean|yield|yields|evaluate|produce)\W*$", re.I)


_OPERATOR_WORDS = ("and", "or", "not", "is", "in")  # the operators that are English function words, on nearly every page
_NAMED_OPERATOR, _NAMED_KEYWORD = _naming(_OPERATOR_WORDS), _naming(KEYWORD_STOP_WORDS)
_KEYWORD_NAMED = re.compile(rf"\b({'|'.join(sorted(KEYWORD_STOP_WORDS, key=len, reverse=True))})\s+"
                            rf"({_KEYWORD_NOUNS})s?\b", re.I)


def named_keywords(question, pattern=_NAMED_OPERATOR):
    """The operators and/or/not/is/in that the question names as code: quoted ("`not`"), as "the
    not operator", or as the subject of "What does not return?" / "What do and and or return?".
    Such a word is too common in prose to find its page by itself. (`pattern=_NAMED_KEYWORD`:
    any keyword that is an English function word, "the with statement", "a for loop".)"""
    found = set()
    if pattern is _NAMED_OPERATOR:  # "x and y", "not x"
        for match in _PLACEHOLDER_EXPRESSION.finditer(question):
            found.update(w.lower() for w in re.findall(r"\w+", match.group(1) or match.group(2)))
    for match in pattern.finditer(question):
        for group in match.groups():
            if group:
                found.update(w.lower() for w in re.findall(r"\w+", group))
    return found


def keyword_code(names):
    """A pattern finding any of the keywords `names` inside quoted code ('"not"', '"x or y"',
    "`is not`") and not in prose between two quoted words ('"if" and "else"')."""
    words = "|".join(sorted(names))
    return re.compile(rf"[\"`](?:[\w.()*\[\]]+ )*(?:{words})(?: [\w.()*\[\]:]+)*[\"`]")


# a capitalised word inside the question, not a day, month or holiday ("… on Saturday?": the weekend's hours)
_PROPER_NAME = re.compile(r"(?<=[\w,;:)\]\"'] )(?!I\b|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                          r"January|February|March|April|May|June|July|August|September|October|November|"
                          r"December|Christmas|Easter|New\s+Year|Halloween|Thanksgiving)s?\b)[A-Z][\w'-]*")
# "-O" is an option, "\n" an escape and the "e" of "e-bikes" part of a word: none is a placeholder
# … nor is the letter that a prefix, flag or option is ("the r prefix", "the b format")
_PLACEHOLDER = re.compile(r"(?<![\w'\"(.\[\\-])[a-zA-Z](?![\w'\".()\[\]-])"
                          r"(?!\s+(?:prefix|prefixes|suffix|flag|option|format|presentation|specifier|modifier)\b)")


def without_placeholders(question):
    """The question without free-standing one-letter names, placeholders that every example
    uses ("What does import x as y bind?"); those in code ("s.count(x)", "'b'") stay."""
    return _PLACEHOLDER.sub(" ", question)


def question_weights(question, idf, tuning=DEFAULT_TUNING, scaffold=None):
    """{analyzed term: weight}: idf, scaffolding down-weighted; repeated terms counted once.
    A term the documents never use weighs as much as the rarest one (`idf(None)`): it is
    what the question is about, and nothing can cover it; a capitalised name inside the question
    that they never use weighs `unknown_name_weight` times that, so the answer abstains: the
    documents are not about it."""
    weights = {}
    rarest = idf(None)
    written = analyze(question)
    function_words = KEYWORD_STOP_WORDS - named_keywords(question, _NAMED_KEYWORD)
    scaffold = question_scaffold(question) if scaffold is None else scaffold
    capped = _CAPPED_TERMS | {t for name in _RELATIVE.findall(question) for t in evidence_terms(name)}
    if _WHILE_CLAUSE.search(question):  # "… if it crashes while writing?": a conjunction, not the loop
        capped = capped | {"while"}
    kinds = _named_kinds(question)
    for term, form in zip([_known_singular(t, idf, rarest) for t in base_terms(written)], written):
        if term not in weights:
            weight = idf(term) or rarest
            if term in kinds:  # "the pass keyword": the word names what kind of thing "pass" is
                weight *= tuning.scaffold_weight
            if form != term and idf(form) < rarest:  # as written ("config"): rarer than its base word,
                weight = max(weight, idf(form)) if weight < rarest or form not in ABBREVIATED else idf(form)
            if term in function_words or term in capped:  # "if" in "What do I need if I miss an exam?":
                weight = min(weight, tuning.function_word_cap * rarest)  # a function word, which a small folder
                # may use rarely, a number written as a word ("two workers"), which documents write in digits,
                # a pronoun ("Can someone else collect it?": "A friend can collect it") or the asker's
                # relative ("My son is vegetarian, can you cater for that?": "… vegetarian meals")
            weights[term] = weight * (tuning.scaffold_weight if term in scaffold else 1.0)
    head = _WHICH_NOUN.match(question)  # "Which bus goes to the practice?": an answer names a bus
    for term in base_terms(analyze(head.group(1))) if head else ():
        if term in weights and term not in scaffold:
            weights[term] *= tuning.which_weight
    for name in _PROPER_NAME.findall(question):  # "Who wrote Hamlet?" of documents that never name Hamlet
        for term in evidence_terms(name):
            if term in weights and idf(term) >= rarest:
                weights[term] = rarest * tuning.unknown_name_weight
    return weights


def _known_singular(term, idf, rarest):
    """`term` without its closing "s" when only that form is in the documents: an acronym's
    plural the stemmer keeps ("CVEs", "APIs": "cve", "api")."""
    if len(term) > 3 and term.endswith("s") and idf(term) >= rarest and idf(term[:-1]) < rarest:
        return term[:-1]
    return term


_WHILE_CLAUSE = re.compile(r"\bwhile\s+(?:[a-z]+ing|i|you|we|they|it|he|she|the|my|your|our|a|an|someone)\b", re.I)
_HOW_QUANTITY = re.compile(r"\bhow\s+(?:much|many)\b", re.I)
_NUMBER_OF = re.compile(r"\b(?:number|amount)\s+of\s+(?!the\b)\w", re.I)
_NUMBER_OF_TERMS = frozenset(analyze("number amount"))
# "check-up", "check in", "comes out" (of a machine; not the light "come" of "Can my dog come?"): a topic
_COMPOUND = re.compile(r"\b\w+(?:-\w+)+\b|\bcheck\s+(?:in|out)\b|\b(?:come|comes|came|coming)\s+out\b", re.I)
# "What do I need to bring to sign up?": what is brought is asked ("Can I bring my dog?": the dog is)
_OBJECT_ASKED = re.compile(r"^\s*what\b[^?]*?\b(bring)\s*(?=[?.!]|$|(?:to|for|along|with)\b)", re.I)
_CALL_TERMS = frozenset(analyze("call"))
_NAMING_CALL = re.compile(r"\bcalled\s*[?.!]*\s*$|"  # "What do you call…?", not "What does a call expression do?"
                          r"\bwhat\s+(?:do|does|would|should)\s+(?!(?:a|an|the|my|this|that)\s)\w+\s+call\b", re.I)
_HOW_WRITE = re.compile(r"^\s*how\s+(?:do|can|would|should|could)\s+(?:i|you|we|one)\s+write\b", re.I)
_COUNTS_AS = re.compile(r"^\s*(?:who|what|which\s+\w+)\s+(?:counts?|qualif(?:y|ies)|classes|is\s+classed|"
                        r"is\s+considered|are\s+considered)\s+(?:as|for)\b", re.I)
_COUNTS_AS_TERMS = frozenset(analyze("counts qualifies classed considered as"))
_WHICH_NOUN = re.compile(r"^\s*which\s+([a-z]+)\s+(?!of\b)", re.I)


def question_scaffold(question):
    """The terms that only frame `question` (SCAFFOLD), with the "much"/"many" of "How much/many…",
    but not a word of a compound ("How much is a check-up?", "When can we check in?": the topic)
    nor the verb whose object is asked ("What do I need to bring?")."""
    scaffold = SCAFFOLD | _ANY_QUANTITY if _HOW_QUANTITY.search(question) else SCAFFOLD
    if _NUMBER_OF.search(question):  # "… change the number of parallel jobs?": the jobs are the topic
        scaffold = scaffold | _NUMBER_OF_TERMS
    if not _NAMING_CALL.search(question):
        scaffold = scaffold - _CALL_TERMS
    if _HOW_WRITE.search(question):
        scaffold = scaffold | _WRITE_TERMS
    if _COUNTS_AS.search(question):  # "Who counts as a concession?": what a concession is
        scaffold = scaffold | _COUNTS_AS_TERMS
    topic = {t for word in _COMPOUND.findall(question) for t in evidence_terms(word)}
    topic.update(evidence_terms(" ".join(_OBJECT_ASKED.findall(question))))
    topic.update(t for literal in code_literals(question) for t in evidence_terms(literal))  # "dict.get", "pdb's c(ontinue)"
    operands = {t for match in _OPERAND_NUMBERS.finditer(question) for t in analyze(match.group(0)) if t.isdigit()}
    scaffold = scaffold | operands if operands else scaffold  # "What is 7 // 2?": any numbers would do
    return scaffold - topic if topic else scaffold


class DocumentUnits:
    """Per-document unit lists, split once and reused (a chat asks about the same documents)."""

    def __init__(self, text_of, limit=256):
        self.text_of, self.limit, self._cache = text_of, limit, {}

    def __call__(self, doc_id):
        if doc_id not in self._cache:
            if len(self._cache) >= self.limit:
                self._cache.pop(next(iter(self._cache)))
            text = self.text_of(doc_id)
            units = split_units(text) if text else []
            self._cache[doc_id] = (text, units, _UnitTerms(units))
        return self._cache[doc_id]


class _UnitTerms:
    """evidence_terms of each unit, computed when first asked for: a question reads the units near
    its passages, not all 30,000 of a large document."""

    def __init__(self, units):
        self.units, self.terms, self._layout = units, {}, None

    def __getitem__(self, index):
        if index not in self.terms:
            unit = self.units[index]  # a row's last cell "(2)(7)" points to notes: no numbers of the question
            marks = _NOTE_MARKS.search(unit.text) if unit.kind == "table" else None
            self.terms[index] = evidence_terms(unit.text[:marks.start()] if marks else unit.text)
        return self.terms[index]

    @property
    def layout(self):
        if self._layout is None:
            self._layout = _Layout(self.units)
        return self._layout


def _quotable(unit):
    """Whether `unit` can be an answer: prose or a table row, not a giant blob, not itself a
    question (a FAQ's "Does it support SQLite?" is answered by what follows it), and not a label
    of one word ("History" over an API's changelog)."""
    return (unit.kind in ANSWER_KINDS and unit.end - unit.start <= MAX_UNIT_CHARS
            and not unit.text.endswith("?") and not _LIST_LABEL.match(unit.text)
            and not (unit.kind == "prose" and _WORD_LABEL.match(unit.text)))


_WORD_LABEL = re.compile(r"^(?!(?:Yes|No)$)[A-Z][a-z]+$")


# a Markdown API page's heading that is the signature it describes ("`console.time([label])`",
# "Class: `zlib.Gzip`")
# "`util.format(…)`", "fs.readFile(path)", or a command or option: "pgshift new NAME", "searchParams"
# (a heading in words is capitalised)
SIGNATURE_HEADING = re.compile(r"^(?:[A-Z][\w ]{0,24}:\s*)?(?:`[^`]+`|[\w.$]+\([^()]*\)|[a-z][\w.-]*(?:\s+[\w.<>\[\]-]+){0,4})$")
_LIST_MARK = r"^\s*(?:[*•-]|\d+[.)])\s"  # "* ", "- ", "1. ", "2) "
_LIST_ITEM = re.compile(_LIST_MARK)
_PARAMETER_ITEM = re.compile(r"^\s*(?:[*•-]\s+(?:`[^`]+`\s*|Returns:\s*)(?:\{[^}]*\}|<[^>]*>)"  # "* `fd` {integer}"
                             r"|\*\*Default:\*\*)")  # … and its "**Default:** `false`."

# a list item that only names what follows it ("1. Mappings.", "* Sequences:"), not a statement
_LIST_LABEL = re.compile(_LIST_MARK + r"+[\w\"'`*]+(?:\s+[\w\"'`*]+)?[.:]?\s*$")


def _asked_before(units, terms, index):
    """Terms of the question a FAQ asks before unit `index`: right before it ("Does Ferrule
    support SQLite?" over "No. SQLite files can simply be copied…"), or earlier in its paragraph
    ("Q: Is there a pension scheme? A: Yes. You are enrolled… Brightwell pays 5%…"), else an
    empty set."""
    paragraph = units[index].paragraph
    for j in range(index - 1, max(-1, index - 1 - MAX_ANSWER_SENTENCES), -1):
        before = units[j]
        if before.kind != "prose" or paragraph - before.paragraph > (1 if j == index - 1 else 0):
            return set()
        if before.text.endswith("?"):
            return set(terms[j])
    return set()


MAX_ANSWER_SENTENCES = 6  # a FAQ's answer read under its question


_ANAPHOR = re.compile(r"(?:This|That|These|Those|It)\b(?!\s+(?:method|function|class|attribute|module|object|statement)s?\b)"
                     r"|(?:Take|Put|Bring|Send|Give|Leave|Keep|Return|Throw|Drop|Place|Store)\s+(?:them|it)\b")  # "Take them to…"


def points_back(units, index):
    """Whether unit `index` is prose that opens by pointing back at the sentence before it in
    its paragraph ("This is for disambiguation with C-style octal literals…", "Take them to the
    collection points…") or leaves its
    predicate to it ("The drip tray is dishwasher-safe. The portafilter is not.")."""
    before = units[index - 1] if index else None
    text = units[index].text
    return (before is not None and units[index].kind == "prose" and before.kind == "prose"
            and before.paragraph == units[index].paragraph
            and bool(_ANAPHOR.match(text) or (len(text.split()) <= 6 and _ELLIPSIS.search(text))))


# a short sentence that leaves its predicate to the one before ("The portafilter is not.")
_ELLIPSIS = re.compile(r"\b(?:is|are|was|were|does|do|did|can|will|has|have|should|must)(?:\s+(?:not|too|also|either))?\.$"
                       r"|\b(?:isn't|aren't|doesn't|don't|can't|cannot|won't|hasn't|haven't)\.$", re.I)


# "Cotton: for towels…", "Quick 15': …", "- **Wood shop** (table saw…): 2 hours"
_LABEL = re.compile(r"^(?:([A-Z][\w'&/-]*(?:\s+[\w'&/-]+){0,3}):\s|(?:[-*•+]|\d+[.)])\s+\*\*([^*]{1,40})\*\*)")


def _line_label(text, units, index):
    """The label opening the line that prose unit `index` goes on ("Cotton: for towels, at 30 to
    90 degrees. Maximum load 7 kg.": "Cotton" for the second sentence; a list item's bold lead,
    "- **Wood shop**: 2 hours. Held on the first Saturday."), or ""."""
    if units[index].kind != "prose":
        return ""
    first = index
    while first > 0 and units[first - 1].kind == "prose" and "\n" not in text[units[first - 1].end:units[first].start]:
        first -= 1
    if first == index:
        return ""
    match = _LABEL.match(units[first].text)
    return (match.group(1) or match.group(2)) if match else ""


# a list item opening with the name it describes: "- `journald` — …", "* **timeout**: …"
_NAMED_ITEM = re.compile(r"^\s*[-*+•]\s+(?:`([^`\n]{1,60})`|\*\*([^*\n]{1,60})\*\*)\s*(?:—|–|-|:)\s")
_SEE_ALSO = re.compile(r"^\W*see\s+also\W*$", re.I)


MAX_COMMAND_LINES, MAX_COMMAND_CHARS = 3, 200  # a section's only code block, quoted as its answer


def _sole_commands(units):
    """Indexes of the short code blocks that are all their section holds ("## Installation" over
    "npm install hopjs"): the answer to how to do what the heading says."""
    section, found = [], []
    for i, unit in enumerate([*units, None]):
        if unit is None or unit.kind == "heading":
            code = [j for j in section if units[j].kind == "code"]
            if len(code) == 1 and all(units[j].kind in ("code", "rule") for j in section):
                text = units[code[0]].text
                lines = [line for line in text.splitlines() if not line.lstrip().startswith(("```", "~~~"))]
                if len(lines) <= MAX_COMMAND_LINES and len(text) <= MAX_COMMAND_CHARS:
                    found.append(code[0])
            section = []
        else:
            section.append(i)
    return found


class _Layout:
    """Where a document's quotable units are, worked out once per document: their ends (to find
    the units near a passage by bisection), the opening unit of the section each sits in, the
    quotable units in reading order, the table rows and term descriptions by the names they
    define, and the entries of "See also:" lists ("**PEP 3129** - Class Decorators: The proposal
    that added class decorators.")."""

    def __init__(self, units):
        self.ends = [unit.end for unit in units]
        self.is_quotable = [_quotable(unit) for unit in units]
        for i in _sole_commands(units):
            self.is_quotable[i] = True
        self.quotable, self.opener, self.by_name, self.see_also = [], [], {}, set()
        opener, signed, listed = None, None, None  # listed: the paragraph of the last list item
        referring = False  # inside a "See also:" list: its entries point elsewhere
        for i, unit in enumerate(units):
            if _SEE_ALSO.match(unit.text):
                referring = True
            elif referring and (unit.kind == "term" or unit.term):
                self.see_also.add(i)
            else:
                referring = False
            if _LIST_ITEM.match(unit.text):
                listed = unit.paragraph
            if unit.position == 0:
                opener = None  # a new section, whose opening unit may not be quotable
            if not self.is_quotable[i]:
                self.opener.append(None)
                continue
            self.quotable.append(i)
            if unit.position == 0:
                opener = i
                if unit.term and unit.kind != "table":  # a row is named by its first cell (below)
                    for name in term_names(unit.term):
                        self.by_name.setdefault(name, []).append(i)
            if (unit.heading != signed and not unit.term and unit.kind == "prose" and unit.paragraph != listed
                    and not _VERSION_NOTE.match(unit.text) and SIGNATURE_HEADING.match(unit.heading)):
                signed = unit.heading  # a Markdown API page: "## `util.promisify(original)`", its
                for name in term_names(unit.heading.rsplit(": ", 1)[-1].strip("`")):  # parameters, then what it does
                    self.by_name.setdefault(name, []).append(i)
            if unit.kind == "table":
                for name in term_names(unit.text):
                    self.by_name.setdefault(name, []).append(i)
            item = _NAMED_ITEM.match(unit.text) if unit.kind == "prose" else None
            if item:  # "- `journald` — set to `true` to read the systemd journal": a setting's own line
                for name in term_names(item.group(1) or item.group(2)):
                    self.by_name.setdefault(name, []).append(i)
            self.opener.append(opener)

    def near(self, units, low, high):
        """Indexes of the quotable units that overlap [low, high), in order."""
        i = bisect.bisect_right(self.ends, low)
        while i < len(units) and units[i].start < high:
            if self.is_quotable[i]:
                yield i
            i += 1

    def named(self, names):
        """Indexes of the table rows and term descriptions that one of `names` names."""
        return sorted({i for name in names for i in self.by_name.get(name, ())})


def _places_writing(text, expressions, limit=WRITTEN_PLACES):
    """Where `text` writes one of `expressions`: the first `limit` offsets of each."""
    for expression in expressions:
        start = text.find(expression)
        for _ in range(limit):
            if start < 0:
                break
            yield start
            start = text.find(expression, start + len(expression))


def _layout_of(units, terms):
    """The document's _Layout: kept by its unit terms (DocumentUnits), or worked out now."""
    return getattr(terms, "layout", None) or _Layout(units)


def _candidates(hits, units_of, tuning, q):
    """({(doc_id, unit index): source number}, the (doc_id, index) pairs the question names,
    {(doc_id, index of a numbered note): index of the table row pointing to it}):
    each unit from the best-ranked passage near it, the opening sentence of a section near a
    passage when the question names its term or heading, and from each retrieved document its
    first `lead_units` units and the table rows and term descriptions the question names,
    wherever they are."""
    chosen, named, layouts, noted = {}, set(), {}, {}
    for number, hit in enumerate(hits, 1):
        text, units, terms = units_of(hit.doc_id)
        if not units:
            continue
        if hit.doc_id not in layouts:
            layout = layouts[hit.doc_id] = _layout_of(units, terms)
            for i in layout.quotable[:tuning.lead_units]:
                chosen.setdefault((hit.doc_id, i), number)
            for i in layout.named(q.names) if q.names else ():
                chosen.setdefault((hit.doc_id, i), number)
                named.add((hit.doc_id, i))
            for start in _places_writing(text, q.written):  # 'The "/" (division) and "//" (floor division)…'
                for i in layout.near(units, start, start + 1):
                    chosen.setdefault((hit.doc_id, i), number)
        layout = layouts[hit.doc_id]
        for i in layout.near(units, hit.start - tuning.window_chars, hit.end + tuning.window_chars):
            chosen.setdefault((hit.doc_id, i), number)
            opener = (hit.doc_id, layout.opener[i])
            if opener[1] is not None and (opener in named if units[opener[1]].term
                                          else not q.focus.isdisjoint(evidence_terms(units[opener[1]].heading))):
                chosen.setdefault(opener, number)  # the opening sentence of the section it is in
    for (doc_id, i), number in list(chosen.items()):  # a table row's notes: "— (8)" -> "8. …" below it
        units = units_of(doc_id)[1]
        for note in notes_of(units, i):
            chosen.setdefault((doc_id, note), number)
            noted.setdefault((doc_id, note), i)
    return chosen, named, noted


_NOTE_MARKS = re.compile(r"(?:—\s*)?((?:\(\d+(?:\s*,\s*\d+)*\)\s*)+)$")  # "— (3)", "— (3, 5)", "— (2)(7)"


def notes_of(units, index, scan=80):
    """Indexes of the numbered notes ("8. "index" raises "ValueError"…") that table row `index`
    points to with a last cell like "(8)" or "(3, 5)"."""
    unit = units[index]
    marks = _NOTE_MARKS.search(unit.text) if unit.kind == "table" else None
    if not marks:
        return []
    wanted = {f"{n}." for n in re.findall(r"\d+", marks.group(1))}
    return [j for j in range(index + 1, min(len(units), index + scan))
            if units[j].kind == "prose" and units[j].text.split(" ", 1)[0] in wanted]


@dataclass
class QuestionTerms:
    """What the evidence scorer reads from a question once (see `question_terms`)."""

    weights: dict  # analyzed term -> weight (question_weights)
    total: float
    focus: set  # terms that are not scaffolding
    focus_total: float
    wants_subject: bool  # "What is X" / "What does X do": units that start with X
    wanted: str  # answer type ("date", "number"…) or ""
    type_terms: set  # question words a value of that type answers by itself ("long", "port")
    synonyms: dict  # term -> weight, for terms with synonyms
    literals: list  # code the question writes ("s.count(x)")
    names: set  # words that could name a term (question_names)
    wants_version: bool = False  # "Which version added…?": a version number
    how_to: bool = False  # "How do I…?": a way, answered by what a function or command does
    asked_verb: frozenset = frozenset()  # "What does X receive?": 'receiv', what is asked of X
    keyword_code: object = None  # for a keyword the question names ("the not operator"): finds it quoted as code
    numbered: frozenset = frozenset()  # a word and the number after it ("assignment 4", "week 10")
    counts_things: bool = False  # "How many…?": a count of things, not a measurement ("60 km")
    versions: tuple = ()  # version numbers the question writes ("2.3.0"), which a heading must write so
    releases: tuple = ()  # … of them those it names as a release ("version 3.0"), which only the heading may write
    measures: dict = field(default_factory=dict)  # number the question writes -> its measure ("kg") or "" (number_measures)
    related: dict = None  # unknown question term -> document terms close to it in meaning (related_terms)
    asker_yes_no: bool = False  # "Can I smoke on the balcony?" (ASKER_YES_NO)
    verb: str = ""  # the term of the verb "How do I…?" asks about ("give")
    counted: str = ""  # the term of the thing "How many…?" counts ("player" of "How many players can play?")
    forms: tuple = ()  # (unit pattern, Tuning bonus name) of the ANSWER_FORMS the question asks in
    written: tuple = ()  # expressions as documents quote them ('"//"', "x and y", "2**-1"): units anywhere that write them
    unknown: frozenset = frozenset()  # focus terms that no document uses (set by rank_evidence once names are completed)

    @property
    def topic_weights(self):
        """The weights without the verb asked of the subject: a page titled "The return
        statement" is not what "What does or return?" asks about."""
        return {t: w for t, w in self.weights.items() if t not in self.asked_verb}


def question_terms(question, idf, tuning=DEFAULT_TUNING):
    scaffold = question_scaffold(question)
    weights = question_weights(question, idf, tuning, scaffold)
    keywords = named_keywords(question)
    # and/or/not/is/in say what the question is about only where it names them as code
    focus = {t for t in weights if t not in scaffold and (t not in _OPERATOR_WORDS or t in keywords)}
    wanted, asking = question_type_span(question)
    wants_version = wanted == "number" and bool(_ASKS_VERSION.search(asking))
    asked = f"{asking.split()[-1] if asking else ''} {answered_words('version' if wants_version else wanted)}"
    return QuestionTerms(
        weights, sum(weights.values()), focus, sum(weights[t] for t in focus), bool(FOCUS_FORMS.match(question)),
        wanted, set(evidence_terms(asked)) & set(weights),
        {t: w for t, w in weights.items() if t in SYNONYMS} if tuning.synonym_weight else {},
        code_literals(question) + expression_literals(question) if tuning.code_bonus else [],
        question_names(question) - _NOT_NAMES if tuning.defines_bonus else set(),
        wants_version, bool(HOW_TO.match(question)), _asked_verb(question, focus),
        keyword_code(keywords) if keywords and tuning.code_bonus else None, _numbered(question, focus),
        bool(_HOW_MANY.search(question)), tuple(_VERSION_NUMBER.findall(question)),
        tuple(a or b for a, b in _RELEASE_VERSION.findall(question)), measures=number_measures(question),
        asker_yes_no=bool(ASKER_YES_NO.match(question)), verb=_how_to_verb(question),
        written=tuple(written_expressions(question)), counted=_counted(question),
        forms=tuple((unit_form, bonus) for asked, unit_form, bonus in ANSWER_FORMS if asked.search(question)))


def _how_to_verb(question):
    """The term of the verb "How do I…?" asks about ("give" of "How do I give the band a name?"), or ""."""
    match = _HOW_TO_VERB.match(question)
    terms = base_terms(analyze(match.group(1))) if match else []
    return terms[0] if len(terms) == 1 else ""


_COUNTED = re.compile(r"\bhow\s+many\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?", re.I)
_COUNT_WORD = re.compile(r"[\w'’-]+")  # a word or number of a unit, read for a count ("2-player", "12")
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve twenty".split())
_NOT_COUNTED = frozenset("can could do does did are is was were will would should must may might have has i you we "
                         "they it there of in on at for to by per a an the".split())


def _counted(question):
    """The term of the noun "How many…?" counts ("storm cards": "card"), or ""."""
    match = _COUNTED.search(question)
    words = []
    for word in (match.groups() if match else ()):
        if not word or word.lower() in _NOT_COUNTED:
            break
        words.append(word)
    terms = base_terms(analyze(words[-1])) if words else []
    return terms[0] if len(terms) == 1 else ""


def _writes_count_of(counted, text, table):
    """Whether `text` writes a number right before the counted term, or one word before it ("2 to 5
    players", "12 storm cards"; not "after 10 rounds the player") or, in a table row, within three
    words after it ("Storm cards — 12", "Users — up to 3")."""
    words = _COUNT_WORD.findall(text)
    for i, word in enumerate(words):
        if base_terms(analyze(word)) == [counted]:
            before = words[max(0, i - 2):i]
            if (before and _is_number(before[-1])) or (len(before) == 2 and _is_number(before[0])
                                                     and before[1].lower() not in _NOT_COUNTED) \
                    or (table and any(_is_number(w) for w in words[i + 1:i + 4])):
                return True
    return False


def _is_number(word):
    return word.isdigit() or word.lower() in _NUMBER_WORDS


def _numbered(question, focus):
    """(word, number) pairs the question writes ("When is assignment 4 due?": ('assign', '4')):
    the number names that word's item, which the unit must write the same way."""
    terms = base_terms(analyze(question))
    return frozenset((a, b) for a, b in zip(terms, terms[1:]) if a in focus and a.isalpha() and len(a) > 1 and b.isdigit())


_WHAT_DOES_X_VERB = re.compile(r"^\s*what\s+(?:does|do|did|can|will|should|must)\s+\S.*?\s+([a-z]+)\W*$", re.I)


def _asked_verb(question, focus):
    """{the verb's term} of "What does X <verb>?" when other focus terms remain (X): the
    description under the term X answers what X receives, returns or intercepts."""
    match = _WHAT_DOES_X_VERB.match(question)
    verb = set(evidence_terms(match.group(1))) & focus if match else set()
    return frozenset(verb) if verb and focus - verb else frozenset()


def _asking_words(q):
    """Question terms that only ask for the kind of value, which a unit's same word does not answer:
    "How long does it take?" (not "for longer jobs"), "Which version added X?" (not "removed in
    version 3.0"; but "What version is invoicer?" is answered by "__version__ = '0.8.2'")."""
    if q.wanted in ("duration", "extent"):
        return _LONG
    size = q.type_terms & _SIZE_WORDS if q.wanted == "number" else None
    if size:  # "How big is a full plot?" (not "no larger than")
        return size
    return _VERSION_WORDS if q.wants_version and q.type_terms - _VERSION_WORDS else frozenset()


def score_unit(q, unit, unit_terms, context, number, average, title_share, tuning=DEFAULT_TUNING, names_it=False,
               dating=""):
    """(score, coverage, matched through context, holds the wanted type, the wanted date is in its
    heading) of one unit: `number` is its passage's rank (1-based), `average` the candidates' mean
    length in terms, `names_it` whether the question names the term it describes or, for a table
    row, its first cell, `dating` the heading above it holding the date or version asked for
    (_dating_heading), whose words are in `context`."""
    weights = q.weights
    asking = _asking_words(q)
    counts = {}
    for term in unit_terms:
        if term in weights and term not in asking:
            counts[term] = counts.get(term, 0) + 1
    norm = tuning.k1 * (1 - tuning.b + tuning.b * len(unit_terms) / (average or 1.0))
    # a word the unit says itself counts at least as much as it would from its heading or title alone
    match = sum(weights[t] * max(n * (tuning.k1 + 1) / (n + norm), tuning.context_weight if t in context else 0.0)
                for t, n in counts.items())
    from_context = sum(w for t, w in weights.items() if t not in counts and t not in asking and t in context)
    covered = sum(weights[t] for t in counts) + from_context
    via_synonym = set()
    if q.synonyms:
        present = set(unit_terms)
        related = q.related or {}
        via_synonym, via_context = set(), set()
        for t in q.synonyms:
            if t not in counts and t not in context and t not in asking:
                near = SYNONYMS.get(t, _NONE) | related.get(t, _NONE)
                if near & present:
                    via_synonym.add(t)
                elif not near.isdisjoint(context):  # the heading or FAQ question says it in its words
                    via_context.add(t)
        similar = sum(q.synonyms[t] for t in via_synonym)
        around = sum(q.synonyms[t] for t in via_context)
        match += tuning.synonym_weight * similar
        covered += tuning.synonym_weight * (similar + around)
    bounded = [t for t in weights if t.isdigit() and t not in counts and t not in context and t not in asking]
    measures = _bound_measures(unit.text) if bounded else ()
    bounded = [t for t in bounded if q.measures.get(t, "") in measures]
    seasons = [t for t in weights if t in _SEASONS and t not in counts and t not in context]
    seasons = seasons if seasons and _MONTH.search(unit.text) else ()
    if seasons:  # "… a bonfire in summer?": "… between 1 November and 31 March"
        bounded += seasons
    days = [t for t in weights if t in _WEEKDAYS and t not in counts and t not in context]
    if days and _DAY_RANGE.search(unit.text):  # "… drill holes on a Sunday?": "… Monday to Saturday"
        bounded += days
    if bounded:  # "Can my 14-year-old use the spa?": "… aged 16 and over"; "a 28 kg bag": "up to 23 kg"
        bound = tuning.synonym_weight * sum(weights[t] for t in bounded)
        match += bound
        covered += bound
    score = (match + tuning.context_weight * from_context) / (1 + tuning.rank_decay * (number - 1))
    relief = tuning.yes_no_relief if q.asker_yes_no and _names_all_known(
        q, counts.keys() | context | via_synonym | set(bounded)) else 0.0
    if q.numbered:  # "Assignment 4", not week 4's row, for "When is assignment 4 due?"
        written = set(zip(unit_terms, unit_terms[1:]))
        score *= 1 + tuning.numbered_bonus * len(q.numbered & written) / len(q.numbered)
    if q.counted and _writes_count_of(q.counted, unit.text, unit.kind == "table"):
        score *= 1 + tuning.counted_bonus
    for unit_form, bonus in q.forms:  # "Can I pay in instalments?": "… may be spread over six payments"
        if unit_form.search(unit.text):
            score *= 1 + getattr(tuning, bonus)
    if q.how_to and _does_what_asked(q.verb, unit.text):
        score *= 1 + tuning.purpose_bonus
    if unit.position == 0:
        score *= 1 + tuning.first_bonus
    elif unit.position == 1:
        score *= 1 + tuning.second_bonus
    if q.focus_total:
        named = sum(weights[t] for t in q.focus if t in context)
        score *= 1 + tuning.heading_bonus * named / q.focus_total
    score *= 1 + tuning.topic_bonus * title_share
    signature = unit.term or (unit.heading if names_it else "")  # "## `util.promisify(original)`" over its definition
    if (q.literals and any(code in unit.text or code in signature for code in q.literals)) or (
            q.keyword_code and (q.keyword_code.search(unit.text) or q.keyword_code.search(signature))):
        score *= 1 + tuning.code_bonus
    if len(unit_terms) < tuning.short_units:
        score *= 1 - tuning.short_penalty
    if unit.text.endswith(":"):
        score *= 1 - tuning.intro_penalty
    if q.how_to and _PARAMETER_ITEM.match(unit.text):  # "How do I…?" is answered by what a function does,
        score *= 1 - tuning.parameter_penalty         # not by one of its parameters ("* `path` {string}")
    if tuning.version_note_penalty and _VERSION_NOTE.match(unit.text):
        score *= 1 - tuning.version_note_penalty
    if q.wants_subject and q.focus & set(unit_terms[:tuning.subject_window]):
        score *= 1 + tuning.subject_bonus
    # a row whose first cell, or the first sentence under a term, the question names
    named = names_it and (unit.kind == "table" or bool(_NAMED_ITEM.match(unit.text))
                          or q.focus - q.asked_verb <= context)
    if named or (q.wants_subject and "*" in unit.text and _emphasizes(unit.text, q.focus)):
        score *= 1 + (tuning.named_row_bonus if named and unit.kind == "table" else tuning.defines_bonus)
    coverage = max(covered / q.total + relief, tuning.named_coverage if named else 0.0)
    typed = holds_type(q.wanted, unit.text) if q.wanted else None
    if not typed and q.wanted in ("money", "amount") and unit.kind == "table" and _BARE_PRICE.search(unit.text) \
            and not _PRICE_WORDS.isdisjoint(context):  # "Single — 2.80 — 1.40" in fares.csv: a price
        typed = True
    if typed and q.wanted in ("money", "amount") and _FEE_TERMS.isdisjoint(weights) and only_fees(unit.text):
        typed = False  # "How much is a stalls ticket?" is not answered by "… exchange them for a £2 fee per ticket"
    if q.wants_version:  # "Which version added two-factor…?": not the "two"; "… dropped Python 3.8?": not "3.8"
        typed = _holds_version(unit.text, q.versions)
    if typed and q.releases and not set(_VERSION_NUMBER.findall(unit.text)) <= set(q.releases):
        typed = False  # "When was version 3.0 released?" is not answered by "Version 2.4 will receive fixes until 2027."
    topic = q.focus - q.type_terms  # what the question is about, beyond the words asking for the type
    # "How much memory…?" is answered by "256 MB of RAM": the unit names the quantity
    measured = {t for t in topic if t in _MEASURED_IN and t not in counts
                and not _MEASURED_IN[t].isdisjoint(unit_terms)} if q.wanted == "number" else ()
    if measured:
        coverage = min(1.0, coverage + tuning.synonym_weight * sum(weights[t] for t in measured) / q.total)
    # … or it names the quantity asked for in other words ("How heavy…?": "Weight: 5.2 kg")
    about = any(t in counts or t in context or t in via_synonym or t in measured or t in seasons  # "in winter":
                for t in topic) if topic else True  # "… from October to March"
    named_quantity = q.type_terms - _ANY_QUANTITY if q.wanted == "number" else ()
    about = about or any(t in counts or t in via_synonym for t in named_quantity)
    if typed and not about:
        typed = False  # a value of the kind asked for, about something else ('a "UnicodeError" is raised')
    if typed and q.wanted == "number" and any(_MEASURED_IN[t].isdisjoint(unit_terms)
                                              for t in q.type_terms if t in _MEASURED_IN):
        typed = False  # "What temperature…?" is answered in degrees, not by "after 30 seconds"
    if typed and q.counts_things and not _counts_in(unit.text, weights):
        typed = False  # "How many e-bikes…?" is not answered by "… a range of about 60 km"
    # "## 2.4.0 (2024-03-18)" dates the changes listed under it (or under its "### Fixed") and names their version
    dated_heading = dating if dating and not typed and about and _numbers_in(q.focus, unit_terms, context) \
        and all(v in dating or v in unit.text for v in q.versions) and all(v in dating for v in q.releases) \
        else ""  # "2.3.0", not "2.2.0"; "When was version 3.0 released?": not the "… stop working in 3.0." of 2.4.0
    typed = typed or bool(dated_heading)
    if typed:
        score *= 1 + tuning.answer_type_bonus
        missing = sum(weights[t] for t in q.type_terms if t not in counts and t not in context)
        coverage = min(1.0, coverage + missing / q.total + tuning.answer_type_coverage)
    return score, coverage, bool(from_context), typed, dated_heading


_SEASONS = frozenset(analyze("spring summer autumn fall winter"))
_WEEKDAYS = frozenset(analyze("monday tuesday wednesday thursday friday saturday sunday"))
_DAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)s?\.?"
# the days something is on or allowed, named as a range ("weekdays" and "weekends" are synonyms of their days)
_DAY_RANGE = re.compile(rf"\b{_DAY}\s*(?:to|-|–|until|through|thru)\s*{_DAY}\b|\b(?:every\s+day|daily)\b", re.I)
_BARE_PRICE = re.compile(r"(?<![\d.,])\d+[.,]\d\d(?![\d.,%])")  # "2.80": a sum written without its currency
_PRICE_WORDS = frozenset(analyze("price prices fare fares cost costs fee fees rent rate rates charge charges tariff"))
_MONTH = re.compile(r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t|tember)?|"
                    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b")  # as documents write them: not the "may" of "you may"
# a limit on a number: "under 12", "up to 23 kg", "at least 18", "between 23 and 32 kg", "16 and over", "18+"
_BOUND = re.compile(r"\b(?:under|over|below|above|up\s+to|at\s+least|at\s+most|no\s+more\s+than|more\s+than|"
                    r"less\s+than|fewer\s+than|older\s+than|younger\s+than|maximum|minimum|between)\s+(?:of\s+)?[$€£]?"
                    r"[\d.,]*\d(?:\s+and\s+[\d.,]*\d)?\s*(%|[a-z]+)?|"
                    r"\d\s*(%|[a-z]+)?\s+(?:and|or)\s+(?:over|under|above|below|older|younger|more|less|fewer)\b|"
                    r"\d(\+)", re.I)


def _measure(word):
    """The word written after a number as a measure ("kg", "%"), or "" when it is none ("people")."""
    word = (word or "").lower()
    return word if word in _MEASURE_UNITS else ""


def _names_all_known(q, matched):
    """Whether a unit matching the terms `matched` says every word of the question that the
    documents use, and those are no fewer than the words they never use: "No smoking anywhere in
    the flat" for "Can I smoke on the balcony?" (a rule stated in general for the case the asker
    names), not "… turn the key to the left" for "Can I play the violin left-handed?"."""
    known = q.focus - q.unknown
    return bool(known) and len(known) >= len(q.unknown) and known <= matched


def _bound_measures(text):
    """The measures ("kg", "%", "" for none) of the limits `text` sets on a number (_BOUND)."""
    return {_measure(match.group(1) or match.group(2)) for match in _BOUND.finditer(text)}


def number_measures(question):
    """{number the question writes: the measure written after it ("kg", "%") or ""}."""
    out = {}
    for number, word in re.findall(r"(\d+)(?:[\d.,]*\d)?\s*(%|[a-zA-Z]+)?", question):
        out.setdefault(number, _measure(word))
    return out


_HOW_MANY = re.compile(r"\bhow\s+many\b", re.I)
_LONG = frozenset(analyze("long"))  # asks for a duration; "as soon as possible" does say how soon
_VERSION_WORDS = frozenset(analyze("version release"))  # ask for a version number
_SIZE_WORDS = frozenset(analyze("big large small"))  # "How big…?" asks for a size, which any measure gives
_NUMBER_AND_UNIT = re.compile(r"([$€£¥]?)\s*\d[\d,.]*\s*(%|°|[a-zA-Z/]*)")  # (currency sign, the word after it)
_MEASURE_UNITS = frozenset("""% ° km kilometre kilometres kilometer kilometers mi mile miles m metre metres meter meters
cm mm ft feet inch inches kg kilo kilos g gram grams lb lbs pound pounds oz b kb mb gb tb byte bytes kib mib gib
mph kph km/h kmh hz khz mhz ghz w kw kwh v percent degrees""".split())


def _counts_in(text, weights):
    """Whether `text` holds a number that is not a measurement: "400 are e-bikes", "27 days", not
    "about 60 km" or "€5" (a unit the question itself names counts: "How many GB…?")."""
    numbers = _NUMBER_AND_UNIT.findall(text)
    if not numbers:
        return True  # a number word ("two maintainers")
    return any(not currency and (unit.lower() not in _MEASURE_UNITS or not weights.keys().isdisjoint(evidence_terms(unit)))
               for currency, unit in numbers)


_ANY_QUANTITY = frozenset(analyze("many much"))  # "How many…?" names no quantity of its own, as "heavy" does
_NUMBER_TERMS = frozenset(analyze("one two three four five six seven eight nine ten twice once"))
_RELATIVE = re.compile(r"\b(?:my|our|his|her|their)\s+(?:\w+\s+)?(son|daughter|child|children|kid|kids|baby|mum|mom|"
                       r"mother|dad|father|parents?|husband|wife|partner|brother|sister|friend|friends|grandma|grandpa|"
                       r"grandmother|grandfather)\b(?!['\u2019])", re.I)  # not "my kids' internet": theirs is the topic
# "the pass keyword", "the export command", "the len() function": the noun after a name says
# what kind of thing the name is; documents write the name ("pass" is a null operation)
_NAMED_KIND = re.compile(r"\bthe\s+[`'\"]?[\w.()-]+[`'\"]?\s+(keyword|command|subcommand|flag|"
                         r"function|method|option|builtin|built-in)s?\b", re.I)


# "What does a while loop do?": the while statement, which its page never calls a loop
_LOOP_NAMED = re.compile(r"\b(?:a|an|the)\s+(?:for|while)\s+(loop)s?\b", re.I)
_LOOP_TERMS = frozenset(analyze("loop"))


def _named_kinds(question):
    """The terms of the kind nouns that follow a name in `question` (see _NAMED_KIND), and the
    "loop" of a for or while loop that "What is…"/"What does… do" asks about."""
    kinds = {t for kind in _NAMED_KIND.findall(question) for t in analyze(kind)}
    if FOCUS_FORMS.match(question) and _LOOP_NAMED.search(question):
        kinds |= _LOOP_TERMS
    return kinds


_CAPPED_TERMS = _NUMBER_TERMS | frozenset(analyze("someone somebody anyone anybody everyone everybody nobody else "
                                                  "every either several everything somewhere anywhere everywhere myself "
                                                  "yourself itself ourselves yourselves themselves people usually "
                                                  "normally "
                                                  "generally become make available others during until till "
                                                  "don't doesn't isn't can't won't "
                                                  "aren't didn't wasn't haven't hasn't about "
                                                  # the documents' subject named generically ("What formatter does
                                                  # the project use?" of a README that never says "project"), a
                                                  # part called new ("a new battery": "Replacement batteries…")
                                                  "project new"))


def _measured_in(groups):
    """{quantity's term: terms of the units it is measured in}"""
    table = {}
    for group in groups.split("|"):
        quantities, units = group.split(":")
        for term in evidence_terms(quantities):
            table[term] = frozenset(evidence_terms(units))
    return table


_MEASURED_IN = _measured_in("memory ram storage disk: kb mb gb tb kib mib gib bytes | "
                            "distance range: km kilometres kilometers miles metres meters walk drive minutes | weight: kg kilos grams lbs | "
                            "temperature hot cold warm: degrees celsius fahrenheit °c °f | loud noisy noise: db decibels")  # "65°C": "c"


def _holds_version(text, asked):
    """Whether `text` names a version other than those the question names (`asked`): a dotted
    number ("2.2.0") or a number after a name or "version" ("Android 10"), not a number word
    ("two-factor") nor a quantity ("longer than 260 characters")."""
    if any(v not in asked for v in _VERSION_NUMBER.findall(text)):
        return True
    for version in asked:
        text = text.replace(version, "")
    return bool(_NAMED_VERSION.search(text))


_NAMED_VERSION = re.compile(r"(?:\b[A-Z][\w+#-]*|\b(?:version|release|v))\s*\d+\b")


_HOW_TO_VERB = re.compile(r"^\s*how\s+(?:(?:do|can|could|should|would|may)\s+(?:i|we|you|one)|to)\s+([a-z]+)", re.I)
_PURPOSE = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:To|In\s+order\s+to)\s+([a-z]+)\b")


def _does_what_asked(verb, text):
    """Whether `text` opens with the purpose the question asks how to reach ("To give each band its
    own name, turn off…" for "How do I give the 5 GHz band its own name?")."""
    match = _PURPOSE.match(text) if verb else None
    return bool(match) and base_terms(analyze(match.group(1))) == [verb]


def _dating_heading(q, unit):
    """For a "When…?" or "Which version…?" question, the nearest heading above the unit that
    holds a date or a version number ("## 2.4.0 (2024-03-18)"), or ""."""
    if q.wanted != "date" and not q.wants_version:
        return ""
    return next((h for h in (unit.heading, *unit.outer) if (q.wanted == "date" and holds_type("date", h))
                 or (q.wants_version and _VERSION_NUMBER.search(h))), "")


def _numbers_in(focus, unit_terms, context):
    """Whether every number the question names ("version 2.4.0") is in the unit or its context."""
    return all(t in context or t in unit_terms for t in focus if t.isdigit())


_EMPHASIS = re.compile(r"(?<![\w*])\*\*?([^*\s][^*]{0,60}?)\*\*?(?![\w*])")  # *term* or **term**


def _emphasizes(text, focus):
    """Whether `text` sets in italics or bold exactly what the question asks about: docs mark the
    defining use of a term so ('… it is a *free variable*' for "What is a free variable?")."""
    return any(set(evidence_terms(match.group(1))) == focus for match in _EMPHASIS.finditer(text))


def _complete_names(q, hits, units_of, idf):
    """A name the documents never use that begins a word of a retrieved document ("Mac" of
    "macOS", "Postgres" of "PostgreSQL") stands for that word: the question is about it, not
    about something the documents never mention. A question word in lower case ("mac") counts
    when the document's word is written as a name (a capital inside it: "macOS", "PostgreSQL")."""
    rarest = idf(None)
    unknown = [t for t in q.weights if idf(t) >= rarest and len(t) >= 3 and t.isalpha() and t not in q.type_terms]
    if not unknown:  # (a word asking for the kind of value, "added", is no name: "add" is not "address")
        return
    texts = [units_of(h.doc_id)[0] or "" for h in hits]
    for name in unknown:
        capitalised = q.weights[name] > rarest  # written as a name in the question
        pattern = re.compile(rf"\b{re.escape(name)}[^\W\d_]+", re.I)
        word = next((m.group(0) for text in texts for m in pattern.finditer(text)
                     if capitalised or not m.group(0).islower()), None)
        term = evidence_terms(word)[0] if word and evidence_terms(word) else None
        if term is None or term in q.weights:
            continue
        weight = q.weights.pop(name)
        q.weights[term] = idf(term)
        q.total += q.weights[term] - weight
        if name in q.focus:
            q.focus = (q.focus - {name}) | {term}
            q.focus_total += q.weights[term] - weight


def _table_context(units, terms, index):
    """Terms of the header row of the table holding row `index` and of the sentence before the
    table when it ends in ":" ("The available integer presentation types are:")."""
    first = index
    paragraph = units[index].paragraph
    while first > 0 and units[first - 1].kind in ("table", "header") and units[first - 1].paragraph == paragraph:
        first -= 1
    out = set(terms[first]) if first < index else set()
    if first > 0 and units[first - 1].kind == "prose" and units[first - 1].text.endswith(":"):
        out.update(terms[first - 1])
    return out


def rank_evidence(question, hits, units_of, idf, tuning=DEFAULT_TUNING):
    """Candidate units of the passages `hits`, best first, as Evidence."""
    q = question_terms(question, idf, tuning)
    if not q.total or not hits:
        return []
    _complete_names(q, hits, units_of, idf)
    rarest = idf(None)
    q.unknown = frozenset(t for t in q.focus if idf(t) >= rarest)
    chosen, named, noted = _candidates(hits, units_of, tuning, q)
    if tuning.related_threshold:  # the candidates' texts are read only when a question word is unknown
        q.related = related_terms(question, q, (units_of(doc)[1][i].text for doc, i in chosen), idf,
                                  tuning.related_threshold)
    classes = {**status_classes(q.focus, idf), **negated_bases(question, q.focus, idf)}
    for term, joined in joined_words(question, q.focus, idf).items():  # "back up" / "## Backups"
        classes[term] = classes.get(term, frozenset()) | joined
    if classes:
        q.related = {**(q.related or {}), **classes}
    if q.related:
        q.synonyms = {**q.synonyms, **{t: q.weights[t] for t in q.related}}
    if tuning.unknown_word_weight != 1.0:
        _weigh_unknown_words(q, tuning.unknown_word_weight)
    lengths = [len(units_of(doc)[2][i]) for doc, i in chosen]
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    contexts, title_shares, layouts, out = {}, {}, {}, []
    for (doc_id, i), number in chosen.items():
        text, units, terms = units_of(doc_id)
        unit, title = units[i], hits[number - 1].title or ""
        if unit.kind == "code" and not q.how_to:
            continue  # a section's only command answers how to do what its heading says, nothing else
        key = (doc_id, unit.term, unit.heading, unit.outer)
        if key not in contexts:
            words = f"{_called(unit.term)} {unit.heading} {title} {_unabbreviated(unit.term)}"
            context = set(evidence_terms(words)) | _compounds(words)
            dating = _dating_heading(q, unit)
            if dating and dating != unit.heading:  # "### Added" under "## 3.0.0 - 2027-01-18": read under both
                context |= set(evidence_terms(dating))
            contexts[key] = (context, dating)
        if doc_id not in title_shares:
            title_shares[doc_id] = _title_share(title, q.topic_weights, idf) if tuning.topic_bonus else 0.0
        context, dating = contexts[key]
        if unit.kind == "table":  # a row reads under its table's header and the sentence introducing it
            context = context | _table_context(units, terms, i)
        asked = _asked_before(units, terms, i)
        if asked:
            context = context | asked
        if (doc_id, i) in noted:  # a note reads with the table row that points to it
            context = context | set(terms[noted[doc_id, i]])
        inherited = set()
        if points_back(units, i):  # "This means…", "This is for…" go on from the sentence before
            inherited = set(terms[i - 1]) - context - set(terms[i])
            context = context | inherited
        label = _line_label(text or "", units, i)
        if label:
            context = context | set(evidence_terms(label))
        score, coverage, via_context, typed, dated = score_unit(q, unit, terms[i], context, number, average,
                                                                title_shares[doc_id], tuning, (doc_id, i) in named,
                                                                dating)
        if not inherited.isdisjoint(q.focus) and q.focus.isdisjoint(terms[i]):  # "It also supports post-mortem
            score *= 1 - tuning.inherited_penalty  # debugging…": it names the topic only through the sentence before
        if doc_id not in layouts:
            layouts[doc_id] = _layout_of(units, terms)
        if i in layouts[doc_id].see_also:
            score *= 1 - tuning.see_also_penalty
        out.append(Evidence(number, doc_id, unit, score, coverage, i, via_context, typed, (doc_id, i) in named, dated))
    out.sort(key=lambda e: (-e.score, e.source, e.unit.start))
    return out


_NONE = frozenset()
_LONG_WORD = re.compile(r"[^\W\d_]{3,}")
_STATUS_CODE = re.compile(r"[1-5]\d\d")


def status_classes(terms, idf):
    """{status code among `terms`: {its class}} where the documents write the class ("Should I
    retry a 400?": "Requests that fail with a 4xx status will fail again")."""
    classes = {}
    for term in terms:
        if _STATUS_CODE.fullmatch(term) and idf(term[0] + "xx") < idf(None):
            classes[term] = frozenset({term[0] + "xx"})
    return classes


_UN_WORD = re.compile(r"\b[Uu]n([a-z]{3,})\b")


def negated_bases(question, focus, idf):
    """{term of an "un-" word the documents never use: {the term of the word it negates}} where they
    use that one ("Will an unused key stop working?": "A key that has not been used for 180 days…")."""
    rarest, found = idf(None), {}
    for match in _UN_WORD.finditer(question):
        negated, base = evidence_terms(match.group(0)), evidence_terms(match.group(1))
        if len(negated) == 1 and len(base) == 1 and negated[0] in focus and idf(negated[0]) >= rarest > idf(base[0]):
            found[negated[0]] = frozenset(base)
    return found


def _weigh_unknown_words(q, factor):
    """The question's words that no document uses, that no word of the candidates comes near in
    meaning (q.related) and that no synonym stands for, weigh `factor` times as much (in place)."""
    related = q.related or {}
    for term in [t for t in q.unknown if t.isalpha() and t not in SYNONYMS and t not in related
                 and t not in q.type_terms]:
        extra = q.weights[term] * (factor - 1)
        q.weights[term] += extra
        q.total += extra
        q.focus_total += extra


def joined_words(question, focus, idf):
    """{focus term: {the term of it and the next word written as one}} where the documents use that
    word ("back up": "backup", "log in": "login", "set up": "setup")."""
    rarest, out = idf(None), {}
    words = re.findall(r"[A-Za-z]+", question)
    for first, second in zip(words, words[1:]):
        head, whole = evidence_terms(first), evidence_terms(first + second)
        if len(head) == 1 and head[0] in focus and len(whole) == 1 and idf(whole[0]) < rarest:
            out.setdefault(head[0], set()).add(whole[0])
    return {term: frozenset(joined) for term, joined in out.items()}


_NOT_NAME_PARTS = frozenset("i my me you your we our it its a an the is are am be do does did can".split())


def called_names(question, idf, passages_about):
    """Two words of the question, in its order but not always side by side, that the documents
    write as one function's name: "swapcase" for "How do I swap upper and lower case?",
    "fromkeys" for "… a dict from a list of keys", "watchFile" for "How do I watch a file?".
    A name counts only where a passage about it writes it as a call ("swapcase(", via
    `passages_about(word)`), so "my class" is not "myclass" and "for the" is not "forthe"."""
    words = list(dict.fromkeys(w.lower() for w in re.findall(r"[A-Za-z]+", question)))
    rarest, found = idf(None), []
    for i, first in enumerate(words):
        for second in words[i + 1:]:
            name = first + second
            if first in _NOT_NAME_PARTS or second in _NOT_NAME_PARTS or len(name) < 6 or name in words:
                continue
            terms = analyze(name)
            if len(terms) == 1 and idf(terms[0]) < rarest and name not in found:
                call = re.compile(rf"(?<!\w){name}\(", re.I)
                if any(call.search(text) for text in passages_about(name)):
                    found.append(name)
    return found


def related_terms(question, q, texts, idf, threshold):
    """{question term the documents never use: the terms of words in `texts` close to it in the
    shipped static vectors' meaning} ("beer" / "Alcohol is not reimbursed", "backpack" / "Bags larger
    than…"); {} without the vectors. `texts` is read only when a question word is unknown."""
    from .meaning import cosine, shipped_vectors

    rarest = idf(None)
    asked = {}
    for match in _LONG_WORD.finditer(question):
        word = match.group(0)
        if word[0].isupper() and question[:match.start()].strip():
            continue  # a name ("France", "Everest"): no other word stands for it
        terms = evidence_terms(word)
        if (len(terms) == 1 and terms[0] in q.focus and idf(terms[0]) >= rarest and terms[0] not in SYNONYMS
                and terms[0] not in q.type_terms):  # "What number do I call?": a value answers it, not "eight"
            asked.setdefault(terms[0], word.lower())
    vectors = shipped_vectors() if asked else None
    if vectors is None:
        return {}
    candidates = []  # (term, vector) of each word of the texts that is one term
    for other in {w.lower() for text in texts for w in _LONG_WORD.findall(text)}:
        terms = evidence_terms(other)
        if len(terms) == 1:
            candidates.append((terms[0], vectors.vector(other)))
    near = {}
    for term, word in asked.items():
        target = vectors.vector(word)
        found = frozenset(other for other, vector in candidates if other != term and cosine(target, vector) >= threshold)
        if found:
            near[term] = found
    return near


def similar_coverage(question, evidence, similarity, tuning=DEFAULT_TUNING):
    """Let units that say what the question asks in other words count as covering it ("chop a
    prefix off a string" / "If the string starts with the *prefix* string, return…"):
    `similarity` is a meaning.SentenceSimilarity. Changes the coverage of `evidence` in place."""
    weak = [e for e in evidence if similarity.least_coverage <= e.coverage < tuning.similar_coverage]
    weak = weak[:tuning.similar_depth]
    if not weak:
        return
    for item, cosine in zip(weak, similarity(question, [e.unit.text for e in weak])):
        if cosine >= similarity.threshold:
            item.coverage = tuning.similar_coverage


def distinct(evidence):
    """`evidence` without repeats of a sentence already in it (pages that repeat a section, as
    pydoc's "specialnames" repeats "attribute-access": the model would read it twice)."""
    seen, out = set(), []
    for item in evidence:
        key = " ".join(item.unit.text.split())
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _title_share(title, weights, idf):
    """How much of a document's title the question names (idf-weighted): 1.0 for the page
    "The return statement" and the question "What does the return statement do?"."""
    terms = set(evidence_terms(title or "")) - SCAFFOLD
    total = sum(idf(t) or idf(None) for t in terms)
    return sum(idf(t) or idf(None) for t in terms if t in weights) / total if total else 0.0


WIDEN_LIMIT = 1000  # a quoted unit farther than this from its passage replaces the passage's span


def widen_sources(hits, quoted, units_of):
    """`hits` with each cited passage widened over the units quoted from it.
    quoted: (source number, doc_id, Unit) triples."""
    by_source = {}
    for number, doc_id, unit in quoted:
        by_source.setdefault((number, doc_id), []).append(unit)
    sources = list(hits)
    for (number, doc_id), units in by_source.items():
        sources[number - 1] = widen_hit(sources[number - 1], units, units_of(doc_id)[0])
    return sources


def widen_hit(hit, units, text):
    """A copy of `hit` whose span also covers every unit in `units` (so the cited passage holds
    the quoted sentences); when they lie far from the passage, the span becomes theirs alone."""
    start, end = min(u.start for u in units), max(u.end for u in units)
    if start >= hit.start and end <= hit.end:
        return hit
    if start - hit.end <= WIDEN_LIMIT and hit.start - end <= WIDEN_LIMIT:
        start, end = min(hit.start, start), max(hit.end, end)
    return replace(hit, start=start, end=end, text=text[start:end])
