"""The notes panels' docks, made empty with the window so its layout is final at first paint.

Their content (the panels, and the notes machinery behind them) is built just
after the first paint; a dock made then would push the reading pane aside under
the learner's eyes, and ``restoreState`` needs every dock (made later, a dock
returns to its place but not to the front of its tab group).
"""

from __future__ import annotations

import msgspec
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QMainWindow, QTabWidget, QWidget

DOCK_WIDTH = 320


# A Struct, not a dataclass: making a dataclass compiles its methods (~1 ms of start-up).
class NotesDocks(msgspec.Struct, frozen=True):
    item: QDockWidget
    notes: QDockWidget
    bookmarks: QDockWidget
    highlights: QDockWidget


def make_docks(window: QMainWindow) -> NotesDocks:
    """The four docks, tabified on the right; only "Notes" (on this item) shows at first."""
    docks = NotesDocks(
        item=_dock(window, "Notes", "itemNotes"),
        notes=_dock(window, "All Notes", "allNotes"),
        bookmarks=_dock(window, "Bookmarks", "bookmarks"),
        highlights=_dock(window, "Highlights", "highlights"),
    )
    window.setTabPosition(Qt.DockWidgetArea.RightDockWidgetArea, QTabWidget.TabPosition.North)
    for later in (docks.notes, docks.bookmarks, docks.highlights):
        window.tabifyDockWidget(docks.item, later)
        later.hide()
    docks.item.raise_()
    window.resizeDocks([docks.item], [DOCK_WIDTH], Qt.Orientation.Horizontal)
    return docks


def _dock(window: QMainWindow, title: str, name: str) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(QWidget())  # a stand-in until the panel is built
    dock.setAccessibleName(f"{title} panel")
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    direct = Qt.FindChildOption.FindDirectChildrenOnly  # the title bar's buttons
    for button in dock.findChildren(QAbstractButton, options=direct):
        role = "Close" if "close" in button.objectName() else "Float"
        button.setAccessibleName(f"{role} the {title} panel")
        button.setToolTip(f"{role} the {title} panel")
    return dock
