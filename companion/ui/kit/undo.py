"""An undoable step as plain Python, for a feature whose edits go on the notes' undo stack.

A feature that is not the notes (My challenges, say) makes its steps without Qt and
hands them to the notes' stack (``push_step``), which wraps each in a Qt command.
"""

from __future__ import annotations

from typing import Protocol


class UndoStep(Protocol):
    #: What Edit → Undo names ("Move Challenge").
    text: str

    def redo(self) -> None:
        """Do it (the first time, and again after an undo)."""
        ...

    def undo(self) -> None: ...

    def absorb(self, later: UndoStep) -> bool:
        """Take ``later`` into this step, so one undo takes back both (False: it stays apart)."""
        ...
