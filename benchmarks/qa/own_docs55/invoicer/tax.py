"""VAT calculation."""
from decimal import Decimal

# The default VAT rate when a line item names none.
DEFAULT_RATE = Decimal("0.20")


def vat_for(amount, rate=None, reverse_charge=False):
    """VAT on ``amount`` at ``rate`` (``DEFAULT_RATE`` if None).

    For a client in another EU country with a valid VAT ID, pass ``reverse_charge=True``: the
    VAT is then zero and the invoice carries the note "Reverse charge".
    """
    if reverse_charge:
        return Decimal("0")
    return (amount * (rate or DEFAULT_RATE)).quantize(Decimal("0.01"))


def total(items):
    """The invoice total: the sum of every item's net amount plus its VAT."""
    return sum(item.net + vat_for(item.net, item.rate) for item in items)
