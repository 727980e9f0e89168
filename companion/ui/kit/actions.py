"""Making actions: one way to name them and give them shortcuts, tooltips and icons."""

from __future__ import annotations

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget

from companion.paths import resources_dir

Key = QKeySequence.StandardKey


def _icon(name: str) -> QIcon:
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))


def make_action(
    window: QWidget,
    text: str,
    tip: str,
    keys: list[QKeySequence | Key | str],
    icon: str | None = None,
) -> QAction:
    action = QAction(text, window)
    sequences: list[QKeySequence] = []
    for key in keys:
        found = QKeySequence.keyBindings(key) if isinstance(key, Key) else [QKeySequence(key)]
        # A bare Backspace (a standard "Back" binding) would fire while typing elsewhere.
        for sequence in found:
            if sequence not in sequences and "Backspace" not in sequence.toString():
                sequences.append(sequence)
    action.setShortcuts(sequences)
    shortcut = (
        f" ({sequences[0].toString(QKeySequence.SequenceFormat.NativeText)})" if sequences else ""
    )
    action.setToolTip(f"{tip}{shortcut}")
    action.setStatusTip(tip)
    if icon:
        action.setIcon(_icon(icon))
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def key_bindings(key: QKeySequence.StandardKey) -> list[str]:
    """The platform's shortcuts for a standard key, as text."""
    return [s.toString() for s in QKeySequence.keyBindings(key)]
