"""A whole index at once: the bundle's content, then the learner's records on top.

The helper process (``companion.worker.client``) builds big indexes with these, and keeps
the content between requests, so a notes file read later only adds its records.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.bundle.model import Bundle, Stacey
from companion.notes.model import NotesFile
from companion.search.documents import content_docs, item_titles, own_docs
from companion.search.index import OWN_KINDS, SearchIndex


@dataclass(frozen=True)
class Content:
    """An index holding a bundle's content (and perhaps records), and the bundle's titles."""

    index: SearchIndex
    titles: dict[str, str]
    #: The bundle's Stacey model: what a challenge opens.
    stacey: Stacey | None = None


def content_index(bundle: Bundle) -> Content:
    index = SearchIndex()
    index.add(content_docs(bundle))
    return Content(index, item_titles(bundle), bundle.stacey)


def with_own(content: Content, notes: NotesFile) -> None:
    """Make ``notes`` the learner's records in ``content``'s index (replacing any)."""
    content.index.remove_kind(OWN_KINDS)
    content.index.add(own_docs(notes, content.titles, content.stacey))
