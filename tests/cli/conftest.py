from tests.printing.cups_support import cups_printer

__all__ = ["cups_printer"]
