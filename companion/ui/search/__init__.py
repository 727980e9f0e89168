"""Search in the window: the field, results as you type, marks in the text, the live index.

``controller`` (``SearchController``), ``live`` (the index, kept current), ``popup``
(the results list) and ``marks``. A feature: it imports ``kit`` and the core; the open
notes reach it through the shell (``live.OpenNotes``).
"""
