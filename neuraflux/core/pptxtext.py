"""PowerPoint decks (.pptx) as the text the rest of neuraflux reads: each shown slide as a "#"
heading (its title, else "Slide N") over its text, the paragraphs of its content placeholders as
"* " bullets (indented by level), those of text boxes as paragraphs, its tables as pipe tables,
then its speaker notes; footers, dates and slide numbers left out. Standard library only; parts
are read within a size limit (zipparts.py).
"""
import re

from .documents import document_text, table_lines
from .errors import DataError
from .zipparts import ARCHIVE_ERRORS, core_title, open_archive, relationship_targets, xml_part

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_TITLES = ("title", "ctrTitle")
_LEFT_OUT = ("ftr", "dt", "sldNum", "sldImg", "hdr")  # placeholders no one asks about


def pptx_to_text(source):
    """(text, title) of a .pptx file (a path or a binary file object); DataError when it is not one."""
    try:
        with open_archive(source, ".pptx") as archive:
            presentation = xml_part(archive, "ppt/presentation.xml")
            if presentation is None:
                raise DataError("not a PowerPoint deck: no ppt/presentation.xml")
            targets = relationship_targets(archive, "ppt/presentation.xml")
            lines = []
            slides = [targets.get(s.get(RELATIONSHIP)) for s in presentation.iter(f"{P}sldId")]
            for number, path in enumerate(slides, 1):
                slide = xml_part(archive, path) if path else None
                if slide is None or slide.get("show") in ("0", "false"):
                    continue
                lines += _slide_lines(slide, number, _notes(archive, path))
            title = core_title(archive)
    except ARCHIVE_ERRORS as exc:
        raise DataError(f"not a readable .pptx ({exc})") from None
    if not title:  # the first slide's own title ("Slide 3" is none; then the file's name titles it)
        title = next((line[2:] for line in lines if line.startswith("# ") and not re.fullmatch(r"# Slide \d+", line)),
                     None)
    return document_text(lines), title


def _notes(archive, slide_path):
    """The speaker notes of the slide at `slide_path`, or None."""
    notes = list(relationship_targets(archive, slide_path, "notesSlide").values())
    return xml_part(archive, notes[0]) if notes else None


def _slide_lines(slide, number, notes):
    """The lines of one slide: its title as the heading, its shapes' text in order, its notes."""
    title, body = None, []
    tree = slide.find(f"{P}cSld/{P}spTree")
    for kind, element in _shapes(tree):
        if kind in _LEFT_OUT:
            continue
        if kind == "table":
            rows = [[" ".join(_text(p) for p in cell.iter(f"{A}p")) for cell in row.iter(f"{A}tc")]
                    for row in element.iter(f"{A}tr")]
            body += table_lines(rows)
            continue
        paragraphs = [(p, " ".join(_text(p).split())) for p in element.iter(f"{A}p")]
        paragraphs = [(p, text) for p, text in paragraphs if text]
        if kind in _TITLES and title is None:
            title = " ".join(text for _, text in paragraphs)
        elif kind in ("body", "obj", "placeholder"):
            body += [_bullet(p, text) for p, text in paragraphs] + [""]
        else:  # a text box, a subtitle, a shape's label: paragraphs
            for _, text in paragraphs:
                body += [text, ""]
    lines = ["", "# " + (title or f"Slide {number}"), ""] + body
    for kind, element in _shapes(notes.find(f"{P}cSld/{P}spTree") if notes is not None else None):
        if kind == "body":
            lines += [text for text in (" ".join(_text(p).split()) for p in element.iter(f"{A}p")) if text] + [""]
    return lines


def _shapes(tree):
    """(kind, element) of the shapes under `tree` in order, groups opened: kind is a placeholder's
    type ("title", "body"; "placeholder" for a content placeholder without one), "table", or
    "text" for a text box or drawn shape."""
    for shape in (tree if tree is not None else ()):
        if shape.tag == f"{P}grpSp":
            yield from _shapes(shape)
        elif shape.tag == f"{P}sp":
            body = shape.find(f"{P}txBody")
            if body is None:
                continue
            placeholder = shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
            kind = "text" if placeholder is None else placeholder.get("type") or "placeholder"
            yield kind, body
        elif shape.tag == f"{P}graphicFrame":
            for table in shape.iter(f"{A}tbl"):
                yield "table", table


def _bullet(paragraph, text):
    properties = paragraph.find(f"{A}pPr")
    level = properties.get("lvl", "0") if properties is not None else "0"
    return "  " * min(int(level) if level.isdigit() else 0, 8) + "* " + text


def _text(paragraph):
    """A paragraph's runs and fields in order, line breaks as spaces (a slide number field left out)."""
    out = []
    for child in paragraph:
        if child.tag == f"{A}r" or (child.tag == f"{A}fld" and child.get("type") != "slidenum"):
            out.append("".join(t.text or "" for t in child.iter(f"{A}t")))
        elif child.tag == f"{A}br":
            out.append(" ")
    return "".join(out)
