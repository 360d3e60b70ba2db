"""Word documents (.docx) as the Markdown-like text the rest of neuraflux reads (sentences.py):
heading styles as "#" lines, list paragraphs as "* " lines, tables as pipe tables, bold and
italic runs as **x** and *x*. Standard library only (zipfile, xml.etree); the archive's parts are
read within a size limit, and XML that declares a DTD or entities is refused, so neither a zip
bomb nor an entity bomb can take the memory.

    >>> from io import BytesIO
    >>> import zipfile
    >>> buffer = BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as z:
    ...     z.writestr("word/document.xml", '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>Hi.</w:t>'
    ...                '</w:r></w:p></w:body></w:document>' % W)
    >>> docx_to_text(buffer)
    ('Hi.\\n', None)
"""
import re
import zipfile

from .documents import document_text, first_heading, table_lines
from .errors import DataError
from .zipparts import ARCHIVE_ERRORS, core_title, xml_part

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEADING_NAME = re.compile(r"^(?:heading\s*(\d)|title)$", re.I)


def _tag(name):
    return f"{{{W}}}{name}"


def docx_to_text(source):
    """(text, title) of a .docx file (a path or a binary file object); DataError when it is not one."""
    try:
        with zipfile.ZipFile(source) as archive:
            document = xml_part(archive, "word/document.xml")
            if document is None:
                raise DataError("not a Word document: no word/document.xml")
            styles = xml_part(archive, "word/styles.xml")
            title = core_title(archive)
    except ARCHIVE_ERRORS as exc:
        raise DataError(f"not a readable .docx ({exc})") from None
    levels = _heading_levels(styles) if styles is not None else {}
    body = document.find(_tag("body"))
    lines = []
    for block in (body if body is not None else ()):
        if block.tag == _tag("p"):
            _paragraph(block, levels, lines)
        elif block.tag == _tag("tbl"):
            _table(block, lines)
    return document_text(lines), title or first_heading(lines)


def _heading_levels(styles):
    """{style id: heading level} from styles.xml ("Heading1", or a localised id named "heading 1")."""
    levels = {}
    for style in styles.iter(_tag("style")):
        name = style.find(_tag("name"))
        match = _HEADING_NAME.match(name.get(_tag("val"), "")) if name is not None else None
        if match:
            levels[style.get(_tag("styleId"))] = int(match.group(1) or 1)
    return levels


def _paragraph(p, levels, lines):
    text = _runs_text(p).strip()
    if not text:
        return
    properties = p.find(_tag("pPr"))
    style = properties.find(_tag("pStyle")) if properties is not None else None
    style_id = style.get(_tag("val")) if style is not None else ""
    level = levels.get(style_id) or _builtin_heading(style_id)
    if level:
        lines += ["", "#" * min(level, 6) + " " + text.replace("\n", " "), ""]
    elif (properties is not None and properties.find(_tag("numPr")) is not None) or style_id.startswith("List"):
        lines.append("* " + text.replace("\n", " "))
    else:
        lines += [text, ""]


def _builtin_heading(style_id):
    match = _HEADING_NAME.match(re.sub(r"(?<=[a-z])(?=\d)", " ", style_id or ""))
    return int(match.group(1) or 1) if match else 0


def _runs_text(element):
    """The text of `element`'s runs in order: tabs as spaces, breaks as line breaks, bold and
    italic runs marked."""
    out = []
    for run in element.iter(_tag("r")):
        pieces = []
        for child in run:
            if child.tag == _tag("t"):
                pieces.append(child.text or "")
            elif child.tag == _tag("tab"):
                pieces.append(" ")
            elif child.tag in (_tag("br"), _tag("cr")):
                pieces.append("\n")
        piece = "".join(pieces)
        properties = run.find(_tag("rPr"))
        if piece.strip() and properties is not None:
            if _on(properties.find(_tag("b"))):
                piece = f"**{piece.strip()}** " if piece.endswith(" ") else f"**{piece.strip()}**"
            elif _on(properties.find(_tag("i"))):
                piece = f"*{piece.strip()}* " if piece.endswith(" ") else f"*{piece.strip()}*"
        out.append(piece)
    return "".join(out)


def _on(flag):
    """Whether a toggle property (<w:b/>, <w:b w:val="0"/>) is set."""
    return flag is not None and flag.get(_tag("val"), "true") not in ("0", "false", "off")


def _table(tbl, lines):
    rows = []
    for tr in tbl.findall(_tag("tr")):
        rows.append([" ".join(" ".join(_runs_text(p) for p in tc.iter(_tag("p"))).split())
                     for tc in tr.findall(_tag("tc"))])
    lines += table_lines(rows)
