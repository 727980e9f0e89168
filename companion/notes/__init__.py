"""The learner's records: notes, bookmarks, highlights and copies of readings. Never Qt.

``model`` (records and their changes), ``fileformat``/``store``/``lock``/``kept``/``merge``
(the notes file: read, written, locked, kept aside, merged), ``session_state`` (the open
notes' state machine: when to save, what to merge, who may write), ``disk`` (its disk jobs),
``undo`` (undoable edits of the model), ``read_only`` (why notes are not written),
``anchoring`` (placing highlights), ``export``/``importer`` (Markdown, W3C), ``text`` (how
notes read in lists), ``copies`` and ``safe_html`` (the learner's own copies, shown safely).
Imports only the bundle package and the small core modules.
"""
