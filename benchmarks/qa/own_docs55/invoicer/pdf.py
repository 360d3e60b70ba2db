"""Writing invoices as PDF files."""

# Page size of the generated PDFs.
PAGE_SIZE = "A4"


def write_invoice(invoice, path, logo=None):
    """Write ``invoice`` to ``path`` as a PDF.

    ``logo`` is an optional PNG file printed at the top right, scaled to 40 mm wide. The file is
    written to a temporary name first and renamed, so a crash never leaves half an invoice.
    Fonts are embedded, so the PDF looks the same on every machine.
    """
    raise NotImplementedError
