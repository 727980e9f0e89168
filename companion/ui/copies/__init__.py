"""The learner's own copy of a reading in the window: attaching it, and reading it instead.

``controller`` (``CopiesUi``). A feature: it imports ``kit``, ``reading`` and the core
(``companion.notes.copies`` keeps the files).
"""
