"""Merging notes that changed on two sides: nothing from either side is ever lost."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.notes.anchoring import Anchor
from companion.notes.fileformat import NotesCorrupt, NotesProblem, NotesTooNew, serialize
from companion.notes.merge import (
    MergeResult,
    find_conflict_copies,
    merge,
    merge_conflict_copy,
    retire_conflict_copy,
)
from companion.notes.model import REMOVED_TAG, Bookmark, Note, NotesFile, NotesModel, highlight_of

T0, T1, T2, T3 = (f"2026-0{m}-01T00:00:00.000Z" for m in range(1, 5))


def note(id: str, body: str = "", item: str = "i1", tags: tuple[str, ...] = ()) -> Note:
    return Note(id=id, item=item, body=body, tags=list(tags), created=T0, modified=T0)


def edit(n: Note, body: str, modified: str = T1, tags: list[str] | None = None) -> Note:
    return msgspec.structs.replace(
        n, body=body, modified=modified, tags=n.tags if tags is None else tags
    )


def trashed(n: Note, when: str = T2) -> Note:
    return msgspec.structs.replace(n, deleted=when)


def mark(item: str, created: str = T0) -> Bookmark:
    return Bookmark(item=item, created=created)


def nf(
    notes: list[Note] | None = None,
    trash: list[Note] | None = None,
    bookmarks: list[Bookmark] | None = None,
    bundle: str = "demo",
) -> NotesFile:
    return NotesFile(
        schema_version=1,
        bundle=bundle,
        notes=notes or [],
        trash=trash or [],
        bookmarks=bookmarks or [],
    )


A, B = note("n-a", "alpha"), note("n-b", "beta", item="i2")


def live(result: MergeResult) -> dict[str, Note]:
    return {n.id: n for n in result.data.notes}


# -- notes -----------------------------------------------------------------
def test_nothing_changed_is_no_change() -> None:
    base = nf([A, B])
    result = merge(base, base, base)
    assert result == MergeResult(base.normalised(), 0, "no changes from disk")


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_a_note_added_on_one_side_is_kept(side: str) -> None:
    base, more = nf([A]), nf([A, B])
    result = merge(base, more, base) if side == "ours" else merge(base, base, more)
    assert result.data == more.normalised() and result.conflicts == 0


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_a_change_on_one_side_is_taken(side: str) -> None:
    base, changed = nf([A, B]), nf([edit(A, "alpha 2"), B])
    result = merge(base, changed, base) if side == "ours" else merge(base, base, changed)
    assert result.data == changed.normalised() and result.conflicts == 0
    assert result.summary == (
        "no changes from disk" if side == "ours" else "merged 1 change from disk"
    )


@pytest.mark.parametrize("how", ["removed", "trashed"])
@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_a_deletion_of_an_unchanged_note_is_taken(how: str, side: str) -> None:
    base = nf([A, B])
    deleted = nf([B]) if how == "removed" else nf([B], trash=[trashed(A)])
    result = merge(base, deleted, base) if side == "ours" else merge(base, base, deleted)
    if (how, side) == ("removed", "theirs"):
        # Gone from the file without a trace: the trash keeps it (see below).
        assert [n.id for n in result.data.trash] == [A.id]
        assert result.data.notes == deleted.normalised().notes
        return
    assert result.data == deleted.normalised() and result.removed == 0


def test_a_note_the_file_lost_altogether_goes_to_the_trash_marked() -> None:
    """An older copy of the file put back (a backup, a sync tool, git checkout) lacks notes
    written since: they go to the trash, tagged, and the result says so."""
    gamma = note("n-c", "gamma")
    base = ours = nf([A, B], trash=[trashed(gamma)])
    older = nf([B])  # A and the trashed gamma were written after this copy
    result = merge(base, ours, older)
    [moved] = result.removed_notes
    assert moved.id == A.id and moved.body == A.body and moved.deleted is not None
    assert REMOVED_TAG in moved.tags and set(A.tags) <= set(moved.tags)
    assert result.data.notes == [B]
    assert result.data.trash == [moved]  # a note already in the trash follows the other side
    assert result.removed == 1
    # Restoring it takes the tag off: it is the learner's note again.
    model = NotesModel(result.data)
    assert model.restore_note(A.id).tags == A.tags


def test_highlights_and_bookmarks_the_file_lost_are_reported() -> None:
    bookmark = mark("x")
    h = highlight_of("i1", Anchor("alpha", "", "", 0, 5), id="h-1", created=T0, modified=T0)
    base = ours = msgspec.structs.replace(nf([A]), highlights=[h], bookmarks=[bookmark])
    result = merge(base, ours, nf([A]))
    # Left out (so a deletion made elsewhere stays one), and handed back to be kept aside.
    assert result.data.highlights == [] and result.data.bookmarks == []
    assert result.removed_highlights == (h,) and result.removed_bookmarks == (bookmark,)
    # Not removed: a highlight changed here since (an edit beats a deletion).
    changed = msgspec.structs.replace(h, note="changed here")
    again = merge(base, msgspec.structs.replace(ours, highlights=[changed]), nf([A]))
    assert again.data.highlights == [changed] and again.removed == 1


@pytest.mark.parametrize("how", ["removed", "trashed"])
@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_an_edit_beats_a_deletion(how: str, side: str) -> None:
    base, edited = nf([A, B]), nf([edit(A, "alpha 2"), B])
    deleted = nf([B]) if how == "removed" else nf([B], trash=[trashed(A)])
    result = merge(base, edited, deleted) if side == "ours" else merge(base, deleted, edited)
    assert result.data == edited.normalised() and result.conflicts == 0


def test_the_same_edit_on_both_sides_is_no_conflict() -> None:
    base = nf([A])
    ours, theirs = nf([edit(A, "same", T1)]), nf([edit(A, "same", T2)])
    result = merge(base, ours, theirs)
    # Both wrote the same; the later time is kept.
    assert result.data == theirs and result.conflicts == 0


def test_different_edits_keep_ours_and_theirs_as_a_tagged_copy() -> None:
    base = nf([msgspec.structs.replace(A, tags=["x"]), B])
    ours = nf([edit(base.notes[0], "mine", T1), B])
    theirs = nf([edit(base.notes[0], "yours", T2, tags=["x", "y"]), B])
    result = merge(base, ours, theirs)
    assert result.conflicts == 1
    assert result.summary == "no changes from disk; 1 conflict kept as a copy"
    notes = live(result)
    assert notes.pop("n-a") == ours.notes[0] and notes.pop("n-b") == B
    [(copy_id, copy)] = notes.items()
    assert copy_id.startswith("n-") and copy_id not in ("n-a", "n-b")
    assert copy == Note(
        id=copy_id, item="i1", body="yours", tags=["x", "y", "conflict"], created=T0, modified=T2
    )


def test_a_copy_of_a_copy_is_not_tagged_twice() -> None:
    base = nf([note("n-c", "x", tags=("conflict",))])
    ours, theirs = nf([edit(base.notes[0], "1")]), nf([edit(base.notes[0], "2")])
    copy = next(n for n in merge(base, ours, theirs).data.notes if n.id != "n-c")
    assert copy.tags == ["conflict"]


def test_several_conflicts_are_counted() -> None:
    base = nf([A, B])
    ours = nf([edit(A, "a1"), edit(B, "b1")], bookmarks=[mark("i9")])
    theirs = nf([edit(A, "a2"), edit(B, "b2")], bookmarks=[mark("i8")])
    result = merge(base, ours, theirs)
    assert result.conflicts == 2 and len(result.data.notes) == 4
    assert result.summary == "merged 1 change from disk; 2 conflicts kept as copies"


# -- trash -----------------------------------------------------------------
@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_trashed_on_one_side_edited_on_the_other_stays_live(side: str) -> None:
    base, edited, binned = nf([A]), nf([edit(A, "kept")]), nf(trash=[trashed(A)])
    result = merge(base, edited, binned) if side == "ours" else merge(base, binned, edited)
    assert result.data == edited and result.conflicts == 0


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_emptied_trash_is_gone(side: str) -> None:
    base, emptied = nf([B], trash=[trashed(A)]), nf([B])
    result = merge(base, emptied, base) if side == "ours" else merge(base, base, emptied)
    assert result.data == emptied


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_restored_on_one_side_emptied_on_the_other_is_kept(side: str) -> None:
    base, restored, emptied = nf(trash=[trashed(A)]), nf([A]), nf()
    result = merge(base, restored, emptied) if side == "ours" else merge(base, emptied, restored)
    assert result.data == restored


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_restored_and_edited_on_one_side_trash_unchanged_on_the_other(side: str) -> None:
    base, restored, kept = nf(trash=[trashed(A)]), nf([edit(A, "back")]), nf(trash=[trashed(A)])
    result = merge(base, restored, kept) if side == "ours" else merge(base, kept, restored)
    assert result.data == restored


def test_trashed_on_one_side_removed_on_the_other_stays_in_the_trash() -> None:
    # Both deleted it; the trash is the less final of the two, so it can still be restored.
    base, binned = nf([A]), nf(trash=[trashed(A)])
    assert merge(base, binned, nf()).data == binned
    assert merge(base, nf(), binned).data == binned


def test_edited_then_trashed_on_one_side_untouched_on_the_other_is_trashed() -> None:
    base, binned = nf([A]), nf(trash=[trashed(edit(A, "last words"))])
    assert merge(base, base, binned).data == binned
    assert merge(base, binned, base).data == binned


def test_edited_then_trashed_beats_a_mere_touch() -> None:
    # Ours only touched the time (an edit typed and taken back); theirs edited, then deleted.
    base, binned = nf([A]), nf(trash=[trashed(edit(A, "last words", T2))])
    result = merge(base, nf([edit(A, A.body, T1)]), binned)
    assert result.data == binned and result.conflicts == 0


def test_restored_on_one_side_edited_in_the_trash_on_the_other_is_live() -> None:
    base = nf(trash=[trashed(A)])
    result = merge(base, nf([A]), nf(trash=[trashed(edit(A, "fixed by hand"))]))
    assert result.data == nf([edit(A, "fixed by hand")])


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_the_same_edit_live_on_one_side_and_trashed_on_the_other_stays_live(side: str) -> None:
    base, kept = nf([A]), nf([edit(A, "same", T1)])
    binned = nf(trash=[trashed(edit(A, "same", T3), T3)])  # the later edit
    result = merge(base, kept, binned) if side == "ours" else merge(base, binned, kept)
    assert result.data == kept and result.conflicts == 0


def test_live_on_one_side_restored_and_edited_differently_keeps_both() -> None:
    base = nf(trash=[trashed(A)])
    ours, theirs = nf([edit(A, "mine")]), nf(trash=[trashed(edit(A, "binned edit"), T3)])
    result = merge(base, ours, theirs)
    assert result.conflicts == 1 and result.data.notes == ours.notes
    [copy] = result.data.trash
    assert copy.body == "binned edit" and copy.deleted == T3 and copy.id != A.id


# -- bookmarks -------------------------------------------------------------
def test_bookmarks_merge_as_sets() -> None:
    base = nf(bookmarks=[mark("i1"), mark("i2"), mark("i3")])
    ours = nf(bookmarks=[mark("i1"), mark("i3"), mark("i4")])  # i2 off, i4 on
    theirs = nf(bookmarks=[mark("i1"), mark("i2"), mark("i5")])  # i3 off, i5 on
    result = merge(base, ours, theirs)
    assert [b.item for b in result.data.bookmarks] == ["i1", "i4", "i5"]
    assert result.summary == "merged 2 changes from disk"


def test_a_bookmark_removed_on_one_side_and_made_again_on_the_other_stays() -> None:
    base = nf(bookmarks=[mark("i1")])
    again = nf(bookmarks=[mark("i1", T2)])
    assert merge(base, nf(), again).data == again
    assert merge(base, again, nf()).data == again


def test_without_a_base_bookmarks_and_notes_are_a_union() -> None:
    ours = nf([A], bookmarks=[mark("i1")])
    theirs = nf([B], trash=[trashed(note("n-t", "old"))], bookmarks=[mark("i2")])
    result = merge(None, ours, theirs)
    assert result.data == nf([A, B], [trashed(note("n-t", "old"))], [mark("i1"), mark("i2")])
    assert result.conflicts == 0


def test_without_a_base_different_versions_are_both_kept() -> None:
    result = merge(None, nf([edit(A, "new")]), nf([A]))
    assert result.conflicts == 1
    assert sorted(n.body for n in result.data.notes) == ["alpha", "new"]


def test_the_result_keeps_our_version_and_bundle_and_is_normalised() -> None:
    ours = msgspec.structs.replace(nf([B, A]), schema_version=1, bundle="mine")
    theirs = msgspec.structs.replace(nf([note("n-z", item="i0")]), bundle="other")
    result = merge(None, ours, theirs)
    assert result.data.bundle == "mine" and result.data.schema_version == 1
    assert result.data == result.data.normalised()
    assert [n.id for n in result.data.notes] == ["n-z", "n-a", "n-b"]


# -- properties ------------------------------------------------------------
BODIES = st.sampled_from(["", "a", "b", "c", "ünï 🙂 שלום"])
ITEMS = ["i1", "i2", "i3"]
TAGS = st.lists(st.sampled_from(["x", "y"]), unique=True, max_size=2)
LIVE_ACTIONS = ["keep", "edit", "retag", "trash", "edit+trash", "remove"]
TRASH_ACTIONS = ["keep", "restore", "restore+edit", "remove"]


@st.composite
def bases(draw: st.DrawFn) -> NotesFile:
    notes: list[Note] = []
    trash: list[Note] = []
    for i in range(draw(st.integers(0, 6))):
        item, body, tags = draw(st.sampled_from(ITEMS)), draw(BODIES), draw(TAGS)
        n = Note(id=f"b-{i}", item=item, body=body, tags=tags, created=T0, modified=T0)
        if draw(st.booleans()):
            trash.append(trashed(n, T0))
        else:
            notes.append(n)
    marks = [mark(i) for i in draw(st.sets(st.sampled_from(ITEMS)))]
    return nf(notes, trash, marks)


@st.composite
def sides(draw: st.DrawFn, base: NotesFile, name: str, stamp: str) -> NotesFile:
    """``base`` after random edits, as a learner (or a sync tool) could make them."""
    notes: list[Note] = []
    trash: list[Note] = []
    for n in base.notes:
        action = draw(st.sampled_from(LIVE_ACTIONS))
        if "edit" in action:
            n = edit(n, draw(BODIES), stamp)
        elif action == "retag":
            n = edit(n, n.body, stamp, tags=draw(TAGS))
        if "trash" in action:
            trash.append(trashed(n, stamp))
        elif action != "remove":
            notes.append(n)
    for n in base.trash:
        action = draw(st.sampled_from(TRASH_ACTIONS))
        if "edit" in action:
            n = edit(n, draw(BODIES), stamp)
        if "restore" in action:
            notes.append(msgspec.structs.replace(n, deleted=None))
        elif action == "keep":
            trash.append(n)
    for i in range(draw(st.integers(0, 2))):
        notes.append(
            Note(id=f"{name}-{i}", item="i1", body=draw(BODIES), created=stamp, modified=stamp)
        )
    marks = {b.item: b for b in base.bookmarks}
    for item in draw(st.sets(st.sampled_from(ITEMS))):  # toggled on this side
        if marks.pop(item, None) is None:
            marks[item] = mark(item, stamp)
    return nf(notes, trash, list(marks.values()))


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[NotesFile, NotesFile, NotesFile]:
    base = draw(bases())
    return base, draw(sides(base, "o", T1)), draw(sides(base, "t", T2))


def _content(n: Note) -> tuple[str, str, tuple[str, ...]]:
    return n.item, n.body, tuple(n.tags)


@settings(max_examples=500, deadline=None)
@given(scenarios())
def test_no_written_note_is_lost(case: tuple[NotesFile, NotesFile, NotesFile]) -> None:
    """A live note survives unless its side left it as it was and the other side changed it."""
    base, ours, theirs = case
    result = merge(base, ours, theirs)
    kept = result.data.notes
    assert result.data == result.data.normalised()
    ids = [n.id for n in [*kept, *result.data.trash]]
    assert len(ids) == len(set(ids))
    before = {n.id: (False, n) for n in base.notes} | {n.id: (True, n) for n in base.trash}
    for side, other in ((ours, theirs), (theirs, ours)):
        others = {n.id: (False, n) for n in other.notes} | {n.id: (True, n) for n in other.trash}
        for n in side.notes:
            was = before.get(n.id)
            written = was is None or _content(was[1]) != _content(n)
            if not written and others.get(n.id) != was:
                continue  # unchanged here, edited or deleted there: the other side wins
            assert any(
                _content(k)[:2] == _content(n)[:2]
                and set(n.tags) <= set(k.tags)
                and (k.id == n.id or "conflict" in k.tags)  # the note itself, or its copy
                for k in kept
            ), (n, result)


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_merging_the_same_or_an_unchanged_side_fast_forwards(
    case: tuple[NotesFile, NotesFile, NotesFile],
) -> None:
    base, ours, theirs = case
    for x in (ours, theirs):
        assert merge(base, x, x) == MergeResult(x.normalised(), 0, "no changes from disk")
    taken = merge(base, base, theirs)
    # What theirs lost altogether is in the trash (and reported), not gone.
    gone = {n.id for n in taken.removed_notes}
    assert gone == {n.id for n in base.notes} - {n.id for n in [*theirs.notes, *theirs.trash]}
    trash = [n for n in taken.data.trash if n.id not in gone]
    assert msgspec.structs.replace(taken.data, trash=trash) == theirs.normalised()
    assert merge(base, ours, base).data == ours.normalised()
    assert merge(None, ours, ours).data == ours.normalised()


# -- conflict copies -------------------------------------------------------
STEM = "c++ (intro).notes"  # characters a regular expression would misread
COPY_NAMES = [
    f"{STEM} (conflicted copy 2026-11-21).yaml",  # Dropbox
    f"{STEM} (Someone's conflicted copy 2026-11-21).yaml",
    f"{STEM} (Someone's conflicted copy 2026-11-21 (1)).yaml",
    f"{STEM} (conflicted copy 2026-11-21) (2).yaml",
    f"{STEM} (conflicted copy 2026-11-21 123456).yaml",  # Nextcloud / ownCloud
    f"{STEM} (conflicted copy alice 2026-11-21 123456).yaml",
    f"{STEM}_conflict-20261121-123456.yaml",
    f"{STEM}-conflict-20261121-123456.yaml",
    f"{STEM}.sync-conflict-20261121-123456-ABCDEFG.yaml",  # Syncthing
    f"{STEM}.sync-conflict-20261121-123456.yaml",
    f"{STEM}.Conflict.yaml",  # Resilio
    f"{STEM}.Conflict2.yaml",
    f"{STEM}-DESKTOP-AB12CD3.yaml",  # OneDrive, default computer names
    f"{STEM}-LAPTOP-AB12CD34.yaml",
]
NOT_COPIES = [
    f"{STEM}.yaml",
    f"{STEM}.yaml.bak",
    f"{STEM}.yaml.lock",
    f"{STEM}.yaml.broken-20261121T123456Z",
    f"{STEM}.yaml.v0.bak",
    f".{STEM}.yaml.k2j3h4.tmp",
    f"{STEM} (conflicted copy 2026-11-21).yaml.merged",
    f"{STEM}.Conflict.yaml.merged-2",
    f"{STEM}.sync-conflict-20261121-123456-ABCDEFG.yaml.bak",
    f"{STEM} (1).yaml",  # Google Drive, or a copy made on purpose
    f"{STEM}-backup.yaml",
    f"{STEM}-MYPC.yaml",
    f"{STEM} (conflicted copy).yaml",
    "other.notes (conflicted copy 2026-11-21).yaml",
    f"{STEM}.Conflict.yml",
]


def write(path: Path, data: NotesFile) -> Path:
    path.write_bytes(serialize(data, path.name))
    return path


def test_conflict_copies_are_found_by_every_supported_pattern(tmp_path: Path) -> None:
    notes_path = write(tmp_path / f"{STEM}.yaml", nf([A]))
    for name in COPY_NAMES + NOT_COPIES[1:]:
        write(tmp_path / name, nf([A]))
    (tmp_path / f"{STEM}.Conflict3.yaml").mkdir()  # a folder is no copy
    assert find_conflict_copies(notes_path) == sorted(tmp_path / name for name in COPY_NAMES)


def test_no_folder_no_copies(tmp_path: Path) -> None:
    assert find_conflict_copies(tmp_path / "gone" / "x.notes.yaml") == []


def test_conflict_copies_are_merged_and_retired_without_losing_anything(tmp_path: Path) -> None:
    notes_path = tmp_path / f"{STEM}.yaml"
    ours = nf([edit(A, "mine"), B], bookmarks=[mark("i1")])
    write(notes_path, ours)
    copies = {name: nf([A, note(f"n-{i}", f"from copy {i}")], bookmarks=[mark(f"c{i}")])
              for i, name in enumerate(COPY_NAMES)}  # fmt: skip
    raw = {name: write(tmp_path / name, data).read_bytes() for name, data in copies.items()}
    found = find_conflict_copies(notes_path)
    data, conflicts = ours, 0
    for path in found:
        result = merge_conflict_copy(data, path)
        assert result.summary.startswith(("merged 2 changes from ", "merged 3 changes from "))
        assert path.name in result.summary
        data, conflicts = result.data, conflicts + result.conflicts
        retired = retire_conflict_copy(path)
        assert retired == path.with_name(path.name + ".merged") and not path.exists()
        assert retired.read_bytes() == raw[path.name]
    # A's old body came from the first copy only; the others already had it as a copy.
    assert conflicts == 1
    bodies = sorted(n.body for n in data.notes)
    assert bodies == sorted(["mine", "alpha", "beta", *(f"from copy {i}" for i in range(14))])
    assert {b.item for b in data.bookmarks} == {"i1", *(f"c{i}" for i in range(14))}
    assert find_conflict_copies(notes_path) == []
    assert len(list(tmp_path.iterdir())) == 1 + len(COPY_NAMES)


def test_merging_a_copy_twice_adds_nothing_more(tmp_path: Path) -> None:
    copy = write(tmp_path / "x.notes.Conflict.yaml", nf([A]))
    once = merge_conflict_copy(nf([edit(A, "mine")]), copy)
    twice = merge_conflict_copy(once.data, copy)
    assert once.conflicts == 1 and twice.conflicts == 0 and twice.data == once.data
    assert twice.summary == "no changes from x.notes.Conflict.yaml"


def test_retiring_never_replaces_an_earlier_retired_copy(tmp_path: Path) -> None:
    copy = tmp_path / "x.notes.Conflict.yaml"
    copy.write_text("first")
    first = retire_conflict_copy(copy)
    copy.write_text("second")
    second = retire_conflict_copy(copy)
    assert first.name == "x.notes.Conflict.yaml.merged" and first.read_text() == "first"
    assert second.name == "x.notes.Conflict.yaml.merged-2" and second.read_text() == "second"


def test_an_unreadable_copy_is_a_notes_problem(tmp_path: Path) -> None:
    broken = tmp_path / "x.notes.Conflict.yaml"
    broken.write_text("schema_version: 1\nbundle: demo\nnotes: [\n")
    with pytest.raises(NotesCorrupt):
        merge_conflict_copy(nf(), broken)
    with pytest.raises(NotesProblem):
        merge_conflict_copy(nf(), tmp_path / "missing.yaml")
    newer = tmp_path / "x.notes.Conflict2.yaml"
    newer.write_text("schema_version: 99\nbundle: demo\n")
    with pytest.raises(NotesTooNew):
        merge_conflict_copy(nf(), newer)
    other = write(tmp_path / "x.notes.Conflict3.yaml", nf([A], bundle="another"))
    with pytest.raises(NotesProblem, match="another"):
        merge_conflict_copy(nf(), other)
    assert broken.exists() and newer.exists() and other.exists()
