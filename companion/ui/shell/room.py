"""Room to read: the text keeps a readable column, whatever the window's size and zoom.

When the reading pane's text is narrower than ``MIN_CHARS`` characters, what stands
beside it gives way: first the list or diagram beside the text in its tab, then (on a
resize or a zoom, never against a panel the learner has just opened) the docked
panels: they are closed, and come back when there is room again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QWidget

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
        #: The next check may close panels: the window or the text changed size (not
        #: another tab or a panel the learner opened, which stays open).
        self._may_close = False
        #: Panels are closed only once the window has started (its panels restored).
        self.enabled = False
        #: The window's state before panels were closed, to put them back as they were.
        self._before: QByteArray | None = None
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.check)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self.later(close_panels=True)
        return False

    def later(self, *, close_panels: bool = False) -> None:
        """Check once the layout has settled (after a resize, a zoom, another tab);
        ``close_panels``: the panels may be closed to make room."""
        self._may_close = self._may_close or close_panels
        self._soon.start()

    def check(self) -> None:
        may_close, self._may_close = self._may_close, False
        pane = self.pane()
        if pane is None or not pane.isVisible():
            return
        # The text's width, with the margins that keep a wide window's column readable
        # (the reading pane's measure): room the text has but does not use.
        browser = pane.browser
        margins = browser.viewportMargins()
        width = browser.viewport().width() + margins.left() + margins.right()
        short = needed_width(pane) - width
        if short > 0:
            self._make_room(pane, short, may_close)
        elif self.yielded and may_close:
            # Like closing, only on a resize or a zoom: another tab never moves the panels
            # (a tab with more room would bring them back, and the next one be squeezed).
            self._give_back(-short)

    def _make_room(self, pane: ReadingPane, short: float, may_close: bool) -> None:
        short -= self._narrow_beside(pane, short)
        if short > 0 and may_close and self.enabled:
            docked = [d for d in self.docks() if not d.isHidden() and not d.isFloating()]
            # Those in front first (they come back in front); those behind them too, or
            # they would step forward in their place.
            docked.sort(key=lambda d: not d.isVisible())
            if docked and not self.yielded:
                self._before = self.window.saveState()  # their places, tabs and sizes
            for dock in docked:
                self.yielded.append(dock)
                dock.hide()
        self.later()  # measured again once the splitter and the panels have moved

    def _narrow_beside(self, pane: ReadingPane, short: float) -> int:
        """Take room from the list or diagram beside the text; how much was taken."""
        # The pane may sit in a page of its own beside the list (the Stacey tab's
        # Explanation beside My challenges): the splitter's child that holds it.
        holder: QWidget = pane
        splitter = pane.parentWidget()
        while splitter is not None and not isinstance(splitter, QSplitter):
            holder, splitter = splitter, splitter.parentWidget()
        if splitter is None or splitter.orientation().name != "Horizontal":
            return 0
        sizes = splitter.sizes()
        index = splitter.indexOf(holder)
        beside = splitter.widget(1 - index) if index in (0, 1) and len(sizes) == 2 else None
        if beside is None:
            return 0
        other = 1 - index
        give = min(int(short) + 1, sizes[other] - beside.minimumSizeHint().width())
        if give <= 0:
            return 0
        sizes[other] -= give
        sizes[index] += give
        splitter.setSizes(sizes)
        return give

    def _give_back(self, spare: float) -> None:
        widest = max(d.width() for d in self.yielded)
        if spare >= widest:
            self.give_back()

    def give_back(self) -> None:
        """The panels closed to make room, open again (the one in front, in front)."""
        back, self.yielded = self.yielded, []
        if back and self._before is not None:
            # As they were: shown one by one, tabs apart would come back side by side.
            self.window.restoreState(self._before)
        self._before = None
