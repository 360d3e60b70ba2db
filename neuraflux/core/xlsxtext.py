"""Excel workbooks (.xlsx) as the text the rest of neuraflux reads: each visible sheet as a
"#" heading (its name) over a pipe table whose first row is the header, one answer unit a row,
as a .csv is read. Cells are shown as Excel shows them where that matters to an answer: a date as
"14 March 2027", a time as "18:30", a share as "20%", a sum with its currency sign ("£62.00"),
TRUE and FALSE; formulas by the value Excel saved. Standard library only; parts are read within
a size limit (zipparts.py).
"""
import datetime
import re

from .documents import document_text, spoken_date, table_lines
from .errors import DataError
from .zipparts import ARCHIVE_ERRORS, core_title, open_archive, relationship_targets, xml_elements, xml_part

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MAX_COLUMNS = 200  # a cell further right is a stray mark, not a column of a table
MAX_CELLS = 2_000_000  # of one workbook: more is a data dump, not a document
# what Excel's built-in number formats show, by their id (the others show a number as written)
_BUILTIN_FORMATS = {9: "percent", 10: "percent", 14: "date", 15: "date", 16: "date", 17: "date", 18: "time",
                    19: "time", 20: "time", 21: "time", 22: "datetime", 45: "time", 46: "time", 47: "time"}
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)$")


def xlsx_to_text(source):
    """(text, title) of an .xlsx file (a path or a binary file object); DataError when it is not one."""
    try:
        with open_archive(source, ".xlsx") as archive:
            workbook = xml_part(archive, "xl/workbook.xml")
            if workbook is None:
                raise DataError("not an Excel workbook: no xl/workbook.xml")
            shared = _shared_strings(xml_part(archive, "xl/sharedStrings.xml"))
            formats = _cell_formats(xml_part(archive, "xl/styles.xml"))
            date1904 = any(p.get("date1904") in ("1", "true") for p in workbook.iter(f"{MAIN}workbookPr"))
            targets = relationship_targets(archive, "xl/workbook.xml")
            sheets = [(sheet.get("name") or "", targets.get(sheet.get(RELATIONSHIP)))
                      for sheet in workbook.iter(f"{MAIN}sheet") if sheet.get("state") not in ("hidden", "veryHidden")]
            lines, cells = [], 0
            for name, target in sheets:
                if not target:
                    continue
                rows, cells = _rows(xml_elements(archive, target, f"{MAIN}row"), shared, formats, date1904, cells)
                lines += sheet_lines(name, rows, len(sheets))
            title = core_title(archive)
    except ARCHIVE_ERRORS as exc:
        raise DataError(f"not a readable .xlsx ({exc})") from None
    return document_text(lines), title


def sheet_lines(name, rows, sheet_count):
    """Lines of one sheet: its table under its name (not under a lone sheet's default name, "Sheet1")."""
    if not rows:
        return []
    heading = [] if sheet_count == 1 and re.fullmatch(r"Sheet\d*|Blad\d*|Feuil\d*|Tabelle\d*|Hoja\d*", name) else [
        "# " + name, ""]
    return heading + table_lines(rows)


def _shared_strings(sst):
    """The workbook's shared strings, in order (a rich string's runs joined; the phonetic guides
    over Japanese text, <rPh>, left out)."""
    if sst is None:
        return []
    return ["".join(t.text or "" for t in [*item.findall(f"{MAIN}t"), *item.findall(f"{MAIN}r/{MAIN}t")])
            for item in sst.iter(f"{MAIN}si")]


def _cell_formats(styles):
    """Per cell style index, how its number shows: "date", "time", "datetime", "percent",
    ("money", sign, decimals), or None (as written)."""
    if styles is None:
        return []
    custom = {}
    for numfmt in styles.iter(f"{MAIN}numFmt"):
        try:
            custom[int(numfmt.get("numFmtId"))] = numfmt.get("formatCode") or ""
        except (TypeError, ValueError):
            continue
    cell_xfs = styles.find(f"{MAIN}cellXfs")
    kinds = []
    for xf in (cell_xfs if cell_xfs is not None else ()):
        try:
            number = int(xf.get("numFmtId") or 0)
        except ValueError:
            number = 0
        kinds.append(format_kind(number, custom.get(number)))
    return kinds


def format_kind(number, code):
    """What a number format shows: its built-in kind by id, else what its code ("£#,##0.00",
    "dd/mm/yyyy", "0%") writes."""
    if code is None:
        return _BUILTIN_FORMATS.get(number)
    # the positive section, without its quoted text and its [Red] and [$-409] tags ([$€-407] names a currency)
    plain = re.sub(r'"[^"]*"|\[(?!\$[^\]-])[^\]]*\]', "", code.split(";")[0]).replace("\\", "")
    sign = re.search(r"\[\$([^\]-]+)|([$£€¥])", plain)
    if sign:
        decimals = re.search(r"\.(0+)", plain)
        return ("money", sign.group(1) or sign.group(2), len(decimals.group(1)) if decimals else 0)
    if "%" in plain:
        return "percent"
    dated, timed = bool(re.search(r"[dy]|m{3,}", plain, re.I)), bool(re.search(r"[hs]", plain, re.I))
    return "datetime" if dated and timed else "date" if dated else "time" if timed else None


def _rows(sheet_rows, shared, formats, date1904, cells):
    """The texts of a sheet's <row> elements, empty rows and trailing empty cells dropped; `cells`:
    how many cells the workbook's earlier sheets had (DataError past MAX_CELLS)."""
    rows = []
    for row in sheet_rows:
        values = {}
        for cell in row.iter(f"{MAIN}c"):
            column = _column(cell.get("r"), len(values))
            if column >= MAX_COLUMNS:
                continue
            text = _cell_text(cell, shared, formats, date1904)
            if text:
                values[column] = text
        cells += len(values)
        if cells > MAX_CELLS:
            raise DataError(f"over {MAX_CELLS:,} cells: a data dump rather than a document")
        if values:
            rows.append([values.get(i, "") for i in range(max(values) + 1)])
    return rows, cells


def _column(ref, following):
    """The 0-based column of a cell reference ("C7": 2); `following` where the reference is missing."""
    match = _CELL_REF.match(ref or "")
    if not match:
        return following
    number = 0
    for letter in match.group(1):
        number = number * 26 + ord(letter) - 64
    return number - 1


def _cell_text(cell, shared, formats, date1904):
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return " ".join("".join(t.text or "" for t in cell.iter(f"{MAIN}t")).split())
    value = cell.find(f"{MAIN}v")
    raw = (value.text or "").strip() if value is not None else ""
    if not raw:
        return ""
    if kind == "s":
        index = int(raw) if raw.isdigit() else -1
        return " ".join(shared[index].split()) if 0 <= index < len(shared) else ""
    if kind == "b":
        return "TRUE" if raw == "1" else "FALSE"
    if kind in ("str", "e"):
        return raw
    try:
        number = float(raw)
    except ValueError:
        return raw
    style = cell.get("s")
    shown = formats[int(style)] if style and style.isdigit() and int(style) < len(formats) else None
    return shown_number(number, shown, date1904)


def shown_number(number, kind, date1904):
    """A number as its cell format shows it."""
    if kind in ("date", "time", "datetime"):
        moment = _moment(number, date1904)
        if moment is not None:
            date = spoken_date(moment)
            return date if kind == "date" else f"{moment:%H:%M}" if kind == "time" else f"{date} {moment:%H:%M}"
    if kind == "percent":
        return _plain(number * 100) + "%"
    if isinstance(kind, tuple):
        _, sign, decimals = kind
        amount = f"{abs(number):,.{decimals}f}"
        return ("-" if number < 0 else "") + (sign + amount if len(sign) == 1 else f"{amount} {sign}")
    return _plain(number)


def _plain(number):
    """A number as Excel's General format shows it: no float noise, no ".0"."""
    return format(number, ".15g") if abs(number) < 1e15 else format(number, ".6g")


def _moment(serial, date1904):
    """The datetime of an Excel serial date, or None out of range."""
    epoch = datetime.datetime(1904, 1, 1) if date1904 else datetime.datetime(1899, 12, 30)
    try:
        return epoch + datetime.timedelta(days=serial) if 0 <= serial < 2958466 else None
    except OverflowError:
        return None
