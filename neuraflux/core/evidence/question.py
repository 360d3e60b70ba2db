"""How the evidence ranker reads a question (QuestionTerms): the weight of each word (scaffolding
down, names no document uses up), what it is about, the code, expressions and keywords it writes as
documents quote them, and the form of answer it asks for."""
import re
from dataclasses import dataclass, field

from ..answer_types import ASKER_YES_NO, HOW_TO, answered_words, question_type_span
from ..retrieval.analyzer import KEYWORD_STOP_WORDS, OPERATORS, STOP_WORDS, analyze
from ..retrieval.lemmas import ABBREVIATED, SYNONYMS, base_terms, family_words, synonym_words
from .terms import STAR_PARAMETER, code_literals, described_name, evidence_terms, numbered_pairs
from .tuning import DEFAULT_TUNING

# Question words that say what kind of answer is wanted, not what it is about (analyzed forms).
# Light verbs and filler adverbs carry no topic even in a search query ("How do I get the type…",
# "What can I actually do with…").
LIGHT_WORDS = frozenset(analyze("write put give take want go come get bring say expected supposed decide actually really "
                                "basically simply ever probably possibly also several various "
                                "somehow anyway anything something"))
_WRITE_TERMS = frozenset(analyze("write"))  # frames "How do I write a hex number?" (its syntax) only: "Can I write to…"
SCAFFOLD = frozenset(analyze(" ".join("""
what does do is are mean means meaning use used using usage work works happen happens
way ways explain describe purpose kind kinds thing things example need needs good
happen role tell show know one defined define definition called call difference different between check like inside within
""".split())) + ["whi", "how", "what", "when", "where", "why", "which"]) | (LIGHT_WORDS - _WRITE_TERMS)
# verbs of "How do I <verb> a <noun>?" that only set going the action their noun names ("start a
# return", "file a claim", "make a complaint"): the noun says what the question is about
STARTING_VERBS = frozenset(evidence_terms("start begin initiate make file lodge raise submit place open request"))
_NOT_NAMES = frozenset("""
a an the what does do is are how which who when where why of in on to for with by it i my me can
""".split())
# The way a question asks and the way a sentence answering it is worded, whatever its words:
# (question pattern, unit pattern, the Tuning bonus a unit matching the second gets when the question matches the first)
ANSWER_FORMS = (
    # a case stated in the negative ("… when I give it no separator?", "… if the substring is missing?"):
    # "If *sep* is not specified…", "Return -1 if *sub* is not found.", "… select non-matching lines" (not
    # Python's "None")
    (re.compile(r"\b(?:not|no|never|without|missing)\b|n't\b", re.I),
     re.compile(r"\b(?:not|no|never|without|cannot|unless)\b|n't\b|\bnon-(?=\w)", re.I), "negated_bonus"),
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
    # what something is for ("What is a slice object for?", "What is the purpose of X?"): "Slice objects are
    # used to represent slices…", "… is intended for…", "… allow us to…", "… provides a way…"
    (re.compile(r"^\s*what\s+(?:is|are|was|were)\s+\S.*?\s(?:(?:used|good|meant|intended|needed)\s+)?for\s*\?*\s*$|"
                r"^\s*what(?:'s|\s+is)\s+the\s+(?:purpose|point|use)\s+of\b", re.I),
     re.compile(r"\b(?:used\s+(?:to|for|by|in)|(?:intended|meant|designed)\s+(?:to|for)|allows?|lets?|enables?|"
                r"provides?\s+(?:a\s+|an\s+)?(?:way|means|mechanism)|serves?\s+(?:to|as)|purpose|convenient\s+way)\b"
                r"|^called\s+to\b", re.I), "use_bonus"),
    # how often ("How often is the filter changed?"): "every six months", "twice a year", "weekly"
    (re.compile(r"\bhow\s+often\b", re.I),
     re.compile(r"\b(?:every|each|daily|weekly|monthly|yearly|annually|once|twice|times\s+a|"
                r"per\s+(?:day|week|month|year))\b", re.I), "frequency_bonus"),
)
_ASKS_VERSION = re.compile(r"\b(?:version|release)s?\b", re.I)
VERSION_NUMBER = re.compile(r"(?<![\w.])v?\d+\.\d+(?:\.\d+)*\b")
_RELEASED = r"(?:was\s+|is\s+|got\s+)?(?:released|release|come\s+out|came\s+out|out)\b"  # "… 2.4 came out"
# a name with a version ("Python 3.9", "Django 4.2"): what the release asked about depends on, not the release
_DEPENDENCY = re.compile(r"\b(?!(?:[Vv]ersion|[Rr]elease|v|Does|Do|Did|Is|Are|Was|Were|Can|Will|Which|What|When|How|"
                         r"In|On|From|Since|After|Before|Until|With)\b)([A-Z][\w+#-]*)\s+v?\d+\.\d+(?:\.\d+)*\b"
                         rf"(?!\s+{_RELEASED})")
# the version a question asks about as a release ("version 3.0", "2.4 came out"), not a dependency's ("Python 3.9")
_RELEASE_VERSION = re.compile(r"\b(?:version|release|v)\s*(\d+\.\d+(?:\.\d+)*)\b|(?<![\w.])v?(\d+\.\d+(?:\.\d+)*)\s+"
                              + _RELEASED, re.I)
# "What is X", "What does X do", "How long is X", "How is X computed": units that start with X answer them
FOCUS_FORMS = re.compile(r"^\s*(?:(?:what|who)\s+(?:is|are|was|were|does|do)|"
                         r"how\s+(?:long|often|much|many|big|old|far|heavy)\s+(?:is|are|was|were)|"
                         r"how\s+(?:is|are)\s+(?!it\b|this\b|that\b|there\b|they\b))\b", re.I)
_QUESTION_NAME = re.compile(r"\w+")


def focus_words(question):
    """The words of `question` that say what it is about: not stop words, not scaffolding
    ("What does str.strip return?" -> ["str.strip", "return"])."""
    words = re.findall(r"[\w.()*@'-]+", without_placeholders(question))
    return [w for w in words if any(t not in SCAFFOLD for t in evidence_terms(w))]


_BARE_CALL = re.compile(r"[a-z]\w*\(")


def question_names(question):
    """Words and code names of a question that could name a term ("str.lower" -> "lower"), as
    written and in lower case (a question starts with a capital), but a command's option as written
    ("ls -S" is not "-s"), and the special method a built-in's call names ("len()": "__len__"). A
    single letter names something only written on its own ("the e presentation type"), not as an
    operand ("x[-1]": not the "x in s" row)."""
    alone = {w.strip("?!.,;:\"'`") for w in question.split()}
    words = {w for w in _QUESTION_NAME.findall(question) if len(w) > 1 or w in alone} | alone
    words |= {code.split("(")[0].rsplit(".", 1)[-1] for code in code_literals(question)}
    # a built-in called on an object ("len()", "str(obj)") names the special method it calls: "__len__", "__str__"
    words |= {f"__{code.split('(')[0]}__" for code in code_literals(question) if _BARE_CALL.match(code)}
    return words | {w.lower() for w in words if not w.startswith("-")}


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


# "__call__", "__len__": a special method's name, whose analyzed term ("call", "len") is a common word
_SPECIAL_NAME = re.compile(r"(?<![\w.])__[a-z][a-z0-9]*(?:_[a-z0-9]+)*__(?!\w)")


def special_names(question):
    """The special methods `question` names ("When is __call__ used?": ["__call__"]), which a
    search for their terms ("call") finds everywhere."""
    return _SPECIAL_NAME.findall(question)


_SUBJECT = r"(?:(?:an?|the)\s+)?([a-z][a-z-]{2,}(?:\s+[a-z][a-z-]{2,})?)"  # "a tuple", "code block": one or two words
# "What is a tuple?", "What are modules?" (not "What is the difference?"): the verb and what it asks about
_DEFINITION_ASKED = re.compile(r"^\s*what\s+(is|are)\s+(?!the\s+(?:difference|use|point|purpose|meaning|result|type|"
                               r"value|default|name)\b)" + _SUBJECT + r"\s*\?*\s*$", re.I)


def defining_phrases(question):
    """How a document opens the definition that "What is a module?" asks for: "A module is",
    "Modules are" (searched for verbatim where no retrieved passage writes them)."""
    asked = _DEFINITION_ASKED.match(question)
    if not asked:
        return []
    verb, subject = asked.group(1).lower(), asked.group(2).lower()
    if verb == "are":
        return [f"{subject.capitalize()} are"]
    article = "An" if subject[0] in "aeiou" else "A"
    return [f"{article} {subject} is", f"{plural(subject).capitalize()} are"]


# "What does the pass statement do?", "What does a call expression do?": what its subject does
_DOING_ASKED = re.compile(r"^\s*what\s+does\s+" + _SUBJECT + r"(?:\s+\w+ly)?\s+do\s*\?*\s*$", re.I)  # "… actually do?"


def doing_subject(question):
    """The terms of what "What does the pass statement do?" asks about ({"pass", "statement"}), whose
    definition opens by saying what it does ('The "pass" statement is a null operation', "A call
    calls a callable object"); an empty set for other questions."""
    asked = _DOING_ASKED.match(question)
    return frozenset(evidence_terms(asked.group(1))) if asked else frozenset()


# "What is the difference between a list and a tuple?": the two things it sets side by side
_DIFFERENCE_ASKED = re.compile(r"^\s*what(?:'s|\s+is|\s+are)\s+the\s+differences?\s+between\s+" + _SUBJECT
                               + r"\s+and\s+" + _SUBJECT + r"\s*\?*\s*$", re.I)
# "How is a tuple different from a list?", "How does a bytearray differ from bytes?": the same
_DIFFERENT_FROM = re.compile(r"^\s*how\s+(?:is|are|does|do)\s+" + _SUBJECT + r"\s+(?:different|differs?)\s+from\s+"
                             + _SUBJECT + r"\s*\?*\s*$", re.I)
_DIFFERENT_FROM_TERMS = frozenset(evidence_terms("differ from"))


def compared_subjects(question):
    """The terms of each of the two things "What is the difference between X and Y?" (or "How is
    X different from Y?") asks about ([{"list"}, {"tupl"}]): a sentence saying what either one is
    answers it ("Lists are mutable sequences…", "Tuples are immutable sequences…"); [] for other
    questions."""
    asked = _DIFFERENCE_ASKED.match(question) or _DIFFERENT_FROM.match(question)
    subjects = [frozenset(evidence_terms(asked.group(n))) for n in (1, 2)] if asked else []
    return [terms for terms in subjects if terms]


def plural(words):
    """The regular English plural of the last of `words` ("class": "classes", "dictionary": "dictionaries")."""
    if re.search(r"(?:s|x|z|ch|sh)$", words):
        return words + "es"
    if re.search(r"[^aeiou]y$", words):
        return words[:-1] + "ies"
    return words + "s"


def quoted_keywords(question):
    """The keywords that are English function words which the question names with what they are
    ("the with statement", "a for loop") as documents quote them ('The "with" statement'): the
    word alone is on every page."""
    return [f"{quote}{word.lower()}{quote} {noun.lower()}" for word, noun in _KEYWORD_NAMED.findall(question)
            for quote in ('"', "`")]


_KEYWORD_NOUNS = "operator|statement|keyword|clause|expression|loop|block"  # what a keyword is called


def _alternation(words):
    """A regex alternation of `words`, the longest first ("is not" before "is")."""
    return "|".join(sorted(words, key=len, reverse=True))


def _beside_ellipsis(alternatives):
    """A pattern for a keyword of `alternatives` on either side of an ellipsis: the "as" of
    "import ... as", the "with" of "with … as", which name the statement's parts as code."""
    return rf"(?:\.\.\.|…)\s*({alternatives})\b|\b({alternatives})\s*(?:\.\.\.|…)"


def _naming(words):
    """A pattern for the keywords `words` named as code (see named_keywords)."""
    alternatives = _alternation(words)
    return re.compile(
        rf"[`'\"]({alternatives})[`'\"]|\b({alternatives})\s+(?:{_KEYWORD_NOUNS})s?\b|"
        rf"{_beside_ellipsis(alternatives)}|"
        rf"^\s*what\s+(?:does|do|did)\s+((?:{alternatives})(?:\s*,\s*|\s+(?:{alternatives})\b|\s+)*?)"
        r"\s*\b(?:do|return|returns|mean|yield|yields|evaluate|produce)\W*$|"
        rf"^\s*(?:what|how)\s+(?:does|do|did)\s+({alternatives})\s+(?:work|give|return|check|compare|test)s?\b", re.I)


_OPERATOR_WORDS = ("and", "or", "not", "is", "in")  # the operators that are English function words, on nearly every page
_NAMED_OPERATOR, _NAMED_KEYWORD = _naming(_OPERATOR_WORDS), _naming(KEYWORD_STOP_WORDS)
_ELLIPSIS_KEYWORD = re.compile(_beside_ellipsis(_alternation(KEYWORD_STOP_WORDS)), re.I)
_KEYWORD_NAMED = re.compile(rf"\b({_alternation(KEYWORD_STOP_WORDS)})\s+({_KEYWORD_NOUNS})s?\b", re.I)


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


def named_operator_quotes(question):
    """The operators and/or/not/is/in that the question names, quoted as documents quote them
    ('"is"', "`is`"): searched for among the passages its other words find, where no passage
    writes them as the question does ('"is" operator': rag.written_hits)."""
    return [f"{quote}{word}{quote}" for word in sorted(named_keywords(question)) for quote in ('"', "`")]


# a symbol the question names as a thing of its own kind, not as an operator (quoted_operators):
# "the # option", "the ... object", "a / in a parameter list"
_SYMBOL_NAMED = re.compile(r"\b(?:the|an?)\s+([^\w\s\"'`?,;]{1,3})\s+(?!operators?\b)[a-z]", re.I)


# a conversion or format code written bare: "What does !r do in an f-string?", "What does %d print?"
_FORMAT_CODE = re.compile(r"(?<!\S)([!%][a-zA-Z]{1,2})(?=[\s?!.,;:]|$)")


def named_symbols(question):
    """The symbols `question` names as things of their own ("What does the # option do?": "#"; the
    codes "!r", "%d"), not operators, which are search terms already ("the < comparison", "a ** mapping")."""
    found = _SYMBOL_NAMED.findall(question) + _FORMAT_CODE.findall(question)
    return [symbol for symbol in dict.fromkeys(found) if symbol not in OPERATORS]


def symbol_quotes(symbols):
    """`symbols` quoted as documents quote them ('"#"', "'#'", "`#`"): no search term finds a bare "#"."""
    return [f"{quote}{symbol}{quote}" for symbol in symbols for quote in ('"', "'", "`")]


def named_symbol_quotes(question):
    """The symbols `question` names as things of their own, quoted as documents quote them."""
    return symbol_quotes(named_symbols(question))


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


_INVERTED = re.compile(r"(?<![\w~])~(?=[\w(])")  # "~x": the operator, which the analyzer reads only set apart


def question_weights(question, idf, tuning=DEFAULT_TUNING, scaffold=None):
    """{analyzed term: weight}: idf, scaffolding down-weighted; repeated terms counted once.
    A term the documents never use weighs as much as the rarest one (`idf(None)`): it is
    what the question is about, and nothing can cover it; a capitalised name inside the question
    that they never use weighs `unknown_name_weight` times that, so the answer abstains: the
    documents are not about it."""
    weights = {}
    rarest = idf(None)
    written = analyze(_INVERTED.sub("~ ", question))
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
    scaffold = SCAFFOLD | ANY_QUANTITY if _HOW_QUANTITY.search(question) else SCAFFOLD
    if _NUMBER_OF.search(question):  # "… change the number of parallel jobs?": the jobs are the topic
        scaffold = scaffold | _NUMBER_OF_TERMS
    if not _NAMING_CALL.search(question):
        scaffold = scaffold - _CALL_TERMS
    if _HOW_WRITE.search(question):
        scaffold = scaffold | _WRITE_TERMS
    if _COUNTS_AS.search(question):  # "Who counts as a concession?": what a concession is
        scaffold = scaffold | _COUNTS_AS_TERMS
    if _DIFFERENT_FROM.match(question):  # "How is X different from Y?": X and Y are what it is about
        scaffold = scaffold | _DIFFERENT_FROM_TERMS
    topic = {t for word in _COMPOUND.findall(question) for t in evidence_terms(word)}
    topic.update(evidence_terms(" ".join(_OBJECT_ASKED.findall(question))))
    topic.update(t for literal in code_literals(question) for t in evidence_terms(literal))  # "dict.get", "pdb's c(ontinue)"
    operands = {t for match in _OPERAND_NUMBERS.finditer(question) for t in analyze(match.group(0)) if t.isdigit()}
    scaffold = scaffold | operands if operands else scaffold  # "What is 7 // 2?": any numbers would do
    return scaffold - topic if topic else scaffold


def topic_terms(question):
    """The question's terms beyond its scaffold."""
    return set(evidence_terms(question)) - question_scaffold(question)


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
    numbered: dict = field(default_factory=dict)  # (word, number) of an item it names -> ordinal ("the second step")
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
    star_parameters: tuple = ()  # (stars, name) of the starred parameters it writes ("**kwargs": ("**", "kwargs"))
    symbols: dict = field(default_factory=dict)  # symbol it names as a thing of its own ("the # option": "#") ->
    # its quoted forms ('"#"', "`#`"…); weighed as a term, which a unit quoting it says
    defining: bool = False  # "What is a tuple?": a definition ("Tuples are immutable sequences…")
    compared: tuple = ()  # "What is the difference between X and Y?": the terms of X and of Y (compared_subjects)
    doing: frozenset = frozenset()  # "What does the pass statement do?": the terms of its subject (doing_subject)
    words: frozenset = None  # its words of letters in lower case (lower_words), as it writes them
    acronym: str = ""  # "What does Click stand for?": "click", which the initials of the answer's words spell
    dependencies: tuple = ()  # names it writes a version after, not as a release ("Python" of "… Python 3.9?")
    task: object = None  # "How do I get the integer digest?": a pattern of "get the integer digest" (task_phrase)
    numbers: tuple = ()  # the numbers it writes ("How do I pick 5 random lines?": "5")

    @property
    def topic_weights(self):
        """The weights without the verb asked of the subject: a page titled "The return
        statement" is not what "What does or return?" asks about."""
        return {t: w for t, w in self.weights.items() if t not in self.asked_verb}


def question_terms(question, idf, tuning=DEFAULT_TUNING):
    scaffold = question_scaffold(question)
    weights = question_weights(question, idf, tuning, scaffold)
    symbols = named_symbols(question)
    for symbol in symbols:  # "the # option": a term no analyzed word is
        weights[symbol] = idf(None)
    keywords = named_keywords(question)
    coded = keywords | named_keywords(question, _ELLIPSIS_KEYWORD)  # and the "as" of "import ... as", found quoted
    # and/or/not/is/in say what the question is about only where it names them as code
    focus = {t for t in weights if t not in scaffold and (t not in _OPERATOR_WORDS or t in keywords)}
    wanted, asking = question_type_span(question)
    wants_version = wanted == "number" and bool(_ASKS_VERSION.search(asking))
    asked = f"{asking.split()[-1] if asking else ''} {answered_words('version' if wants_version else wanted)}"
    return QuestionTerms(
        weights, sum(weights.values()), focus, sum(weights[t] for t in focus), bool(FOCUS_FORMS.match(question)),
        wanted, set(evidence_terms(asked)) & set(weights),
        {t: w for t, w in weights.items() if t in SYNONYMS} if tuning.synonym_weight else {},
        code_literals(question) + expression_literals(question) + symbol_quotes(symbols) if tuning.code_bonus else [],
        question_names(question) - (_NOT_NAMES - kind_named(question)) if tuning.defines_bonus else set(),
        wants_version, bool(HOW_TO.match(question)), _asked_verb(question, focus),
        keyword_code(coded) if coded and tuning.code_bonus else None, _numbered(question, focus),
        bool(_HOW_MANY.search(question)), tuple(VERSION_NUMBER.findall(question)),
        tuple(a or b for a, b in _RELEASE_VERSION.findall(question)), measures=number_measures(question),
        asker_yes_no=bool(ASKER_YES_NO.match(question)), verb=how_to_verb(question),
        written=tuple(written_expressions(question)), counted=_counted(question),
        forms=tuple((unit_form, bonus) for asked, unit_form, bonus in ANSWER_FORMS if asked.search(question)),
        defining=bool(defining_phrases(question)), compared=tuple(compared_subjects(question)),
        doing=doing_subject(question),
        words=frozenset(lower_words(question)),
        star_parameters=tuple(STAR_PARAMETER.findall(question)), acronym=acronym_asked(question),
        dependencies=tuple(_DEPENDENCY.findall(question)), task=task_phrase(question),
        numbers=tuple(t for t in weights if t.isdigit()),
        symbols={symbol: symbol_quotes((symbol,)) for symbol in symbols})


def how_to_verb(question):
    """The term of the verb "How do I…?" asks about ("give" of "How do I give the band a name?"), or ""."""
    match = _HOW_TO_VERB.match(question)
    terms = base_terms(analyze(match.group(1))) if match else []
    return terms[0] if len(terms) == 1 else ""


_COUNTED = re.compile(r"\bhow\s+many\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?", re.I)
NOT_COUNTED = frozenset("can could do does did are is was were will would should must may might have has i you we "
                        "they it there of in on at for to by per a an the".split())


def _counted(question):
    """The term of the noun "How many…?" counts ("storm cards": "card"), or ""."""
    match = _COUNTED.search(question)
    words = []
    for word in (match.groups() if match else ()):
        if not word or word.lower() in NOT_COUNTED:
            break
        words.append(word)
    terms = base_terms(analyze(words[-1])) if words else []
    return terms[0] if len(terms) == 1 else ""


def _numbered(question, focus):
    """{(word, number): ordinal term or ""} of the items the question names by number ("When is
    assignment 4 due?": ('assign', '4'); "What is the second step?": ('step', '2'), "second"):
    the number names that word's item, which the unit must write too (numbered_pairs)."""
    return {pair: ordinal for pair, ordinal in numbered_pairs(base_terms(analyze(question))).items()
            if pair[0] in focus}


_WHAT_DOES_X_VERB = re.compile(r"^\s*what\s+(?:does|do|did|can|will|should|must)\s+\S.*?\s+([a-z]+)\W*$", re.I)


def _asked_verb(question, focus):
    """{the verb's term} of "What does X <verb>?" when other focus terms remain (X): the
    description under the term X answers what X receives, returns or intercepts."""
    match = _WHAT_DOES_X_VERB.match(question)
    verb = set(evidence_terms(match.group(1))) & focus if match else set()
    return frozenset(verb) if verb and focus - verb else frozenset()


def measure_word(word):
    """The word written after a number as a measure ("kg", "%"), or "" when it is none ("people")."""
    word = (word or "").lower()
    return word if word in MEASURE_UNITS else ""


def number_measures(question):
    """{number the question writes: the measure written after it ("kg", "%") or ""}."""
    out = {}
    for number, word in re.findall(r"(\d+)(?:[\d.,]*\d)?\s*(%|[a-zA-Z]+)?", question):
        out.setdefault(number, measure_word(word))
    return out


_HOW_MANY = re.compile(r"\bhow\s+many\b", re.I)
MEASURE_UNITS = frozenset("""% ° km kilometre kilometres kilometer kilometers mi mile miles m metre metres meter meters
cm mm ft feet inch inches kg kilo kilos g gram grams lb lbs pound pounds oz b kb mb gb tb byte bytes kib mib gib
mph kph km/h kmh hz khz mhz ghz w kw kwh v percent degrees""".split())

ANY_QUANTITY = frozenset(analyze("many much"))  # "How many…?" names no quantity of its own, as "heavy" does
_NUMBER_TERMS = frozenset(analyze("one two three four five six seven eight nine ten twice once"))
_RELATIVE = re.compile(r"\b(?:my|our|his|her|their)\s+(?:\w+\s+)?(son|daughter|child|children|kid|kids|baby|mum|mom|"
                       r"mother|dad|father|parents?|husband|wife|partner|brother|sister|friend|friends|grandma|grandpa|"
                       r"grandmother|grandfather)\b(?!['\u2019])", re.I)  # not "my kids' internet": theirs is the topic
# "the pass keyword", "the export command", "the len() function": the noun after a name says
# what kind of thing the name is; documents write the name ("pass" is a null operation)
_NAMED_KIND = re.compile(r"\bthe\s+[`'\"]?([\w.()-]+)[`'\"]?\s+(keyword|command|subcommand|flag|"
                         r"function|method|option|builtin|built-in)s?\b", re.I)

# "What does a while loop do?": the while statement, which its page never calls a loop
_LOOP_NAMED = re.compile(r"\b(?:a|an|the)\s+(?:for|while)\s+(loop)s?\b", re.I)
_LOOP_TERMS = frozenset(analyze("loop"))


def kind_named(question):
    """The names that `question` says the kind of ("the where command": "where"), in lower case:
    names even where they are English question or function words."""
    return {name.lower() for name, _ in _NAMED_KIND.findall(question)}


def _named_kinds(question):
    """The terms of the kind nouns that follow a name in `question` (see _NAMED_KIND), and the
    "loop" of a for or while loop that "What is…"/"What does… do" asks about."""
    kinds = {t for _, kind in _NAMED_KIND.findall(question) for t in analyze(kind)}
    if FOCUS_FORMS.match(question) and _LOOP_NAMED.search(question):
        kinds |= _LOOP_TERMS
    return kinds


_CAPPED_TERMS = _NUMBER_TERMS | frozenset(analyze("someone somebody anyone anybody everyone everybody nobody else "
                                                  "every either several everything somewhere anywhere everywhere myself "
                                                  "yourself itself ourselves yourselves themselves people usually "
                                                  "normally "
                                                  "generally become make available others during until till "
                                                  "not cannot about "  # (and "don't", "isn't": analyzed as "not")
                                                  # the documents' subject named generically ("What formatter does
                                                  # the project use?" of a README that never says "project"), a
                                                  # part called new ("a new battery": "Replacement batteries…")
                                                  "project new"))

_HOW_TO_ASKED = r"^\s*how\s+(?:(?:do|can|could|should|would|may)\s+(?:i|we|you|one)|to)\s+"  # "How do I ", "How to "
_HOW_TO_VERB = re.compile(_HOW_TO_ASKED + r"([a-z]+)", re.I)
_TASK = re.compile(_HOW_TO_ASKED + r"([a-z][\w\s'-]*?)\s*\?*\s*$", re.I)
_ARTICLES = ("the", "a", "an", "my", "your", "its", "their", "this", "that")
_ARTICLE = r"(?:(?:" + "|".join(_ARTICLES) + r")\W+)?"
MIN_TASK_WORDS = 3  # the verb and two more words: "get the integer digest", not "install it"


def task_phrase(question):
    """A pattern of the task "How do I…?" asks about, its words in its order, articles as they
    come ("get the integer digest": "… is also provided to get the integer digest."), or None."""
    match = _TASK.match(question)
    words = [w for w in re.findall(r"[\w'-]+", match.group(1).lower()) if w not in _ARTICLES] if match else []
    if len(words) < MIN_TASK_WORDS:
        return None
    return re.compile(r"\b" + (r"\W+" + _ARTICLE).join(map(_either_number, words)) + r"\b", re.I)


def _either_number(word):
    """A pattern of `word` in the singular or the plural ("lines of a file": "number lines of files")."""
    if len(word) >= 4 and word.endswith("s") and not word.endswith("ss"):
        return re.escape(word[:-1]) + "s?"
    return re.escape(word) + "(?:e?s)?"


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


_STANDS_FOR = re.compile(r"^(?:what\s+(?:does|do|did)\s+(?:the\s+(?:name|acronym|abbreviation)\s+)?"
                         r"[\"'`]?(?P<name>[A-Za-z]{2,12})[\"'`]?\s+(?:stand\s+for|mean|abbreviate)"
                         r"|what\s+is\s+[\"'`]?(?P<short>[A-Za-z]{2,12})[\"'`]?\s+"
                         r"(?:short\s+for|an?\s+(?:acronym|abbreviation)\s+(?:of|for)))\s*\?*\s*$", re.I)
_CONNECTORS = frozenset("of and for the a an to in on with".split())  # "Department of Energy": DOE or DE


def acronym_asked(question):
    """The name a question asks the expansion of, in lower case ("click" of "What does Click stand
    for?", "gil" of "What is GIL short for?"), or ""."""
    match = _STANDS_FOR.match(question.strip())
    return (match.group("name") or match.group("short")).lower() if match else ""


def spells(acronym, text):
    """Whether capitalised words of `text` in a row, small connecting words aside, begin with the
    letters of `acronym` ('It's the "Command Line Interface Creation Kit".' spells "click")."""
    if acronym[0].upper() not in text:
        return False  # (most units, read for every "What does X mean?")
    words = re.findall(r"[A-Za-z][\w'’]*", text)  # "Command-Line": two words
    for start, first in enumerate(words):
        if first[0].lower() != acronym[0] or not first[0].isupper():
            continue
        letters = ""
        for word in words[start:]:
            if word[0].isupper():
                letters += word[0].lower()
            elif word.lower() not in _CONNECTORS:
                break
            if not acronym.startswith(letters) or letters == acronym:
                break
        if letters == acronym:
            return True
    return False


def lower_words(question):
    """The question's words of letters, in lower case, each once, in their order."""
    return list(dict.fromkeys(w.lower() for w in re.findall(r"[A-Za-z]+", question)))


def name_parts(term, words):
    """The two of `words`, in their order, that the name of a signature `term` joins: ("swap",
    "case") for "str.swapcase()" and the words of "How do I swap upper and lower case?"; else the
    one it writes after a letter saying from which side ("strip" for "str.rstrip()"); empty if none."""
    name = described_name(term).rstrip("()").lower()
    if len(name) < 6:
        return ()
    for i, first in enumerate(words):
        rest = name[len(first):]
        if name.startswith(first) and rest and any(_shortens(rest, word) for word in words[i + 1:]):
            return first, next(word for word in words[i + 1:] if _shortens(rest, word))
    # "strip … from the right": str.rstrip(), the word after a letter saying from which side
    return tuple(word for word in words if len(word) >= MIN_PREFIXED_WORD and name.endswith(word)
                 and name[:-len(word)] in NAME_PREFIXES)[:1]


NAME_PREFIXES = ("r", "l")  # the letter a name puts before a word ("rstrip"): from the right, from the left
MIN_PREFIXED_WORD = 4  # … a word of at least this many letters ("strip", not "ace" of "race")
SHORTENED_LEAST, SHORTENED_MOST = 3, 5  # letters a word's written-short form keeps ("attr" of "attribute" in "setattr")


def _shortens(part, word):
    """Whether a name's `part` is `word` or the start of it, as names shorten a long word
    ("attr" for "attribute")."""
    return part == word or (len(part) >= SHORTENED_LEAST and len(word) >= 2 * SHORTENED_LEAST and word.startswith(part))


_NAMING = r"(?:function|built-?in|builtin|method|command|utility|program|tool)"
# "the built-in any", "the all function", "the which command", "What does any return?", '"any"', "`all`":
# a stop word named as a thing (each form's own group)
_NAMED_STOP_WORD = re.compile(rf"""\bthe\s+(?:built-?in|builtin)\s+(?:function\s+)?(?P<after>[a-z]+)\b(?!\()
                                  |\bthe\s+(?P<before>[a-z]+)\s+{_NAMING}\b
                                  |\bwhat\s+(?:does|do|did|will|would)\s+(?P<asked>[a-z]+)\s+(?:return|do|mean)\b
                                  |["'`\u201c\u2018](?P<quoted>[a-z]+)["'`\u201d\u2019]""", re.I | re.X)


def stop_word_names(question, idf):
    """The stop words the question names as a function, command or quoted word, written as calls
    so that the analyzer keeps them ("any()" for "What does the built-in any do?" or "What does any
    return…", "which()" for "the which command"), where the documents write them as names (`idf` of
    the term is below that of an unknown term): "the same function" stays as it is."""
    rarest, names = idf(None), []
    for match in _NAMED_STOP_WORD.finditer(question):
        name = next(word for word in match.groups() if word).lower() + "()"
        terms = analyze(name)  # "ani" for "any()"
        if name[:-2] in STOP_WORDS and len(terms) == 1 and idf(terms[0]) < rarest and name not in names:
            names.append(name)
    return names


def called_names(question, idf, passages_about):
    """Two words of the question, in its order but not always side by side, that the documents
    write as one function's name: "swapcase" for "How do I swap upper and lower case?",
    "fromkeys" for "… a dict from a list of keys", "watchFile" for "How do I watch a file?"; the
    second word perhaps shortened ("setattr" for "How do I set an attribute?"), the first perhaps
    in other words ("delattr" for "How do I remove an attribute?"); or one word after a letter
    saying from which side ("rstrip", "lstrip" for "How do I strip spaces from the right?"). A name
    counts only where a passage about it writes it as a call ("swapcase(", via
    `passages_about(word)`), so "my class" is not "myclass" and "for the" is not "forthe"."""
    words = [w for w in lower_words(question) if w not in _NOT_NAME_PARTS]
    rarest, found, known = idf(None), [], {}

    def used(name):  # whether the documents use `name` as a word (looked up once a question)
        if name not in known:
            terms = analyze(name)
            known[name] = len(terms) == 1 and idf(terms[0]) < rarest
        return known[name]

    def new_call(name):  # … not yet found, and a passage about it writes it as a call
        if name in words or name in found or not used(name):
            return False
        call = re.compile(rf"(?<!\w){name}\(", re.I)
        return any(call.search(text) for text in passages_about(name))

    starts = {word: _first_parts(word) for word in words}
    for i, first in enumerate(words):
        for second in words[i + 1:]:
            for name in (n for start in starts[first] for n in _joined_names(start, second)):
                if new_call(name):
                    found.append(name)
                    break
    for word in (w for w in words if len(w) >= MIN_PREFIXED_WORD):  # "strip … from the right": "rstrip"
        found += [name for name in (prefix + word for prefix in NAME_PREFIXES) if new_call(name)]
    return found


def _first_parts(word):
    """`word`, then the words for it in other words and their short forms ("remove": "delete", "del"),
    as a name may say it ("How do I remove an attribute?": delattr)."""
    others = synonym_words(base_terms(analyze(word)))
    return [word, *others, *family_words([t for w in others for t in analyze(w)])]


def _joined_names(first, second):
    """The names a function called for `first` `second` may have: the two words written as one,
    then with the second shortened to its first letters, as names shorten words ("setattribute",
    then "setattri", "setattr", "setatt")."""
    names = [first + second]
    if len(second) >= 2 * SHORTENED_LEAST:
        names += [first + second[:end] for end in range(min(len(second) - 1, SHORTENED_MOST), SHORTENED_LEAST - 1, -1)]
    return [name for name in names if len(name) >= 6]
