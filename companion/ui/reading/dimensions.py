"""The Six Dimensions tab: all six at a glance as cards, the chosen one in full below.

Imported when the tab is first shown (its style machinery is not needed before).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from companion.bundle.model import Dimension
from companion.bundle.pages import PageBuilder
from companion.qt.safe_text import tip
from companion.ui.reading.tabs import StudyTab


class DimensionCard(QPushButton):
    """A checkable card whose text wraps, so six cards fit a narrow window."""

    PADDING = 10

    def __init__(self, heading: str, gloss: str) -> None:
        super().__init__(f"{heading}\n{gloss}")
        self.heading = heading
        self.gloss = gloss
        self.bookmarked = False
        #: Only the heading (the gloss is the tooltip): where the text would get too little room.
        self.compact = False
        self.setCheckable(True)
        self.setObjectName("dimensionCard")
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_bookmarked(self, on: bool) -> None:
        self.bookmarked = on
        self.updateGeometry()
        self.update()
        tab = self.parentWidget()
        while tab is not None and not isinstance(tab, DimensionsTab):
            tab = tab.parentWidget()
        if tab is not None and not tab._user_sized:
            tab._fit_soon.start()  # the star may need another line

    def shown_heading(self) -> str:
        return f"{self.heading}  ★" if self.bookmarked else self.heading

    def _text_height(self, width: int) -> int:
        metrics = self.fontMetrics()
        inner = QRect(0, 0, max(width - 2 * self.PADDING, 40), 10_000)
        bold = QFont(self.font())
        bold.setBold(True)
        head = QFontMetrics(bold).boundingRect(
            inner, Qt.TextFlag.TextWordWrap, self.shown_heading()
        )
        if self.compact:
            return head.height() + 2 * self.PADDING
        body = metrics.boundingRect(inner, Qt.TextFlag.TextWordWrap, self.gloss)
        return head.height() + body.height() + 2 * self.PADDING + 4

    def sizeHint(self) -> QSize:
        return QSize(220, self._text_height(220))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self._text_height(220))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._text_height(width)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)
        role = (
            QPalette.ColorRole.HighlightedText
            if self.isChecked()
            else QPalette.ColorRole.ButtonText
        )
        painter.setPen(self.palette().color(role))
        inner = self.rect().adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        used = painter.boundingRect(inner, flags, self.shown_heading())
        painter.drawText(inner, flags, self.shown_heading())
        if not self.compact:
            painter.setFont(self.font())
            painter.drawText(inner.adjusted(0, used.height() + 4, 0, 0), flags, self.gloss)


class DimensionsTab(StudyTab):
    """All six dimensions at a glance as cards, with the chosen one in full below."""

    COLUMNS = 3
    #: The least share of the tab's height the text keeps below the cards.
    TEXT_SHARE = 0.6

    def __init__(self, name: str, dimensions: Sequence[Dimension], pages: PageBuilder) -> None:
        super().__init__(name, dimensions, pages)
        self.cards: dict[str, DimensionCard] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        grid_host = QWidget()
        grid_host.setObjectName("dimensionGrid")
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        for index, dimension in enumerate(dimensions):
            card = DimensionCard(f"{index + 1}. {dimension.name}", dimension.gloss)
            card.setAccessibleName(f"{dimension.name}: {dimension.gloss}")
            card.setAccessibleDescription("")
            card.setToolTip(tip(f"Read about {dimension.name.lower()}"))
            card.clicked.connect(lambda _=False, i=dimension.id: self._user_chose(i))
            self.group.addButton(card)
            self.cards[dimension.id] = card
            grid.addWidget(card, index // self.COLUMNS, index % self.COLUMNS)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(grid_host)
        splitter.addWidget(self.pane)
        splitter.setStretchFactor(1, 1)
        self.grid, self.splitter = grid, splitter
        #: Once the learner drags the divider, the cards keep the height given.
        self._user_sized = False
        splitter.splitterMoved.connect(self._dragged)
        self._fit_soon = QTimer(self)
        self._fit_soon.setSingleShot(True)
        self._fit_soon.setInterval(0)
        self._fit_soon.timeout.connect(self.fit_cards)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        if dimensions:
            self.setFocusProxy(self.cards[dimensions[0].id])

    def _set_compact(self, on: bool) -> None:
        for card in self.cards.values():
            if card.compact != on:
                card.compact = on
                card.updateGeometry()
                card.update()
        self.grid.invalidate()

    def _dragged(self, _pos: int, _index: int) -> None:
        self._user_sized = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._user_sized:
            self._fit_soon.start()  # once the splitter has shared out its new size

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and not self._user_sized:
            self._fit_soon.start()  # a zoom: the cards' text needs another height

    def fit_cards(self) -> None:
        """Give the cards the height their text needs at this width; the rest is for reading.

        Where that would leave the text less than ``TEXT_SHARE`` of the height (large text,
        a small window), the cards show their headings only.
        """
        total = sum(self.splitter.sizes())
        self._set_compact(False)
        need = self.grid.totalHeightForWidth(self.splitter.width())
        if total > 0 and need > total * (1 - self.TEXT_SHARE):
            self._set_compact(True)
            need = self.grid.totalHeightForWidth(self.splitter.width())
        if total > 0 and need > 0:
            self.splitter.setSizes([need, max(total - need, 1)])

    def _select_in_navigator(self, item_id: str) -> None:
        card = self.cards.get(item_id)
        if card is not None:
            card.setChecked(True)

    def _mark(self, item_id: str, on: bool) -> None:
        card = self.cards.get(item_id)
        if card is not None:
            card.set_bookmarked(on)
            card.setAccessibleDescription("Bookmarked" if on else "")
