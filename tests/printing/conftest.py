from .test_cups import cups_printer

__all__ = ["cups_printer"]
