"""A learner's notes out of Companion: Markdown to read, W3C Web Annotation JSON-LD to move.

Both exports are pure functions of the bundle and the notes (no clock, no
files), so the same records always give the same text.

- ``export_markdown``: grouped by tab and item in bundle order, each highlight
  as a block quote with its colour, note and tags; bookmarks and free notes
  too. Records on items the bundle does not have go under "Not in this
  bundle"; a highlight whose text is no longer found is still exported, marked.
  Then "My profile" and "My challenges" (``export_records``).
  Learner text never yields raw HTML: ``<`` is escaped as ``\\<``.
- ``export_w3c``: an ``AnnotationCollection`` with one embedded
  ``AnnotationPage`` holding one Annotation per highlight, note and bookmark,
  and those of the self-assessments and challenges (shapes in ``export_records``;
  see https://www.w3.org/TR/annotation-model/). Targets name items as
  ``urn:companion:<bundle-id>:<item-id>``. ``companion.notes.importer`` reads it back.

Positions (``TextPositionSelector`` ``start``/``end``) count **code points** of
the item's plain text (Python ``str`` indices), not UTF-16 units or bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from companion.bundle.model import (
    STUDY_TABS,
    Bundle,
    Item,
    items_of,
    iter_items,
    kind_of,
    title_of,
)
from companion.notes.anchoring import Anchor, How, Placement, place
from companion.notes.export_records import (
    challenges_markdown,
    live,
    profile_markdown,
    record_annotations,
)
from companion.notes.markdown_text import code as code
from companion.notes.markdown_text import has_html as has_html
from companion.notes.markdown_text import inline as inline
from companion.notes.markdown_text import learner_markdown as learner_markdown
from companion.notes.markdown_text import plain as plain
from companion.notes.model import COLORS, Bookmark, Highlight, Note, NotesFile
from companion.notes.w3c_common import ANNO_CONTEXT as ANNO_CONTEXT
from companion.notes.w3c_common import annotation_urn as annotation_urn
from companion.notes.w3c_common import base_annotation, text_bodies
from companion.notes.w3c_common import item_urn as item_urn
from companion.notes.w3c_common import xsd_datetime as xsd_datetime

NOT_IN_BUNDLE = "Not in this bundle"
ORPHAN_MARK = "(text not found in the current bundle)"

#: Background colours of the highlight colours, for the W3C stylesheet (Web Annotation
#: Data Model, 4.4 Styles).
CSS_COLORS = {
    "yellow": "#fff3a0",
    "green": "#c9f2c2",
    "blue": "#c8e1ff",
    "pink": "#ffd3e6",
    "purple": "#e4d6ff",
}
assert tuple(CSS_COLORS) == COLORS
STYLE_PREFIX = "companion-"
STYLESHEET = " ".join(
    f".{STYLE_PREFIX}{name} {{ background-color: {value}; }}" for name, value in CSS_COLORS.items()
)


# -- naming -----------------------------------------------------------------
def bookmark_id(item_id: str) -> str:
    """Bookmarks are keyed by item; their annotation id is made from it."""
    return f"b-{item_id}"


def collection_urn(bundle_id: str) -> str:
    return f"urn:companion:{bundle_id}:notes"


# -- placing ----------------------------------------------------------------
def item_text(bundle: Bundle, item: Item) -> str:
    """The plain text highlights on ``item`` are anchored in (as the reading pane shows it)."""
    from companion.bundle.pages import PageBuilder
    from companion.bundle.plaintext import plain_text

    return plain_text(PageBuilder(bundle).page(item).body)


class ItemTexts:
    """Items' plain texts by id, made when first asked for (parsing Markdown costs)."""

    def __init__(self, bundle: Bundle) -> None:
        self.bundle = bundle
        self.items: dict[str, Item] = {item.id: item for item in items_of(bundle)}
        self._texts: dict[str, str] = {}

    def get(self, item_id: str) -> str | None:
        """The item's plain text, or None when the bundle has no such item."""
        if item_id not in self._texts:
            item = self.items.get(item_id)
            if item is None:
                return None
            self._texts[item_id] = item_text(self.bundle, item)
        return self._texts[item_id]


def anchor_of(highlight: Highlight) -> Anchor:
    return Anchor(
        highlight.exact, highlight.prefix, highlight.suffix, highlight.start, highlight.end
    )


def placements(texts: ItemTexts, highlights: Iterable[Highlight]) -> dict[str, Placement]:
    """Where each highlight is in the current bundle; an unknown item makes an orphan."""
    found: dict[str, Placement] = {}
    for highlight in highlights:
        if highlight.source:
            # On the learner's own copy, which only the app has open: kept where it was.
            found[highlight.id] = Placement(highlight.start, highlight.end, How.POSITION)
            continue
        text = texts.get(highlight.item)
        found[highlight.id] = (
            place(text, anchor_of(highlight))
            if text is not None
            else Placement(0, 0, How.ORPHAN, 0.0)
        )
    return found


@dataclass(frozen=True)
class PlacementCounts:
    exact: int  # at the stored position, or the same words found elsewhere
    approximate: int
    orphaned: int


def count_placements(bundle: Bundle, highlights: Iterable[Highlight]) -> PlacementCounts:
    found = placements(ItemTexts(bundle), highlights).values()
    hows = [p.how for p in found]
    return PlacementCounts(
        exact=sum(how in (How.POSITION, How.EXACT) for how in hows),
        approximate=hows.count(How.APPROXIMATE),
        orphaned=hows.count(How.ORPHAN),
    )


# -- grouping ---------------------------------------------------------------
@dataclass
class ItemRecords:
    """One item's records, in the order both exports write them."""

    item_id: str
    item: Item | None
    bookmark: Bookmark | None = None
    highlights: list[Highlight] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass
class Group:
    heading: str
    items: list[ItemRecords]


def group(bundle: Bundle, data: NotesFile) -> list[Group]:
    """Records by tab and item in bundle order, then the items the bundle lacks (by id).

    Within an item: the bookmark, highlights in text order, notes oldest first.
    Tabs and items without records are left out; the trash is never exported.
    """
    by_item: dict[str, ItemRecords] = {}

    def records(item_id: str) -> ItemRecords:
        return by_item.setdefault(item_id, ItemRecords(item_id, None))

    for bookmark in data.bookmarks:
        records(bookmark.item).bookmark = bookmark
    for highlight in sorted(data.highlights, key=lambda h: (h.start, h.end, h.created, h.id)):
        records(highlight.item).highlights.append(highlight)
    for note in sorted(data.notes, key=lambda n: (n.created, n.id)):
        records(note.item).notes.append(note)

    groups: list[Group] = []
    items = iter_items(bundle)
    for heading, kinds in STUDY_TABS:
        found: list[ItemRecords] = []
        for _, item in items:
            if kind_of(item) in kinds and item.id in by_item:
                entry = by_item.pop(item.id)
                entry.item = item
                found.append(entry)
        if found:
            groups.append(Group(heading, found))
    if by_item:
        groups.append(Group(NOT_IN_BUNDLE, [by_item[k] for k in sorted(by_item)]))
    return groups


# -- Markdown ---------------------------------------------------------------
def _quote(exact: str) -> str:
    """A block quote; each line of the plain text (a paragraph there) is a paragraph here."""
    lines = plain(exact.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    return "\n>\n".join(f"> {line}" if line.strip() else ">" for line in lines)


def _tags(tags: list[str]) -> str:
    return "Tags: " + ", ".join(inline(tag) for tag in tags)


def _item_heading(entry: ItemRecords) -> str:
    if entry.item is None:
        return f"### {code(entry.item_id)}"
    return f"### {inline(title_of(entry.item))} ({code(entry.item_id)})"


def _highlight_md(highlight: Highlight, where: Placement) -> list[str]:
    heading = f"#### {highlight.color.capitalize()} highlight"
    if not where.placed:
        heading += f" {ORPHAN_MARK}"
    parts = [heading, _quote(highlight.exact)]
    if highlight.note.strip():
        parts.append(learner_markdown(highlight.note))
    if highlight.tags:
        parts.append(_tags(highlight.tags))
    return parts


def _note_md(note: Note) -> list[str]:
    heading = f"#### Note, {inline(note.created)}"
    if note.modified != note.created:
        heading += f" (edited {inline(note.modified)})"
    parts = [heading]
    if note.body.strip():
        parts.append(learner_markdown(note.body))
    else:
        parts.append("*(empty note)*")
    if note.tags:
        parts.append(_tags(note.tags))
    return parts


def _counted(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _counts(data: NotesFile) -> str:
    counted = [
        _counted(len(data.bookmarks), "bookmark"),
        _counted(len(data.highlights), "highlight"),
        _counted(len(data.notes), "note"),
    ]
    assessments, challenges = len(live(data.assessments)), len(live(data.challenges))
    if assessments:
        counted.append(_counted(assessments, "self-assessment"))
    if challenges:
        counted.append(_counted(challenges, "challenge"))
    return ", ".join(counted[:-1]) + " and " + counted[-1]


def export_markdown(bundle: Bundle, data: NotesFile) -> str:
    """The learner's records as one Markdown document: bookmarks, highlights and notes by
    tab and item, then "My profile" and "My challenges"."""
    groups = group(bundle, data)
    texts = ItemTexts(bundle)
    where = placements(texts, data.highlights)
    parts = [
        f"# Notes on {inline(bundle.title)}",
        f"Bundle {code(bundle.id)}, version {inline(bundle.version)}: "
        f"{_counts(data)}. Times are UTC.",
    ]
    mine = profile_markdown(bundle, data.assessments) + challenges_markdown(bundle, data.challenges)
    if not groups and not mine:
        parts.append("Nothing yet: no bookmarks, highlights or notes.")
    for grouped in groups:
        parts.append(f"## {grouped.heading}")
        if grouped.heading == NOT_IN_BUNDLE:
            parts.append(
                "These records name items this bundle does not have (perhaps removed or "
                "renamed). They are kept, and show again if the items return."
            )
        for entry in grouped.items:
            parts.append(_item_heading(entry))
            if entry.bookmark is not None:
                parts.append(f"Bookmarked {inline(entry.bookmark.created)}.")
            for highlight in entry.highlights:
                parts += _highlight_md(highlight, where[highlight.id])
            for note in entry.notes:
                parts += _note_md(note)
    return "\n\n".join(parts + mine) + "\n"


# -- W3C Web Annotation -----------------------------------------------------
def highlight_annotation(bundle_id: str, highlight: Highlight) -> dict[str, Any]:
    motivation = "commenting" if highlight.note else "highlighting"
    found = base_annotation(
        bundle_id, highlight.id, motivation, highlight.created, highlight.modified
    )
    bodies = text_bodies(highlight.note, highlight.tags)
    if bodies:
        found["body"] = bodies
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": highlight.exact}
    if highlight.prefix:
        quote["prefix"] = highlight.prefix
    if highlight.suffix:
        quote["suffix"] = highlight.suffix
    found["target"] = {
        "type": "SpecificResource",
        "source": item_urn(bundle_id, highlight.item) + ("#copy" if highlight.source else ""),
        "selector": [
            quote,
            {"type": "TextPositionSelector", "start": highlight.start, "end": highlight.end},
        ],
        "styleClass": STYLE_PREFIX + highlight.color,
    }
    found["stylesheet"] = {"type": "CssStylesheet", "value": STYLESHEET}
    return found


def note_annotation(bundle_id: str, note: Note) -> dict[str, Any]:
    found = base_annotation(bundle_id, note.id, "commenting", note.created, note.modified)
    bodies = text_bodies(note.body, note.tags)
    if bodies:
        found["body"] = bodies
    found["target"] = item_urn(bundle_id, note.item)
    return found


def bookmark_annotation(bundle_id: str, bookmark: Bookmark) -> dict[str, Any]:
    found = base_annotation(
        bundle_id, bookmark_id(bookmark.item), "bookmarking", bookmark.created, bookmark.created
    )
    found["target"] = item_urn(bundle_id, bookmark.item)
    return found


def all_annotations(bundle: Bundle, data: NotesFile) -> list[dict[str, Any]]:
    """One Annotation per bookmark, highlight and note, in the Markdown export's order, then
    the self-assessments' and the challenges' (see ``export_records``)."""
    found: list[dict[str, Any]] = []
    for grouped in group(bundle, data):
        for entry in grouped.items:
            if entry.bookmark is not None:
                found.append(bookmark_annotation(bundle.id, entry.bookmark))
            found += [highlight_annotation(bundle.id, h) for h in entry.highlights]
            found += [note_annotation(bundle.id, n) for n in entry.notes]
    return found + record_annotations(bundle, data.assessments, data.challenges)


def export_w3c(bundle: Bundle, data: NotesFile) -> dict[str, Any]:
    """The notes as a W3C ``AnnotationCollection`` (JSON-LD) with one embedded page.

    Every Annotation and the page carry their own ``@context``, so each also
    stands alone. Selector positions are code points (Python ``str`` indices)
    of the item's plain text.
    """
    items = all_annotations(bundle, data)
    collection = collection_urn(bundle.id)
    return {
        "@context": ANNO_CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": f"Companion notes on {bundle.title}",
        "total": len(items),
        "first": {
            "@context": ANNO_CONTEXT,
            "id": f"{collection}:page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
