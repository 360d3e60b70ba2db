"""Rich Text Format (.rtf, as TextEdit, WordPad and Word save it) as the Markdown-like text the
rest of neuraflux reads: paragraphs, headings from the "heading N" styles of its style sheet,
list items as "* " lines, tables as pipe tables, \\uN and \\'hh characters decoded; font, colour
and style tables, pictures, headers, footers, footnotes and field codes left out (a field's shown
text kept). Titled by its \\info title. Standard library only.

    >>> rtf_to_text(r"{\\rtf1\\ansi{\\fonttbl\\f0 Helvetica;}\\f0 Port 8813.\\par Caf\\'e9 \\u8364?5.}")
    ('Port 8813.\\n\\nCafé €5.\\n', None)
"""
import codecs
import re

from .documents import document_text, table_lines
from .errors import DataError

MAX_DEPTH = 1000  # groups nested deeper than this are not a document
# destinations whose text is not the document's (a {\*\…} destination is skipped too)
_SKIPPED = frozenset("fonttbl colortbl stylesheet info pict object header headerl headerr headerf footer footerl "
                     "footerr footerf footnote listtable listoverridetable revtbl rsidtbl generator themedata "
                     "colorschememapping datastore latentstyles xmlnstbl fldinst pntxta pntxtb bkmkstart bkmkend "
                     "shppict nonshppict mmathPr userprops docvar".split())
_SYMBOLS = {"emdash": "\u2014", "endash": "\u2013", "bullet": "\u2022", "lquote": "\u2018", "rquote": "\u2019",
            "ldblquote": "\u201c", "rdblquote": "\u201d", "tab": " ", "line": "\n", "emspace": " ", "enspace": " "}
_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(\r\n|[\r\n])|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+",
                    re.S)
_HEADING_STYLE = re.compile(r"^\s*heading\s*(\d)\b", re.I)  # "heading 1;", "Heading 2,h2;"


def rtf_to_text(data):
    """(text, title) of RTF bytes (or str); DataError when they do not start as RTF does."""
    if isinstance(data, str):
        data = data.encode("latin-1", "replace")
    if not data.lstrip().startswith(b"{\\rtf"):
        raise DataError("not an RTF document: it does not start with {\\rtf")
    return _Reader().read(data)


class _Reader:
    def __init__(self):
        self.lines, self.paragraph, self.cell, self.row, self.rows = [], [], None, [], []
        self.codec = codecs.lookup("cp1252")
        self.headings, self.title = {}, None
        self.style, self.list_item, self.in_table = 0, False, False  # paragraph properties, kept per group
        self.list_mark = False  # the paragraph being read began with a {\listtext …} bullet

    def read(self, data):
        stack = []  # per open group, what its end restores: skipping, \uc, destination, paragraph properties
        skipping, fallback, destination, pending_skip, fresh = False, 1, None, 0, False
        captured = []  # text of the destination being captured (a style sheet entry, the title)
        for match in _TOKEN.finditer(data):
            word, number, hexa, newline, symbol, brace, text = match.groups()
            if brace == b"{":
                if len(stack) >= MAX_DEPTH:
                    raise DataError(f"groups nested over {MAX_DEPTH} deep")
                stack.append((skipping, fallback, destination, captured, self.style, self.list_item, self.in_table))
                fresh = True
                continue
            if brace == b"}":
                self._close(destination, captured, skipping)
                if stack:
                    skipping, fallback, destination, captured, self.style, self.list_item, self.in_table = stack.pop()
                continue
            if pending_skip and (text is not None or hexa or symbol):  # a \uN's fallback characters
                if text is not None and len(text) > pending_skip:
                    text, pending_skip = text[pending_skip:], 0
                else:
                    pending_skip -= len(text) if text is not None else 1
                    continue
            was_fresh, fresh = fresh, False
            if symbol == b"*" and was_fresh:
                skipping, fresh = True, False
                continue
            if word is not None:
                name = word.decode("ascii")
                value = int(number) if number else None
                if was_fresh and name in _SKIPPED:
                    destination = name
                    captured = []
                    if name not in ("stylesheet", "info"):
                        skipping = True
                    continue
                if name == "u" and value is not None:
                    self._text(chr(value % 65536 if value < 0 else min(value, 0x10FFFF)), skipping, destination, captured)
                    pending_skip = fallback
                elif name == "uc" and value is not None:
                    fallback = max(0, min(value, 10))
                elif name == "ansicpg" and value is not None:
                    self.codec = _codec(value)
                elif name == "title" and destination == "info":
                    destination, captured = "title", []
                elif not skipping:
                    self._control(name, value, destination, captured)
                continue
            if hexa:
                self._text(self.codec.decode(bytes([int(hexa, 16)]), "replace")[0], skipping, destination, captured)
            elif newline is not None:
                self._control("par", None, destination, captured) if not skipping else None
            elif symbol:
                self._text({b"~": " ", b"_": "-", b"-": "", b"\\": "\\", b"{": "{", b"}": "}"}.get(symbol, ""),
                           skipping, destination, captured)
            elif text is not None:
                self._text(self.codec.decode(text, "replace")[0], skipping, destination, captured)
        self._end_paragraph()
        self._flush_table()
        return document_text(self.lines), self.title

    def _text(self, text, skipping, destination, captured):
        if destination in ("stylesheet", "title"):
            captured.append(text)
        elif not skipping and destination != "info":
            (self.cell if self.cell is not None else self.paragraph).append(text)

    def _control(self, name, value, destination, captured):
        if destination == "stylesheet":
            if name == "s" and value is not None:
                captured[:] = [f"\0{value}\0"]  # the style's number, then its name
            return
        if name in _SYMBOLS:
            self._text(_SYMBOLS[name], False, destination, captured)
        elif name in ("par", "sect", "page"):
            self._end_paragraph()
        elif name == "pard":
            self.style, self.list_item, self.in_table = 0, False, False
        elif name == "s" and value is not None:
            self.style = value
        elif name in ("listtext", "pntext"):
            self.list_mark = True
        elif name in ("ls", "ilvl"):
            self.list_item = True
        elif name == "intbl":
            self.in_table = True
        elif name == "cell":
            self.row.append(" ".join("".join(self.cell or self.paragraph).split()))
            self.cell, self.paragraph = [], []
        elif name == "row":
            if any(self.row):
                self.rows.append(self.row)
            self.row, self.cell = [], None

    def _close(self, destination, captured, skipping):
        """A group ends: a style sheet entry ("\\s1 … heading 1;") or the title is read."""
        text = "".join(captured)
        if destination == "stylesheet" and text.startswith("\0"):
            number, _, name = text[1:].partition("\0")
            match = _HEADING_STYLE.match(name)
            if match:
                self.headings[int(number)] = int(match.group(1))
            captured.clear()
        elif destination == "title" and text.strip():
            self.title = " ".join(text.split())

    def _end_paragraph(self):
        if self.in_table or self.cell is not None:  # a paragraph inside a table cell: the cell goes on
            (self.cell if self.cell is not None else self.paragraph).append(" ")
            return
        text = "".join(self.paragraph)
        listed, self.paragraph, self.list_mark = self.list_item or self.list_mark, [], False
        if listed:
            text = re.sub(r"^\s*(?:[\u2022\u00b7\-*o\uf0b7]|\d+[.)]|[a-z][.)])\s+", "", text)
        text = " ".join(text.split()) if listed or self.style in self.headings else text.strip()
        if not text:
            return
        self._flush_table()
        if self.style in self.headings:
            self.lines += ["", "#" * self.headings[self.style] + " " + text, ""]
        elif listed:
            self.lines.append("* " + text)
        else:
            self.lines += ["", text, ""]

    def _flush_table(self):
        if self.row and any(self.row):
            self.rows.append(self.row)
        self.row = []
        self.lines += table_lines(self.rows)
        self.rows = []


def _codec(page):
    """The codec of a Windows code page number (\\ansicpg1252), cp1252 when Python has none."""
    try:
        return codecs.lookup(f"cp{page}")
    except LookupError:
        return codecs.lookup("cp1252")
