"""Documents from files and folders, read one way for every command (index, chat, train,
tokenizer, eval): .txt .md .markdown .mdx .rst .text as text (titled by their first heading; a page
that pydoc/help() printed without the "|" margin down a class's members, one that `man` printed
without its header and footer lines and with the words its formatter hyphenated joined again),
.adoc .asciidoc and .org as text with their headings and code blocks written as Markdown's, .py as its
docstrings, constants and comments, .html .htm as the text of the page (htmltext.py; titled by its
<title>; .mhtml .mht, a page saved as one file, likewise), .docx and .odt as their paragraphs,
headings and tables (docxtext.py, odttext.py), .doc (Word 97–2003) as its paragraphs and tables
(doctext.py, compoundfile.py), .ods and .odp as sheets and slides (odttext.py), .xlsx as a table a
sheet (xlsxtext.py; .xls, Excel 97–2003, likewise: xlstext.py), .pptx as its slides' titles, text,
tables and notes (pptxtext.py; .ppt, PowerPoint 97–2003, likewise: ppttext.py; .docm .xlsm .pptm,
the macro-enabled kinds, as theirs, no macro run), .rtf as its paragraphs, headings, lists and
tables (rtftext.py), .epub as its chapters (epubtext.py), .eml as its sender, recipients, date,
subject and body (emailtext.py), .mbox (and a file without a suffix that starts as a mailbox does,
as Thunderbird keeps them) as a document a message (emailtext.py), .msg (Outlook) as an .eml is
read (msgtext.py), .vtt .srt as who said what, without the timings (transcripttext.py), .tex as
what the typeset document says (latextext.py), .ics as its events in words (calendartext.py), .vcf
as its contacts in words (contacttext.py), source files of other languages (.js .ts .go .rs .java
.c .sh .sql …) as their comments under the declarations they document (codetext.py), .pdf as the
text its pages show (pdftext.py), .ipynb as its
Markdown cells with its code cells fenced, .csv .tsv as a table (one answer unit a row, read under
the header row), .ini .cfg .conf .toml .yaml .yml .properties as their settings with the comments
that describe them (configtext.py), .json as its values under the objects holding them and its
lists of records as tables (jsontext.py), .jsonl as rows ({"_id"|"id", "title", "text"}). Only regular
files within a size limit are read; anything unreadable is reported through `on_skip` and skipped.
"""
import ast
import functools
import hashlib
import io
import os
import re
import stat
import sys
import time
import tokenize
import warnings
from dataclasses import dataclass

from .codetext import SUFFIXES as CODE_SUFFIXES, code_text
from .configtext import SUFFIXES as CONFIG_SUFFIXES, config_text
from .docstrings import sentences_of_sections
from .errors import DataError
from .io import display_path, file_kind, open_regular, parse_json, read_bytes_limited

SUFFIXES = (".txt", ".md", ".markdown", ".mdx", ".rst", ".text", ".adoc", ".asciidoc", ".org", ".py", ".jsonl",
            ".html", ".htm", ".mhtml", ".mht", ".docx", ".docm", ".doc", ".odt", ".ods", ".odp", ".xlsx", ".xlsm",
            ".xls", ".pptx", ".pptm", ".ppt", ".rtf", ".epub", ".eml", ".msg", ".mbox", ".pdf", ".ipynb", ".csv", ".tsv",
            ".vtt", ".srt", ".tex", ".ics", ".vcf", ".json") + CONFIG_SUFFIXES + CODE_SUFFIXES
MAX_FILE_BYTES = 64 * 1024 ** 2  # one text file; larger ones are reported and skipped
MAX_JSON_LINE_BYTES = 64 * 1024 ** 2
DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass
class Document:
    """One unit of text with where it came from."""

    text: str
    path: str
    doc_id: str = None
    title: str = None


def iter_files(paths, suffixes=SUFFIXES, include=None, exclude=None, on_skip=None):
    """Regular files named directly, plus matching regular files found recursively in folders
    (sorted; hidden files and folders, folders of installed packages such as node_modules or a
    virtual environment, and package managers' lock files, passed over). FIFOs, devices and sockets, and folders that cannot be
    listed, are reported through `on_skip` and passed over."""
    import fnmatch

    for path in paths:
        path = os.fspath(path)
        if os.path.isfile(path):
            yield path
        elif os.path.isdir(path):
            found = []

            def unreadable(error):
                _report(on_skip, f"skipping {display_path(error.filename)}: {error.strerror}")

            for root, dirs, files in os.walk(path, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _installed_packages(root, d))
                for name in files:
                    full = os.path.join(root, name)
                    rel = os.path.relpath(full, path)
                    known = name.lower().endswith(suffixes)
                    if name.startswith(".") or not (known or "." not in name) or name in LOCK_FILES:
                        continue
                    if include and not any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in include):
                        continue
                    if exclude and any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in exclude):
                        continue
                    if known and _is_regular(full, on_skip) or not known and is_mailbox(full):
                        found.append(full)  # a file without a suffix only when it is a mailbox (Thunderbird's "Inbox")
            yield from sorted(found)
        elif os.path.lexists(path):
            _is_regular(path, on_skip)
        else:
            raise DataError(f"no such file or folder: {display_path(path)!r}")


# folders of other people's code a project holds, and the lock files its package managers write,
# which a walk passes over (named, they are read)
DEPENDENCY_FOLDERS = frozenset({"node_modules", "bower_components", "site-packages", "__pycache__"})
LOCK_FILES = frozenset({"package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "composer.lock", "Pipfile.lock"})


def _installed_packages(root, name):
    """Whether the folder `name` under `root` holds installed packages rather than one's own
    documents: node_modules, site-packages, a Python virtual environment (it has pyvenv.cfg)."""
    return name in DEPENDENCY_FOLDERS or os.path.isfile(os.path.join(root, name, "pyvenv.cfg"))


def is_mailbox(path):
    """Whether `path` is read as an mbox mailbox: named .mbox, or, without a suffix, a regular file
    that starts as one does ("From " and the sender: Thunderbird keeps its folders so)."""
    if path.lower().endswith(".mbox"):
        return True
    if os.path.splitext(os.path.basename(path))[1]:
        return False
    try:
        with open_regular(path) as handle:
            return bool(_MAILBOX_FIRST_LINE.match(handle.readline(1024)))
    except (DataError, OSError):
        return False


# a mailbox's first line: "From - Mon Jan  4 09:12:00 2027" (Thunderbird), "From 17873@xxx Sat Nov 21
# 19:04:33 +0000 2020" (Google Takeout): the sender, then a date with its time and year
_MAILBOX_FIRST_LINE = re.compile(rb"From \S+ .{0,40}\d\d:\d\d.{0,20}\b\d{4}\s*$")


def _is_regular(path, on_skip):
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        _report(on_skip, f"skipping {display_path(path)}: {exc.strerror}")
        return False
    if not stat.S_ISREG(mode):
        _report(on_skip, f"skipping {display_path(path)}: it is {file_kind(mode)}, not a regular file")
        return False
    return True


def read_document(path, limit=MAX_FILE_BYTES):
    """(text, title or None) of one file of at most `limit` bytes, read the way its suffix says
    (see the module docstring); a DataError names the file."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in _BINARY_FORMATS:
        data = read_bytes_limited(path, limit, DataError, "the file")
        try:
            return _BINARY_FORMATS[suffix](data)
        except DataError as exc:
            raise DataError(f"{display_path(path)}: {exc}") from None
    text = read_text_file(path, limit)
    if suffix in (".csv", ".tsv"):
        return table_text(text, suffix == ".tsv", display_path(path)), None
    if suffix == ".ipynb":
        return notebook_text(text, display_path(path)), None
    if path.endswith(".py"):
        return python_text(text), display_path(os.path.basename(path))
    if suffix in CONFIG_SUFFIXES:
        return config_text(text), display_path(os.path.basename(path))
    if suffix in CODE_SUFFIXES:
        return code_text(text, suffix), display_path(os.path.basename(path))
    if suffix == ".json":
        from .jsontext import json_text

        try:
            return json_text(text), display_path(os.path.basename(path))
        except DataError as exc:
            raise DataError(f"{display_path(path)}: {exc}") from None
    if suffix in _LIGHT_MARKUP:
        return as_markdown(text, _LIGHT_MARKUP[suffix]), None
    return help_page_text(man_page_text(unhyphenated(text))), None


# a page `man` printed: its header line "CP(1)   User Commands   CP(1)" and the footer that ends it
# ("GNU coreutils 9.1   September 2022   CP(1)", "BSD   November 28, 2022   BSD"), which no one asks about
_MAN_HEADER = re.compile(r"\A\s*(([\w.-]+)\(\w+\)) {2,}.* {2,}\1[ \t]*$", re.M)


def man_page_text(text):
    """A page that `man` printed with its header and footer lines blanked (the same length, so
    offsets keep their place); other text as it is."""
    header = _MAN_HEADER.match(text)
    if not header:
        return text
    end = len(text.rstrip())
    start = text.rfind("\n", 0, end) + 1
    last = text[start:end].split()
    if start > header.end() and (last[-1] == header.group(1) or len(last) > 1 and last[0] == last[-1]):
        text = text[:start] + _blanked(text[start:end]) + text[end:]
    return _blanked(text[:header.end()]) + text[header.end():]


def _blanked(text):
    """`text` with every character but its whitespace a space: gone from the reading, offsets kept."""
    return re.sub(r"\S", " ", text)


# a word that a formatter broke at the end of a line with its hyphenation mark, U+2010 ("man cp": "op‐"
# / "tion"), which no one types; a hyphen that a word is written with ("-", "on-line") stays
_LINE_BREAK_HYPHEN = re.compile(r"(?<=[^\W\d_])\u2010\n[ \t]*(?=[^\W\d_])")


def unhyphenated(text):
    """`text` with the words broken across lines by a formatter's hyphenation joined again."""
    return _LINE_BREAK_HYPHEN.sub("", text) if "\u2010\n" in text else text


# pydoc's pages, as `pydoc NAME` and help() print them, draw a "|" margin down a class's members
_HELP_PAGE = re.compile(r"\A\s*(?:Help on .{1,200}:\n|Python Library Documentation: )")
_HELP_MARGIN = re.compile(r"^(\s*)\|(?=  |$)", re.M)


# … or pasted into a README's fence that names no language ("```" / "NAME" / "    texttable - …")
_FENCED_PAGE = re.compile(r"^( {0,3}(`{3,}|~{3,})[ \t]*(?:text|txt|none)?[ \t]*\n)"
                          r"((?:Help on [^\n]{1,200}:\n\s*)?NAME\n[ \t]+\S[^\n]* - [^\n]*\n.*?)(^ {0,3}\2)",
                          re.M | re.S | re.I)


def help_page_text(text):
    """A page that pydoc or help() printed, as it reads best: the margin of its class members blanked
    out ("     |  choice(self, seq)"), so that each member's description reads as its own paragraph,
    and its boilerplate and the sections that repeat what a class inherits blanked; the same length,
    so offsets keep their place. Such a page in a fence of other text is read so too; other text is
    returned as it is."""
    if not _HELP_PAGE.match(text):
        if "NAME\n" not in text:
            return text
        return _FENCED_PAGE.sub(lambda m: m.group(1) + _help_page(m.group(3), _FILE_SECTION) + m.group(4), text)
    return _help_page(text)


def _help_page(text, boilerplate=None):
    text = _HELP_MARGIN.sub(lambda match: match.group(1) + " ", text)
    for _ in range(2):
        text = _HELP_CONSTRUCTOR.sub(_without_constructor, text)
    text = _without_inherited(text)
    return (boilerplate or _HELP_BOILERPLATE).sub(lambda match: _blanked(match.group(0)), text)


# what no question asks about: the page's own title line ("Help on module csv:") and the path of the
# source file it was made from (the MODULE REFERENCE note, on every page, is kept: blanked, the
# sets of help() pages tuned on gained and the held-out one lost)
_FILE_SECTION = re.compile(r"^FILE\n(?:[ \t].*\n|[ \t]*\n)*", re.M)  # … of a page in a fence, whose "NAME" opens it
_HELP_BOILERPLATE = re.compile(r"\A\s*.*|" + _FILE_SECTION.pattern, re.M)


# the constructor's signature under "class Random(_random.Random)" ("Random(x=None)"), or a function's
# repeated in its docstring ("capwords(s, sep=None)" / "capwords(s [,sep]) -> string"), which would
# read as an example of code, and the kind of result written after it ("--> chain object", "string"),
# unless words describing it go on after it ("repeat(object [,times]) -> create an iterator which…");
# blank lines may come between, and a class's docstring may repeat the signature pydoc printed
# ("class Match(builtins.tuple)" / "Match(a, b, size)" / "Match(a, b, size)": blanked in two passes)
_HELP_CONSTRUCTOR = re.compile(r"^( *(?:class )?(\w+)\b.*\n(?:[ \t]*\n)* {2,})"
                               r"(\2\(.*\)(?:[ \t]+-{1,2}>?[ \t]*|[ \t]*$))(.*)$", re.M)
_HELP_RESULT = re.compile(r"^[\w.]+(?: [\w.']+){0,2}$")  # "string", "chain object", "floating point number"


# "Methods inherited from builtins.str:": the base class's documentation again, under each subclass;
# "Method resolution order:", a list of class names down to the next blank line
_INHERITED = re.compile(r"^( +)[A-Z][\w ]*? inherited from \S+:$")
_RESOLUTION_ORDER = re.compile(r"^ +Method resolution order:$")
_RULE_LINE = re.compile(r"^ *-{10,}$")


def _without_inherited(text):
    """`text` with every "… inherited from X:" section of a pydoc page blanked, down to the rule
    that ends it or the end of its class, and every "Method resolution order:" list."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if _RESOLUTION_ORDER.match(lines[i]):
            j = next((j for j in range(i + 1, len(lines)) if not lines[j].strip()), len(lines))
            lines[i:j] = [" " * len(line) for line in lines[i:j]]
            i = j
            continue
        match = _INHERITED.match(lines[i])
        if not match:
            i += 1
            continue
        indent = len(match.group(1))
        j = i + 1
        while j < len(lines) and not _RULE_LINE.match(lines[j]) and (
                not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) >= indent):
            j += 1
        for k in range(i, j):
            lines[k] = " " * len(lines[k])
        i = j
    return "\n".join(lines)


def _without_constructor(match):
    header, signature, rest = match.group(1), match.group(3), match.group(4)
    if _HELP_RESULT.match(rest):
        signature, rest = signature + rest, ""
    return header + " " * len(signature) + rest


# AsciiDoc's "== Section" and Org's "** Section": a heading of that level; their code blocks
# ("----" after "[source,python]", "#+BEGIN_SRC python" … "#+END_SRC") fenced
_LIGHT_MARKUP = {".adoc": "=", ".asciidoc": "=", ".org": "*"}
_ORG_TITLE = re.compile(r"^#\+title:\s*(.+)$", re.I)
_ORG_CODE = re.compile(r"^\s*#\+(begin|end)_(?:src|example)\b\s*(\S*)", re.I)
_ORG_KEYWORD = re.compile(r"^\s*#\+\w+:")  # "#+AUTHOR: …", "#+OPTIONS: …": settings, not text
_ADOC_ATTRIBUTE = re.compile(r"^(?::[\w-]+:.*|\[[^\]]*\])\s*$")  # ":toc:", "[source,python]"


_ADOC_ORDERED = re.compile(r"^(\.{1,5})\s+(\S.*)$")  # ". Heat the nozzle.", ".. a nested step"
_ADOC_COLS = re.compile(r"""^\[.*\bcols\s*=\s*["']?([^"'\]]+)""")  # [cols="1,2,1"], [cols="3*"]
_ADOC_TABLE = "|==="
_ADOC_DELIMITERS = ("----", "....")  # a listing or literal block


def as_markdown(text, mark):
    """AsciiDoc (`mark` "=") or Org (`mark` "*") text with its headings as "#" headings and its
    code blocks fenced, so that they read as Markdown's do; AsciiDoc's ordered lists (". step")
    numbered and its tables ("|===" … "|===") as pipe tables."""
    if mark == "=":
        text = _adoc_tables(text)
    out, in_code, counts = [], False, []  # counts: the numbers of the open ordered-list items, outermost first
    heading = re.compile(rf"^({re.escape(mark)}{{1,6}})\s+(\S.*)$")
    for line in text.split("\n"):
        if mark == "=" and line.strip() in _ADOC_DELIMITERS:
            in_code, counts = not in_code, []
            out.extend(["", "```"] if in_code else ["```", ""])  # a block of its own, not a paragraph's line
            continue
        code = _ORG_CODE.match(line) if mark == "*" else None
        if code:
            in_code = code.group(1).lower() == "begin"
            out.extend(["", "```" + code.group(2)] if in_code else ["```", ""])
            continue
        if in_code:
            out.append(line)
            continue
        item = _ADOC_ORDERED.match(line) if mark == "=" else None
        if item:  # ". step" as "1. step", ".. nested" indented under it; counted afresh after any
            depth = len(item.group(1))  # other line but a blank one or an item's continuation ("+")
            counts = (counts + [0] * depth)[:depth]
            counts[-1] += 1
            out.append("   " * (depth - 1) + f"{counts[-1]}. {item.group(2)}")
            continue
        if line.strip() not in ("", "+"):
            counts = []
        title = _ORG_TITLE.match(line) if mark == "*" else None
        match = heading.match(line)
        if title:
            out.append("# " + title.group(1).strip())
        elif match:
            out.append("#" * len(match.group(1)) + " " + match.group(2).strip())
        elif (mark == "*" and _ORG_KEYWORD.match(line)) or (mark == "=" and _ADOC_ATTRIBUTE.match(line)):
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def _adoc_tables(text):
    """AsciiDoc's tables as Markdown pipe tables: the cells between "|===" lines, one or more a line,
    in rows of as many cells as the table's [cols=…] names or its first line holds, the first row
    as the header (AsciiDoc's implicit header, a first line with a blank line after it, is one)."""
    lines, out, columns, i, in_code = text.split("\n"), [], 0, 0, False
    while i < len(lines):
        line = lines[i]
        if line.strip() in _ADOC_DELIMITERS:
            in_code = not in_code
        if in_code:  # a listing's lines, whatever they hold (". venv/bin/activate")
            out.append(line)
            i += 1
            continue
        cols = _ADOC_COLS.match(line.strip())
        if cols:
            columns = _adoc_column_count(cols.group(1))
        if line.strip() != _ADOC_TABLE:
            out.append(line)
            i += 1
            continue
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == _ADOC_TABLE), None)
        if end is None:
            out.append(line)
            i += 1
            continue
        filled = [row for row in lines[i + 1:end] if row.strip()]
        first = _adoc_cells(filled[0]) if filled else []
        columns = columns or len(first)
        cells = [cell for row in filled for cell in _adoc_cells(row)]
        if columns and cells:
            rows = [cells[k:k + columns] for k in range(0, len(cells), columns)]
            out += ["", *pipe_table([row + [""] * (columns - len(row)) for row in rows]), ""]
        columns, i = 0, end + 1
    return "\n".join(out)


def _adoc_column_count(spec):
    """The columns a [cols=…] spec names: "1,2,1" three, "3*" three."""
    repeat, star, _ = spec.strip().partition("*")
    return int(repeat) if star and repeat.isdigit() else len(spec.split(","))


def _adoc_cells(line):
    """The cells of an AsciiDoc table line ("|PLA |200 °C": ["PLA", "200 °C"])."""
    return [cell.strip() for cell in line.strip().split("|")[1:]] if line.strip().startswith("|") else [line.strip()]


def _html(data):
    from .htmltext import decode_html, html_to_text

    html = decode_html(data)
    if html is None:
        raise DataError("neither UTF-8 nor the charset its <meta> names")
    return html_to_text(html)


def _docx(data):
    from .docxtext import docx_to_text

    return docx_to_text(io.BytesIO(data))


def _opendocument(suffix):
    def read(data):
        from .odttext import odt_to_text

        return odt_to_text(io.BytesIO(data), suffix)

    return read


def _epub(data):
    from .epubtext import epub_to_text

    return epub_to_text(io.BytesIO(data))


def _eml(data):
    from .emailtext import eml_to_text

    return eml_to_text(data)


def _xlsx(data):
    from .xlsxtext import xlsx_to_text

    return xlsx_to_text(io.BytesIO(data))


def _pptx(data):
    from .pptxtext import pptx_to_text

    return pptx_to_text(io.BytesIO(data))


def _mhtml(data):
    from .emailtext import mhtml_to_text

    return mhtml_to_text(data)


def _rtf(data):
    from .rtftext import rtf_to_text

    return rtf_to_text(data)


def _transcript(data):
    from .transcripttext import transcript_to_text

    return transcript_to_text(data)


def _latex(data):
    from .latextext import latex_to_text

    return latex_to_text(decoded_text(data))


def _doc(data):
    """A .doc file: Word 97–2003's own format, or what programs save under that name (rich text,
    a .docx, a web page)."""
    from .compoundfile import is_compound_file

    head = data[:1024].lstrip().lower()
    if is_compound_file(data):
        from .doctext import doc_to_text

        return doc_to_text(data)
    if head.startswith(b"{\\rtf"):
        return _rtf(data)
    if data[:4] == b"PK\x03\x04":
        return _docx(data)
    if head.startswith((b"<html", b"<!doctype html", b"<?xml")) or b"<html" in head:
        return _html(data)
    if head.startswith(b"mime-version:"):
        return _mhtml(data)
    raise DataError("not a Word 97–2003 document (nor rich text, .docx or a web page saved as .doc)")


def _ppt(data):
    from .ppttext import ppt_to_text

    return ppt_to_text(data)


def _xls(data):
    from .xlstext import xls_to_text

    return xls_to_text(data)


def _msg(data):
    from .msgtext import msg_to_text

    return msg_to_text(data)


def _calendar(data):
    from .calendartext import calendar_to_text

    return calendar_to_text(decoded_text(data))


def _contacts(data):
    from .contacttext import contacts_to_text

    return contacts_to_text(decoded_text(data))


def _pdf(data):
    from .pdftext import pdf_to_text

    text, title = pdf_to_text(data)
    if not text.strip():
        raise DataError("no text in its pages (a scan?)")
    return text, title


_BINARY_FORMATS = {".html": _html, ".htm": _html, ".docx": _docx, ".odt": _opendocument(".odt"),
                   ".ods": _opendocument(".ods"), ".odp": _opendocument(".odp"), ".epub": _epub, ".eml": _eml,
                   ".xlsx": _xlsx, ".pptx": _pptx, ".rtf": _rtf, ".mhtml": _mhtml, ".mht": _mhtml, ".pdf": _pdf,
                   # the macro-enabled kinds are the same parts (their macros are never run)
                   ".docm": _docx, ".xlsm": _xlsx, ".pptm": _pptx,
                   ".vtt": _transcript, ".srt": _transcript, ".tex": _latex, ".ics": _calendar,
                   ".vcf": _contacts, ".doc": _doc, ".msg": _msg, ".xls": _xls,
                   ".ppt": _ppt}  # bytes -> (text, title)


def decoded_text(data):
    """Text of a file's bytes whose encoding it does not declare: UTF-8 (with or without a byte-order
    mark), UTF-16 or UTF-32 with one, else Windows-1252 (subtitles and LaTeX sources were long written so)."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return data.decode("utf-32", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def read_text_file(path, limit=MAX_FILE_BYTES):
    """The UTF-8 text of a regular file of at most `limit` bytes (DataError otherwise)."""
    data = read_bytes_limited(path, limit, DataError, "the file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{display_path(path)}: not UTF-8 text (byte {exc.start})") from None


def iter_json_lines(path, on_repair=None):
    """(line number, parsed value) for each non-blank line; a bad line is a DataError naming it.

    Strings holding lone surrogates (a "\\ud800" escape) cannot be stored or printed: they are
    replaced by U+FFFD, and `on_repair(message)` is told once per file."""
    repaired = False
    with open_regular(path) as handle:
        for number, raw in enumerate(iter(lambda: handle.readline(MAX_JSON_LINE_BYTES + 1), b""), 1):
            where = f"{display_path(path)}:{number}"
            if len(raw) > MAX_JSON_LINE_BYTES:
                raise DataError(f"{where}: line is over {MAX_JSON_LINE_BYTES:,} bytes")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise DataError(f"{where}: not UTF-8 (byte {exc.start})") from None
            if not line.strip():
                continue
            value = parse_json(line, where)
            fixed = _replace_surrogates(value)
            if fixed is not value and not repaired:
                repaired = True
                _report(on_repair, f"{where}: text with invalid \\ud800-style escapes; they read as U+FFFD")
            yield number, fixed


def _replace_surrogates(value):
    """`value` with lone surrogates in its strings replaced (the same object when there are none)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, dict):
        fixed = {k: _replace_surrogates(v) for k, v in value.items()}
        return value if all(fixed[k] is value[k] for k in value) else fixed
    return value


def read_jsonl(path, text_field="text", on_repair=None):
    """Rows of a .jsonl file as Documents; a bad line is an error naming its number."""
    for number, row in iter_json_lines(path, on_repair):
        if not isinstance(row, dict) or not isinstance(row.get(text_field), str):
            raise DataError(f"{display_path(path)}:{number}: expected an object with a string {text_field!r} field")
        doc_id = row.get("_id", row.get("id"))
        doc_id = f"{os.path.basename(path)}:{number}" if doc_id is None else str(doc_id)
        title = row.get("title") if isinstance(row.get("title"), str) else None
        yield Document(row[text_field], path, doc_id, title)


def _report(on_skip, message):
    if on_skip is not None:
        on_skip(message)
    else:
        print(f"neuraflux: warning: {message}", file=sys.stderr)


_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")  # ![alt](src), ![alt][ref]
_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")  # [text](url), [text][ref]
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def plain_heading(text):
    """A Markdown heading's words, for a title: images (a README's badges) dropped, links as their
    text, HTML tags and a closing run of "#" removed ("Thread-pool Controls [![Build Status](…)](…)"
    is "Thread-pool Controls"); code spans kept as written ("`fs.watch(filename[, options])`")."""
    parts = re.split(r"(`[^`]*`)", text)  # the code spans at odd places
    text = "".join(part if i % 2 else _LINK.sub(r"\1", _IMAGE.sub("", _TAG.sub("", part)))
                   for i, part in enumerate(parts))
    return " ".join(re.sub(r"(?:^|\s)#+\s*$", "", text).split())


_REST_LINK = re.compile(r"`([^`<]*?)\s*<[^`<>]+>`_{1,2}")  # reST's `schedule <https://…>`__


_SENTENCE_LINE = re.compile(r"^[A-Z][a-z]*(?:\s+[\w'(),-]+){3,}[.:!?]$")  # "The homepage of joblib is located on:"


def markup_title(text, fallback):
    """The title a page's YAML front matter gives ("title: …"), else its first Markdown heading
    (outside fenced code) or reStructuredText title, else `fallback`; `fallback` too when a
    sentence comes before that heading, which then titles a section ("The homepage of joblib is
    located on:" over "Getting the latest code")."""
    from .sentences import front_matter_end

    lines, fence, said = text.splitlines(), None, False
    skip = front_matter_end(lines)
    for line in lines[1:skip - 1] if skip else ():
        key, _, value = line.partition(":")
        if key.strip() == "title" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    for i, line in enumerate(lines[:40]):
        if i < skip:
            continue
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):  # "# a comment" inside a fenced code block is no heading
            fence = None if fence and stripped.startswith(fence) else fence or stripped[:3]
            continue
        if fence:
            continue
        if stripped.startswith("#"):
            heading = plain_heading(stripped.lstrip("#"))
            if heading:  # a heading of badges alone names nothing: the next one may
                return fallback if said else heading
            continue
        below = lines[i + 1].strip() if stripped and i + 1 < len(lines) else ""
        if len(set(below)) == 1 and below[:1] in "=-~*^#" and (
                len(below) >= len(stripped) or (len(below) >= 3 and i and lines[i - 1].strip() == below)):
            # underlined, or over- and underlined alike, however short ("====\nQuillpress\n===="); a link as its text
            return fallback if said else (_REST_LINK.sub(r"\1", stripped).strip() or stripped)
        said = said or bool(_SENTENCE_LINE.match(stripped))
    return fallback


def _parsed(source):
    """The syntax tree of Python `source`, or None where the parser cannot take it (syntax errors,
    nesting that exhausts its stack); its warnings (invalid escapes…) are not the reader's."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def python_docstrings(source):
    """(qualified name, docstring) of a module's, classes' and functions' docstrings, in source
    order; source the parser cannot take (syntax errors, nesting that exhausts its stack) gives none."""
    return [(name, doc) for name, _, doc in _docstrings(_parsed(source))]


def _docstrings(tree):
    """(qualified name, node, docstring) of a parsed module's (None: none) documented nodes."""
    if tree is None:
        return []
    found = []

    def walk(node, prefix):
        doc = ast.get_docstring(node, clean=True) if isinstance(node, DOCUMENTED) else None
        if doc:
            found.append((prefix, node, doc))
        for child in ast.iter_child_nodes(node):
            if isinstance(child, DOCUMENTED[1:]):
                walk(child, f"{prefix}.{child.name}" if prefix else child.name)

    try:
        walk(tree, "")
    except RecursionError:  # classes nested thousands deep
        pass
    return found


LONG_SOURCE_LINE = 10_000  # characters: longer lines are data or an attack, not code to tokenize


def python_text(source):
    """Docstrings (with their qualified names), module-level constants with the comments that
    describe them ("The default VAT rate: DEFAULT_RATE = Decimal("0.20")"), and the other
    comments of a Python file, as plain text.

    Source the parser cannot take (syntax errors, nesting deep enough to exhaust its stack)
    still gives its comments."""
    tree = _parsed(source)
    parts = [f"{_signature(name, node)}\n\n{indented(_with_defaults(node, sentences_of_sections(doc)))}" if name
             else sentences_of_sections(doc) for name, node, doc in _docstrings(tree)]
    comments = []  # (line number, text)
    lines = source.splitlines()
    if any(len(line) > LONG_SOURCE_LINE for line in lines):
        # Python 3.12's tokenize copies the whole line into every token: a 1 MB line of
        # operators took minutes. Such a file keeps only its whole-line comments.
        comments = [(n, line.strip()[1:].strip()) for n, line in enumerate(lines, 1)
                    if line.lstrip().startswith("#") and not line.lstrip().startswith("#!")]
        constants = []
    else:
        try:
            for token in tokenize.generate_tokens(io.StringIO(source).readline):
                if token.type == tokenize.COMMENT and not token.string.startswith("#!") \
                        and not _PRAGMA.match(token.string):
                    comments.append((token.start[0], token.string.lstrip("#").strip()))
        except (tokenize.TokenError, IndentationError, SyntaxError):
            pass
        constants = _constants(tree, source)
    by_line, described = dict(comments), set()  # the comments' texts by line; the lines of those used
    for first, last, code in constants:
        top = first  # the comment lines right above it, up to MAX_CONSTANT_COMMENT_LINES
        while top > 1 and first - top < MAX_CONSTANT_COMMENT_LINES and lines[top - 2].lstrip().startswith("#"):
            top -= 1
        above = [n for n in range(top, last + 1) if n in by_line]
        words = " ".join(by_line[n] for n in above if by_line[n])
        parts.append(f"{words.rstrip('.:')}: {code}" if words else code)
        described.update(above)
    rest = [text for n, text in comments if text and n not in described]
    if rest:
        parts.append("\n".join(rest))
    return "\n\n".join(p for p in parts if p.strip())


# a tool's directive, not a comment for readers: "# noqa: E402", "# type: ignore", "# pragma: no cover"
_PRAGMA = re.compile(r"#\s*(?:noqa\b|type:|pragma:|pylint:|fmt:|isort:|mypy:|ruff:|nosec\b)", re.I)
MAX_SIGNATURE_CHARS = 200


def indented(doc):
    """A description (a docstring, a doc comment) indented under its signature, as reference docs
    lay one out."""
    return "\n".join(f"   {line}" if line.strip() else "" for line in doc.splitlines())


def _signature(name, node):
    """How a documented class or function is called, as reference docs write it above its
    description ("retry(attempts=5, base_delay=0.5)", "class RetryError(Exception)"): its defaults
    answer questions; the qualified name alone past MAX_SIGNATURE_CHARS or where it cannot be read."""
    try:
        if isinstance(node, ast.ClassDef):
            bases = ", ".join(ast.unparse(b) for b in node.bases)
            text = f"class {name}({bases})" if bases else f"class {name}"
        else:
            text = f"{name}({ast.unparse(node.args)})"
    except (ValueError, RecursionError, AttributeError):
        return f"{name}:"
    return text if len(text) <= MAX_SIGNATURE_CHARS and "\n" not in text else f"{name}:"


MAX_DEFAULT_CHARS = 40  # a default value longer than this is code, not a setting to quote


def _with_defaults(node, doc):
    """A function's description with, after its first paragraph, the sentence saying its
    parameters' default values ("By default, timeout is 8.0 and retries is 2."), which answers
    "What is the default timeout?" where its signature alone names no default."""
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return doc
    args = node.args
    pairs = list(zip([a.arg for a in args.posonlyargs + args.args][-len(args.defaults):] if args.defaults else [],
                     args.defaults))
    pairs += [(a.arg, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
    said = []
    for name, default in pairs:
        try:
            value = ast.unparse(default)
        except (ValueError, RecursionError, AttributeError):
            continue
        if len(value) <= MAX_DEFAULT_CHARS and "\n" not in value:
            said.append(f"{name} is {value}")
    if not said:
        return doc
    sentence = "By default, " + (f"{', '.join(said[:-1])} and {said[-1]}" if len(said) > 1 else said[0]) + "."
    first, gap, rest = doc.partition("\n\n")
    return f"{first}\n\n{sentence}{gap}{rest}" if gap else f"{first}\n\n{sentence}"


MAX_CONSTANT_CHARS = 120  # "TIMEOUT = 30", not a table of a thousand entries
MAX_CONSTANT_COMMENT_LINES = 2  # comment lines right above a constant that describe it


def _constants(tree, source):
    """(first line, last line, "NAME = value") of a parsed module's (None: none) top-level
    assignments of a short value to a name ("DEFAULT_RATE = Decimal('0.20')", "__version__ =
    '0.8.2'"), in order."""
    found, lines = [], None
    for node in tree.body if tree is not None else ():
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if (
            isinstance(node, ast.AnnAssign) and node.value is not None) else []
        if len(targets) != 1 or not isinstance(targets[0], ast.Name) or node.value.end_lineno != node.value.lineno:
            continue
        if lines is None:  # split once: ast.get_source_segment splits the whole source on every call
            lines = _SOURCE_LINES.split(source)
        value = _line_segment(lines[node.value.lineno - 1], node.value.col_offset, node.value.end_col_offset)
        if value and len(value) <= MAX_CONSTANT_CHARS:
            found.append((node.lineno, node.end_lineno, f"{targets[0].id} = {value}"))
    return found


_SOURCE_LINES = re.compile(r"\r\n|\r|\n")  # the line ends Python's parser counts (not form feeds)


def _line_segment(line, start, end):
    """The text of `line` between two of the parser's column offsets, which count UTF-8 bytes."""
    return line.encode("utf-8")[start:end].decode("utf-8", "replace")


def table_text(source, tabs=False, where="the table"):
    """A CSV (or, with `tabs`, TSV) file as a Markdown pipe table: its first row the header. The
    delimiter of a .csv is sniffed (",", ";", tab or "|"); cells have their whitespace collapsed."""
    import csv

    delimiter = "\t"
    if not tabs:
        try:
            delimiter = csv.Sniffer().sniff(source[:4096], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    try:
        rows = [row for row in csv.reader(io.StringIO(source), delimiter=delimiter) if any(c.strip() for c in row)]
    except csv.Error as exc:
        raise DataError(f"{where}: not a readable table ({exc})") from None
    return "\n".join(pipe_table(rows)) + "\n" if rows else ""


def pipe_table(rows):
    """Lines of a Markdown pipe table of `rows` (lists of cell texts), the first the header row:
    cells' whitespace collapsed, "|" escaped, short rows padded."""
    width = max(len(row) for row in rows)
    lines = []
    for number, row in enumerate(rows):
        cells = [" ".join(cell.split()).replace("|", "\\|") for cell in list(row) + [""] * (width - len(row))]
        lines.append("| " + " | ".join(cells) + " |")
        if number == 0:
            lines.append("|" + "---|" * width)
    return lines


def document_text(lines):
    """The text of a document a reader wrote as `lines` ("" between blocks): runs of blank lines made
    one, no blank lines at either end, a final newline; "" when there is no text."""
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text + "\n" if text else ""


def first_heading(lines):
    """The text of the first "#" heading among a reader's `lines`, or None: a title when the file
    gives none of its own."""
    return next((line.lstrip("# ") for line in lines if line.startswith("#")), None) or None


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def spoken_date(moment):
    """A date as people write it in prose ("14 March 2027"), which the answer types read as a date."""
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def spoken_day(moment):
    """A date with its weekday, as people write it in prose ("Sunday 14 March 2027")."""
    return f"{_DAYS[moment.weekday()]} {spoken_date(moment)}"


def table_lines(rows):
    """Lines for a table of an office document (`rows` of cell texts, empty rows dropped): a pipe
    table, or, for a table of one row or one column, which lays out text rather than holding data,
    a paragraph a row."""
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return []
    if len(rows) == 1 or max(len(row) for row in rows) == 1:
        return [line for row in rows for line in ("", " ".join(cell for cell in row if cell), "")]
    return ["", *pipe_table(rows), ""]


def notebook_text(source, where):
    """A Jupyter notebook as Markdown: its Markdown and raw cells as written, its code cells as
    ```python fences (outputs left out). DataError when it is not a notebook."""
    notebook = parse_json(source, where)
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise DataError(f"{where}: not a Jupyter notebook (no cells)")
    parts = []
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        text = cell.get("source", "")
        text = "".join(piece for piece in text if isinstance(piece, str)) if isinstance(text, list) else text
        if not isinstance(text, str) or not text.strip():
            continue
        if cell.get("cell_type") == "code":
            fence = "````" if "```" in text else "```"
            parts.append(f"{fence}python\n{text.strip(chr(10))}\n{fence}")
        else:
            parts.append(text.strip("\n"))
    return "\n\n".join(parts) + "\n" if parts else ""


def load_documents(paths, include=None, exclude=None, on_skip=None, max_file_bytes=MAX_FILE_BYTES):
    """Every document under `paths` (files and folders, recursive, with glob filters).

    Files that cannot be read (not regular files, over `max_file_bytes`, not UTF-8, a bad
    JSON line) are reported through `on_skip` and passed over. A document id seen twice (the
    same `_id` in two rows or files) keeps both documents: the later one is indexed as
    `file:id`, with a warning."""
    return read_changed_files(paths, {}, include, exclude, on_skip, max_file_bytes).documents


@dataclass
class FolderRead:
    """What read_changed_files found: the documents of the files it read, the {path: stamp} of
    those it read that were not modified in the last RACY_SECONDS, and the paths it left unread."""

    documents: list
    stamps: dict
    unchanged: set


@functools.lru_cache(maxsize=1)
def reader_signature():
    """A digest of the code that turns files into text (this module and the readers it imports,
    and theirs): text that other code read is read again."""
    digest = hashlib.sha256()
    folder = os.path.dirname(os.path.abspath(__file__))
    for name in _reader_modules(folder):
        try:
            with open(os.path.join(folder, name + ".py"), "rb") as handle:
                digest.update(handle.read())
        except OSError:  # installed without sources: the release tells them apart
            from importlib import metadata

            try:
                digest.update(metadata.version("neuraflux").encode())
            except metadata.PackageNotFoundError:
                digest.update(b"unknown")
    return digest.hexdigest()[:16]


def _reader_modules(folder):
    """This module's name and those of the modules of `folder` it imports ("from .htmltext import"),
    theirs included, sorted; only "documents" when the sources are not there."""
    names, waiting = set(), ["documents"]
    while waiting:
        name = waiting.pop()
        if name in names:
            continue
        names.add(name)
        try:
            with open(os.path.join(folder, name + ".py"), encoding="utf-8") as handle:
                waiting += re.findall(r"^\s*from \.(\w+) import", handle.read(), re.M)
        except OSError:
            continue
    return sorted(names)


RACY_SECONDS = 2  # a file modified this recently may change again within its timestamp's tick


def file_stamp(path):
    """(size, modification time, status change time; in ns) of a file: what tells that it changed
    since it was read (the status change time also moves when another file, of the same size and
    modification time, is copied over it)."""
    info = os.stat(path)
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns


def read_changed_files(paths, stamps, include=None, exclude=None, on_skip=None, max_file_bytes=MAX_FILE_BYTES,
                       progress=None):
    """load_documents, leaving unread the files whose stamp is `stamps[path]` (the path as
    documents give it): an index that holds their documents as last read needs no new copy.
    A .jsonl file is always read (its rows' ids depend on the files read before it). `progress`
    (a Progress) is given the number of files and counts them."""
    docs, first_seen, read_stamps, unchanged = [], {}, {}, set()
    racy = time.time_ns() - RACY_SECONDS * 10 ** 9
    files = list(iter_files(paths, SUFFIXES, include, exclude, on_skip=on_skip))
    if progress is not None:
        progress.total = len(files)
    for path in files:
        if progress is not None:
            progress.update()
        where = display_path(os.path.abspath(path))
        try:
            if path.endswith(".jsonl"):
                for doc in list(read_jsonl(path, on_repair=on_skip)):
                    doc.title = doc.title or doc.doc_id
                    doc.path = where
                    docs.append(_unique(doc, first_seen, on_skip))
                continue
            stamp = file_stamp(path)  # taken before reading: a change made meanwhile shows next time
            if stamps.get(where) == stamp:
                unchanged.add(where)
                first_seen[where] = where
                continue
            if is_mailbox(path):  # a mailbox: a document a message, with its own progress line
                from .emailtext import mailbox_messages
                from .progress import Progress

                bar = Progress(f"reading {os.path.basename(where)}", total=stamp[0], unit="MB", scale=1e-6,
                               enabled=progress is not None and progress.enabled)
                for number, text, title in mailbox_messages(path, on_skip, progress=bar):
                    title = title or f"{os.path.basename(where)}, message {number}"
                    docs.append(_unique(Document(text, where, f"{where}#{number}", title), first_seen, on_skip))
                bar.close(only_if_shown=True)
                if stamp[1] < racy:
                    read_stamps[where] = stamp
                continue
            text, title = read_document(path, max_file_bytes)
        except DataError as exc:
            _report(on_skip, f"skipping {exc}")
            continue
        except OSError as exc:
            _report(on_skip, f"skipping {display_path(path)}: {exc.strerror}")
            continue
        if title is None:
            title = markup_title(text, os.path.splitext(display_path(os.path.basename(path)))[0])
        if text.strip():
            docs.append(_unique(Document(text, where, where, title), first_seen, on_skip))
            if stamp[1] < racy:
                read_stamps[where] = stamp
    return FolderRead(docs, read_stamps, unchanged)


def _unique(doc, first_seen, on_skip):
    """`doc`, renamed `file:id` when its id was already taken by an earlier document."""
    earlier = first_seen.get(doc.doc_id)
    if earlier is not None:
        renamed = f"{os.path.basename(doc.path)}:{doc.doc_id}"
        suffix = 2
        while renamed in first_seen:
            renamed, suffix = f"{os.path.basename(doc.path)}:{doc.doc_id}#{suffix}", suffix + 1
        _report(on_skip, f"document id {doc.doc_id!r} appears twice ({earlier} and {doc.path}); "
                       f"the second is indexed as {renamed!r}")
        doc.doc_id = renamed
    first_seen[doc.doc_id] = doc.path
    return doc


def read_texts(paths, on_skip=None, include=None, exclude=None):
    """`load_documents`, for training: raises DataError when nothing readable is found."""
    docs = load_documents(paths, include, exclude, on_skip=on_skip)
    if not docs:
        raise DataError(f"no readable text found in {', '.join(map(display_path, map(os.fspath, paths)))}")
    return docs
