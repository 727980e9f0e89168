"""A learner's notes out of Companion: Markdown to read, W3C Web Annotation JSON-LD to move.

Both exports are pure functions of the bundle and the notes (no clock, no
files), so the same records always give the same text.

- ``export_markdown``: grouped by tab and item in bundle order, each highlight
  as a block quote with its colour, note and tags; bookmarks and free notes
  too. Records on items the bundle does not have go under "Not in this
  bundle"; a highlight whose text is no longer found is still exported, marked.
  Learner text never yields raw HTML: ``<`` is escaped as ``\\<``.
- ``export_w3c``: an ``AnnotationCollection`` with one embedded
  ``AnnotationPage`` holding one Annotation per highlight, note and bookmark
  (see https://www.w3.org/TR/annotation-model/). Targets name items as
  ``urn:companion:<bundle-id>:<item-id>``. ``companion.notes.importer`` reads it back.

Positions (``TextPositionSelector`` ``start``/``end``) count **code points** of
the item's plain text (Python ``str`` indices), not UTF-16 units or bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from companion import __version__
from companion.bundle.model import Bundle, Item, items_of, iter_items, kind_of, title_of
from companion.notes.anchoring import Anchor, How, Placement, place
from companion.notes.model import COLORS, Bookmark, Highlight, Note, NotesFile, moment

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"

#: The tabs of the study window, with the kinds of item each shows, in order.
TABS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Definitions", ("definition",)),
    ("Six Dimensions", ("dimension",)),
    ("Stacey Model", ("stacey", "region")),
    ("Readings", ("reading",)),
    ("Voices", ("voice",)),
)
NOT_IN_BUNDLE = "Not in this bundle"
ORPHAN_MARK = "(text not found in the current bundle)"

#: Background colours of the highlight colours, for the W3C stylesheet (§4.4 of the model).
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
def item_urn(bundle_id: str, item_id: str) -> str:
    return f"urn:companion:{bundle_id}:{item_id}"


def annotation_urn(bundle_id: str, record_id: str) -> str:
    return f"urn:companion:{bundle_id}:annotation:{record_id}"


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
        if highlight.text:
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
    for heading, kinds in TABS:
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
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&])")
_BLOCK_START = re.compile(r"^([#>+=~-])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]*>", re.IGNORECASE)


def plain(text: str) -> str:
    """Plain text (a quote, a title, a tag) as Markdown that shows exactly that text.

    Lines lose their leading spaces (which would make code blocks); characters
    that could start Markdown or HTML are backslash-escaped (CommonMark).
    """
    lines = []
    for line in text.split("\n"):
        line = _INLINE_SPECIAL.sub(r"\\\1", line.lstrip())
        line = _BLOCK_START.sub(r"\\\1", line)
        line = _ORDERED.sub(r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


def inline(text: str) -> str:
    """Plain text on one line, after other words on that line (so no block escapes)."""
    return _INLINE_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def code(text: str) -> str:
    """``text`` as a code span (for ids), fenced with enough backticks."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _escape_line(line: str) -> str:
    """Escape every ``<`` outside code spans and http(s)/mailto autolinks."""
    out: list[str] = []
    i = 0
    while i < len(line):
        char = line[i]
        if char == "\\":
            out.append(line[i : i + 2])  # an escape (``\<`` stays as it is)
            i += 2
        elif char == "`":
            run = len(line[i:]) - len(line[i:].lstrip("`"))
            closing = re.compile(rf"(?<!`){'`' * run}(?!`)")
            found = closing.search(line, i + run)
            end = found.end() if found else i + run
            out.append(line[i:end])  # a code span, or a lone run of backticks
            i = end
        elif char == "<":
            link = _AUTOLINK.match(line, i)
            if link:
                out.append(link.group())
                i = link.end()
            else:
                out.append("\\<")
                i += 1
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _escape_every_lt(markdown: str) -> str:
    return re.sub(r"(\\.)|<", lambda m: m.group(1) or "\\<", markdown, flags=re.DOTALL)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def has_html(markdown: str) -> bool:
    """Whether CommonMark would pass raw HTML through (as a block or inline)."""
    for token in _parser().parse(markdown):
        if token.type == "html_block":
            return True
        if any(child.type == "html_inline" for child in token.children or []):
            return True
    return False


def learner_markdown(markdown: str) -> str:
    """A learner's Markdown note as written, made safe to embed in the export.

    ``<`` becomes ``\\<`` except in code and http/https/mailto autolinks, and a
    code fence left open is closed so it cannot swallow the rest of the export.
    If CommonMark would still find HTML (an unusual code span across lines),
    every ``<`` is escaped.
    """
    lines: list[str] = []
    raw: list[str] = []
    fence = ""
    for line in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        raw.append(line)
        found = _FENCE.match(line)
        if fence:
            lines.append(line)
            if found and found.group(1)[0] == fence[0] and len(found.group(1)) >= len(fence):
                fence = "" if not found.group(2).strip() else fence
            continue
        if found and not (found.group(1)[0] == "`" and "`" in found.group(2)):
            fence = found.group(1)
            lines.append(line)
            continue
        lines.append(_escape_line(line))
    if fence:
        lines.append(fence)
        raw.append(fence)
    text = "\n".join(lines).strip("\n")
    return _escape_every_lt("\n".join(raw)).strip("\n") if has_html(text) else text


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


def export_markdown(bundle: Bundle, data: NotesFile) -> str:
    """The learner's bookmarks, highlights and notes as one Markdown document."""
    groups = group(bundle, data)
    texts = ItemTexts(bundle)
    where = placements(texts, data.highlights)
    parts = [
        f"# Notes on {inline(bundle.title)}",
        f"Bundle {code(bundle.id)}, version {inline(bundle.version)}: "
        f"{_counted(len(data.bookmarks), 'bookmark')}, "
        f"{_counted(len(data.highlights), 'highlight')} and "
        f"{_counted(len(data.notes), 'note')}. Times are UTC.",
    ]
    if not groups:
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
    return "\n\n".join(parts) + "\n"


# -- W3C Web Annotation -----------------------------------------------------
_DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)


def xsd_datetime(stamp: str) -> str:
    """A stored timestamp as xsd:dateTime: as stored when it already is one (UTC, ``Z``).

    Hand-written or very old files may hold a bare date or a time without a
    zone; those are read as UTC and written in full.
    """
    if _DATE_TIME.match(stamp):
        return stamp
    # Not a date, or one no clock can show (year 1 at +14:00): the epoch, as before.
    when = moment(stamp) or datetime(1970, 1, 1, tzinfo=UTC)
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _generator() -> dict[str, str]:
    return {"type": "Software", "name": f"Companion {__version__}"}


def _bodies(note: str, tags: list[str]) -> list[dict[str, str]]:
    bodies: list[dict[str, str]] = []
    if note:
        bodies.append(
            {
                "type": "TextualBody",
                "value": note,
                "format": "text/markdown",
                "purpose": "commenting",
            }
        )
    bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in tags]
    return bodies


def _annotation(
    bundle_id: str, record_id: str, motivation: str, created: str, modified: str
) -> dict[str, Any]:
    return {
        "@context": ANNO_CONTEXT,
        "id": annotation_urn(bundle_id, record_id),
        "type": "Annotation",
        "motivation": motivation,
        "created": xsd_datetime(created),
        "modified": xsd_datetime(modified),
        "generator": _generator(),
    }


def highlight_annotation(bundle_id: str, highlight: Highlight) -> dict[str, Any]:
    motivation = "commenting" if highlight.note else "highlighting"
    found = _annotation(bundle_id, highlight.id, motivation, highlight.created, highlight.modified)
    bodies = _bodies(highlight.note, highlight.tags)
    if bodies:
        found["body"] = bodies
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": highlight.exact}
    if highlight.prefix:
        quote["prefix"] = highlight.prefix
    if highlight.suffix:
        quote["suffix"] = highlight.suffix
    found["target"] = {
        "type": "SpecificResource",
        "source": item_urn(bundle_id, highlight.item) + ("#copy" if highlight.text else ""),
        "selector": [
            quote,
            {"type": "TextPositionSelector", "start": highlight.start, "end": highlight.end},
        ],
        "styleClass": STYLE_PREFIX + highlight.color,
    }
    found["stylesheet"] = {"type": "CssStylesheet", "value": STYLESHEET}
    return found


def note_annotation(bundle_id: str, note: Note) -> dict[str, Any]:
    found = _annotation(bundle_id, note.id, "commenting", note.created, note.modified)
    bodies = _bodies(note.body, note.tags)
    if bodies:
        found["body"] = bodies
    found["target"] = item_urn(bundle_id, note.item)
    return found


def bookmark_annotation(bundle_id: str, bookmark: Bookmark) -> dict[str, Any]:
    found = _annotation(
        bundle_id, bookmark_id(bookmark.item), "bookmarking", bookmark.created, bookmark.created
    )
    found["target"] = item_urn(bundle_id, bookmark.item)
    return found


def all_annotations(bundle: Bundle, data: NotesFile) -> list[dict[str, Any]]:
    """One Annotation per bookmark, highlight and note, in the Markdown export's order."""
    found: list[dict[str, Any]] = []
    for grouped in group(bundle, data):
        for entry in grouped.items:
            if entry.bookmark is not None:
                found.append(bookmark_annotation(bundle.id, entry.bookmark))
            found += [highlight_annotation(bundle.id, h) for h in entry.highlights]
            found += [note_annotation(bundle.id, n) for n in entry.notes]
    return found


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
