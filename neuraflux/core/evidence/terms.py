"""The terms a text is weighed by as evidence: its analyzed words with irregular forms as their
base word, the parts of camelCase names and of numbers written with their unit, neighbouring words
written as one; and the names a term or table row defines."""
import re

from ..retrieval.analyzer import analyze
from ..retrieval.lemmas import ORDINAL_WORDS, base_terms

_OPTIONAL_LETTERS = re.compile(r"^([a-z]+)((?:\([a-z]+)+)(\)+)(?=\s|$)", re.I)


def unabbreviated(term):
    """A command term written with optional letters, as reference docs do ("c(ont(inue))",
    "h(elp) [command]"), also read as the whole word: "continue", "help"."""
    match = _OPTIONAL_LETTERS.match(term)
    if not match or match.group(2).count("(") != len(match.group(3)):
        return ""
    return match.group(1) + match.group(2).replace("(", "")


_CALL = re.compile(r"^\s*((?:class\s+)?[\w.]+)\(")


def signature_name(term):
    """A signature's name without its parameters ("retry(attempts=5, jitter=True)": retry): a
    sentence under it is about what it does, not about each parameter it takes."""
    match = _CALL.match(term or "")
    return match.group(1) if match else term


def described_name(term):
    """The last part of the name a signature describes ("sub" for "re.Pattern.sub(repl, string)")."""
    return signature_name(term).rsplit(".", 1)[-1] if term else ""


def evidence_terms(text):
    """The analyzed terms of `text`, irregular forms as their base word ("kept" as "keep"), and
    the words of a camelCase or CapWords name after it ("createServer": also "create", "server";
    "AssertionError": "assertion", "error"), and of a number written with its unit ("20MB": also
    "20", "mb")."""
    terms = base_terms(analyze(text))
    if _CAMEL_CASE.search(text):
        terms += base_terms(analyze(" ".join(" ".join(_CAMEL_BOUNDARY.split(name))
                                             for name in _CAMEL_CASE.findall(text))))
    if _NUMBER_WITH_UNIT.search(text):
        terms += analyze(" ".join(f"{number} {unit}" for number, unit in _NUMBER_WITH_UNIT.findall(text)))
    return terms


_CAMEL_CASE = re.compile(r"\b[A-Z]?[a-z]+(?:[A-Z][a-z]+)+\b")  # "createServer", "readFileSync", "ChainMap"
# "20MB", "30s": also the number and the unit, as "20 MB" is written
_NUMBER_WITH_UNIT = re.compile(r"\b(\d+(?:\.\d+)?)(kb|mb|gb|tb|kib|mib|gib|ms|s|m|h|d|km|kg|g|cm|mm|ml|"
                               r"hz|khz|mhz|ghz|kbps|mbps|gbps|w|kw|kwh|v|mah)\b", re.I)
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])")

_WORD = re.compile(r"[^\W\d_]+")


def compound_terms(text):
    """Terms of neighbouring words written as one ("Frozen sets" -> "frozenset", "key word" ->
    "keyword"), so a heading in two words names a question's one-word term."""
    words = _WORD.findall(text.lower())
    return set(evidence_terms(" ".join(a + b for a, b in zip(words, words[1:]))))


# each alternative starts only where a token starts, so a long word costs linear time
_CODE = re.compile(r"(?<![\w.])[\w.]*\w\([^()\s]*\)|\b\w+\.\w[\w.]*|\b__\w+__|\*\*?[a-z_]\w*|(?<!\w)\w+_\w+"
                   r"|\b[a-z]+\*(?![\w*])")  # "except*"

# a parameter of the starred forms ("*args", "**kwargs", '"**identifier"'), not emphasis ("*word*", "**Note**")
STAR_PARAMETER = re.compile(r"(?<![\w*])(\*\*?)([a-z_]\w*)(?![\w*])")

_LEADING_NAME = re.compile(r"^\s*(?:class(?:method)?\s+|staticmethod\s+)?[\"'`*]*([\w.]+)")


_OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z0-9][\w-]*)")  # "-a", "--after-context" of "-A NUM, --after-context=NUM"


def term_names(term):
    """Names a term or table row defines: "str.expandtabs(tabsize=8)" -> {"expandtabs"},
    "n(ext)" -> {"n", "next"}, '"'b'" — Binary format' -> {"b"}, a command's options "-a, --archive"
    -> {"-a", "--archive"}; case kept ("pdb.Pdb" -> {"Pdb"})."""
    cell = term.split(" — ")[0]
    if cell.lstrip().startswith("-"):
        return set(_OPTION.findall(cell))
    match = _LEADING_NAME.match(cell)
    names = {cell.strip("\"'` ")} if " — " in term else set()  # a table row's first cell: '"\\n"'
    if not match:
        return names
    path = match.group(1).rstrip(".")
    name = path.rsplit(".", 1)[-1]
    names.add(name)
    if " — " not in term and "." not in path and name[:1].isupper() and name[1:].islower():
        names.add(name.lower())  # a glossary's "Hub" is the question's "hub" ("pdb.Pdb" is not "pdb")
    full = unabbreviated(term)
    return names | {full} if full else names


def code_literals(question):
    """Code written in the question ("s.count(x)", "str.zfill", "__add__", "**kwargs")."""
    return [m.group(0) for m in _CODE.finditer(question)]


CARDINAL_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_ORDINALS = {word: str(n) for n, word in enumerate(ORDINAL_WORDS, 1)}
_CARDINALS = {word: str(n) for n, word in enumerate(CARDINAL_WORDS, 1)}
_ORDINAL_NUMBER = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
# what a numbered list counts: its item N is "step N" ("1. Sign in…" under "How to return an item")
LIST_NOUN_WORDS = ("step", "stage", "phase", "part", "item", "entry", "rule", "tip", "point", "instruction")
LIST_NOUNS = frozenset(evidence_terms(" ".join(LIST_NOUN_WORDS)))
_LIST_NUMBER = re.compile(r"^\s*(\d+)[.)]\s")
# a step's mark, its number in group 1 or 2: "2. Choose…", "2) Choose…", "Step 2: Run…"
STEP_MARK = r"(?:(\d+)[.)]\s|(?i:step)\s+(\d+)\b)"


def _number_of(term):
    match = _ORDINAL_NUMBER.match(term)
    return match.group(1) if match else _ORDINALS.get(term)


def numbered_pairs(terms):
    """{(word, number): the ordinal term or ""} of the items a text names by number: "step 2",
    "step two", "the second step", "the 2nd step" all as ("step", "2"), the ordinal ("second")
    given so that a unit writing "step 2" can count it as said. A number in words names an item
    of a list noun only ("move two ships" is no move 2), and "first" ("my first day") only then."""
    out = {}
    for a, b in zip(terms, terms[1:]):
        if a.isalpha() and len(a) > 1 and (b.isdigit() or (b in _CARDINALS and a in LIST_NOUNS)):
            out.setdefault((a, _CARDINALS.get(b, b)), "")
        elif _number_of(a) and b.isalpha() and len(b) > 1 and not _number_of(b) and (
                _number_of(a) != "1" or b in LIST_NOUNS):
            out.setdefault((b, _number_of(a)), a)
    return out


def list_item_pairs(text):
    """The (list noun, number) pairs a numbered list item ("2. Choose the order…") answers to."""
    match = _LIST_NUMBER.match(text)
    return {(noun, match.group(1)) for noun in LIST_NOUNS} if match else set()
