"""Highlights in the model, the file and merges."""

from __future__ import annotations

from pathlib import Path

from companion.notes.anchoring import describe
from companion.notes.fileformat import parse, serialize
from companion.notes.merge import merge
from companion.notes.model import NOTES_SCHEMA_VERSION, Change, NotesModel, empty_file
from companion.notes.store import open_notes, save_notes

TEXT = "The balcony and the dance floor: step back to see the pattern, then step in."


def model_with_one() -> tuple[NotesModel, str]:
    model = NotesModel(empty_file("tp"))
    start = TEXT.index("step back")
    highlight = model.add_highlight(
        "ways-of-perceiving", describe(TEXT, start, start + 9), color="green", note="*yes*"
    )
    return model, highlight.id


def test_add_update_move_delete_with_events() -> None:
    model, hid = model_with_one()
    seen: list[Change] = []
    model.subscribe(seen.append)
    assert model.highlight(hid) is not None and model.highlight(hid).exact == "step back"  # type: ignore[union-attr]
    model.update_highlight(hid, color="pink", tags=["perceiving", " perceiving "])
    updated = model.highlight(hid)
    assert updated is not None and updated.color == "pink" and updated.tags == ["perceiving"]
    moved = model.move_highlight(hid, describe("Intro. " + TEXT, 7 + 33, 7 + 42))
    assert moved.start == 40 and moved.modified == updated.modified  # placing is not editing
    gone = model.delete_highlight(hid)
    assert model.highlights() == []
    model.put_highlight(gone)  # undo
    assert model.highlights("ways-of-perceiving") == [gone]
    assert [c.kind for c in seen] == ["highlight"] * 4


def test_highlights_round_trip_through_the_file(tmp_path: Path) -> None:
    model, _ = model_with_one()
    data = model.snapshot()
    assert parse(serialize(data), tmp_path / "x").data == data.normalised()
    path = tmp_path / "tp.notes.yaml"
    save_notes(path, data)
    assert open_notes(path, "tp").data == data.normalised()


def test_version_1_file_is_migrated_after_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "tp.notes.yaml"
    v1 = b"schema_version: 1\nbundle: tp\nbookmarks:\n- item: a\n  created: '2026-01-01'\n"
    path.write_bytes(v1)
    opened = open_notes(path, "tp")
    assert opened.migrated_from == 1 and opened.problem is None
    assert opened.data.schema_version == NOTES_SCHEMA_VERSION == 3
    assert (tmp_path / "tp.notes.yaml.v1.bak").read_bytes() == v1
    assert [b.item for b in opened.data.bookmarks] == ["a"]


def test_merge_keeps_both_notes_of_a_highlight_edited_on_two_sides() -> None:
    model, hid = model_with_one()
    base = model.snapshot()
    model.update_highlight(hid, note="ours")
    ours = model.snapshot()
    other = NotesModel(base)
    other.update_highlight(hid, note="theirs")
    other.add_highlight("x", describe(TEXT, 0, 11))
    result = merge(base, ours, other.snapshot())
    notes = sorted(h.note for h in result.data.highlights if h.item == "ways-of-perceiving")
    assert notes == ["ours", "theirs"]
    assert result.conflicts == 1
    assert len(result.data.highlights) == 3


def test_merge_takes_a_deletion_on_disk_when_unchanged_here() -> None:
    model, hid = model_with_one()
    base = model.snapshot()
    other = NotesModel(base)
    other.delete_highlight(hid)
    assert merge(base, model.snapshot(), other.snapshot()).data.highlights == []


def test_highlight_on_an_attached_copy_survives_export_and_import() -> None:
    import msgspec

    from companion.bundle import load_bundle
    from companion.notes.export import export_w3c
    from companion.notes.importer import import_w3c
    from companion.paths import shipped_bundle_dir

    bundle = load_bundle(shipped_bundle_dir())
    model = NotesModel(empty_file(bundle.id))
    mine = "My own copy of the article, with words only it has."
    added = model.add_highlight("dawn-of-system-leadership", describe(mine, 3, 11))
    model.put_highlight(msgspec.structs.replace(added, source="copy"))
    document = export_w3c(bundle, model.snapshot())
    [annotation] = document["first"]["items"]
    assert annotation["target"]["source"].endswith(":dawn-of-system-leadership#copy")
    report = import_w3c(bundle, empty_file(bundle.id), document)
    [back] = report.data.highlights
    assert (back.source, back.exact, back.start, back.end) == ("copy", "own copy", 3, 11)
    assert report.problems == [] and report.warnings == []


def test_the_source_of_a_highlight_is_the_text_key_in_the_file(tmp_path: Path) -> None:
    """``Highlight.source`` names what it holds; the file keeps its key ``text``."""
    import msgspec

    model, hid = model_with_one()
    mine = model.highlight(hid)
    assert mine is not None and mine.source == ""
    model.put_highlight(msgspec.structs.replace(mine, source="copy"))
    raw = serialize(model.snapshot())
    assert b"text: copy" in raw and b"source" not in raw
    [back] = parse(raw, tmp_path / "notes.yaml").data.highlights
    assert back.source == "copy"
