"""Parts of the zip archives that office documents and e-books are (.docx .xlsx .pptx .odt .epub), read
within a size limit, so that no zip bomb takes the memory, and XML parsed only when it declares no
DTD or entities, so that no entity bomb does either. Standard library only.

    >>> from io import BytesIO
    >>> buffer = BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as z:
    ...     z.writestr("a.xml", "<a>hi</a>")
    >>> with zipfile.ZipFile(buffer) as z:
    ...     xml_part(z, "a.xml").text, xml_part(z, "b.xml")
    ('hi', None)
"""
import io
import posixpath
import zipfile
from xml.etree import ElementTree

from .errors import DataError

MAX_PART_BYTES = 64 * 1024 ** 2  # one part, uncompressed
PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# what opening or reading an archive raises on a damaged one (NotImplementedError: an unknown
# compression; RuntimeError: an encrypted part)
ARCHIVE_ERRORS = (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError)


def part_bytes(archive, name, limit=MAX_PART_BYTES):
    """The bytes of part `name` (at most `limit` unpacked; DataError over it), or None when the
    archive lacks it."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > limit:
        raise DataError(f"{name} unpacks to {info.file_size:,} bytes, over the {limit:,}-byte limit")
    with archive.open(info) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:  # the size the archive declared was wrong
        raise DataError(f"{name} unpacks to over {limit:,} bytes")
    return data


def xml_part(archive, name):
    """The parsed XML part `name`, or None when the archive lacks it; DataError when it is too
    big, declares a DTD or entities, or is not well-formed."""
    data = _xml_bytes(archive, name)
    if data is None:
        return None
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise DataError(f"{name} is not well-formed XML ({exc})") from None


def xml_elements(archive, name, tag):
    """The `tag` elements of the XML part `name` one at a time, each emptied once the next is
    asked for (a sheet of a million rows is never a tree in memory); none when the archive lacks
    the part; DataError as xml_part's."""
    data = _xml_bytes(archive, name)
    if data is None:
        return
    try:
        for _, element in ElementTree.iterparse(io.BytesIO(data)):
            if element.tag == tag:
                yield element
                element.clear()
    except ElementTree.ParseError as exc:
        raise DataError(f"{name} is not well-formed XML ({exc})") from None


def _xml_bytes(archive, name):
    data = part_bytes(archive, name)
    if data is not None and (b"<!DOCTYPE" in data or b"<!ENTITY" in data):
        raise DataError(f"{name} declares a DTD or entities, which an office document never does")
    return data


def open_archive(source, kind):
    """`source` (a path or a binary file object) opened as a zip archive; DataError naming `kind`
    (".odt") when it is not one."""
    try:
        return zipfile.ZipFile(source)
    except ARCHIVE_ERRORS as exc:
        raise DataError(f"not a readable {kind} ({exc})") from None


def relationship_targets(archive, part, kind=None):
    """{relationship id: archive path} of what `part` ("ppt/presentation.xml") links to, from its
    relationships part ("ppt/_rels/presentation.xml.rels"), only links of `kind` ("notesSlide",
    the end of their type) when given; {} when it has none."""
    folder, name = posixpath.split(part)
    rels = xml_part(archive, posixpath.join(folder, "_rels", name + ".rels"))
    targets = {}
    for rel in (rels.iter(f"{PACKAGE_RELATIONSHIPS}Relationship") if rels is not None else ()):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target or (kind and not (rel.get("Type") or "").endswith("/" + kind)):
            continue
        targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
    return targets


def core_title(archive):
    """The title an Office document's properties give (docProps/core.xml), or None."""
    return dc_title(xml_part(archive, "docProps/core.xml"))


def dc_title(element):
    """The first non-empty Dublin Core <dc:title> under `element` (an Office document's
    properties, an OpenDocument's meta.xml, an e-book's package), or None."""
    for title in (element.iter("{http://purl.org/dc/elements/1.1/}title") if element is not None else ()):
        if (title.text or "").strip():
            return title.text.strip()
    return None
