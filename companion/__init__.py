"""Companion: an offline desktop study companion for system leadership.

Where things live, from the top (pyproject.toml's ``[tool.importlinter]`` checks that
each imports only what is below it):

- ``cli``: the command line (``companion``, ``python -m companion``);
- ``ui``: the study window, in rooms (``ui/__init__`` maps them);
- ``printing``: the one-page summary, drawn with Qt;
- ``qt``: the little Qt the window and printing share (safe text, the QApplication);
- the core, which never imports Qt: ``worker`` (the background process), ``search``,
  ``notes``, ``bundle``, and the small modules ``yamlio``, ``atomic``, ``paths``,
  ``regular_files``, ``unbroken`` and ``gc_pause``.
"""

__version__ = "0.1.0"
