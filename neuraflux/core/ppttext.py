"""PowerPoint 97–2003 decks (.ppt) as text, standard library only, written as the .pptx reader
writes a deck: each slide as a "#" heading (its title, else "Slide N") over its text, the body
placeholders' paragraphs as "* " bullets, text boxes' paragraphs as paragraphs, then its speaker
notes. Master slides, pictures and charts are left out; encrypted decks are refused.

The deck is the "PowerPoint Document" stream of a compound file (compoundfile.py): records with
an 8-byte header (version and instance, type, length; version 0xF a container). The current
version of each part is found as PowerPoint finds it: the CurrentUser stream names the last
UserEditAtom, whose chain of persist directories maps persist ids to stream offsets; the document's
SlideListWithText lists the slides (and notes) in order with their placeholders' text, and each
slide's own drawing holds its text boxes' text (ClientTextbox).
"""
import struct

from .compoundfile import CompoundFile
from .documents import document_text
from .errors import DataError

_DOCUMENT, _SLIDE_LIST, _SLIDE_PERSIST, _TEXT_HEADER = 0x03E8, 0x0FF0, 0x03F3, 0x0F9F
_TEXT_CHARS, _TEXT_BYTES, _CLIENT_TEXTBOX, _SLIDE_ATOM = 0x0FA0, 0x0FA8, 0xF00D, 0x03EF
_USER_EDIT, _PERSIST_DIRECTORY = 0x0FF5, 0x1772
_SHAPE, _CLIENT_DATA, _PLACEHOLDER_ATOM, _HEADER_FOOTER_ATOM = 0xF004, 0xF011, 0x0BC3, 0x0420
_LEFT_OUT = (7, 8, 9, 10)  # placeholders for a date, a slide number, a footer, a header
_TITLES, _BODIES, _NOTES = (0, 6), (1, 5, 7, 8), 2  # TextHeaderAtom text types
MAX_EDITS = 10_000


def ppt_to_text(data):
    """(text, None) of a .ppt file's bytes (see the module docstring)."""
    storage = CompoundFile(data)
    stream = storage.stream("PowerPoint Document")
    if stream is None:
        raise DataError("not a PowerPoint deck: it has no PowerPoint Document stream")
    try:
        offsets = _persist_offsets(stream, storage.stream("Current User") or b"")
        return _deck_text(stream, offsets), None
    except struct.error:
        raise DataError("a damaged PowerPoint deck: a record runs past its end") from None


def _header(stream, at):
    """(is container, instance, type, length) of the record at `at`."""
    version_instance, kind, length = struct.unpack_from("<HHI", stream, at)
    return (version_instance & 0x0F) == 0x0F, version_instance >> 4, kind, length


def _children(stream, at):
    """(offset, container?, instance, type, length) of the records inside the container at `at`."""
    _, _, _, length = _header(stream, at)
    child, end = at + 8, min(len(stream), at + 8 + length)
    while child + 8 <= end:
        container, instance, kind, size = _header(stream, child)
        yield child, container, instance, kind, size
        child += 8 + size


def _persist_offsets(stream, current_user):
    """{persist id: offset} of the deck's current edit, newer edits' entries over older ones';
    DataError for an encrypted deck."""
    if len(current_user) >= 20:
        token, edit = struct.unpack_from("<II", current_user, 12)
        if token == 0xF3D1C4DF:
            raise DataError("an encrypted PowerPoint deck: not read")
    else:  # no CurrentUser stream: the last UserEditAtom in the stream
        edit = stream.rfind(b"\x00\x00\xf5\x0f")  # an atom's header: version and instance 0, type 0x0FF5
        if edit < 0:
            raise DataError("a PowerPoint deck without its edit history")
    offsets, seen = {}, set()
    while edit and edit not in seen and len(seen) < MAX_EDITS and edit + 8 <= len(stream):
        seen.add(edit)
        _, _, kind, length = _header(stream, edit)
        if kind != _USER_EDIT or length < 16:
            break
        last_edit, directory = struct.unpack_from("<II", stream, edit + 8 + 8)
        if length >= 32 and struct.unpack_from("<I", stream, edit + 8 + 28)[0] != 0:  # encryptSessionPersistIdRef
            raise DataError("an encrypted PowerPoint deck: not read")
        _, _, kind, size = _header(stream, directory)
        if kind == _PERSIST_DIRECTORY:
            at, end = directory + 8, directory + 8 + size
            while at + 4 <= end:
                entry = struct.unpack_from("<I", stream, at)[0]
                first, count = entry & 0xFFFFF, entry >> 20
                for k in range(count):
                    if at + 8 + 4 * k <= end:
                        offsets.setdefault(first + k, struct.unpack_from("<I", stream, at + 4 + 4 * k)[0])
                at += 4 + 4 * count
        edit = last_edit
    if not offsets:
        raise DataError("a PowerPoint deck whose persist directory cannot be read")
    return offsets


def _ordered_texts(stream, at):
    """[(text type, text)] of the text atoms under the record at `at`, in order (a footer's, date's,
    slide number's or header's shape left out)."""
    return _typed_texts(stream, _leaves(stream, at))


def _leaves(stream, at, depth=0):
    """(offset, type, length) of the atoms under the container at `at`, depth first, in order."""
    if depth > 32:
        return
    for child, container, _, kind, size in _children(stream, at):
        if container and kind == _SHAPE and _placeholder(stream, child) in _LEFT_OUT:
            continue  # no one asks about them
        if container:
            yield from _leaves(stream, child, depth + 1)
        else:
            yield child, kind, size


def _typed_texts(stream, atoms):
    """[(text type, text)] of the text atoms among `atoms` ((offset, type, length) in order), each
    typed by the TextHeaderAtom before it (4, "other", without one)."""
    out, kind_of_text = [], 4
    for at, kind, size in atoms:
        if kind == _TEXT_HEADER and size >= 4:
            kind_of_text = struct.unpack_from("<I", stream, at + 8)[0]
        elif kind in (_TEXT_CHARS, _TEXT_BYTES):
            raw = stream[at + 8:at + 8 + size]
            out.append((kind_of_text, raw.decode("utf-16-le" if kind == _TEXT_CHARS else "cp1252", "replace")))
            kind_of_text = 4
    return out


def _placeholder(stream, shape):
    """The placeholder type of a shape's client data (OEPlaceholderAtom's placementId, or a
    RoundTripHFPlaceholder12Atom's), or None."""
    for child, container, _, kind, _ in _children(stream, shape):
        if container and kind == _CLIENT_DATA:
            for atom, _, _, atom_kind, size in _children(stream, child):
                if atom_kind == _PLACEHOLDER_ATOM and size >= 5:
                    return stream[atom + 8 + 4]
                if atom_kind == _HEADER_FOOTER_ATOM and size >= 1:  # PowerPoint 2007's header or footer
                    return stream[atom + 8]
    return None


def _deck_text(stream, offsets):
    document = _document(stream, offsets)
    slides, notes = [], {}  # [(persist id, [atom])], {persist id: [atom]}; an atom: (offset, type, length)
    for child, container, instance, kind, _ in _children(stream, document):
        if kind != _SLIDE_LIST:
            continue
        atoms = None
        for atom, _, _, atom_kind, size in _children(stream, child):
            if atom_kind == _SLIDE_PERSIST and size >= 4:
                persist, atoms = struct.unpack_from("<I", stream, atom + 8)[0], []
                if instance == 0:
                    slides.append((persist, atoms))
                else:
                    notes[persist] = atoms
            elif atoms is not None:
                atoms.append((atom, atom_kind, size))
    lines = []
    for number, (persist, placeholder_atoms) in enumerate(slides, 1):
        texts = _typed_texts(stream, placeholder_atoms)
        slide_at = offsets.get(persist)
        notes_texts = []
        if slide_at is not None and slide_at + 8 <= len(stream):
            texts += [t for t in _ordered_texts(stream, slide_at) if t not in texts]
            notes_id = _notes_id(stream, slide_at)
            if notes_id in notes:
                notes_texts = [text for kind, text in _typed_texts(stream, notes[notes_id]) if kind in (_NOTES, 4)]
            elif notes_id in offsets:
                notes_texts = [text for kind, text in _ordered_texts(stream, offsets[notes_id]) if kind == _NOTES]
        lines += _slide_lines(number, texts, notes_texts)
    return document_text(lines)


def _document(stream, offsets):
    """The offset of the current DocumentContainer (persist id 1 in PowerPoint's decks; else the
    first persisted part that is one)."""
    for persist in sorted(offsets):
        at = offsets[persist]
        if at + 8 <= len(stream) and _header(stream, at)[2] == _DOCUMENT:
            return at
    raise DataError("a PowerPoint deck without its document record")


def _notes_id(stream, slide_at):
    """The persist id of a slide's notes (its SlideAtom's notesIdRef), or None."""
    for child, container, _, kind, size in _children(stream, slide_at):
        if kind == _SLIDE_ATOM and size >= 24:
            return struct.unpack_from("<I", stream, child + 8 + 16)[0] or None
    return None


def _slide_lines(number, texts, notes):
    """Lines of one slide: its title as a heading, body text as bullets, other text as paragraphs,
    then its notes."""
    title = next((" ".join(text.split()) for kind, text in texts if kind in _TITLES and text.strip()), None)
    lines = ["", f"# {title or f'Slide {number}'}", ""]
    for kind, text in texts:
        if kind in _TITLES and " ".join(text.split()) == title:
            continue
        paragraphs = [" ".join(p.replace("\x0b", " ").split()) for p in text.split("\r")]
        paragraphs = [p for p in paragraphs if p]
        if kind in _BODIES:
            lines += [f"* {p}" for p in paragraphs] + [""]
        else:
            lines += [line for p in paragraphs for line in (p, "")]
    for text in notes:
        lines += [line for p in text.split("\r") if p.strip() for line in (" ".join(p.split()), "")]
    return lines
