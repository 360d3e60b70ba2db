"""Pre-split patterns for byte-level BPE, written for the standard `re` module.

`regex`'s \\p{L} / \\p{N} are replaced by character classes shipped as code-point ranges
(see _unicode.py, Unicode 14.0), and \\s by the 25 Unicode White_Space code points (stdlib
`\\s` also matches U+001C-U+001F, which `regex` does not). Differences from tiktoken's GPT-4
pattern: letters and digits assigned after Unicode 14.0 are treated as punctuation, and on
Python 3.10 the possessive quantifiers are dropped (equivalent for this pattern).
"""
import re
import sys

from ._unicode import LETTER_RANGES, NUMBER_RANGES

WHITESPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def _class_body(ranges):
    parts = []
    for start, end in ranges:
        a, b = re.escape(chr(start)), re.escape(chr(end))
        parts.append(a if start == end else f"{a}-{b}")
    return "".join(parts)


L = _class_body(LETTER_RANGES)
N = _class_body(NUMBER_RANGES)
S = re.escape(WHITESPACE)
_POSSESSIVE = "+" if sys.version_info >= (3, 11) else ""

GPT4_PATTERN = "|".join([
    r"'(?i:[sdmt]|ll|ve|re)",
    rf"[^\r\n{L}{N}]?{_POSSESSIVE}[{L}]+",
    rf"[{N}]{{1,3}}",
    rf" ?[^{S}{L}{N}]+{_POSSESSIVE}[\r\n]*",
    rf"[{S}]*[\r\n]",
    rf"[{S}]+(?![^{S}])",
    rf"[{S}]+",
])

# The name stored in tokenizer.json; the expanded pattern is rebuilt from it on load.
PATTERNS = {"gpt4": GPT4_PATTERN}


def compile_pattern(name):
    return re.compile(PATTERNS[name])
