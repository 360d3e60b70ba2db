"""JSON files (.json: a package.json, an app's settings, an export of records) as the text the
configuration reader gives settings: each value as "key = value" (as JSON writes it) under a heading
that names the object holding it ("## scripts", "## database.replica"), a list of values on one
line, and a list of records (objects with keys in common) as a pipe table, one row a record.
Standard library only. A file of more than MAX_VALUES values is a data dump rather than a
document: it is refused (reported and passed over), as is JSON that does not parse.

    >>> print(json_text('{"name": "tidepool", "scripts": {"test": "jest"}}'), end="")
    name = "tidepool"
    <BLANKLINE>
    ## scripts
    <BLANKLINE>
    test = "jest"
"""
import json

from .documents import document_text, table_lines
from .errors import DataError

MAX_VALUES = 20_000
MAX_COLUMNS = 24  # a list of records with more keys than this is written key by key
MAX_DEPTH = 32


def json_text(source):
    """The text of a JSON document (see the module docstring)."""
    try:
        value = json.loads(source)
    except (ValueError, RecursionError) as exc:
        raise DataError(f"not JSON ({str(exc).splitlines()[0][:80]})") from None
    if _count(value) > MAX_VALUES:
        raise DataError(f"over {MAX_VALUES:,} values: a data file rather than a document")
    lines = []
    _write(value, "", lines)
    return document_text(lines)


def _count(value, limit=MAX_VALUES + 1):
    """How many values `value` holds (counting stops past `limit`)."""
    count, waiting = 0, [value]
    while waiting and count <= limit:
        item = waiting.pop()
        count += 1
        if isinstance(item, dict):
            waiting += item.values()
        elif isinstance(item, list):
            waiting += item
    return count


def _scalar(value):
    return json.dumps(value, ensure_ascii=False)


def _records(items):
    """The column names (every key, in order of first use) of a list of records (dicts), or None
    for a list of other values or of records with more than MAX_COLUMNS keys in all."""
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    columns = list(dict.fromkeys(key for item in items for key in item))
    return columns if len(columns) <= MAX_COLUMNS else None


def _write(value, path, lines, depth=0):
    """Appends the lines for `value`, found at the dotted `path` ("" the document itself); past
    MAX_DEPTH levels, a value is written as JSON on one line."""
    if depth > MAX_DEPTH and isinstance(value, (dict, list)):
        lines += [f"{path} = {json.dumps(value, ensure_ascii=False)}", ""]
        return
    if isinstance(value, dict):
        scalars = [(key, item) for key, item in value.items() if not isinstance(item, (dict, list))
                   or isinstance(item, list) and all(not isinstance(x, (dict, list)) for x in item)]
        if scalars and path:
            lines += ["", f"## {path}", ""]
        for key, item in scalars:
            shown = ", ".join(_scalar(x) for x in item) if isinstance(item, list) else _scalar(item)
            lines += [f"{key} = {shown}", ""]
        for key, item in value.items():
            if isinstance(item, dict) or isinstance(item, list) and any(isinstance(x, (dict, list)) for x in item):
                _write(item, f"{path}.{key}" if path else str(key), lines, depth + 1)
    elif isinstance(value, list):
        columns = _records(value)
        if columns:
            if path:
                lines += ["", f"## {path}", ""]
            rows = [columns] + [[_cell(item.get(column)) for column in columns] for item in value]
            lines += table_lines(rows)
        else:
            for number, item in enumerate(value, 1):
                if isinstance(item, (dict, list)):
                    _write(item, f"{path}[{number}]", lines, depth + 1)
                else:
                    lines += [_scalar(item), ""]
    else:
        lines += [_scalar(value), ""]


def _cell(value):
    if value is None:
        return ""
    return value if isinstance(value, str) else _scalar(value)
