"""OpenDocument files, as LibreOffice and Google Docs save them, as the Markdown-like text the rest
of neuraflux reads (sentences.py). Text (.odt): headings as "#" lines, list items as "* " lines
(nested ones indented), tables as pipe tables, bold spans as **x**; notes, tables of contents and
change marks left out. Spreadsheets (.ods): each shown sheet a "#" heading over a pipe table of
its cells as they are displayed ("£12.00", "14/03/2027"). Presentations (.odp): each slide under
its title, its outline as bullets, its text boxes, tables and speaker notes. Standard library
only; parts are read within a size limit (zipparts.py).

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
from .documents import document_text, first_heading, table_lines
from .errors import DataError
from .zipparts import ARCHIVE_ERRORS, dc_title, open_archive, xml_part

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
PRESENTATION = "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
MAX_REPEATED_CELLS = 64  # a cell that says it repeats more often is a spreadsheet's empty tail
# elements whose text no reader reads as the document's: notes, generated indexes, tracked changes
_LEFT_OUT = {f"{{{TEXT}}}{name}" for name in (
    "note", "table-of-content", "alphabetical-index", "illustration-index", "bibliography",
    "tracked-changes", "sequence-decls", "variable-decls", "user-field-decls")}


def _text(name):
    return f"{{{TEXT}}}{name}"


def _table(name):
    return f"{{{TABLE}}}{name}"


def odt_to_text(source, kind=".odt"):
    """(text, title) of an OpenDocument text, spreadsheet or presentation (a path or a binary file
    object; `kind` names the suffix for errors); DataError when it is not one."""
    try:
        with open_archive(source, kind) as archive:
            content = xml_part(archive, "content.xml")
            if content is None:
                raise DataError("not an OpenDocument file: no content.xml")
            meta = xml_part(archive, "meta.xml")
    except ARCHIVE_ERRORS as exc:
        raise DataError(f"not a readable {kind} ({exc})") from None
    reader = _Reader(_bold_styles(content))
    body = content.find(f"{{{OFFICE}}}body")
    if body is not None and body.find(f"{{{OFFICE}}}text") is not None:
        reader.blocks(body.find(f"{{{OFFICE}}}text"))
    elif body is not None and body.find(f"{{{OFFICE}}}spreadsheet") is not None:
        hidden = _hidden_table_styles(content)
        for sheet in body.find(f"{{{OFFICE}}}spreadsheet").findall(_table("table")):
            if sheet.get(_table("style-name")) not in hidden:
                reader.table(sheet, heading=sheet.get(_table("name")) or "")
    elif body is not None and body.find(f"{{{OFFICE}}}presentation") is not None:
        for number, page in enumerate(body.find(f"{{{OFFICE}}}presentation").iter(f"{{{DRAW}}}page"), 1):
            reader.slide(page, number)
    else:
        raise DataError("not an OpenDocument text, spreadsheet or presentation: no body")
    return document_text(reader.lines), dc_title(meta) or first_heading(reader.lines)


def _hidden_table_styles(content):
    """Names of the automatic styles that hide a sheet (table:display="false")."""
    return {style.get(f"{{{STYLE}}}name") for style in content.iter(f"{{{STYLE}}}style")
            if any(p.get(_table("display")) == "false" for p in style.iter(f"{{{STYLE}}}table-properties"))}


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
                if not depth:
                    self.lines.append("")  # what follows a list is not its last item's continuation
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

    def table(self, table, heading=None):
        """A table as a pipe table (a one-row or one-column one as paragraphs), under "# heading"
        when given (a spreadsheet's sheet); rows and cells that say they repeat, up to
        MAX_REPEATED_CELLS times, an empty one not at all."""
        rows = []
        for row in table.iter(_table("table-row")):
            cells = []
            for cell in row:
                if cell.tag not in (_table("table-cell"), _table("covered-table-cell")):
                    continue
                text = " ".join(" ".join(self.inline(p) for p in cell.iter(_text("p"))).split())
                cells += [text] * (_repeats(cell, "columns") if text else min(_repeats(cell, "columns"), MAX_REPEATED_CELLS))
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                rows += [cells] * _repeats(row, "rows")
        if rows and heading:
            self.lines += ["", "# " + heading, ""]
        self.lines += table_lines(rows)

    def slide(self, page, number):
        """A presentation's page: its title frame as the "#" heading ("Slide N" without one), its
        other frames' text, lists and tables, then its speaker notes."""
        frames = list(page.iter(f"{{{DRAW}}}frame"))
        notes = page.find(f"{{{PRESENTATION}}}notes")
        in_notes = set(notes.iter(f"{{{DRAW}}}frame")) if notes is not None else set()
        kind = f"{{{PRESENTATION}}}class"
        titles = [" ".join(self.inline(p) for p in f.iter(_text("p"))).strip() for f in frames
                  if f.get(kind) == "title" and f not in in_notes]
        self.lines += ["", "# " + (" ".join(" ".join(titles).split()) or f"Slide {number}"), ""]
        for frame in frames:
            if frame.get(kind) in ("title", "page-number", "footer", "date-time", "page") and frame not in in_notes:
                continue
            if frame in in_notes and frame.get(kind) != "notes":
                continue
            for child in frame:
                if child.tag == f"{{{DRAW}}}text-box":
                    self.blocks(child)
                elif child.tag == _table("table"):
                    self.table(child)


def _repeats(element, what):
    """How often a cell or row says it repeats (table:number-columns-repeated), within MAX_REPEATED_CELLS."""
    repeat = element.get(_table(f"number-{what}-repeated"), "1")
    return min(int(repeat), MAX_REPEATED_CELLS) if repeat.isdigit() and int(repeat) > 0 else 1
