"""Text analysis for lexical search: lowercase, Unicode-aware word split, accents dropped from
words that are Latin letters under them ("café" is "cafe"), English stop words, Porter2 stems.
The analyzer's name and version are stored in every index."""
import keyword
import re
import unicodedata
from functools import lru_cache

from .stemmer import stem

ANALYZER_NAME = "english-porter2"
ANALYZER_VERSION = 9  # 3: standalone operator symbols are terms; 4: accents dropped ("café": "cafe");
# 5: an acronym's plural without vowels is the acronym ("PDFs": "pdf"; Porter2 keeps that "s");
# 6: a stop word written as a special name is a term ("__all__", "__and__": "all", "and");
# 7: a closing "'s" is dropped ("class's": "class", which was "classs"; "what's": "what");
# 8: a typographic apostrophe is an apostrophe ("object’s": "object"), and "don't", "isn't"… are "not"
# ("can't": "cannot"), as the questions they answer write them out (question_text.expanded);
# 9: a stop word written as a call or as code is a term ("any()", "all(iterable)", "more(1)", "`all`")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_VOWEL = re.compile(r"[aeiouy\d]")  # (digits: "mp3s", "v2s" are left to the stemmer as they were)
# Python's operators as terms when they stand alone (between spaces, quotes or brackets), so
# "What does the ~ operator do?" finds 'The unary "~" (invert) operator…'.
OPERATORS = ("**=", "//=", ">>=", "<<=", "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=", "-=",
             "*=", "/=", "%=", "&=", "|=", "^=", "@=", "~", "^", "@", "%", "&", "|", "<", ">", "+", "-", "*", "/")
_EDGE = r"(?:(?<=^)|(?<=[\s\"'`(\[]))"
_OPERATOR = re.compile(_EDGE + "(" + "|".join(re.escape(o) for o in OPERATORS) + r")(?=$|[\s\"'`)\],.?:;])")

# A common English stop-word list (the classic Lucene/Snowball short list, plus a few pronouns),
# minus Python's keywords: in documentation about code, "with", "is" or "not" carry meaning.
STOP_WORDS = frozenset("""
a an and are as at be but by for if in into is it no not of on or such that the their then there these they
this to was will with i me my we our you your he him his she her its them what which who whom am were been
being have has had do does did so than too very can just should would could from up down out over under
again further once here when where why how all any both each few more most other some own same s t
""".split())
KEYWORD_STOP_WORDS = STOP_WORDS & frozenset(keyword.kwlist + keyword.softkwlist)  # "if", "for", "with"…: kept as terms
STOP_WORDS = STOP_WORDS - KEYWORD_STOP_WORDS


@lru_cache(maxsize=200_000)
def _stem_cached(word):
    return stem(word)


@lru_cache(maxsize=50_000)
def _unaccented(word):
    """`word` without its accents when that leaves plain Latin letters ("café", "naïve",
    "wiśniewski"); other scripts as written ("й" is not "и")."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    return plain if plain.isascii() else word


def analyze(text):
    """Terms of `text` in order: lower-cased words minus stop words, stemmed."""
    out = []
    lowered = text.lower()
    if "\u2019" in lowered:
        lowered = lowered.replace("\u2019", "'")
    for match in _WORD.finditer(lowered):
        word = match.group()
        if word.endswith("n't"):
            word = "cannot" if word == "can't" else "not"
        word = word.removesuffix("'s").replace("'", "")
        if not word.isascii():
            word = _unaccented(word)
        if word in STOP_WORDS and not _special_name(lowered, match) and not _written_as_name(lowered, match):
            continue
        if len(word) >= 4 and word[-1] == "s" and word.isascii() and not _VOWEL.search(word) and word != "https":
            word = word[:-1]  # "pdfs", "dvds": no vowel for Porter2's plural rule to see
        out.append(_stem_cached(word) if word.isascii() and word.isalpha() else word)
    if any(ch in text for ch in "~^@%&|<>+-*/=:"):
        out.extend(_OPERATOR.findall(text))
    return out


def _special_name(text, match):
    """Whether the word `match` of `text` is written as a special name: "__all__"."""
    return match.start() >= 2 and text.startswith("__", match.start() - 2) and text.startswith("__", match.end())


def _written_as_name(text, match):
    """Whether the word `match` of `text` is written as a call, a manual page or Markdown code:
    "any()", "more(1)", "`all`"."""
    start, end = match.span()
    return text.startswith("(", end) or (text.startswith("`", end) and start > 0 and text[start - 1] == "`")


def analyzer_id():
    return f"{ANALYZER_NAME}/{ANALYZER_VERSION}"
