"""Every highlight on the bundle, filtered by text and colour, orphans apart; one open below.

An orphan is a highlight whose text cannot be found in the bundle as it is now
(or whose item or attached copy is gone). It is never deleted: it is listed
here with its quote and note, exported, and placed again when its text comes back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from companion.notes.model import COLORS, Change, Follower, Highlight, NotesModel
from companion.notes.text import excerpt, tags_text
from companion.qt.safe_text import tip
from companion.ui.highlights.editor import HighlightEditor, quoted
from companion.ui.highlights.places import HighlightPlaces
from companion.ui.highlights.view import swatch_icon
from companion.ui.kit.widgets import RowsModel

REBUILD_DELAY_MS = 120
ANY_COLOUR = "Any colour"


@dataclass(frozen=True)
class Row:
    highlight: Highlight
    first: str
    second: str
    #: Casefolded text the filter looks in.
    haystack: str
    #: Why it is an orphan ("" when it is placed, or being placed).
    orphan: str


class Rows(RowsModel[Row]):
    def row_data(self, row: Row, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.first}\n{row.second}"
        if role == Qt.ItemDataRole.DecorationRole:
            return swatch_icon(row.highlight.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            note = f"\n\n{excerpt(row.highlight.note, 400)}" if row.highlight.note else ""
            return tip(f"{quoted(row.highlight.exact, 600)}{note}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.highlight.color} highlight: {row.first}. {row.second}"
        return None

    def find(self, highlight_id: str) -> int:
        return next((n for n, r in enumerate(self.rows) if r.highlight.id == highlight_id), -1)


class HighlightsPanel(QWidget):
    """All highlights; the chosen one is open in ``editor``."""

    sig_activated = Signal(str)
    """A highlight was activated (Enter or double-click): go to it (id)."""
    sig_chosen = Signal(str)
    """Another highlight was chosen in a list (id)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: NotesModel | None = None
        self.places: HighlightPlaces | None = None
        self._follower = Follower(self._changed)
        self._titles: Mapping[str, str] = {}
        self._order: dict[str, int] = {}
        self._stale = True
        self.current: str | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by text")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Filter highlights by text")
        self.search.setToolTip("Show only highlights whose quote, note, tags or item contain this")
        self.search.textChanged.connect(self._schedule)
        self.search.returnPressed.connect(self._to_list)
        self.colour = QComboBox()
        self.colour.addItem(ANY_COLOUR)
        for color in COLORS:
            self.colour.addItem(swatch_icon(color), color.capitalize(), color)
        self.colour.setAccessibleName("Filter highlights by colour")
        self.colour.setToolTip("Show only highlights of this colour")
        self.colour.currentIndexChanged.connect(self._schedule)
        self.rows, self.orphan_rows = Rows(), Rows()
        self.list = self._list(
            self.rows, "Highlights", "Enter or double-click shows it in the text"
        )
        self.orphans = self._list(
            self.orphan_rows, "Orphaned highlights", "Highlights whose text was not found"
        )
        self.count = QLabel()
        self.count.setObjectName("hint")
        # Wrapped: a long line would set the panel's least width (and the docks' with it).
        self.count.setWordWrap(True)
        self.orphans_heading = QLabel()
        self.orphans_heading.setObjectName("panelHeading")
        self.orphans_hint = QLabel("Text no longer found: kept, and placed again if it returns.")
        self.orphans_hint.setObjectName("hint")
        self.orphans_hint.setWordWrap(True)
        self.orphans_hint.setToolTip(
            "These highlights' text is no longer in the bundle (or their item or your copy is "
            "gone). They are never deleted: they keep their quote and note, are exported, and "
            "are placed again if the text comes back."
        )
        self.orphans.setMinimumHeight(2 * self.fontMetrics().lineSpacing() * 2 + 16)
        self.editor = HighlightEditor()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REBUILD_DELAY_MS)
        self._timer.timeout.connect(self.rebuild)
        self._layout()

    def _list(self, rows: Rows, name: str, tip: str) -> QListView:
        view = QListView()
        view.setModel(rows)
        view.setUniformItemSizes(True)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setAccessibleName(name)
        view.setToolTip(tip)
        view.activated.connect(lambda index: self._activated(rows, index))
        selection = view.selectionModel()
        selection.currentChanged.connect(lambda index, _old: self._current_changed(rows, index))
        return view

    def _layout(self) -> None:
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.colour, 1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(6)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.list, 3)
        top_layout.addWidget(self.count)
        top_layout.addWidget(self.orphans_heading)
        top_layout.addWidget(self.orphans_hint)
        top_layout.addWidget(self.orphans, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self.editor)
        splitter.setSizes([330, 250])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        for first, second in (
            (self.search, self.colour),
            (self.colour, self.list),
            (self.list, self.orphans),
            (self.orphans, self.editor.swatches[COLORS[0]]),
        ):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.search)
        self._show_orphans(0)

    # -- model -------------------------------------------------------------
    def bind(
        self, model: NotesModel | None, titles: Mapping[str, str], places: HighlightPlaces
    ) -> None:
        """Show ``model``; ``titles`` names the bundle's items in the bundle's order."""
        if self.places is not None:
            self.places.sig_placed.disconnect(self._schedule)
        self.model, self._titles, self.places = model, titles, places
        self._order = {item: n for n, item in enumerate(titles)}
        places.sig_placed.connect(self._schedule)
        self._follower.follow(model)
        self.current = None
        self.rebuild()
        self._show_current()

    def _changed(self, change: Change) -> None:
        if change.kind not in ("highlight", "reset"):
            return
        if change.kind == "reset" or change.record_id == self.current:
            self._show_current()
        found = self.model.highlight(change.record_id) if self.model is not None else None
        if found is not None and self.isVisible():
            for rows in (self.rows, self.orphan_rows):
                row = rows.find(found.id)
                if row >= 0:
                    rows.replace(row, self._row(found))  # typing: the row follows at once
        self._schedule()

    def _schedule(self) -> None:
        self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.rebuild()

    # -- rows --------------------------------------------------------------
    def orphan_reason(self, highlight: Highlight) -> str:
        """Why ``highlight`` is not in its text ("" if it is, or is still being placed)."""
        if highlight.item not in self._titles:
            return "its item is not in this bundle"
        if self.places is None:
            return ""
        text = self.places.text(highlight.item, highlight.source)
        if text is None:
            copy = highlight.source == "copy"
            return "your copy of the reading is missing" if copy else "its text is missing"
        placement = self.places.lookup(text, highlight)
        return "its text was not found" if placement is not None and not placement.placed else ""

    def title(self, highlight: Highlight) -> str:
        title = self._titles.get(highlight.item, highlight.item)
        return f"{title} (my copy)" if highlight.source == "copy" else title

    def _row(self, highlight: Highlight) -> Row:
        title = self.title(highlight)
        orphan = self.orphan_reason(highlight)
        note = excerpt(highlight.note, 60) if highlight.note else "no note"
        tags = f" · {tags_text(highlight.tags)}" if highlight.tags else ""
        second = f"{title} · {orphan}" if orphan else f"{title} · {note}{tags}"
        hay = " ".join((title, highlight.exact, highlight.note, *highlight.tags)).casefold()
        return Row(highlight, quoted(highlight.exact, 90), second, hay, orphan)

    def _accepts(self) -> Callable[[Row], bool]:
        colour = self.colour.currentData()
        words = self.search.text().casefold().split()

        def accepts(row: Row) -> bool:
            if colour and row.highlight.color != colour:
                return False
            return all(word in row.haystack for word in words)

        return accepts

    def rebuild(self) -> None:
        self._timer.stop()
        if not self.isVisible() and self.model is not None:
            self._stale = True
            return
        self._stale = False
        every = self.model.highlights() if self.model is not None else []
        every.sort(key=lambda h: (self._order.get(h.item, len(self._order)), h.source, h.start))
        rows = [self._row(h) for h in every]
        accepts = self._accepts()
        placed = [r for r in rows if not r.orphan and accepts(r)]
        orphans = [r for r in rows if r.orphan]
        self.rows.set_rows(placed)
        self.orphan_rows.set_rows(orphans)
        shown = len(rows) - len(orphans)
        self.count.setText(
            f"{len(placed)} of {shown} highlight{'s' * (shown != 1)} shown"
            if placed or shown
            else "No highlights yet: select text in a reading pane and press Ctrl+H."
        )
        self._show_orphans(len(orphans))
        self._select_row(self.current)

    def _show_orphans(self, count: int) -> None:
        self.orphans_heading.setText(f"Orphans ({count})")
        for widget in (self.orphans_heading, self.orphans_hint, self.orphans):
            widget.setVisible(count > 0)

    # -- choosing ----------------------------------------------------------
    def select(self, highlight_id: str | None) -> None:
        """Open ``highlight_id`` in the editor and mark its row."""
        self.current = highlight_id
        self._show_current()
        self._select_row(highlight_id)

    def _select_row(self, highlight_id: str | None) -> None:
        for view, rows in ((self.list, self.rows), (self.orphans, self.orphan_rows)):
            row = rows.find(highlight_id) if highlight_id else -1
            selection = view.selectionModel()
            selection.blockSignals(True)
            if row >= 0:
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
                selection.setCurrentIndex(rows.index(row), flags)
                view.scrollTo(rows.index(row))
            else:
                selection.clear()
            selection.blockSignals(False)
            view.viewport().update()

    def _show_current(self) -> None:
        model = self.model
        highlight = model.highlight(self.current) if model and self.current else None
        if highlight is None:
            self.current = None
            self.editor.show_highlight(None)
            return
        orphan = self.orphan_reason(highlight)
        self.editor.show_highlight(
            highlight,
            self.title(highlight),
            f"Orphan: {orphan}; kept with its note" if orphan else "",
        )

    def _current_changed(self, rows: Rows, index: QModelIndex) -> None:
        if index.isValid() and index.row() < len(rows.rows):
            highlight_id = rows.rows[index.row()].highlight.id
            other = self.orphans if rows is self.rows else self.list
            other.selectionModel().clear()
            if highlight_id != self.current:
                self.current = highlight_id
                self._show_current()
                self.sig_chosen.emit(highlight_id)

    def _to_list(self) -> None:
        self.rebuild()
        if self.rows.rows and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.rows.index(0))
        self.list.setFocus()

    def _activated(self, rows: Rows, index: QModelIndex) -> None:
        if index.isValid() and index.row() < len(rows.rows):
            self.sig_activated.emit(rows.rows[index.row()].highlight.id)
