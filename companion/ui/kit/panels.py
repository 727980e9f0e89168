"""The docked panels: built in their docks, shown on request, toggled from the View menu."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QWidget

PanelT = TypeVar("PanelT", bound=QWidget)


def panel_in(dock: QDockWidget, kind: type[PanelT]) -> PanelT:
    """The ``kind`` panel in ``dock``, made there in place of its stand-in if need be."""
    shown = dock.widget()
    if isinstance(shown, kind):
        return shown
    panel = kind()
    dock.setWidget(panel)
    if shown is not None:
        shown.deleteLater()
    return panel


def reveal(dock: QDockWidget, *, focus: bool = True) -> None:
    """Show ``dock`` in front of the docks it shares a place with (and focus its panel)."""
    dock.show()
    dock.raise_()
    widget = dock.widget()
    if focus and widget is not None:
        widget.setFocus()


def in_front(dock: QDockWidget) -> bool:
    """Open and showing: not closed, and not a tab behind another panel."""
    return not dock.isHidden() and (dock.isFloating() or not dock.visibleRegion().isEmpty())


def toggle_action(host: QWidget, dock: QDockWidget, text: str, keys: list[str]) -> QAction:
    """The action that shows ``dock`` (its shortcut works from anywhere in ``host``).

    A panel that is open but a tab behind another comes to the front; only a panel
    in front is closed. (The dock's own toggle action would close it unseen.)
    """
    action = QAction(text, host)
    action.setCheckable(True)
    plain = text.replace("&", "")
    tip = f"Show or hide the {plain.removesuffix(' Panel')} panel"
    shortcut = f" ({keys[0]})" if keys else ""
    action.setToolTip(tip + shortcut)
    action.setStatusTip(tip)
    action.setShortcuts([QKeySequence(k) for k in keys])
    own = dock.toggleViewAction()
    action.setChecked(own.isChecked())
    own.toggled.connect(action.setChecked)  # closed by its title bar's button, say

    def triggered() -> None:
        if in_front(dock):
            dock.close()
        else:
            reveal(dock)
        action.setChecked(not dock.isHidden())

    action.triggered.connect(triggered)
    host.addAction(action)
    return action
