"""Undo commands as plain Python: each undone and redone on a real model, without Qt."""

from __future__ import annotations

from companion.notes import undo
from companion.notes.anchoring import describe
from companion.notes.model import NotesModel, empty_file

TEXT = "The balcony and the dance floor: step back to see the pattern, then step in."


def model() -> NotesModel:
    return NotesModel(empty_file("tp"))


def test_a_new_note_is_undone_to_nothing_and_redone_with_its_own_id() -> None:
    notes = model()
    add = undo.AddNote(notes, "ways-of-being", "first thoughts", ["mine"])
    add.redo()
    [made] = notes.notes()
    add.undo()
    assert notes.notes() == [] and notes.trash() == []  # never the learner's work: gone
    add.redo()
    assert notes.notes() == [made]


def test_typing_in_one_note_is_one_step_and_typing_it_away_is_none() -> None:
    notes = model()
    note = notes.add_note("ways-of-being", "a")
    first = undo.EditNote(notes, note.id, body="ab")
    first.redo()
    second = undo.EditNote(notes, note.id, body="abc")
    second.redo()
    assert first.merge(second) and first.merge_kind == second.merge_kind
    first.undo()
    assert notes.note(note.id) == note
    first.redo()
    erased = undo.EditNote(notes, note.id, body="a")
    erased.redo()
    assert first.merge(erased) and first.obsolete  # typed and erased: nothing happened
    first.sealed = True
    later = undo.EditNote(notes, note.id, body="ax")
    later.redo()
    assert not first.merge(later)  # the learner moved on: a step of its own
    tags = undo.EditNote(notes, note.id, tags=["t"])
    tags.redo()
    assert not later.merge(tags)  # text and tags are different steps


def test_a_new_note_takes_in_its_typing_and_a_note_left_empty_goes() -> None:
    notes = model()
    add = undo.AddNote(notes, "ways-of-being", "a")
    add.redo()
    assert add.note is not None
    typed = undo.EditNote(notes, add.note.id, body="abc")
    typed.redo()
    assert add.merge(typed) and add.merge_kind == typed.merge_kind
    add.undo()
    assert notes.notes() == []  # one Undo takes the new note and its typing
    add.redo()
    assert [n.body for n in notes.notes()] == ["abc"]  # back as it was typed
    # Typed away and left: the new note and its discarding cancel out.
    erased = undo.EditNote(notes, add.note.id, body="")
    erased.redo()
    add.sealed = True  # the learner moved on
    assert not add.merge(undo.EditNote(notes, add.note.id, body="x"))
    discard = undo.DiscardNote(notes, add.note.id)
    discard.redo()
    assert notes.notes() == [] and notes.trash() == []  # not to the trash: nothing to keep
    assert add.merge(discard) and add.obsolete


def test_an_older_note_left_empty_is_discarded_in_a_step_of_its_own() -> None:
    notes = model()
    note = notes.add_note("ways-of-being", "")
    discard = undo.DiscardNote(notes, note.id)
    discard.redo()
    assert notes.notes() == [] and notes.trash() == []
    discard.undo()
    assert notes.notes() == [note]
    assert not discard.merge(undo.EditNote(notes, note.id, body="x"))


def test_delete_restore_and_empty_trash_come_back() -> None:
    notes = model()
    note = notes.add_note("ways-of-being", "keep me")
    delete = undo.DeleteNote(notes, note.id)
    delete.redo()
    assert notes.notes() == [] and [n.id for n in notes.trash()] == [note.id]
    delete.undo()
    assert [n.id for n in notes.notes()] == [note.id]
    delete.redo()
    restore = undo.RestoreNote(notes, note.id)
    restore.redo()
    assert [n.id for n in notes.notes()] == [note.id]
    restore.undo()
    empty = undo.EmptyTrash(notes)
    empty.redo()
    assert notes.trash() == []
    empty.undo()
    assert [n.id for n in notes.trash()] == [note.id]


def test_a_bookmark_comes_back_with_its_own_date() -> None:
    notes = model()
    toggle = undo.ToggleBookmark(notes, "ways-of-being")
    assert toggle.text == "Bookmark"
    toggle.redo()
    mark = notes.bookmark("ways-of-being")
    toggle.undo()
    assert notes.bookmark("ways-of-being") is None
    toggle.redo()
    assert notes.bookmark("ways-of-being") == mark


def test_highlights_are_made_edited_and_deleted_undoably() -> None:
    notes = model()
    start = TEXT.index("step back")
    made = notes.add_highlight("ways-of-perceiving", describe(TEXT, start, start + 9))
    notes.delete_highlight(made.id)
    add = undo.AddHighlight(notes, made)
    add.redo()
    assert notes.highlight(made.id) == made
    colour = undo.EditHighlight(notes, made.id, color="pink")
    colour.redo()
    typed = undo.EditHighlight(notes, made.id, note="why")
    typed.redo()
    assert not colour.merge(typed)  # a colour is a step of its own
    typed.undo()
    colour.undo()
    now = notes.highlight(made.id)
    assert now is not None and (now.color, now.note) == (made.color, made.note)
    delete = undo.DeleteHighlight(notes, made.id)
    delete.redo()
    assert notes.highlight(made.id) is None
    delete.undo()
    assert notes.highlight(made.id) is not None
    add.undo()
    assert notes.highlights() == []


def test_a_command_outliving_a_reload_does_nothing() -> None:
    notes = model()
    note = notes.add_note("ways-of-being", "old")
    edit = undo.EditNote(notes, note.id, body="new")
    edit.redo()
    delete = undo.DeleteNote(notes, note.id)
    notes.replace_all(empty_file("tp"))  # merged with a file that no longer has it
    for step in (edit.undo, edit.redo, delete.redo, delete.undo):
        step()
    assert notes.notes() == [] and notes.trash() == []
