"""Importing W3C Web Annotations: round trips, merging by id, foreign and broken input."""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

import msgspec
import pytest

from companion.bundle.model import Bundle
from companion.notes.export import ItemTexts, export_markdown, export_w3c
from companion.notes.importer import ImportReport, import_w3c
from companion.notes.model import Bookmark, Highlight, Note, NotesFile, empty_file
from companion.unbroken import NOTES_LIMIT

from .known_notes import T1, T2, T3, known_notes, shipped

LATER = "2026-04-01T12:00:00.000Z"
EARLIER = "2026-01-01T12:00:00.000Z"
URN = "urn:companion:touchpoint-7"


def fresh() -> NotesFile:
    return empty_file("touchpoint-7")


def items(doc: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = doc["first"]["items"]
    return found


def foreign_highlight(exact: str, **target: Any) -> dict[str, Any]:
    """An annotation as another tool writes it: a quote selector only, its own id."""
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://annotations.example.org/a/42",
        "type": "Annotation",
        "motivation": "highlighting",
        "created": "2026-02-01T10:00:00Z",
        "target": {
            "source": f"{URN}:ways-of-feeling",
            "selector": {"type": "TextQuoteSelector", "exact": exact, **target},
        },
    }


# -- round trips --------------------------------------------------------------
def test_export_import_export_gives_identical_annotations() -> None:
    bundle = shipped()
    data = known_notes()
    exported = export_w3c(bundle, data)
    # Through JSON text, as a file on another computer would carry it.
    report = import_w3c(bundle, fresh(), json.loads(json.dumps(exported)))
    assert report.problems == [] and report.added == 13
    assert export_w3c(bundle, report.data) == exported
    assert export_markdown(bundle, report.data) == export_markdown(bundle, data)
    # Everything but the trash (never exported) comes back exactly.
    assert report.data == msgspec.structs.replace(data, trash=[]).normalised()


def test_importing_twice_adds_nothing_the_second_time() -> None:
    bundle = shipped()
    exported = export_w3c(bundle, known_notes())
    first = import_w3c(bundle, fresh(), exported)
    second = import_w3c(bundle, first.data, exported)
    assert (second.added, second.updated, second.unchanged) == (0, 0, 13)
    assert second.data == first.data
    assert not second.changed


def test_importing_into_the_same_notes_changes_nothing() -> None:
    bundle = shipped()
    data = known_notes()
    report = import_w3c(bundle, data, export_w3c(bundle, data))
    assert (report.added, report.updated, report.unchanged) == (0, 0, 13)
    assert report.data == data.normalised()  # the trash is kept


def test_each_document_form_is_accepted() -> None:
    bundle = shipped()
    exported = export_w3c(bundle, known_notes())
    annotations = items(exported)
    page = exported["first"]
    forms: list[Any] = [
        exported,
        page,
        annotations,
        {
            **exported,
            "first": {**page, "items": annotations[:5], "next": {**page, "items": annotations[5:]}},
        },
    ]
    for form in forms:
        report = import_w3c(bundle, fresh(), form)
        assert report.problems == [] and report.added == 13, form
    single = import_w3c(bundle, fresh(), annotations[0])
    assert single.added == 1


def test_a_page_given_only_as_a_link_is_reported() -> None:
    bundle = shipped()
    exported = export_w3c(bundle, known_notes())
    page = {**exported["first"], "items": items(exported)[:2], "next": "https://example.org/p2"}
    report = import_w3c(bundle, fresh(), {**exported, "first": page})
    assert report.added == 2
    assert report.problems == [
        "page https://example.org/p2 is a link, not part of the file; its annotations were not read"
    ]


# -- merging ------------------------------------------------------------------
def _one_note(body: str, modified: str) -> NotesFile:
    note = Note(id="n-1", item="ways-of-being", body=body, created=T1, modified=modified)
    return msgspec.structs.replace(fresh(), notes=[note])


def test_a_newer_copy_replaces_an_older_one() -> None:
    bundle = shipped()
    ours = _one_note("old words", T2)
    theirs = export_w3c(bundle, _one_note("new words", T3))
    report = import_w3c(bundle, ours, theirs)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 0)
    assert report.data.notes[0].body == "new words"


def test_an_older_or_equally_old_copy_does_not_replace() -> None:
    bundle = shipped()
    ours = _one_note("mine", T2)
    for stamp in (T1, T2):
        report = import_w3c(bundle, ours, export_w3c(bundle, _one_note("theirs", stamp)))
        assert (report.added, report.updated, report.unchanged) == (0, 0, 1)
        assert report.data.notes[0].body == "mine"


def test_newer_highlight_replaces_by_record_id() -> None:
    bundle = shipped()
    data = known_notes()
    exported = export_w3c(bundle, data)
    changed = copy.deepcopy(exported)
    target = next(a for a in items(changed) if a["id"].endswith("h-1b2c3d4e5f60"))
    target["modified"] = LATER
    target["target"]["styleClass"] = "companion-blue"
    report = import_w3c(bundle, data, changed)
    assert (report.added, report.updated) == (0, 1)
    highlight = next(h for h in report.data.highlights if h.id == "h-1b2c3d4e5f60")
    assert (highlight.color, highlight.modified) == ("blue", LATER)


def test_an_annotation_without_modified_never_replaces() -> None:
    bundle = shipped()
    ours = _one_note("mine", T1)
    [theirs] = items(export_w3c(bundle, _one_note("theirs", T3)))
    del theirs["modified"]
    report = import_w3c(bundle, ours, theirs)
    assert report.unchanged == 1 and report.data.notes[0].body == "mine"


def test_a_trashed_note_comes_back_only_if_edited_after_it_was_deleted() -> None:
    bundle = shipped()
    trashed = Note(id="n-1", item="ways-of-being", body="x", created=T1, modified=T1, deleted=T2)
    ours = msgspec.structs.replace(fresh(), trash=[trashed])
    older = import_w3c(bundle, ours, export_w3c(bundle, _one_note("edited before", T1)))
    assert older.unchanged == 1 and older.data.trash == [trashed] and older.data.notes == []
    newer = import_w3c(bundle, ours, export_w3c(bundle, _one_note("edited after", T3)))
    assert newer.updated == 1 and newer.data.trash == []
    assert [n.body for n in newer.data.notes] == ["edited after"]


def test_bookmarks_merge_by_item() -> None:
    bundle = shipped()
    ours = msgspec.structs.replace(fresh(), bookmarks=[Bookmark(item="ways-of-being", created=T1)])
    theirs = msgspec.structs.replace(
        fresh(),
        bookmarks=[
            Bookmark(item="ways-of-being", created=T3),
            Bookmark(item="ways-of-doing", created=T2),
        ],
    )
    report = import_w3c(bundle, ours, export_w3c(bundle, theirs))
    assert (report.added, report.unchanged) == (1, 1)
    assert report.data.bookmarks == [
        Bookmark(item="ways-of-being", created=T1),
        Bookmark(item="ways-of-doing", created=T2),
    ]


# -- other tools' annotations -------------------------------------------------
def test_a_quote_only_highlight_is_placed_on_the_right_words() -> None:
    bundle = shipped()
    text = ItemTexts(bundle).get("ways-of-feeling")
    assert text is not None
    quote = "core values"
    assert text.count(quote) > 1  # the context must choose
    second = text.index(quote, text.index(quote) + 1)
    report = import_w3c(
        bundle, fresh(), foreign_highlight(quote, prefix=text[second - 20 : second])
    )
    assert report.problems == [] and report.warnings == [] and report.added == 1
    [highlight] = report.data.highlights
    assert (highlight.start, highlight.end) == (second, second + len(quote))
    assert text[highlight.start : highlight.end] == quote
    assert highlight.prefix == text[second - 20 : second]  # kept as given
    assert highlight.suffix == text[second + len(quote) : second + len(quote) + 32]  # filled
    digest = hashlib.sha1(b"https://annotations.example.org/a/42").hexdigest()[:12]
    assert highlight.id == f"h-{digest}"
    assert (highlight.color, highlight.created, highlight.modified) == (
        "yellow",
        "2026-02-01T10:00:00Z",
        "2026-02-01T10:00:00Z",
    )


def test_a_quote_only_highlight_with_small_changes_is_placed_approximately() -> None:
    bundle = shipped()
    text = ItemTexts(bundle).get("ways-of-feeling")
    assert text is not None
    quote = "Goss begins with feeling, not with skills or tasks."
    report = import_w3c(bundle, fresh(), foreign_highlight(quote.replace("skills", "skill")))
    [highlight] = report.data.highlights
    assert text[highlight.start : highlight.end].startswith("Goss begins with feeling")
    assert highlight.exact == quote.replace("skills", "skill")  # the quote as written


def test_a_quote_that_is_not_there_is_kept_as_an_orphan() -> None:
    bundle = shipped()
    report = import_w3c(bundle, fresh(), foreign_highlight("words no version of this bundle has"))
    assert report.added == 1 and report.problems == []
    assert report.warnings == ["1 highlight could not be placed in the text; kept as orphans"]
    [highlight] = report.data.highlights
    assert (highlight.start, highlight.end) == (0, 0)
    assert highlight.exact == "words no version of this bundle has"


def test_a_position_only_selector_takes_its_words_from_the_text() -> None:
    bundle = shipped()
    text = ItemTexts(bundle).get("ways-of-feeling")
    assert text is not None
    annotation = foreign_highlight("x")
    annotation["target"]["selector"] = {"type": "TextPositionSelector", "start": 7, "end": 18}
    [highlight] = import_w3c(bundle, fresh(), annotation).data.highlights
    assert highlight.exact == text[7:18] and highlight.start == 7


def test_positions_are_code_points() -> None:
    bundle = msgspec.convert(
        {
            "schema_version": 1,
            "id": "tiny",
            "title": "Tiny",
            "version": "1",
            "language": "en",
            "dimensions": [
                {
                    "id": "d",
                    "name": "D",
                    "gloss": "g",
                    "study_text": "Earth 🌍 and moon 🌙 here.",
                    "prompts": ["p"],
                }
            ],
        },
        Bundle,
    )
    annotation = {
        "type": "Annotation",
        "id": "x:1",
        "target": {
            "source": "urn:companion:tiny:d",
            "selector": {"type": "TextQuoteSelector", "exact": "moon"},
        },
    }
    report = import_w3c(bundle, empty_file("tiny"), annotation)
    [highlight] = report.data.highlights
    text = ItemTexts(bundle).get("d")
    assert text is not None and text[highlight.start : highlight.end] == "moon"
    # "Earth 🌍 and " is 12 code points (13 UTF-16 units, 15 UTF-8 bytes).
    assert highlight.start == text.index("moon") == 12


def test_foreign_bodies_become_the_note_and_tags() -> None:
    bundle = shipped()
    annotation = foreign_highlight("core values")
    annotation["motivation"] = ["commenting"]
    annotation["body"] = [
        {"type": "TextualBody", "value": "A comment", "format": "text/plain"},
        {"type": "TextualBody", "value": "values", "purpose": "tagging"},
        "https://example.org/a-linked-resource",
    ]
    annotation["target"]["styleClass"] = ["other", "companion-purple"]
    report = import_w3c(bundle, fresh(), annotation)
    [highlight] = report.data.highlights
    assert (highlight.note, highlight.tags, highlight.color) == ("A comment", ["values"], "purple")
    assert report.warnings == [
        "annotation 1 (https://annotations.example.org/a/42): "
        "1 of its bodies are not text and were left out"
    ]


def test_an_annotation_without_an_id_gets_a_stable_one() -> None:
    bundle = shipped()
    annotation = {
        "type": "Annotation",
        "bodyValue": "a note",
        "target": f"{URN}:ways-of-being",
    }
    first = import_w3c(bundle, fresh(), annotation, now=T1)
    second = import_w3c(bundle, first.data, annotation, now=T2)
    assert first.added == 1 and second.unchanged == 1 and second.data == first.data
    [note] = first.data.notes
    assert (note.body, note.created, note.modified) == ("a note", T1, T1)
    assert note.id.startswith("n-")


def test_a_file_for_another_bundle_warns_but_imports() -> None:
    bundle = shipped()
    doc = json.loads(
        json.dumps(export_w3c(bundle, known_notes())).replace(URN, "urn:companion:tp8")
    )
    report = import_w3c(bundle, fresh(), doc)
    assert report.added == 13 and report.problems == []
    assert (
        "13 annotations in this file were made for bundle 'tp8', not 'touchpoint-7'; "
        "imported onto the items with the same ids"
    ) in report.warnings
    assert report.data == import_w3c(bundle, fresh(), export_w3c(bundle, known_notes())).data


def test_records_on_items_the_bundle_lacks_are_kept_with_a_warning() -> None:
    bundle = shipped()
    report = import_w3c(bundle, fresh(), export_w3c(bundle, known_notes()))
    assert any("'retired-reading'" in w for w in report.warnings)
    assert {h.item for h in report.data.highlights} >= {"retired-reading"}


# -- unreadable input -----------------------------------------------------------
def test_unreadable_annotations_are_reported_and_the_rest_imported() -> None:
    bundle = shipped()
    good = items(export_w3c(bundle, known_notes()))
    broken: list[Any] = [
        "https://example.org/just-a-link",
        42,
        {"type": "Highlight", "target": f"{URN}:ways-of-being"},
        {"type": "Annotation", "id": "x:no-target"},
        {"type": "Annotation", "id": "x:web", "target": "https://example.org/page"},
        {"type": "Annotation", "id": "x:anno", "target": f"{URN}:annotation:n-1"},
        {
            "type": "Annotation",
            "id": "x:types",
            "target": {
                "source": f"{URN}:ways-of-being",
                "selector": {"type": "TextQuoteSelector", "exact": 5},
            },
        },
        {
            "type": "Annotation",
            "id": "x:backwards",
            "target": {
                "source": f"{URN}:ways-of-being",
                "selector": [
                    {"type": "TextQuoteSelector", "exact": "x"},
                    {"type": "TextPositionSelector", "start": 9, "end": 2},
                ],
            },
        },
        {"type": "Annotation", "id": "x:when", "created": "yesterday", "target": f"{URN}:a"},
        {"type": "Annotation", "id": "x:hl", "motivation": "highlighting", "target": f"{URN}:a"},
        {"type": "Annotation", "id": 7, "target": f"{URN}:a"},
    ]
    report = import_w3c(bundle, fresh(), [*good[:4], *broken, *good[4:]])
    assert report.added == 13
    assert report.problems == [
        "annotation 5: it is a link (https://example.org/just-a-link), not an annotation in "
        "the file",
        "annotation 6: expected an Annotation, found a number",
        "annotation 7: expected an Annotation, found an object of type Highlight",
        "annotation 8 (x:no-target): it has no target",
        "annotation 9 (x:web): its target 'https://example.org/page' is not a Companion item "
        "(urn:companion:BUNDLE-ID:ITEM-ID)",
        "annotation 10 (x:anno): its target 'urn:companion:touchpoint-7:annotation:n-1' is not "
        "a Companion item (urn:companion:BUNDLE-ID:ITEM-ID)",
        "annotation 11 (x:types): exact must be text, found a number",
        "annotation 12 (x:backwards): its TextPositionSelector runs backwards (9 to 2)",
        "annotation 13 (x:when): created is not a date and time: 'yesterday'",
        "annotation 14 (x:hl): a highlight without a TextQuoteSelector: nothing to place",
        "annotation 15: its id must be text, found a number",
    ]
    assert "11 could not be read" in report.summary()


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (None, "(found nothing)"),
        ("text", "(found text)"),
        ({"type": "Book"}, '(its type is "Book")'),
        ({"type": "AnnotationCollection", "total": 3}, "the collection has no first page"),
        ({"type": "AnnotationPage", "items": 4}, "a page has no list of items (found a number)"),
    ],
)
def test_a_document_that_is_not_annotations_imports_nothing(document: Any, problem: str) -> None:
    report = import_w3c(shipped(), known_notes(), document)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 0)
    assert len(report.problems) == 1 and problem in report.problems[0]
    assert report.data == known_notes().normalised()


def test_report_summary() -> None:
    report = ImportReport(fresh(), added=2, updated=1, unchanged=3, warnings=["w"])
    assert report.summary() == "2 added, 1 updated, 3 unchanged; 1 warning"
    report.problems.append("p")
    assert report.summary() == "2 added, 1 updated, 3 unchanged; 1 could not be read; 1 warning"


def test_import_is_pure() -> None:
    bundle = shipped()
    data = known_notes()
    doc = export_w3c(bundle, data)
    before = copy.deepcopy(doc)
    import_w3c(bundle, fresh(), doc)
    assert doc == before and data == known_notes()
    assert isinstance(import_w3c(bundle, fresh(), doc).data.highlights[0], Highlight)


def test_a_list_of_targets_and_a_one_item_first_page() -> None:
    bundle = shipped()
    annotation = foreign_highlight("core values")
    annotation["target"] = [annotation["target"], "https://example.org/elsewhere"]
    page = {"type": "AnnotationPage", "items": [annotation]}
    report = import_w3c(bundle, fresh(), {"type": "AnnotationCollection", "first": [page]})
    assert report.added == 1 and report.problems == []
    assert report.warnings == [
        "annotation 1 (https://annotations.example.org/a/42): it has 2 targets; "
        "only the first was imported"
    ]


# -- dates no clock can show -----------------------------------------------------
HOSTILE = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "9999-12-31T23:59:59Z"]


@pytest.mark.parametrize("stamp", HOSTILE)
def test_a_date_no_clock_can_show_is_not_imported_and_is_reported(stamp: str) -> None:
    """Such dates passed import and then broke the panels (OverflowError, empty lists)."""
    annotation = {
        "type": "Annotation",
        "id": "https://annotations.example.org/a/7",
        "created": stamp,
        "modified": stamp,
        "bodyValue": "kept, without the date",
        "target": f"{URN}:ways-of-being",
    }
    report = import_w3c(shipped(), fresh(), annotation, now=LATER)
    [note] = report.data.notes
    assert note.body == "kept, without the date"
    assert note.created == note.modified == LATER  # the time of the import instead
    assert report.problems == []
    assert [w for w in report.warnings if stamp in w] == [
        f"annotation 1 (https://annotations.example.org/a/7): its created time {stamp!r} is "
        "outside the dates Companion can show; not used",
        f"annotation 1 (https://annotations.example.org/a/7): its modified time {stamp!r} is "
        "outside the dates Companion can show; not used",
    ]


def test_a_hostile_modified_time_never_replaces_a_note() -> None:
    mine = Note(id="n-1", item="ways-of-being", body="mine", created=T1, modified=T1)
    data = msgspec.structs.replace(fresh(), notes=[mine])
    annotation = {
        "type": "Annotation",
        "id": f"{URN}:annotation:n-1",
        "modified": "9999-12-31T23:59:59-14:00",  # "later" than anything, if it counted
        "bodyValue": "theirs",
        "target": f"{URN}:ways-of-being",
    }
    report = import_w3c(shipped(), data, annotation)
    assert report.data.notes == [mine] and not report.changed


def test_a_text_too_long_without_a_space_is_refused_and_the_rest_imported() -> None:
    long_one = foreign_highlight("begins with feeling")
    long_one["body"] = {"type": "TextualBody", "value": "y" * (NOTES_LIMIT + 1)}
    fine = foreign_highlight("begins with feeling")
    fine["id"] = "https://annotations.example.org/a/43"
    document = {
        "type": "AnnotationCollection",
        "first": {"type": "AnnotationPage", "items": [long_one, fine]},
    }
    report = import_w3c(shipped(), fresh(), document)
    assert len(report.data.highlights) == 1
    assert report.problems == [
        "annotation 1 (https://annotations.example.org/a/42): the text has "
        f"{NOTES_LIMIT + 1:,} characters without a space or line break (from character 1); "
        f"at most {NOTES_LIMIT:,} are allowed, as longer text cannot be wrapped and would "
        "freeze the window"
    ]
