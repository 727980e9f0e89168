"""Room to read: the text keeps a readable column, whatever the window's size and zoom.

When the reading pane's text is narrower than ``MIN_CHARS`` characters, what stands
beside it gives way: first the docked panels (they are closed, and come back when
there is room again), then the list or diagram beside the text in its tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from companion.ui.reading.pane import ReadingPane

#: The fewest characters a line of the text should hold (a readable measure).
MIN_CHARS = 45


def column_chars(pane: ReadingPane) -> float:
    """How many characters of the text's font a line of the reading pane holds."""
    browser = pane.browser
    document = browser.document()
    width = browser.viewport().width() - 2 * document.documentMargin()
    return width / QFontMetricsF(document.defaultFont()).averageCharWidth()


def needed_width(pane: ReadingPane) -> float:
    """The viewport width that holds ``MIN_CHARS`` characters of the text."""
    document = pane.browser.document()
    chars = QFontMetricsF(document.defaultFont()).averageCharWidth() * MIN_CHARS
    return chars + 2 * document.documentMargin() + 1


class ReadingRoom(QObject):
    """Watches the window; makes room for the text of the pane shown."""

    def __init__(
        self,
        window: QMainWindow,
        pane: Callable[[], ReadingPane | None],
        docks: Callable[[], Sequence[QDockWidget]],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.pane = pane
        self.docks = docks
        #: Docks closed to make room (they come back when there is room again).
        self.yielded: list[QDockWidget] = []
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.check)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self.later()
        return False

    def later(self) -> None:
        """Check once the layout has settled (after a resize, a zoom, another tab)."""
        self._soon.start()

    def check(self) -> None:
        pane = self.pane()
        if pane is None or not pane.isVisible():
            return
        short = needed_width(pane) - pane.browser.viewport().width()
        if short > 0:
            self._make_room(pane, short)
        elif self.yielded:
            self._give_back(-short)

    def _make_room(self, pane: ReadingPane, short: float) -> None:
        docked = [d for d in self.docks() if d.isVisible() and not d.isFloating()]
        for dock in docked:  # every side panel: a narrow one in front hides wide ones
            self.yielded.append(dock)
            dock.hide()
        if docked:
            self.later()  # measured again once the panels are gone
            return
        splitter = pane.parentWidget()
        while splitter is not None and not isinstance(splitter, QSplitter):
            splitter = splitter.parentWidget()
        if splitter is None or splitter.orientation().name != "Horizontal":
            return
        sizes = splitter.sizes()
        index = splitter.indexOf(pane)
        if index < 0 or len(sizes) != 2:
            return
        other = 1 - index
        beside = splitter.widget(other)
        if beside is None:
            return
        give = min(int(short) + 1, sizes[other] - beside.minimumSizeHint().width())
        if give > 0:
            sizes[other] -= give
            sizes[index] += give
            splitter.setSizes(sizes)

    def _give_back(self, spare: float) -> None:
        widest = max(d.width() for d in self.yielded)
        if spare >= widest:
            self.give_back()

    def give_back(self) -> None:
        """The panels closed to make room, open again (the one in front, in front)."""
        back, self.yielded = self.yielded, []
        for dock in reversed(back):
            dock.show()
        if back:
            back[0].raise_()
