"""The notes' undo commands (``companion.notes.undo``) on Qt's undo stack."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from companion.notes.undo import Command

#: Qt merges commands with the same id (-1: never); one id per ``Command.merge_kind``.
_MERGE_IDS: dict[str, int] = {}


class QtCommand(QUndoCommand):
    """A plain ``Command`` as Qt's undo stack holds it."""

    def __init__(self, command: Command) -> None:
        super().__init__(command.text)
        self.command = command

    def id(self) -> int:
        kind = self.command.merge_kind
        return -1 if kind is None else _MERGE_IDS.setdefault(kind, len(_MERGE_IDS))

    def redo(self) -> None:
        self.command.redo()

    def undo(self) -> None:
        self.command.undo()

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, QtCommand) or not self.command.merge(other.command):
            return False
        if self.command.obsolete:
            self.setObsolete(True)
        return True
