"""Word 97–2003 documents (.doc) as text, standard library only: the main document's paragraphs and
tables (pipe tables, as the other office readers write them), headings and list items, fields by
what they show, then its footnotes, endnotes and text boxes; titled by the file's Title property;
Word 6 and Word 95 files' text too. Headers, footers, comments and pictures are left out;
encrypted files are refused with a clear reason.

The text is found the way [MS-DOC] lays it out: the WordDocument stream's File Information Block
names the table stream ("0Table" or "1Table") and the place in it of the piece table (Clx), whose
pieces say where each run of characters lies in WordDocument and whether it is stored as 8-bit
Windows-1252 or as UTF-16. Special characters then give the structure: "\\r" ends a paragraph,
"\\x07" a table cell (and, alone, a row), "\\x13 instruction \\x14 result \\x15" is a field.
"""
import bisect
import re
import struct

from .compoundfile import CompoundFile
from .documents import document_text, table_lines
from .errors import DataError

_WORD_IDENT, _WORD6_IDENT = 0xA5EC, 0xA5DC  # Word 97 and later; Word 6 and Word 95
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
# characters that stand for something not read (pictures, drawn objects, note and comment marks, other
# control characters, a symbol font's private-use characters), and those that stand for one that is
_PLACEHOLDERS = {**dict.fromkeys([*range(0x00, 0x07), 0x08, *range(0x0E, 0x20), *range(0xF000, 0xF100)]),
                 0x1E: "-", 0x0B: "\n", 0x0C: "\r", 0xA0: " "}


def doc_to_text(data):
    """(text, title or None) of a .doc file's bytes (see the module docstring)."""
    storage = CompoundFile(data)
    word = storage.stream("WordDocument")
    if word is None or len(word) < 0x1A2:
        raise DataError("not a Word document: it has no WordDocument stream")
    ident, _, _, _, _, flags = struct.unpack_from("<HHHHHH", word, 0)
    if ident not in (_WORD_IDENT, _WORD6_IDENT):
        raise DataError("not a Word document: its WordDocument stream does not start as Word's does")
    if flags & 0x0100:
        raise DataError("an encrypted Word document: not read")
    try:
        if ident == _WORD6_IDENT:
            text = _word6_text(word, flags)
        else:
            table = storage.stream("1Table" if flags & 0x0200 else "0Table")
            if table is None:
                raise DataError("a Word document without its table stream")
            text = _main_text(word, table)
    except struct.error:
        raise DataError("a damaged Word document: its header points past its data") from None
    return document_text(_lines(text)), _title(storage)


def _word6_text(word, flags):
    """The main text of a Word 6 or Word 95 document: 8-bit characters from fcMin, ccpText of them
    (a fast-saved one, whose text is in pieces, is refused)."""
    if flags & 0x0004:
        raise DataError("a fast-saved Word 6/95 document: not read (saving it again in Word makes it readable)")
    fc_min = struct.unpack_from("<I", word, 0x18)[0]
    ccp_text = struct.unpack_from("<i", word, 0x34)[0]
    return word[fc_min:fc_min + max(0, ccp_text)].decode("cp1252", "replace")


def _main_text(word, table):
    """The characters of the main document, then of its footnotes, endnotes and text boxes (each
    story after a paragraph end), read through the piece table; headers and comments left out."""
    csw = struct.unpack_from("<H", word, 32)[0]
    lw_at = 34 + 2 * csw
    cslw = struct.unpack_from("<H", word, lw_at)[0]
    if cslw < 11:
        raise DataError("a Word document whose header is too short")
    # ccpText, ccpFtn, ccpHdd, (reserved), ccpAtn, ccpEdn, ccpTxbx: the stories' lengths, in their order
    lengths = [max(0, n) for n in struct.unpack_from("<7i", word, lw_at + 2 + 12)]
    pairs_at = lw_at + 2 + 4 * cslw
    count = struct.unpack_from("<H", word, pairs_at)[0]
    if count < 34 or pairs_at + 2 + 34 * 8 > len(word):
        raise DataError("a Word document whose header is too short")
    fc_clx, lcb_clx = struct.unpack_from("<II", word, pairs_at + 2 + 33 * 8)
    pieces = _pieces(table[fc_clx:fc_clx + lcb_clx])
    characters = _characters(word, pieces, sum(lengths)).translate(_NO_MARKS)  # (private-use characters)
    main = _marked(characters[:lengths[0]], pieces, _paragraph_runs(word, table, pairs_at),
                   _heading_styles(table, word, pairs_at))
    stories, start = [main], lengths[0]
    for number, length in enumerate(lengths[1:], 1):
        if number in (1, 5, 6):  # footnotes, endnotes, text boxes (headers and comments left out)
            stories.append(characters[start:start + length])
        start += length
    return "\r".join(story.rstrip("\r") for story in stories if story.strip("\r\x02")) + "\r"


# marks put before a paragraph for _lines, each with a level: a heading's, a list item's in its list
HEADING, LIST_ITEM = "\ue000", "\ue001"
_NO_MARKS = {ord(HEADING): None, ord(LIST_ITEM): None}


def _marked(text, pieces, runs, levels):
    """The main text with each heading paragraph marked HEADING + its level and each list item
    LIST_ITEM + its level, from the paragraph properties (`runs`: sorted (first fc, end fc, istd,
    outline level, list level); `levels`: {istd: heading level}) at the byte position of the "\\r"
    that ends it."""
    if not runs:
        return text
    ends, starts = [run[1] for run in runs], [piece[0] for piece in pieces]
    out, start = [], 0
    for end in [m.start() for m in re.finditer("\r", text)]:
        fc = _fc_of(end, pieces, starts)
        k = bisect.bisect_right(ends, fc) if fc is not None else len(runs)
        if k >= len(runs) or runs[k][0] > fc:
            continue
        _, _, istd, outline, listed = runs[k]
        level = outline + 1 if outline < 9 else levels.get(istd, 0)
        mark = f"{HEADING}{level}" if level else f"{LIST_ITEM}{listed}" if listed else ""
        if mark:  # before the paragraph: after the last paragraph or cell end before its own end
            begin = max(text.rfind("\r", 0, end), text.rfind("\x07", 0, end)) + 1
            out += [text[start:begin], mark]
            start = begin
    out.append(text[start:])
    return "".join(out)


def _fc_of(cp, pieces, starts):
    """The byte position in WordDocument of the character at `cp`, or None past the pieces (`starts`:
    the pieces' first cps, which the piece table keeps in order)."""
    k = bisect.bisect_right(starts, cp) - 1
    if k < 0:
        return None
    cp_start, cp_end, fc, compressed = pieces[k]
    if not cp_start <= cp < cp_end:
        return None
    return fc // 2 + (cp - cp_start) if compressed else fc + 2 * (cp - cp_start)


def _paragraph_runs(word, table, pairs_at):
    """[(first fc, end fc, istd, outline level (9: none), list item), …] sorted, read from the
    PAPX FKP pages (in WordDocument) that PlcBtePapx (in the table stream; pair 13 of the FIB's
    FcLcb table) lists; [] where they cannot be read (the text is still read, without headings)."""
    try:
        fc, lcb = struct.unpack_from("<II", word, pairs_at + 2 + 13 * 8)
        plc = table[fc:fc + lcb]
        n = (len(plc) - 4) // 8
        pages = struct.unpack_from(f"<{n}I", plc, 4 * (n + 1)) if n > 0 else ()
        runs = []
        for page in pages:
            fkp = word[(page & 0x3FFFFF) * 512:(page & 0x3FFFFF) * 512 + 512]
            if len(fkp) < 512:
                continue
            crun = fkp[511]
            if 4 * (crun + 1) + 13 * crun > 511:
                continue
            fcs = struct.unpack_from(f"<{crun + 1}I", fkp, 0)
            for i in range(crun):
                at = 2 * fkp[4 * (crun + 1) + 13 * i]
                runs.append((fcs[i], fcs[i + 1], *_papx(fkp, at)))
        return sorted(runs)
    except struct.error:
        return []


def _papx(fkp, at):
    """(istd, outline level, list item: 0, or its level in the list + 1) of the PapxInFkp at fkp[at]
    (no properties: (0, 9, 0))."""
    if at == 0 or at >= 511:
        return 0, 9, 0
    size = 2 * fkp[at] - 1 if fkp[at] else 2 * fkp[at + 1]
    start = at + 1 if fkp[at] else at + 2
    grpprl = fkp[start:start + size]
    if len(grpprl) < 2:
        return 0, 9, 0
    istd, outline, listed, depth, i = struct.unpack_from("<H", grpprl, 0)[0], 9, False, 0, 2
    while i + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, i)[0]
        i += 2
        size = _OPERAND_SIZES.get(sprm >> 13)
        if size is None:  # a variable operand: its size first (sprmPChgTabs and sprmTDefTable aside)
            if i >= len(grpprl) or sprm in (0xC615, 0xD608):
                break
            size = grpprl[i] + 1
        if sprm == 0x2640 and i < len(grpprl):  # sprmPOutLvl
            outline = grpprl[i]
        elif sprm == 0x460B and i + 2 <= len(grpprl):  # sprmPIlfo: a list's paragraph
            listed = listed or struct.unpack_from("<H", grpprl, i)[0] != 0
        elif sprm == 0x260A and i < len(grpprl):  # sprmPIlvl: its level in the list
            depth = min(grpprl[i], 8)
        i += size
    return istd, outline, listed and depth + 1


_OPERAND_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # by a sprm's spra (its top three bits); 6 varies


def _heading_styles(table, word, pairs_at):
    """{istd: heading level} for the paragraph styles that are Word's built-in headings (sti 1–9)
    or its Title (sti 62, level 1), from the style sheet (STSH, pair 1 of the FcLcb table)."""
    try:
        fc, lcb = struct.unpack_from("<II", word, pairs_at + 2 + 1 * 8)
        stsh = table[fc:fc + lcb]
        header = struct.unpack_from("<H", stsh, 0)[0]
        count = struct.unpack_from("<H", stsh, 2)[0]
        levels, at = {}, 2 + header
        for istd in range(min(count, 4096)):
            size = struct.unpack_from("<H", stsh, at)[0]
            if size >= 2:
                sti = struct.unpack_from("<H", stsh, at + 2)[0] & 0x0FFF
                if 1 <= sti <= 9 or sti == 62:
                    levels[istd] = 1 if sti == 62 else sti
            at += 2 + size
        return levels
    except struct.error:
        return {}


def _characters(word, pieces, wanted):
    """The first `wanted` characters of the document's pieces, each decoded as it is stored."""
    out, total = [], 0
    for cp_start, cp_end, fc, compressed in pieces:
        count = min(cp_end - cp_start, wanted - total)
        if count <= 0:
            if total >= wanted:
                break
            continue
        if compressed:
            out.append(word[fc // 2:fc // 2 + count].decode("cp1252", "replace"))
        else:
            out.append(word[fc:fc + 2 * count].decode("utf-16-le", "replace"))
        total += count
    return "".join(out)


def _pieces(clx):
    """[(first cp, end cp, fc, compressed), …] of the Clx's piece table (its Prc entries skipped)."""
    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: property modifications, not text
        if i + 3 > len(clx):
            break
        i += 3 + struct.unpack_from("<h", clx, i + 1)[0]
    if i + 5 > len(clx) or clx[i] != 0x02:
        raise DataError("a Word document whose piece table cannot be read")
    size = struct.unpack_from("<I", clx, i + 1)[0]
    plc = clx[i + 5:i + 5 + size]
    n = (len(plc) - 4) // 12
    if n <= 0:
        return []
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    pieces = []
    for k in range(n):
        fc_field = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
        compressed = bool(fc_field & 0x40000000)
        pieces.append((cps[k], cps[k + 1], fc_field & 0x3FFFFFFF, compressed))
    return pieces


def _shown(text):
    """The text with each field replaced by its result (what Word shows: a link's words, a date),
    its instruction (HYPERLINK "…", PAGE, TOC …) left out; nested fields too."""
    out, stack = [], []  # stack: for each open field, whether its result has begun
    for char in text:
        if char == _FIELD_BEGIN:
            stack.append(False)
        elif char == _FIELD_SEPARATOR and stack:
            stack[-1] = True
        elif char == _FIELD_END and stack:
            stack.pop()
        elif not stack or all(stack):
            out.append(char)
    return "".join(out)


def _lines(text):
    """Lines for document_text: paragraphs ("\\r"-ended), and tables from their cells ("\\x07"-ended;
    a cell's earlier paragraphs end with "\\r" and join it). A paragraph after a row's end mark ends
    the table (a table is not read further for a first cell of several paragraphs)."""
    text = _shown(text).translate(_PLACEHOLDERS)
    lines, cells, pending = [], [], []
    for match in re.finditer(r"([^\r\x07]*)([\r\x07])", text + "\r"):
        piece, mark = match.groups()
        if mark == "\x07":
            cell = re.sub(f"[{HEADING}{LIST_ITEM}]\\d", "", " ".join([*pending, piece]))
            cells.append(" ".join(cell.split()))
            pending = []
        elif cells and cells[-1]:  # inside a row: a paragraph of the cell being read
            pending.append(piece)
        else:
            if cells:
                lines.extend(_table(cells))
                cells = []
            lines.extend(_paragraph_lines(piece, lines))
    if cells:
        lines.extend(_table(cells))
    return lines


def _paragraph_lines(piece, lines):
    """Lines of one paragraph: a heading as "#"s and its text, a list item as "- " indented by its
    level (right under the item before it), else its text with its line breaks ("\\v") kept."""
    mark = re.match(f"([{HEADING}{LIST_ITEM}])(\\d)", piece)
    piece = piece[mark.end():] if mark else piece
    kept = "\n".join(line for line in (" ".join(part.split()) for part in piece.split("\n")) if line)
    if not kept:
        return []
    if mark and mark.group(1) == HEADING:
        return ["", f"{'#' * int(mark.group(2))} {' '.join(kept.split())}", ""]
    if mark:
        item = f"{'  ' * (int(mark.group(2)) - 1)}- {' '.join(kept.split())}"
        return ([] if lines and lines[-1].lstrip().startswith("- ") else [""]) + [item]
    return ["", kept]


def _table(cells):
    """Table lines from a run of cell texts split at "\\x07": a row ends with an empty mark (the row's
    own end), so rows are found at the column count that makes every row end so, or, failing that,
    at each empty mark."""
    cells = list(cells) + ([""] if cells and cells[-1] else [])  # the last row's end mark
    for columns in range(1, min(64, len(cells)) + 1):
        width = columns + 1
        if len(cells) % width == 0 and all(not cells[k] for k in range(columns, len(cells), width)):
            rows = [cells[k:k + columns] for k in range(0, len(cells), width)]
            return table_lines(rows)
    rows, row = [], []
    for cell in cells:
        if cell:
            row.append(cell)
        elif row:
            rows.append(row)
            row = []
    return table_lines(rows)


def _title(storage):
    """The Title of the file's SummaryInformation property set, or None."""
    raw = storage.stream("\x05SummaryInformation")
    try:
        section = struct.unpack_from("<I", raw, 28 + 16)[0]
        count = struct.unpack_from("<I", raw, section + 4)[0]
        codepage = "cp1252"
        found = {}
        for k in range(min(count, 64)):
            pid, offset = struct.unpack_from("<II", raw, section + 8 + 8 * k)
            found[pid] = section + offset
        if 1 in found and struct.unpack_from("<H", raw, found[1])[0] == 2:  # VT_I2 code page
            page = struct.unpack_from("<H", raw, found[1] + 4)[0]
            codepage = "utf-8" if page == 65001 else "utf-16-le" if page == 1200 else f"cp{page}"
        if 2 not in found or struct.unpack_from("<H", raw, found[2])[0] != 0x1E:  # VT_LPSTR
            return None
        length = struct.unpack_from("<I", raw, found[2] + 4)[0]
        value = raw[found[2] + 8:found[2] + 8 + min(length, 1024)]
        try:
            title = value.decode(codepage, "replace")
        except LookupError:
            title = value.decode("cp1252", "replace")
        return re.sub(r"\s+", " ", title.rstrip("\x00")).strip() or None
    except (struct.error, TypeError):
        return None
