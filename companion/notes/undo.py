"""Undoable changes to the notes model: plain Python, each a ``redo`` and an ``undo``.

Commands act on the ``NotesModel`` only; views follow the model's change events.
Each command checks that what it acts on is still there, so a stack that
outlived a reload can never raise or resurrect the wrong record. Typing in one
note (or one highlight's note) is one step: a command ``merge``s the next one of its
kind into itself. The window's undo stack holds them through a thin Qt adapter
(``companion.ui.notes.commands``).
"""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from companion.notes.model import Color, Highlight, Note, NotesModel
from companion.notes.records import Assessment, Challenge

#: Like Anki: enough to back out of a mistake, small enough to keep in mind.
UNDO_LIMIT = 30


def _in_trash(model: NotesModel, note_id: str) -> bool:
    return any(n.id == note_id for n in model.trash())


def _remove_note(model: NotesModel, note_id: str) -> None:
    """Take a note out altogether (undoing its creation; it was never the learner's work)."""
    data = model.snapshot()
    kept = [n for n in data.notes if n.id != note_id]
    model.replace_all(msgspec.structs.replace(data, notes=kept))


class Command:
    """One undoable step; ``text`` names it in the Edit menu ("Undo New Note")."""

    #: Commands of one kind that may merge into one step (None: never).
    merge_kind: str | None = None

    def __init__(self, model: NotesModel, text: str) -> None:
        self.model, self.text = model, text
        #: Undone to nothing by a merge (typed and erased again): the stack drops it.
        self.obsolete = False

    def redo(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError

    def merge(self, other: Command) -> bool:
        """Take ``other`` (done just after this one) into this step; False: it stays its own."""
        return False


class AddNote(Command):
    """A new note; the typing that follows at once joins it, so one Undo takes it away."""

    merge_kind = "note text"

    def __init__(self, model: NotesModel, item: str, body: str = "", tags: Iterable[str] = ()):
        super().__init__(model, "New Note")
        self.item, self.body, self.tags = item, body, list(tags)
        self.note: Note | None = None
        #: No more typing joins this step (the learner moved on).
        self.sealed = False

    def redo(self) -> None:
        if self.note is None:
            self.note = self.model.add_note(self.item, self.body, self.tags)
        else:
            self.model.put_note(self.note)

    def undo(self) -> None:
        if self.note is not None:
            now = self.model.note(self.note.id)
            if now is not None:
                self.note = now  # Redo brings it back as it was typed
                _remove_note(self.model, self.note.id)

    def merge(self, other: Command) -> bool:
        if self.note is None:
            return False
        if isinstance(other, DiscardNote) and other.note.id == self.note.id:
            # Nothing since but this note's own typing, and left empty: as if never written.
            self.obsolete = True
            return True
        # Until the learner moves on, typing joins it; the note as typed is read back on undo.
        return not self.sealed and isinstance(other, EditNote) and other.note_id == self.note.id


class DiscardNote(Command):
    """A note left empty is taken out (not to the trash: there is nothing to keep)."""

    merge_kind = "note text"  # so that a new note never written merges it away

    def __init__(self, model: NotesModel, note_id: str) -> None:
        super().__init__(model, "Discard Empty Note")
        note = model.note(note_id)
        if note is None:
            raise KeyError(note_id)
        self.note = note

    def redo(self) -> None:
        if self.model.note(self.note.id) is not None:
            _remove_note(self.model, self.note.id)

    def undo(self) -> None:
        if self.model.note(self.note.id) is None:
            self.model.put_note(self.note)


class EditNote(Command):
    """A change of a note's text or tags; typing in one note merges into one step."""

    merge_kind = "note text"

    def __init__(
        self,
        model: NotesModel,
        note_id: str,
        *,
        body: str | None = None,
        tags: Iterable[str] | None = None,
    ) -> None:
        super().__init__(model, "Edit Note" if tags is None else "Edit Tags")
        before = model.note(note_id)
        if before is None:
            raise KeyError(note_id)
        self.note_id, self.before = note_id, before
        self.body = body
        self.tags = None if tags is None else list(tags)
        #: No more typing joins this step (the learner moved on, or undid something).
        self.sealed = False

    def redo(self) -> None:
        if self.model.note(self.note_id) is not None:
            self.model.update_note(self.note_id, body=self.body, tags=self.tags)

    def undo(self) -> None:
        if self.model.note(self.note_id) is not None:
            self.model.put_note(self.before)

    def merge(self, other: Command) -> bool:
        if (
            not isinstance(other, EditNote)
            or self.sealed
            or other.note_id != self.note_id
            or (self.body is None) != (other.body is None)
        ):
            return False
        self.body, self.tags = other.body, other.tags
        now = self.model.note(self.note_id)
        if now is not None and (now.body, now.tags) == (self.before.body, self.before.tags):
            # Typed and erased again: as if nothing happened (the stack drops this step).
            self.model.put_note(self.before)
            self.obsolete = True
        return True


class DeleteNote(Command):
    """Move a note to the trash."""

    def __init__(self, model: NotesModel, note_id: str) -> None:
        super().__init__(model, "Delete Note")
        self.note_id = note_id

    def redo(self) -> None:
        if self.model.note(self.note_id) is not None:
            self.model.delete_note(self.note_id)

    def undo(self) -> None:
        if _in_trash(self.model, self.note_id):
            self.model.restore_note(self.note_id)


class RestoreNote(Command):
    """Bring a note back from the trash."""

    def __init__(self, model: NotesModel, note_id: str) -> None:
        super().__init__(model, "Restore Note")
        self.note_id = note_id

    def redo(self) -> None:
        if _in_trash(self.model, self.note_id):
            self.model.restore_note(self.note_id)

    def undo(self) -> None:
        if self.model.note(self.note_id) is not None:
            self.model.delete_note(self.note_id)


class ToggleBookmark(Command):
    def __init__(self, model: NotesModel, item: str) -> None:
        self.on = not model.is_bookmarked(item)
        super().__init__(model, "Bookmark" if self.on else "Remove Bookmark")
        self.item = item
        existing = model.bookmark(item)
        #: Kept across undo and redo, so a bookmark comes back with its own date.
        self.created = existing.created if existing else None

    def redo(self) -> None:
        self._set(self.on)

    def undo(self) -> None:
        self._set(not self.on)

    def _set(self, on: bool) -> None:
        self.model.set_bookmark(self.item, on, created=self.created)
        mark = self.model.bookmark(self.item)
        if mark is not None:
            self.created = mark.created


class EmptyTrash(Command):
    """Delete for good the notes, self-assessments and challenges in the trash."""

    def __init__(self, model: NotesModel) -> None:
        super().__init__(model, "Empty Trash")
        self.gone: list[Note] = []
        self.gone_records: tuple[list[Assessment], list[Challenge]] = ([], [])

    def redo(self) -> None:
        self.gone = self.model.empty_trash()
        self.gone_records = self.model.empty_records_trash()

    def undo(self) -> None:
        data = self.model.snapshot()
        known = {n.id for n in data.trash} | {n.id for n in data.notes}
        back = [n for n in self.gone if n.id not in known]
        if back:
            self.model.replace_all(msgspec.structs.replace(data, trash=[*data.trash, *back]))
        assessments, challenges = self.gone_records
        for assessment in assessments:  # each back unless another was put in its place
            if self.model.assessment(assessment.id) is None:
                self.model.put_assessment(assessment)
        for challenge in challenges:
            if self.model.challenge(challenge.id) is None:
                self.model.put_challenge(challenge)


# -- highlights ---------------------------------------------------------------


class AddHighlight(Command):
    """A new highlight (made by the view from the learner's selection)."""

    def __init__(self, model: NotesModel, highlight: Highlight) -> None:
        super().__init__(model, "Highlight")
        self.highlight = highlight

    def redo(self) -> None:
        if self.model.highlight(self.highlight.id) is None:
            self.model.put_highlight(self.highlight)

    def undo(self) -> None:
        now = self.model.highlight(self.highlight.id)
        if now is not None:
            self.highlight = now  # as it was last (placed again, say), for redo
            self.model.delete_highlight(now.id)


class EditHighlight(Command):
    """A highlight's colour, note or tags; typing in one note merges into one step.

    Undo puts back what the learner changed and keeps where the highlight is now
    (placing it again after a content update is not the learner's edit).
    """

    merge_kind = "highlight text"

    def __init__(
        self,
        model: NotesModel,
        highlight_id: str,
        *,
        color: Color | None = None,
        note: str | None = None,
        tags: Iterable[str] | None = None,
    ) -> None:
        text = (
            "Edit Highlight Note"
            if note is not None
            else "Highlight Colour"
            if color is not None
            else "Edit Highlight Tags"
        )
        super().__init__(model, text)
        before = model.highlight(highlight_id)
        if before is None:
            raise KeyError(highlight_id)
        self.highlight_id, self.before = highlight_id, before
        self.color, self.note = color, note
        self.tags = None if tags is None else list(tags)
        #: No more typing joins this step.
        self.sealed = False

    def _typing(self) -> str:
        """What is being typed ("note" or "tags"), or "" for a change made at one go."""
        if self.color is not None or (self.note is None) == (self.tags is None):
            return ""
        return "note" if self.note is not None else "tags"

    def redo(self) -> None:
        if self.model.highlight(self.highlight_id) is not None:
            self.model.update_highlight(
                self.highlight_id, color=self.color, note=self.note, tags=self.tags
            )

    def undo(self) -> None:
        now = self.model.highlight(self.highlight_id)
        if now is not None:
            b = self.before
            self.model.put_highlight(
                msgspec.structs.replace(
                    now, color=b.color, note=b.note, tags=b.tags, modified=b.modified
                )
            )

    def merge(self, other: Command) -> bool:
        if (
            not isinstance(other, EditHighlight)
            or self.sealed
            or other.highlight_id != self.highlight_id
            or not self._typing()
            or other._typing() != self._typing()
        ):
            return False
        self.note, self.tags = other.note, other.tags
        now = self.model.highlight(self.highlight_id)
        if now is not None and (now.note, now.tags) == (self.before.note, self.before.tags):
            self.undo()  # typed and erased again: as if nothing happened
            self.obsolete = True
        return True


class DeleteHighlight(Command):
    def __init__(self, model: NotesModel, highlight_id: str) -> None:
        super().__init__(model, "Delete Highlight")
        self.highlight_id = highlight_id
        self.gone: Highlight | None = None

    def redo(self) -> None:
        if self.model.highlight(self.highlight_id) is not None:
            self.gone = self.model.delete_highlight(self.highlight_id)

    def undo(self) -> None:
        if self.gone is not None and self.model.highlight(self.highlight_id) is None:
            self.model.put_highlight(self.gone)
