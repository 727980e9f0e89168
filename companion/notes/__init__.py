"""Bookmarks, notes (and later highlights): model, storage, locking. Plain Python, never Qt."""
