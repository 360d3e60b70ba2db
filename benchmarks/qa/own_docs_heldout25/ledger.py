"""Ledgerly: bookkeeping helpers for small shops."""
from decimal import Decimal

# Standard VAT rate applied when an item has none of its own.
STANDARD_VAT = Decimal("0.21")


class Ledger:
    """An append-only list of entries.

    Attributes:
        currency (str): ISO code every amount is in, such as "EUR".
        locked_until (datetime.date): Entries dated on or before this day
            can no longer be changed.
    """

    def __init__(self, currency="EUR"):
        """Start an empty ledger in one currency."""
        self.currency, self.entries, self.locked_until = currency, [], None

    def add(self, amount, account, memo="", vat_rate=None):
        """Record one entry.

        Args:
            amount (Decimal): Positive for money in, negative for money out.
            account (str): Account code from the chart of accounts, e.g. "4000" for sales.
            memo (str): Free text shown on reports, at most 140 characters.
            vat_rate (Decimal, optional): VAT rate of the entry. Defaults to STANDARD_VAT.

        Returns:
            int: The number of the new entry, counting from 1.

        Raises:
            LedgerLocked: If the entry falls in a locked period.
            ValueError: If the amount is zero.
        """

    def balance(self, account=None):
        """Sum the entries.

        :param account: only entries of this account; all accounts when omitted.
        :returns: the balance, rounded to cents.
        :rtype: Decimal
        """


def export_csv(ledger, path, delimiter=";"):
    """Write the ledger to a CSV file.

    Parameters
    ----------
    ledger : Ledger
        The ledger to write.
    path : str
        Where to write. An existing file is replaced.
    delimiter : str, optional
        Field separator. Semicolons are used because Dutch Excel expects them.

    Returns
    -------
    int
        How many rows were written, not counting the header.
    """


class LedgerLocked(Exception):
    """Raised when an entry would change a closed period."""
