"""E-books (.epub, EPUB 2 and 3) as the text a reader reads: the chapters their spine lists, in
that order, each read as HTML (htmltext.py); the navigation document and anything that is not a
page left out; titled by the book's <dc:title>. Standard library only; parts are read within a
size limit, the book's pages within one total (zipparts.py).
"""
import posixpath
from urllib.parse import unquote

from .documents import document_text
from .errors import DataError
from .zipparts import ARCHIVE_ERRORS, MAX_PART_BYTES, dc_title, open_archive, part_bytes, xml_part

CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
OPF = "{http://www.idpf.org/2007/opf}"
PAGE_TYPES = ("application/xhtml+xml", "text/html")
MAX_BOOK_BYTES = MAX_PART_BYTES  # all of a book's pages together, unpacked


def epub_to_text(source):
    """(text, title) of an .epub file (a path or a binary file object); DataError when it is not one."""
    from .htmltext import decode_html, html_to_text

    texts = []
    try:
        with open_archive(source, ".epub") as archive:
            package_path = _package_path(archive)
            package = xml_part(archive, package_path)
            if package is None:
                raise DataError(f"its container names {package_path}, which it lacks")
            title = dc_title(package)
            left = MAX_BOOK_BYTES
            for page in _spine_pages(package, posixpath.dirname(package_path)):
                data = part_bytes(archive, page, left)
                if data is None:
                    continue  # a spine that names a missing page: the rest of the book still reads
                left -= len(data)
                html = decode_html(data)
                if html is None:
                    raise DataError(f"{page} is neither UTF-8 nor the charset its <meta> names")
                texts.append(html_to_text(html)[0].strip("\n"))
    except ARCHIVE_ERRORS as exc:
        raise DataError(f"not a readable .epub ({exc})") from None
    return document_text(["\n\n".join(text for text in texts if text)]), title


def _package_path(archive):
    """Where the package document (.opf) is, as META-INF/container.xml says."""
    container = xml_part(archive, "META-INF/container.xml")
    if container is None:
        raise DataError("not an EPUB book: no META-INF/container.xml")
    for rootfile in container.iter(f"{CONTAINER}rootfile"):
        path = rootfile.get("full-path")
        if path and rootfile.get("media-type", "application/oebps-package+xml") == "application/oebps-package+xml":
            return path
    raise DataError("not an EPUB book: its container names no package document")


def _spine_pages(package, folder):
    """The archive paths of the pages the spine lists, in reading order (not the navigation page)."""
    manifest = {}
    for item in package.iter(f"{OPF}item"):
        if item.get("media-type") in PAGE_TYPES and "nav" not in (item.get("properties") or "").split():
            href = unquote((item.get("href") or "").split("#")[0])
            if href:
                manifest[item.get("id")] = posixpath.normpath(posixpath.join(folder, href))
    pages = []
    for itemref in package.iter(f"{OPF}itemref"):
        page = manifest.get(itemref.get("idref"))
        if page and page not in pages:
            pages.append(page)
    return pages
