"""Search over the bundle and the learner's notes (SQLite FTS5; plain Python, never Qt).

``index`` (the index and queries), ``documents`` (what is indexed), ``building`` (a
whole index at once, for the worker process), ``results`` (result rows and where the
matched words are). Imports the notes and bundle packages, never the window.
"""
