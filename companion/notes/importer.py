"""Notes into Companion from W3C Web Annotation JSON-LD (another computer's export, or
another tool's annotations of the same items).

``import_w3c`` is pure: it returns the merged ``NotesFile`` and a report, and
never touches a file. What it reads:

- a single Annotation, a list of them, an ``AnnotationPage``, or an
  ``AnnotationCollection`` whose ``first`` page is embedded (embedded ``next``
  pages are followed; a page that is only a link cannot be, and is reported);
- targets naming an item as ``urn:companion:<bundle-id>:<item-id>`` (a string,
  or an object with that ``source`` or ``id``). A target of another bundle is
  imported onto the same item id, with a warning.

What each annotation becomes:

- a target with a ``TextQuoteSelector`` (or only a ``TextPositionSelector``)
  → a highlight; the colour comes from a ``companion-<colour>`` styleClass
  (otherwise yellow), the note from ``commenting`` text bodies and the tags
  from ``tagging`` bodies;
- ``bookmarking`` without a selector → a bookmark on the item;
- anything else without a selector → a note (text bodies and tags).

Ids: an annotation Companion wrote (``urn:companion:<bundle>:annotation:<id>``)
keeps its record id; any other gets ``h-``/``n-`` and the first 12 hex digits
of the SHA-1 of its ``id`` (of its canonical JSON when it has none), so
importing the same file again never duplicates. Bookmarks are keyed by item.

Merging: a new record is added; an existing one is replaced only when the
imported ``modified`` is later (an annotation without ``modified`` never
replaces); a note in the trash comes back only when the import is later than
its deletion. Anything unreadable is listed in ``problems`` (with its place in
the file, counting from 1, and its id) and skipped; the rest is imported.

Placing: with a ``TextPositionSelector``, the stored positions are kept as
given (Companion places highlights again whenever an item opens). A
``TextQuoteSelector`` alone is placed with ``anchoring.place`` in the item's
plain text to fill ``start``/``end`` (and an empty prefix/suffix from the
text around it); the quote is kept as written. One that cannot be placed (the
words are not there, or the bundle has no such item) is still kept, as an
orphan at ``start == end == 0``, so the learner sees it in the orphans list
and it is placed if the text appears later.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

import msgspec

from companion.bundle.model import Bundle
from companion.notes.anchoring import Anchor, describe, place
from companion.notes.export import STYLE_PREFIX, ItemTexts
from companion.notes.import_records import (
    RecordsMerger,
    is_challenge,
    is_rating,
    read_challenge,
    read_rating,
)
from companion.notes.model import (
    COLORS,
    Bookmark,
    Color,
    Highlight,
    Note,
    NotesFile,
    clean_tags,
    highlight_of,
)
from companion.notes.model import now as _now
from companion.notes.w3c_common import (
    Unreadable,
    as_list,
    first_target,
    item_of,
    kind_in_words,
    record_id,
    text_at,
    time_at,
    types_of,
    when,
)
from companion.unbroken import NOTES_LIMIT, long_runs

#: Pages followed at most (a guard against a file that loops).
MAX_PAGES = 10_000


@dataclass
class ImportReport:
    """What an import did; ``data`` is the notes with the import merged in."""

    data: NotesFile
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)

    def summary(self) -> str:
        """One line, for the status bar and the command line."""
        line = f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        if self.problems:
            n = len(self.problems)
            line += f"; {n} could not be read"
        if self.warnings:
            n = len(self.warnings)
            line += f"; {n} warning{'' if n == 1 else 's'}"
        return line


# -- reading the document ---------------------------------------------------
def _walk(document: Any, problems: list[str]) -> Iterator[Any]:
    """Every annotation in the document, in order (links and odd pages go to problems)."""
    if isinstance(document, list):
        yield from document
        return
    if not isinstance(document, dict):
        problems.append(
            "the file is not a W3C Web Annotation, AnnotationPage or AnnotationCollection "
            f"(found {kind_in_words(document)})"
        )
        return
    kinds = types_of(document)
    if "Annotation" in kinds:
        yield document
        return
    if "AnnotationCollection" in kinds:
        page = document.get("first")
        if page is None:
            if document.get("total") not in (0, None):
                problems.append("the collection has no first page")
            return
    elif "AnnotationPage" in kinds:
        page = document
    else:
        problems.append(
            "the file is not a W3C Web Annotation, AnnotationPage or AnnotationCollection "
            f"(its type is {json.dumps(document.get('type'))})"
        )
        return
    for _ in range(MAX_PAGES):
        if isinstance(page, list) and len(page) == 1:
            page = page[0]  # the model allows a one-item list for first and next
        if isinstance(page, str):
            problems.append(
                f"page {page} is a link, not part of the file; its annotations were not read"
            )
            return
        if not isinstance(page, dict) or "AnnotationPage" not in types_of(page):
            problems.append(f"expected an AnnotationPage, found {kind_in_words(page)}")
            return
        items = page.get("items")
        if not isinstance(items, list):
            problems.append(f"a page has no list of items (found {kind_in_words(items)})")
        else:
            yield from items
        page = page.get("next")
        if page is None:
            return
    problems.append(f"more than {MAX_PAGES} pages; the rest were not read")


@dataclass
class _Target:
    bundle: str
    item: str
    quote: dict[str, Any] | None = None
    position: tuple[int, int] | None = None
    color: Color = "yellow"
    #: On the learner's attached copy of the item (``…:<item>#copy``), not its page.
    copy: bool = False


def _target(annotation: dict[str, Any], warn: list[str]) -> _Target:
    urn, node = first_target(annotation, warn)
    found = item_of(urn)
    result = _Target(found.group(1), found.group(2), copy=found.group(3) is not None)
    for selector in as_list(node.get("selector", [])):
        if not isinstance(selector, dict):
            continue  # a selector given by reference: nothing to read
        kinds = types_of(selector)
        if "TextQuoteSelector" in kinds and result.quote is None:
            exact = text_at(selector, "exact")
            if not exact:
                raise Unreadable("its TextQuoteSelector has no exact text")
            result.quote = {
                "exact": exact,
                "prefix": text_at(selector, "prefix", default=""),
                "suffix": text_at(selector, "suffix", default=""),
            }
        elif "TextPositionSelector" in kinds and result.position is None:
            start, end = selector.get("start"), selector.get("end")
            if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)):
                raise Unreadable("its TextPositionSelector needs whole-number start and end")
            assert isinstance(start, int) and isinstance(end, int)
            if not 0 <= start <= end:
                raise Unreadable(f"its TextPositionSelector runs backwards ({start} to {end})")
            result.position = (start, end)
    for style in as_list(node.get("styleClass", [])):
        if isinstance(style, str) and style.removeprefix(STYLE_PREFIX) in COLORS:
            result.color = cast(Color, style.removeprefix(STYLE_PREFIX))
            break
    return result


def _bodies(annotation: dict[str, Any], warn: list[str]) -> tuple[str, list[str]]:
    """The note (text bodies, joined by blank lines) and the tags."""
    texts: list[str] = []
    tags: list[str] = []
    value = text_at(annotation, "bodyValue")
    if value:
        texts.append(value)
    skipped = 0
    for body in as_list(annotation.get("body", [])):
        if not isinstance(body, dict) or "value" not in body:
            skipped += 1  # an external resource (a link) or a Choice: not text to keep
            continue
        text = text_at(body, "value") or ""
        purposes = {p for p in as_list(body.get("purpose", [])) if isinstance(p, str)}
        motivations = {m for m in as_list(annotation.get("motivation", [])) if isinstance(m, str)}
        if "tagging" in purposes or (not purposes and motivations == {"tagging"}):
            tags.append(text)
        elif text:
            texts.append(text)
    if skipped:
        warn.append(f"{skipped} of its bodies are not text and were left out")
    return "\n\n".join(texts), clean_tags(tags)


Record = Highlight | Note | Bookmark


@dataclass
class _Read:
    record: Record
    target_bundle: str
    orphan: bool = False


def _read(annotation: Any, texts: ItemTexts, stamp: str, warn: list[str]) -> tuple[_Read, bool]:
    """The record an annotation holds, and whether it carried ``modified``."""
    if not isinstance(annotation, dict):
        if isinstance(annotation, str):
            raise Unreadable(f"it is a link ({annotation}), not an annotation in the file")
        raise Unreadable(f"expected an Annotation, found {kind_in_words(annotation)}")
    if "Annotation" not in types_of(annotation):
        raise Unreadable(f"expected an Annotation, found {kind_in_words(annotation)}")
    target = _target(annotation, warn)
    created, modified = time_at(annotation, "created", warn), time_at(annotation, "modified", warn)
    has_modified = modified is not None
    created = created or modified or stamp
    modified = modified or created
    motivations = {m for m in as_list(annotation.get("motivation", [])) if isinstance(m, str)}
    text, tags = _bodies(annotation, warn)

    if target.quote is None and target.position is None:
        if "bookmarking" in motivations:
            return _Read(Bookmark(item=target.item, created=created), target.bundle), False
        if motivations == {"highlighting"} and not text and not tags:
            raise Unreadable("a highlight without a TextQuoteSelector: nothing to place")
        note = Note(
            id=record_id(annotation, "n"),
            item=target.item,
            body=text,
            tags=tags,
            created=created,
            modified=modified,
        )
        return _Read(note, target.bundle), has_modified

    # A copy's text lives with the learner's files: the app places those on opening.
    item_text = None if target.copy else texts.get(target.item)
    orphan = False
    if target.quote is None:
        assert target.position is not None
        start, end = target.position
        if item_text is None or end > len(item_text) or start == end:
            raise Unreadable(
                "a TextPositionSelector alone cannot be placed: "
                + ("the bundle has no such item" if item_text is None else "out of the text")
            )
        anchor = describe(item_text, start, end)
    elif target.position is not None:
        start, end = target.position
        anchor = Anchor(
            target.quote["exact"], target.quote["prefix"], target.quote["suffix"], start, end
        )
    else:
        anchor = Anchor(target.quote["exact"], target.quote["prefix"], target.quote["suffix"], 0, 0)
        where = place(item_text, anchor) if item_text is not None else None
        if where is None or not where.placed:
            orphan = not target.copy
        else:
            around = describe(item_text or "", where.start, where.end)
            anchor = Anchor(
                anchor.exact,
                anchor.prefix or around.prefix,
                anchor.suffix or around.suffix,
                where.start,
                where.end,
            )
    highlight = highlight_of(
        target.item,
        anchor,
        id=record_id(annotation, "h"),
        color=target.color,
        note=text,
        tags=tags,
        created=created,
        modified=modified,
        source="copy" if target.copy else "",
    )
    return _Read(highlight, target.bundle, orphan), has_modified


# -- merging ----------------------------------------------------------------
class _Merger:
    def __init__(self, data: NotesFile, report: ImportReport) -> None:
        self.report = report
        self.bookmarks = {b.item: b for b in data.bookmarks}
        self.notes = {n.id: n for n in data.notes}
        self.trash = {n.id: n for n in data.trash}
        self.highlights = {h.id: h for h in data.highlights}

    def count(self, outcome: str) -> None:
        if outcome == "added":
            self.report.added += 1
        elif outcome == "updated":
            self.report.updated += 1
        else:
            self.report.unchanged += 1

    def take(self, record: Record, has_modified: bool) -> str:
        if isinstance(record, Bookmark):
            outcome = "unchanged" if record.item in self.bookmarks else "added"
            self.bookmarks.setdefault(record.item, record)
        elif isinstance(record, Highlight):
            outcome = self._replace(self.highlights, record, has_modified)
        else:
            outcome = self._note(record, has_modified)
        self.count(outcome)
        return outcome

    @staticmethod
    def _replace(records: dict[str, Any], record: Highlight | Note, has_modified: bool) -> str:
        old = records.get(record.id)
        if old is None:
            records[record.id] = record
            return "added"
        if has_modified and when(record.modified) > when(old.modified) and old != record:
            records[record.id] = record
            return "updated"
        return "unchanged"

    def _note(self, note: Note, has_modified: bool) -> str:
        trashed = self.trash.get(note.id)
        if trashed is None:
            return self._replace(self.notes, note, has_modified)
        deleted = trashed.deleted or trashed.modified
        if has_modified and when(note.modified) > when(deleted):
            del self.trash[note.id]
            self.notes[note.id] = note
            return "updated"
        return "unchanged"

    def data(self, data: NotesFile) -> NotesFile:
        return msgspec.structs.replace(
            data,
            bookmarks=list(self.bookmarks.values()),
            notes=list(self.notes.values()),
            highlights=list(self.highlights.values()),
            trash=list(self.trash.values()),
        ).normalised()


def import_w3c(
    bundle: Bundle, data: NotesFile, document: Any, *, now: str | None = None
) -> ImportReport:
    """Merge the annotations in ``document`` (parsed JSON) into ``data``.

    ``now`` is the time given to an annotation that has neither ``created``
    nor ``modified`` (default: the current time).
    """
    report = ImportReport(data)
    stamp = now or _now()
    texts = ItemTexts(bundle)
    merger = _Merger(data, report)
    other_bundles: Counter[str] = Counter()
    unknown_items: set[str] = set()
    orphans = 0
    records = RecordsMerger(data)
    for index, annotation in enumerate(_walk(document, report.problems), start=1):
        ident = annotation.get("id") if isinstance(annotation, dict) else None
        where = f"annotation {index}" + (f" ({ident})" if isinstance(ident, str) else "")
        warn: list[str] = []
        try:
            if _is_record(annotation):
                target_bundle, outcome = _take_record(bundle, records, annotation, stamp, warn)
                report.warnings += [f"{where}: {w}" for w in warn]
                if outcome is not None:  # a challenge (an assessment counts once all is read)
                    merger.count(outcome)
                if target_bundle != bundle.id:
                    other_bundles[target_bundle] += 1
                continue
            read, has_modified = _read(annotation, texts, stamp, warn)
        except Unreadable as exc:
            report.problems.append(f"{where}: {exc}")
            continue
        run = next(long_runs(msgspec.to_builtins(read.record), NOTES_LIMIT), None)
        if run is not None:  # the notes file would then be refused on reading
            report.problems.append(f"{where}: {run.describe(NOTES_LIMIT)}")
            continue
        report.warnings += [f"{where}: {w}" for w in warn]
        outcome = merger.take(read.record, has_modified)
        if read.target_bundle != bundle.id:
            other_bundles[read.target_bundle] += 1
        if outcome != "unchanged":
            if read.record.item not in texts.items:
                unknown_items.add(read.record.item)
            orphans += read.orphan
    for assessment, outcome in records.assessments_in():
        merger.count(outcome)
        if outcome != "unchanged":
            unknown_items |= {r.dimension for r in assessment.ratings} - set(texts.items)
    for other, n in sorted(other_bundles.items()):
        report.warnings.append(
            f"{n} annotation{'' if n == 1 else 's'} in this file were made for bundle "
            f"'{other}', not '{bundle.id}'; imported onto the items with the same ids"
        )
    if unknown_items:
        report.warnings.append(
            "this bundle has no item "
            + ", ".join(f"'{i}'" for i in sorted(unknown_items))
            + "; records on them are kept and show again if the items return"
        )
    if orphans:
        report.warnings.append(
            f"{orphans} highlight{'' if orphans == 1 else 's'} could not be placed in the "
            "text; kept as orphans"
        )
    report.data = merger.data(records.data(data))
    return report


def _is_record(annotation: Any) -> bool:
    """A self-assessment's rating or a challenge (``import_records``)."""
    if not isinstance(annotation, dict) or "Annotation" not in types_of(annotation):
        return False
    return is_rating(annotation) or is_challenge(annotation)


def _take_record(
    bundle: Bundle, records: RecordsMerger, annotation: dict[str, Any], stamp: str, warn: list[str]
) -> tuple[str, str | None]:
    """Read a rating or a challenge into ``records``: the bundle its target names, and what
    became of a challenge."""
    if is_rating(annotation):
        rating = read_rating(bundle, annotation, stamp, warn)
        _refuse_long_runs(rating.rating, rating.tags)
        records.add_rating(rating)
        return rating.target_bundle, None
    challenge, has_modified, target_bundle = read_challenge(annotation, stamp, warn)
    _refuse_long_runs(challenge)
    return target_bundle, records.take_challenge(challenge, has_modified)


def _refuse_long_runs(*records: Any) -> None:
    run = next(long_runs(msgspec.to_builtins(list(records)), NOTES_LIMIT), None)
    if run is not None:  # the notes file would then be refused on reading
        raise Unreadable(run.describe(NOTES_LIMIT))
