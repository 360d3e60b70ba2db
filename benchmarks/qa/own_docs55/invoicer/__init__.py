"""invoicer: create PDF invoices from a YAML file of line items.

The package reads clients from ``clients.yaml`` and writes one PDF per invoice into ``out/``.
Amounts are handled as ``Decimal`` and rounded half up to two places, never as floats.
"""

__version__ = "0.8.2"
