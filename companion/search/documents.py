"""What goes into the search index: the text each reading pane shows, and the learner's records."""

from __future__ import annotations

from companion.bundle.model import Bundle, iter_items, kind_of, title_of
from companion.bundle.pages import PageBuilder
from companion.bundle.plaintext import plain_text
from companion.notes.model import Bookmark, Highlight, Note, NotesFile
from companion.search.index import Doc

#: Labels shown with results (the model's kinds, in words).
KIND_LABELS = {
    "definition": "definition",
    "dimension": "dimension",
    "stacey": "Stacey model",
    "region": "Stacey region",
    "reading": "reading",
    "voice": "voice",
    "note": "note",
    "highlight": "highlight",
    "bookmark": "bookmark",
}


def content_docs(bundle: Bundle) -> list[Doc]:
    """One document per item, its body the plain text its reading pane shows."""
    pages = PageBuilder(bundle)
    docs = []
    for _, item in iter_items(bundle):
        page = pages.page(item)
        body = f"{page.attribution}\n{plain_text(page.body)}"
        docs.append(Doc(f"item:{item.id}", kind_of(item), item.id, title_of(item), body))
    return docs


def note_doc(note: Note, titles: dict[str, str]) -> Doc:
    first = note.body.strip().split("\n", 1)[0].lstrip("# ").strip()
    title = f"Note on {titles.get(note.item, note.item)}" + (f": {first}" if first else "")
    body = f"{plain_text(note.body)}\n{' '.join(note.tags)}"
    return Doc(f"note:{note.id}", "note", note.item, title[:120], body)


def highlight_doc(highlight: Highlight, titles: dict[str, str]) -> Doc:
    title = f"Highlight in {titles.get(highlight.item, highlight.item)}"
    body = f"{highlight.exact}\n{plain_text(highlight.note)}\n{' '.join(highlight.tags)}"
    return Doc(f"highlight:{highlight.id}", "highlight", highlight.item, title, body)


def bookmark_doc(bookmark: Bookmark, titles: dict[str, str]) -> Doc:
    title = titles.get(bookmark.item, bookmark.item)
    return Doc(f"bookmark:{bookmark.item}", "bookmark", bookmark.item, f"Bookmark: {title}", "")


def own_docs(notes: NotesFile, titles: dict[str, str]) -> list[Doc]:
    """The learner's notes, highlights and bookmarks (the trash is not searched)."""
    return [
        *(note_doc(n, titles) for n in notes.notes),
        *(highlight_doc(h, titles) for h in notes.highlights),
        *(bookmark_doc(b, titles) for b in notes.bookmarks),
    ]


def item_titles(bundle: Bundle) -> dict[str, str]:
    return {item.id: title_of(item) for _, item in iter_items(bundle)}
