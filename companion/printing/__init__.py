"""The one-page summary of the six dimensions: what goes on it, and drawing it with Qt.

``content`` (what goes on the page, no Qt), ``render`` (drawing it on any paged
device), ``output`` (PDF files and printers). Below the window and the command line,
which use it; it imports only ``companion.qt`` and the core.
"""
