"""A known set of notes on the shipped bundle (fixed ids and times), for the export tests."""

from __future__ import annotations

from functools import cache

from companion.bundle import load_bundle
from companion.bundle.model import Bundle
from companion.notes.anchoring import describe
from companion.notes.export import ItemTexts
from companion.notes.model import (
    NOTES_SCHEMA_VERSION,
    Bookmark,
    Color,
    Highlight,
    Note,
    NotesFile,
    highlight_of,
)
from companion.paths import shipped_bundle_dir

T1 = "2026-03-02T09:15:00.000Z"
T2 = "2026-03-05T18:40:12.250Z"
T3 = "2026-03-09T07:05:59.999Z"


@cache
def shipped() -> Bundle:
    return load_bundle(shipped_bundle_dir())


def highlight_on(
    bundle: Bundle,
    hid: str,
    item: str,
    quote: str,
    *,
    color: Color = "yellow",
    note: str = "",
    tags: tuple[str, ...] = (),
    created: str = T1,
    modified: str = T1,
    occurrence: int = 0,
) -> Highlight:
    """A highlight on the ``occurrence``-th place ``quote`` is in the item's plain text."""
    text = ItemTexts(bundle).get(item)
    assert text is not None, item
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    anchor = describe(text, start, start + len(quote))
    return highlight_of(
        item, anchor, color=color, note=note, tags=tags, id=hid, created=created, modified=modified
    )


def known_notes(bundle: Bundle | None = None) -> NotesFile:
    """Bookmarks, highlights (placed, multi-line, orphaned, on a missing item) and notes."""
    bundle = bundle or shipped()
    # A quote across a paragraph break (the plain text has a newline there).
    two_lines = (
        "Core capability 2: fostering reflection and more generative conversations.\n"
        "Core capability 3: shifting the collective focus"
    )
    highlights = [
        highlight_on(
            bundle,
            "h-0a1b2c3d4e5f",
            "systems-leadership-definition",
            "shares the burden of leadership",
            color="green",
            note=(
                "Not a heroic leader: *shared* leadership.\n\n"
                "- ask who else holds part of the problem\n"
                "- compare with `if a < b` thinking\n\n"
                "<b>bold?</b> stays text, as does <script>alert(1)</script>. "
                "See <https://example.org/shared>."
            ),
            tags=("definitions", "shared leadership"),
            created=T1,
            modified=T2,
        ),
        highlight_on(
            bundle,
            "h-1b2c3d4e5f60",
            "ways-of-feeling",
            "core values",
            color="pink",
        ),
        highlight_on(
            bundle,
            "h-2c3d4e5f6071",
            "ways-of-feeling",
            "Goss begins with feeling, not with skills or tasks.",
            note="Start from *why*, then **how**.",
            tags=("values",),
            created=T2,
            modified=T2,
        ),
        highlight_on(
            bundle,
            "h-3d4e5f607182",
            "dawn-of-system-leadership",
            two_lines,
            color="blue",
            note="Where the reading turns.",
            created=T2,
            modified=T3,
        ),
        Highlight(
            id="h-4e5f60718293",
            item="practice-of-system-leadership",
            exact="A passage the facilitators have since rewritten entirely, so it is gone.",
            prefix="Earlier text that is also ",
            suffix=" and what followed it",
            start=120,
            end=192,
            color="purple",
            note="I want to find where this went.",
            tags=["follow up"],
            created=T1,
            modified=T1,
        ),
        Highlight(
            id="h-5f60718293a4",
            item="retired-reading",
            exact="Words from an item this bundle no longer has.",
            start=10,
            end=55,
            created=T1,
            modified=T1,
        ),
    ]
    notes = [
        Note(
            id="n-000000000001",
            item="ways-of-feeling",
            body="Values first: what do *I* care about here?\n\n1. write them down\n2. test them",
            tags=["values", "journal"],
            created=T1,
            modified=T3,
        ),
        Note(
            id="n-000000000002",
            item="zone-of-complexity",
            body="Try small experiments; watch what happens. A > B isn't the point.",
            created=T2,
            modified=T2,
        ),
        Note(
            id="n-000000000003",
            item="voice-simple-and-complex",
            body="Simple *and* complex: both at once.",
            tags=["voices"],
            created=T3,
            modified=T3,
        ),
        Note(
            id="n-000000000004",
            item="retired-reading",
            body="A note on an item that was removed.",
            created=T1,
            modified=T1,
        ),
    ]
    bookmarks = [
        Bookmark(item="ways-of-feeling", created=T1),
        Bookmark(item="stacey-model", created=T2),
        Bookmark(item="view-from-the-bridge", created=T3),
    ]
    trash = [
        Note(
            id="n-000000000009",
            item="ways-of-being",
            body="A deleted note: never exported.",
            created=T1,
            modified=T1,
            deleted=T2,
        )
    ]
    return NotesFile(
        schema_version=NOTES_SCHEMA_VERSION,
        bundle=bundle.id,
        bookmarks=bookmarks,
        notes=notes,
        highlights=highlights,
        trash=trash,
    )
