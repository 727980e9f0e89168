"""The notes panels' docks, made empty with the window so its layout is final at first paint.

Their content (the panels, and the notes machinery behind them) is built just
after the first paint; a dock made then would push the reading pane aside under
the learner's eyes, and ``restoreState`` needs every dock (made later, a dock
returns to its place but not to the front of its tab group).

The docks are put in place by restoring ``DEFAULT_LAYOUT``, not with
``addDockWidget``: that takes a ``Qt.DockWidgetArea``, and naming Qt's namespace
at run time builds all of its 93 Python enums (~110M instructions, about a third
of what start-up does beyond a bare Qt window). Measured with every start-up module
in Qt's own forms (named enums, ``addDockWidget``): 1.49x the bare window's
instructions and 1.6-2.4x its wall time, against 1.33x and 1.3x this way
(``tests/bench/startup_instructions.py``, ``startup.py``); the limit is 1.5x.
"""

from __future__ import annotations

import sys

import msgspec
from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QMainWindow, QTabWidget, QWidget

DOCK_WIDTH = 320

#: ``QMainWindow.saveState()`` of docks placed by hand (``layout_by_hand``), before any
#: layout gives them sizes. ``python -m companion.ui.shell.docks`` prints it anew; a test checks
#: that restoring it places the docks as placing them by hand does.
DEFAULT_LAYOUT = bytes.fromhex(
    "000000ff00000000fd00000001000000010000014000000000fc0200000001fc00000000ffffffff"
    "0000001000fffffffa000000000200000004fb00000012006900740065006d004e006f0074006500"
    "730100000000ffffffff0000001000fffffffb000000100061006c006c004e006f00740065007300"
    "00000000ffffffff0000001000fffffffb000000120062006f006f006b006d00610072006b007300"
    "00000000ffffffff0000001000fffffffb000000140068006900670068006c006900670068007400"
    "730000000000ffffffff0000001000ffffff00000000000000000000000400000004000000080000"
    "0008fc00000000"
)


# A Struct, not a dataclass: making a dataclass compiles its methods (~1 ms of start-up).
class NotesDocks(msgspec.Struct, frozen=True):
    item: QDockWidget
    all_notes: QDockWidget
    bookmarks: QDockWidget
    highlights: QDockWidget

    def in_order(self) -> tuple[QDockWidget, ...]:
        return (self.item, self.all_notes, self.bookmarks, self.highlights)


def make_docks(window: QMainWindow) -> NotesDocks:
    """The four docks, tabified on the right; only "Notes" (on this item) shows at first."""
    docks = _unplaced(window)
    if not window.restoreState(QByteArray(DEFAULT_LAYOUT)):  # a Qt that reads it no more
        place_by_hand(window, docks)
    return docks


def place_by_hand(window: QMainWindow, docks: NotesDocks) -> None:
    """Tabbed together on the right, "Notes" in front and the rest closed (names Qt)."""
    from PySide6.QtCore import Qt

    for dock in docks.in_order():
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    for later in (docks.all_notes, docks.bookmarks, docks.highlights):
        window.tabifyDockWidget(docks.item, later)
        later.hide()
    docks.item.raise_()
    window.resizeDocks([docks.item], [DOCK_WIDTH], Qt.Orientation.Horizontal)


def several_open(docks: NotesDocks) -> bool:
    """Whether two or more docks are open in the window (their tabs may show at once)."""
    return sum(not dock.isHidden() and not dock.isFloating() for dock in docks.in_order()) > 1


def tabs_on_top(window: QMainWindow) -> None:
    """Docks sharing the right side show their tabs above them, as the study tabs do."""
    from PySide6.QtCore import Qt

    window.setTabPosition(Qt.DockWidgetArea.RightDockWidgetArea, QTabWidget.TabPosition.North)


def _unplaced(window: QMainWindow) -> NotesDocks:
    return NotesDocks(
        item=_dock(window, "Notes", "itemNotes"),
        all_notes=_dock(window, "All Notes", "allNotes"),
        bookmarks=_dock(window, "Bookmarks", "bookmarks"),
        highlights=_dock(window, "Highlights", "highlights"),
    )


def _dock(window: QMainWindow, title: str, name: str) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(QWidget())  # a stand-in until the panel is built
    dock.setAccessibleName(f"{title} panel")
    for button in dock.findChildren(QAbstractButton):  # the title bar's (the stand-in has none)
        role = "Close" if "close" in button.objectName() else "Float"
        button.setAccessibleName(f"{role} the {title} panel")
        button.setToolTip(f"{role} the {title} panel")
    return dock


def layout_by_hand() -> bytes:
    """What ``DEFAULT_LAYOUT`` must be (a QApplication must exist)."""
    window = QMainWindow()
    place_by_hand(window, _unplaced(window))
    return bytes(window.saveState().data())


if __name__ == "__main__":
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    sys.stdout.write(layout_by_hand().hex() + "\n")
