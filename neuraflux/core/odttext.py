"""OpenDocument text (.odt, as LibreOffice and Google Docs save it) as the Markdown-like text the
rest of neuraflux reads (sentences.py): headings as "#" lines, list items as "* " lines (nested
ones indented), tables as pipe tables, bold spans as **x**; notes, tables of contents and change
marks left out. Standard library only; parts are read within a size limit (zipparts.py).

    >>> from io import BytesIO
    >>> import zipfile
    >>> buffer = BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as z:
    ...     z.writestr("content.xml", '<o:document-content xmlns:o="%s" xmlns:t="%s"><o:body><o:text>'
    ...                '<t:h t:outline-level="1">Setup</t:h><t:p>Port<t:s t:c="2"/>8813.</t:p>'
    ...                '</o:text></o:body></o:document-content>' % (OFFICE, TEXT))
    >>> odt_to_text(buffer)
    ('# Setup\\n\\nPort  8813.\\n', 'Setup')
"""
import re

from .documents import pipe_table
from .errors import DataError
from .zipparts import ARCHIVE_ERRORS, open_archive, xml_part

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
MAX_REPEATED_CELLS = 64  # a cell that says it repeats more often is a spreadsheet's empty tail
# elements whose text no reader reads as the document's: notes, generated indexes, tracked changes
_LEFT_OUT = {f"{{{TEXT}}}{name}" for name in (
    "note", "table-of-content", "alphabetical-index", "illustration-index", "bibliography",
    "tracked-changes", "sequence-decls", "variable-decls", "user-field-decls")}


def _text(name):
    return f"{{{TEXT}}}{name}"


def _table(name):
    return f"{{{TABLE}}}{name}"


def odt_to_text(source):
    """(text, title) of an .odt file (a path or a binary file object); DataError when it is not one."""
    try:
        with open_archive(source, ".odt") as archive:
            content = xml_part(archive, "content.xml")
            if content is None:
                raise DataError("not an OpenDocument text: no content.xml")
            meta = xml_part(archive, "meta.xml")
    except ARCHIVE_ERRORS as exc:
        raise DataError(f"not a readable .odt ({exc})") from None
    body = content.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    if body is None:
        raise DataError("not an OpenDocument text: no <office:text> body")
    reader = _Reader(_bold_styles(content))
    reader.blocks(body)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(reader.lines)).strip("\n")
    title = _meta_title(meta) if meta is not None else None
    if not title:
        title = next((line.lstrip("# ") for line in reader.lines if line.startswith("#")), None)
    return (text + "\n" if text else ""), title or None


def _bold_styles(content):
    """Names of the automatic styles that set a bold font weight."""
    names = set()
    for style in content.iter(f"{{{STYLE}}}style"):
        properties = style.find(f"{{{STYLE}}}text-properties")
        if properties is not None and properties.get(f"{{{FO}}}font-weight") in ("bold", "600", "700", "800", "900"):
            names.add(style.get(f"{{{STYLE}}}name"))
    return names


class _Reader:
    def __init__(self, bold):
        self.bold = bold
        self.lines = []

    def blocks(self, parent, depth=0):
        """Read the block elements under `parent`; `depth`: how deep in lists they are."""
        for block in parent:
            if block.tag in _LEFT_OUT:
                continue
            if block.tag == _text("h"):
                self.heading(block)
            elif block.tag == _text("p"):
                self.paragraph(block, depth)
            elif block.tag == _text("list"):
                for item in block:
                    if item.tag in (_text("list-item"), _text("list-header")):
                        self.blocks(item, depth + 1)
            elif block.tag == _table("table"):
                self.table(block)
            else:  # sections, frames' text boxes, change regions: their blocks in order
                self.blocks(block, depth)

    def heading(self, h):
        text = " ".join(self.inline(h).split())
        if text:
            level = h.get(_text("outline-level"), "1")
            level = int(level) if level.isdigit() else 1
            self.lines += ["", "#" * min(max(level, 1), 6) + " " + text, ""]

    def paragraph(self, p, depth):
        text = self.inline(p).strip()
        if not text:
            return
        if (p.get(_text("style-name")) or "").lower() == "title":
            self.lines += ["", "# " + " ".join(text.split()), ""]
        elif depth:
            self.lines.append("  " * (depth - 1) + "* " + text.replace("\n", " "))
        else:
            self.lines += [text, ""]

    def inline(self, element):
        """The text of a paragraph or heading: runs of spaces (<text:s text:c="3"/>), tabs and line
        breaks as written, bold spans marked, notes left out."""
        out = [element.text or ""]
        for child in element:
            if child.tag not in _LEFT_OUT:
                out.append(self.piece(child))
            out.append(child.tail or "")
        return "".join(out)

    def piece(self, child):
        if child.tag == _text("s"):
            count = child.get(_text("c"), "1")
            return " " * min(int(count) if count.isdigit() else 1, 100)
        if child.tag == _text("tab"):
            return " "
        if child.tag == _text("line-break"):
            return "\n"
        text = self.inline(child)
        if child.tag == _text("span") and child.get(_text("style-name")) in self.bold and text.strip():
            return f"**{text.strip()}** " if text.endswith(" ") else f"**{text.strip()}**"
        return text

    def table(self, table):
        rows = []
        for row in table.iter(_table("table-row")):
            cells = []
            for cell in row:
                if cell.tag not in (_table("table-cell"), _table("covered-table-cell")):
                    continue
                text = " ".join(" ".join(self.inline(p) for p in cell.iter(_text("p"))).split())
                repeat = cell.get(_table("number-columns-repeated"), "1")
                repeat = int(repeat) if repeat.isdigit() and int(repeat) <= MAX_REPEATED_CELLS else 1
                cells += [text] * repeat
            while cells and not cells[-1]:
                cells.pop()
            rows.append(cells)
        rows = [row for row in rows if any(row)]
        if not rows:
            return
        if len(rows) == 1 or max(len(row) for row in rows) == 1:  # layout, not data: plain paragraphs
            for row in rows:
                self.lines += [" ".join(cell for cell in row if cell), ""]
            return
        self.lines += ["", *pipe_table(rows), ""]


def _meta_title(meta):
    for element in meta.iter():
        if element.tag == "{http://purl.org/dc/elements/1.1/}title" and (element.text or "").strip():
            return element.text.strip()
    return None
