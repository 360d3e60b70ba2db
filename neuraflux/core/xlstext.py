"""Excel 97–2003 workbooks (.xls, BIFF8) as text, standard library only, written as the .xlsx reader
writes a workbook: each visible sheet a table under its name, each cell as Excel shows it (a date
"14 March 2027", "19:30", "10%", "£12.00", TRUE), a formula by the value Excel last saved. Hidden
sheets, charts and macros are left out; encrypted workbooks and the Excel 5/95 format are refused
with a clear reason.

The workbook is the "Workbook" stream of a compound file (compoundfile.py): a sequence of records
(type, length, data). The first part holds the sheets' names and places (BOUNDSHEET), the shared
strings (SST, spread over CONTINUE records), the number formats (FORMAT) and the cell styles (XF);
each sheet's part holds its cells (LABELSST, NUMBER, RK, MULRK, FORMULA and its STRING, BOOLERR).
"""
import struct

from .compoundfile import CompoundFile
from .documents import document_text
from .errors import DataError
from .xlsxtext import MAX_CELLS, MAX_COLUMNS, format_kind, sheet_lines, shown_number

_BOF, _EOF, _CONTINUE, _BOUNDSHEET, _SST, _FORMAT, _XF = 0x0809, 0x000A, 0x003C, 0x0085, 0x00FC, 0x041E, 0x00E0
_DATEMODE, _FILEPASS = 0x0022, 0x002F
_LABELSST, _NUMBER, _RK, _MULRK, _FORMULA, _STRING, _BOOLERR, _LABEL = (0x00FD, 0x0203, 0x027E, 0x00BD, 0x0006, 0x0207,
                                                                       0x0205, 0x0204)
_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"}


def xls_to_text(data):
    """(text, None) of an .xls file's bytes (see the module docstring)."""
    storage = CompoundFile(data)
    stream = storage.stream("Workbook")
    if stream is None:
        if storage.stream("Book") is not None:
            raise DataError("an Excel 5/95 workbook: only Excel 97 and later .xls files are read")
        raise DataError("not an Excel workbook: it has no Workbook stream")
    try:
        return _read(stream), None
    except struct.error:
        raise DataError("a damaged Excel workbook: a record runs past its end") from None


def _records(stream, at=0):
    """(type, data, offset) of each record from `at` to the end of the stream."""
    while at + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, at)
        yield kind, stream[at + 4:at + 4 + size], at
        at += 4 + size


def _read(stream):
    sheets, formats, styles, date1904, sst_parts, in_sst = [], {}, [], False, [], False
    for kind, data, _ in _records(stream):
        if kind == _FILEPASS:
            raise DataError("an encrypted Excel workbook: not read")
        in_sst = (kind == _SST) or (kind == _CONTINUE and in_sst)  # the shared strings run on in CONTINUEs
        if kind == _BOUNDSHEET:
            offset, state, sheet_type = struct.unpack_from("<IBB", data, 0)
            if state & 0x03 == 0 and sheet_type == 0:  # a visible worksheet (not hidden, not a chart or macro sheet)
                sheets.append((_short_string(data, 6), offset))
        elif kind == _FORMAT:
            formats[struct.unpack_from("<H", data, 0)[0]] = _unicode_string([data[2:]])[0]
        elif kind == _XF:
            styles.append(struct.unpack_from("<H", data, 2)[0])
        elif kind == _DATEMODE:
            date1904 = struct.unpack_from("<H", data, 0)[0] == 1
        elif kind == _SST:
            sst_parts = [data[8:]]
        elif in_sst:
            sst_parts.append(data)
        elif kind == _EOF:
            break
    shared = _shared_strings(sst_parts)
    kinds = [format_kind(number, formats.get(number)) for number in styles]
    lines, cells = [], 0
    for name, offset in sheets:
        rows, cells = _sheet_rows(stream, offset, shared, kinds, date1904, cells)
        lines += sheet_lines(name, rows, len(sheets))
    return document_text(lines)


def _short_string(data, at):
    """A ShortXLUnicodeString (a sheet's name): a count byte, a flags byte, then the characters."""
    count, flags = data[at], data[at + 1]
    raw = data[at + 2:at + 2 + count * (2 if flags & 1 else 1)]
    return raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")


def _unicode_string(parts, part=0, at=0):
    """(text, part, at after it) of an XLUnicodeRichExtendedString starting at parts[part][at]: its
    characters may run on into the next CONTINUE record, which then begins with a new flags byte
    (whether they are 8- or 16-bit from there); its rich-text runs and phonetic data are skipped."""
    data = parts[part]
    count, flags = struct.unpack_from("<HB", data, at)
    at += 3
    runs = extended = 0
    if flags & 0x08:
        runs = struct.unpack_from("<H", data, at)[0]
        at += 2
    if flags & 0x04:
        extended = struct.unpack_from("<i", data, at)[0]
        at += 4
    chars, wide = [], flags & 1
    while count > 0:
        if at >= len(data):  # the characters go on in the next record, after a flags byte of their own
            part += 1
            if part >= len(parts):
                break
            data, at = parts[part], 1
            if not data:  # an empty CONTINUE record: no flags byte, nothing to read
                continue
            wide = data[0] & 1
        width = 2 if wide else 1
        take = min(count, (len(data) - at) // width)
        if take <= 0:
            break
        raw = data[at:at + take * width]
        chars.append(raw.decode("utf-16-le" if wide else "latin-1", "replace"))
        at += take * width
        count -= take
    skip = 4 * runs + max(0, extended)
    while skip > 0 and part < len(parts):  # the runs and phonetic data, which may cross records too
        step = min(skip, len(parts[part]) - at)
        skip -= step
        at += step
        if skip > 0:
            part, at = part + 1, 0
    return "".join(chars), part, at


def _shared_strings(parts):
    """The shared string table's strings, in order."""
    strings, part, at = [], 0, 0
    while part < len(parts):
        if at >= len(parts[part]):
            part, at = part + 1, 0
            continue
        if at + 3 > len(parts[part]):
            break
        text, part, at = _unicode_string(parts, part, at)
        strings.append(text)
    return strings


def _rk(value):
    """The number an RK value holds (a 30-bit integer or the top of a double, maybe divided by 100)."""
    if value & 0x02:
        number = float(value >> 2 if not value & 0x80000000 else (value >> 2) - (1 << 30))
    else:
        number = struct.unpack("<d", struct.pack("<Q", (value & 0xFFFFFFFC) << 32))[0]
    return number / 100 if value & 0x01 else number


def _sheet_rows(stream, offset, shared, kinds, date1904, cells):
    """A sheet's rows of cell texts (empty rows and trailing empty cells dropped), read from its BOF
    at `offset` to its EOF; `cells` counts the workbook's cells (DataError past MAX_CELLS)."""
    values, pending = {}, None  # pending: the (row, column) of a formula whose STRING comes next

    def put(row, column, text):
        nonlocal cells
        if text and column < MAX_COLUMNS:
            values[(row, column)] = text
            cells += 1
            if cells > MAX_CELLS:
                raise DataError(f"over {MAX_CELLS:,} cells: a data dump rather than a document")

    def number(row, column, style, value):
        put(row, column, shown_number(value, kinds[style] if style < len(kinds) else None, date1904))

    string_parts = None  # a formula's STRING record and the CONTINUE records its text runs on into
    for kind, data, at in _records(stream, offset):
        if string_parts is not None:
            if kind == _CONTINUE:
                string_parts.append(data)
                continue
            put(*pending, " ".join(_unicode_string(string_parts)[0].split()))
            string_parts = pending = None
        if kind == _BOF and at != offset:
            break  # the next sheet (its EOF missing)
        if kind == _EOF:
            break
        if kind == _LABELSST:
            row, column, _, index = struct.unpack_from("<HHHI", data, 0)
            put(row, column, " ".join(shared[index].split()) if index < len(shared) else "")
        elif kind == _NUMBER:
            row, column, style, value = struct.unpack_from("<HHHd", data, 0)
            number(row, column, style, value)
        elif kind == _RK:
            row, column, style, value = struct.unpack_from("<HHHI", data, 0)
            number(row, column, style, _rk(value))
        elif kind == _MULRK:
            row, first = struct.unpack_from("<HH", data, 0)
            for k in range((len(data) - 6) // 6):
                style, value = struct.unpack_from("<HI", data, 4 + 6 * k)
                number(row, first + k, style, _rk(value))
        elif kind == _FORMULA:
            row, column, style = struct.unpack_from("<HHH", data, 0)
            result = data[6:14]
            if result[6:8] != b"\xff\xff":
                number(row, column, style, struct.unpack("<d", result)[0])
            elif result[0] == 0:
                pending = (row, column)  # a string: its STRING record follows
            elif result[0] == 1:
                put(row, column, "TRUE" if result[2] else "FALSE")
            elif result[0] == 2:
                put(row, column, _ERRORS.get(result[2], "#ERROR"))
        elif kind == _STRING and pending:
            string_parts = [data]
        elif kind == _BOOLERR:
            row, column, _, value, is_error = struct.unpack_from("<HHHBB", data, 0)
            put(row, column, _ERRORS.get(value, "#ERROR") if is_error else "TRUE" if value else "FALSE")
        elif kind == _LABEL:
            row, column, _ = struct.unpack_from("<HHH", data, 0)
            put(row, column, " ".join(_unicode_string([data[6:]])[0].split()))
    rows = {}
    for (row, column), text in values.items():
        rows.setdefault(row, {})[column] = text
    return [[found.get(i, "") for i in range(max(found) + 1)] for _, found in sorted(rows.items())], cells
