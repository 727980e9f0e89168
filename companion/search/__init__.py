"""Search over the bundle and the learner's notes (SQLite FTS5; plain Python, never Qt)."""
