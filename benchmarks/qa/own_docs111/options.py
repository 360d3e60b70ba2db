"""Defaults for quickcsv's reader and writer."""

# How many rows read() looks at to guess column types.
SNIFF_ROWS = 1000

# The delimiter used when none is given and sniffing fails.
DEFAULT_DELIMITER = ","

# Largest field read, in bytes; longer fields raise FieldTooLarge.
MAX_FIELD_SIZE = 131072


def read(path, delimiter=None, infer=True, skip_blank=True):
    """Read a CSV file into a list of dicts.

    Blank lines are skipped unless skip_blank is False. A delimiter of None means the
    delimiter is sniffed from the first line.
    """


def write(path, rows, quote_all=False):
    """Write rows (a list of dicts) to path.

    With quote_all=True every field is quoted; by default only fields that need it are.
    """
