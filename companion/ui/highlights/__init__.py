"""Highlights in the window: every reading pane's, the Highlights panel and its editor.

``controller`` (``HighlightsUi``), ``view`` (one per pane), ``places`` (where each
highlight is found now), ``toolbar`` (the small colour toolbar), ``panel`` and
``editor``. A feature: it imports ``kit``, ``reading`` and the core; the notes' undo
stack and the learner's copies reach it through the shell's wiring.
"""
