"""The in-memory notes model: records, trash, bookmarks and the change events views rely on."""

from __future__ import annotations

import msgspec
import pytest

from companion.notes.model import (
    NOTES_SCHEMA_VERSION,
    Bookmark,
    Change,
    Follower,
    Note,
    NotesFile,
    NotesModel,
    clean_tags,
    empty_file,
)


@pytest.fixture
def model() -> NotesModel:
    return NotesModel(empty_file("tp"))


@pytest.fixture
def events(model: NotesModel) -> list[Change]:
    seen: list[Change] = []
    model.subscribe(seen.append)
    return seen


def test_add_note_is_kept_with_ids_times_and_an_event(
    model: NotesModel, events: list[Change]
) -> None:
    note = model.add_note("item-1", "**Hello**", ["a", "b"])
    assert model.note(note.id) == note
    assert note.item == "item-1" and note.body == "**Hello**" and note.tags == ["a", "b"]
    assert note.created == note.modified and note.created.endswith("Z")
    assert note.deleted is None
    assert model.notes("item-1") == [note] and model.notes("other") == []
    assert events == [Change("note", "item-1", note.id)]
    assert model.revision == 1
    assert model.counts() == (1, 0, 0)


def test_record_ids_are_distinct(model: NotesModel) -> None:
    ids = {model.add_note("i").id for _ in range(200)}
    assert len(ids) == 200


def test_several_notes_per_item_in_creation_order(model: NotesModel) -> None:
    first = model.put_note(_note("n-1", "i", created="2024-01-01T00:00:00.000Z"))
    second = model.put_note(_note("n-2", "i", created="2024-01-02T00:00:00.000Z"))
    elsewhere = model.put_note(_note("n-3", "j", created="2023-01-01T00:00:00.000Z"))
    assert model.notes("i") == [first, second]
    assert model.notes() == [elsewhere, first, second]


def test_update_changes_body_and_tags_and_modified(model: NotesModel, events: list[Change]) -> None:
    note = model.put_note(_note("n-1", "i"))
    events.clear()
    updated = model.update_note("n-1", body="new text")
    assert updated.body == "new text" and updated.tags == note.tags
    assert updated.created == note.created and updated.modified > note.modified
    assert events == [Change("note", "i", "n-1")]
    retagged = model.update_note("n-1", tags=["  x  y ", "x y", "z"])
    assert retagged.tags == ["x y", "z"] and retagged.body == "new text"
    assert model.note("n-1") == retagged
    assert model.revision == 3


def test_update_with_identical_content_is_a_no_op(model: NotesModel, events: list[Change]) -> None:
    note = model.put_note(_note("n-1", "i", body="same", tags=["t"]))
    events.clear()
    revision = model.revision
    assert model.update_note("n-1", body="same", tags=[" t ", "t"]) is note
    assert model.update_note("n-1") is note
    assert events == [] and model.revision == revision
    assert model.note("n-1") is note


def test_update_of_unknown_note_raises(model: NotesModel) -> None:
    with pytest.raises(KeyError):
        model.update_note("n-missing", body="x")


def test_delete_goes_to_trash_and_restore_brings_it_back(
    model: NotesModel, events: list[Change]
) -> None:
    note = model.put_note(_note("n-1", "i", body="keep me", tags=["t"]))
    events.clear()
    trashed = model.delete_note("n-1")
    assert model.note("n-1") is None and model.notes() == []
    assert trashed.deleted is not None and trashed.body == "keep me"
    assert model.trash() == [trashed]
    assert model.counts() == (0, 0, 1)
    assert events == [Change("trash", "i", "n-1")]

    restored = model.restore_note("n-1")
    assert restored == note  # everything as it was, the deletion mark gone
    assert model.trash() == [] and model.notes() == [note]
    assert events[-1] == Change("note", "i", "n-1")
    assert model.revision == 3


def test_trash_lists_the_latest_deletion_first(model: NotesModel) -> None:
    stamps = ["2024-03-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z"]
    trashed = [_note(f"n-{n}", "i", deleted=stamp) for n, stamp in enumerate(stamps)]
    model.replace_all(NotesFile(schema_version=NOTES_SCHEMA_VERSION, bundle="tp", trash=trashed))
    assert [n.id for n in model.trash()] == ["n-0", "n-2", "n-1"]
    model.put_note(_note("n-3", "i"))
    latest = model.delete_note("n-3")
    assert model.trash()[0] == latest


def test_empty_trash_forgets_only_trashed_notes(model: NotesModel, events: list[Change]) -> None:
    kept = model.put_note(_note("n-1", "i"))
    model.put_note(_note("n-2", "i"))
    model.delete_note("n-2")
    events.clear()
    gone = model.empty_trash()
    assert [n.id for n in gone] == ["n-2"]
    assert model.trash() == [] and model.notes() == [kept]
    assert events == [Change("trash")]
    with pytest.raises(KeyError):
        model.restore_note("n-2")


def test_put_note_from_trash_leaves_the_trash(model: NotesModel) -> None:
    """Undo of a deletion re-inserts the note as it was; it must not stay in the trash too."""
    note = model.put_note(_note("n-1", "i"))
    model.delete_note("n-1")
    model.put_note(note)
    assert model.trash() == [] and model.notes() == [note]


def test_bookmark_toggle(model: NotesModel, events: list[Change]) -> None:
    assert not model.is_bookmarked("i")
    model.set_bookmark("i", True, created="2024-05-01T10:00:00.000Z")
    assert model.is_bookmarked("i")
    assert model.bookmark("i") == Bookmark(item="i", created="2024-05-01T10:00:00.000Z")
    assert events == [Change("bookmark", "i")]
    # Setting what is already set changes nothing and says nothing.
    model.set_bookmark("i", True)
    assert events == [Change("bookmark", "i")] and model.revision == 1
    model.set_bookmark("i", False)
    assert not model.is_bookmarked("i") and model.bookmark("i") is None
    assert events == [Change("bookmark", "i"), Change("bookmark", "i")]
    model.set_bookmark("i", False)
    assert model.revision == 2


def test_bookmarks_listed_by_creation(model: NotesModel) -> None:
    model.set_bookmark("b", True, created="2024-01-02T00:00:00.000Z")
    model.set_bookmark("a", True, created="2024-01-03T00:00:00.000Z")
    model.set_bookmark("c", True, created="2024-01-01T00:00:00.000Z")
    assert [b.item for b in model.bookmarks()] == ["c", "b", "a"]
    assert model.counts() == (0, 3, 0)


def test_every_subscriber_hears_every_change_until_it_unsubscribes(model: NotesModel) -> None:
    first: list[Change] = []
    second: list[Change] = []
    unsubscribe = model.subscribe(first.append)
    model.subscribe(second.append)
    model.set_bookmark("i", True)
    unsubscribe()
    note = model.add_note("i")
    assert first == [Change("bookmark", "i")]
    assert second == [Change("bookmark", "i"), Change("note", "i", note.id)]


def test_a_listener_may_unsubscribe_while_being_told(model: NotesModel) -> None:
    heard: list[Change] = []

    def once(change: Change) -> None:
        heard.append(change)
        stop()

    stop = model.subscribe(once)
    model.subscribe(heard.append)
    model.set_bookmark("i", True)
    model.set_bookmark("j", True)
    assert heard == [Change("bookmark", "i"), Change("bookmark", "i"), Change("bookmark", "j")]


def test_listeners_see_the_model_already_changed(model: NotesModel) -> None:
    seen: list[tuple[int, bool]] = []
    model.subscribe(lambda change: seen.append((model.revision, model.is_bookmarked("i"))))
    model.set_bookmark("i", True)
    assert seen == [(1, True)]


def test_replace_all_takes_the_records_and_says_reset(
    model: NotesModel, events: list[Change]
) -> None:
    model.add_note("old")
    data = NotesFile(
        schema_version=NOTES_SCHEMA_VERSION,
        bundle="tp",
        bookmarks=[Bookmark(item="x", created="2024-01-01T00:00:00.000Z")],
        notes=[_note("n-1", "x")],
        trash=[_note("n-2", "x", deleted="2024-01-05T00:00:00.000Z")],
    )
    events.clear()
    model.replace_all(data)
    assert events == [Change("reset")]
    assert model.notes() == [_note("n-1", "x")] and model.is_bookmarked("x")
    assert [n.id for n in model.trash()] == ["n-2"]
    assert model.snapshot().normalised() == data.normalised()


def test_snapshot_holds_everything(model: NotesModel) -> None:
    note = model.put_note(_note("n-1", "i", tags=["t"]))
    model.put_note(_note("n-2", "i"))
    model.delete_note("n-2")
    model.set_bookmark("i", True)
    snap = model.snapshot()
    assert snap.schema_version == NOTES_SCHEMA_VERSION and snap.bundle == "tp"
    assert snap.notes == [note]
    assert [n.id for n in snap.trash] == ["n-2"]
    assert [b.item for b in snap.bookmarks] == ["i"]


def test_snapshot_is_independent_of_later_changes(model: NotesModel) -> None:
    model.put_note(_note("n-1", "i", body="before"))
    model.set_bookmark("i", True)
    snap = model.snapshot()
    frozen = msgspec.json.encode(snap)
    model.update_note("n-1", body="after", tags=["new"])
    model.add_note("j")
    model.set_bookmark("i", False)
    model.delete_note("n-1")
    model.empty_trash()
    assert msgspec.json.encode(snap) == frozen


def test_snapshot_cannot_change_the_model(model: NotesModel) -> None:
    model.put_note(_note("n-1", "i"))
    snap = model.snapshot()
    with pytest.raises(AttributeError):
        snap.bundle = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        snap.notes[0].body = "changed"  # type: ignore[misc]
    snap.notes.clear()
    snap.bookmarks.append(Bookmark(item="z", created="x"))
    assert [n.id for n in model.notes()] == ["n-1"] and not model.is_bookmarked("z")


def test_model_starts_from_a_file(model: NotesModel) -> None:
    data = NotesFile(
        schema_version=NOTES_SCHEMA_VERSION,
        bundle="bundle-x",
        notes=[_note("n-1", "i")],
        bookmarks=[Bookmark(item="i", created="2024-01-01T00:00:00.000Z")],
    )
    loaded = NotesModel(data)
    assert loaded.bundle_id == "bundle-x" and loaded.revision == 0
    assert loaded.counts() == (1, 1, 0)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ([], []),
        (["a", "b"], ["a", "b"]),
        ([" a ", "a", "A"], ["a", "A"]),
        (["", "   ", "\t"], []),
        (["two  words", "two\twords", "two words"], ["two words"]),
        (["z", "a", "z"], ["z", "a"]),
    ],
)
def test_tags_are_trimmed_without_empties_or_repeats(given: list[str], expected: list[str]) -> None:
    assert clean_tags(given) == expected


def test_add_note_cleans_tags(model: NotesModel) -> None:
    assert model.add_note("i", tags=[" x ", "", "x", "y"]).tags == ["x", "y"]


def _note(
    note_id: str,
    item: str,
    *,
    body: str = "",
    tags: list[str] | None = None,
    created: str = "2024-01-01T00:00:00.000Z",
    deleted: str | None = None,
) -> Note:
    return Note(
        id=note_id,
        item=item,
        body=body,
        tags=tags or [],
        created=created,
        modified=created,
        deleted=deleted,
    )


def test_a_follower_hears_only_the_model_it_follows_now(model: NotesModel) -> None:
    other = NotesModel(empty_file("other"))
    heard: list[Change] = []
    follower = Follower(heard.append)
    follower.follow(model)
    model.set_bookmark("a", True)
    follower.follow(other)
    model.set_bookmark("b", True)
    other.set_bookmark("c", True)
    follower.follow(None)
    other.set_bookmark("d", True)
    assert heard == [Change("bookmark", "a"), Change("bookmark", "c")]
