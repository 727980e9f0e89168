"""Every note and bookmark on the bundle, filtered by text, tag and kind; a row jumps to it.

The list is a Qt model over plain records, so ten thousand notes stay quick:
typing in one note updates its row in place, anything else rebuilds the list
a moment later, and only while the panel is visible.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import (
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
    QVBoxLayout,
    QWidget,
)

from companion.notes.model import Change, Follower, Note, NotesModel
from companion.notes.text import excerpt, tags_text, when
from companion.qt.safe_text import tip
from companion.ui.kit.widgets import RowsModel

REBUILD_DELAY_MS = 120
ANY_TAG = "Any tag"


class Kind(Enum):
    ALL = "Notes and bookmarks"
    NOTES = "Notes"
    BOOKMARKS = "Bookmarks"


@dataclass(frozen=True)
class Entry:
    """One row: a note (``note_id`` set) or a bookmark (``note_id`` empty)."""

    item: str
    note_id: str
    first: str
    second: str
    tags: tuple[str, ...]
    #: Casefolded text the filter looks in.
    haystack: str
    order: tuple[int, int, str]


class EntriesModel(RowsModel[Entry]):
    def row_data(self, entry: Entry, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{entry.first}\n{entry.second}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(f"{entry.first}. {entry.second}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entry.first}. {entry.second}"
        if role == Qt.ItemDataRole.UserRole:
            return entry
        return None


class NotesPanel(QWidget):
    """All notes and bookmarks, with filters."""

    sig_activated = Signal(str, str)
    """A row was activated: the item id and the note id ("" for a bookmark)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: NotesModel | None = None
        self._follower = Follower(self._changed)
        self._titles: Mapping[str, str] = {}
        self._order: dict[str, int] = {}
        self._stale = True
        self._cache: dict[str, tuple[Note, Entry]] = {}
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by text")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Filter notes by text")
        self.search.setToolTip("Show only notes and bookmarks containing this text")
        self.search.textChanged.connect(self._schedule)
        self.search.returnPressed.connect(self._to_list)
        self.kind = QComboBox()
        self.kind.addItems([k.value for k in Kind])
        self.kind.setAccessibleName("Filter by kind")
        self.kind.setToolTip("Show notes, bookmarks or both")
        self.kind.currentIndexChanged.connect(self._schedule)
        self.tag = QComboBox()
        self.tag.addItem(ANY_TAG)
        self.tag.setAccessibleName("Filter by tag")
        self.tag.setToolTip("Show only notes with this tag")
        self.tag.currentIndexChanged.connect(self._schedule)
        self.entries = EntriesModel()
        self.list = QListView()
        self.list.setModel(self.entries)
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setAccessibleName("Notes and bookmarks")
        self.list.setToolTip("Enter or double-click goes to the item")
        self.list.activated.connect(self._activated)
        self.count = QLabel()
        self.count.setObjectName("hint")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REBUILD_DELAY_MS)
        self._timer.timeout.connect(self.rebuild)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.kind, 1)
        filters.addWidget(self.tag, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        for first, second in (
            (self.search, self.kind),
            (self.kind, self.tag),
            (self.tag, self.list),
        ):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.search)

    def bind(self, model: NotesModel | None, titles: Mapping[str, str]) -> None:
        """Show ``model``; ``titles`` names the bundle's items, in the bundle's order."""
        self.model, self._titles = model, titles
        self._cache.clear()
        self._order = {item: n for n, item in enumerate(titles)}
        self._follower.follow(model)
        self.rebuild()

    # -- building rows -----------------------------------------------------
    def _place(self, item: str) -> tuple[str, int]:
        title = self._titles.get(item)
        if title is None:
            return f"{item} (not in this bundle)", len(self._order)
        return title, self._order[item]

    def _note_entry(self, note: Note) -> Entry:
        # Records are immutable: a note that is the same object has the same row.
        cached = self._cache.get(note.id)
        if cached is not None and cached[0] is note:
            return cached[1]
        entry = self._make_entry(note)
        self._cache[note.id] = (note, entry)
        return entry

    def _make_entry(self, note: Note) -> Entry:
        title, place = self._place(note.item)
        tags = f" · {tags_text(note.tags)}" if note.tags else ""
        second = f"on {title}{tags} · {when(note.modified)}"
        hay = " ".join((title, note.body, *note.tags)).casefold()
        return Entry(
            note.item,
            note.id,
            excerpt(note.body),
            second,
            tuple(note.tags),
            hay,
            (place, 1, note.created),
        )

    def _entries(self) -> list[Entry]:
        if self.model is None:
            return []
        found: list[Entry] = []
        for mark in self.model.bookmarks():
            title, place = self._place(mark.item)
            hay = title.casefold()
            found.append(
                Entry(
                    mark.item,
                    "",
                    f"★ {title}",
                    f"bookmark · {when(mark.created)}",
                    (),
                    hay,
                    (place, 0, ""),
                )
            )
        found += (self._note_entry(note) for note in self.model.notes())
        return sorted(found, key=lambda e: e.order)

    def _filter(self) -> Callable[[Entry], bool]:
        """The chosen filters as one test (read from the controls once per rebuild)."""
        kind = list(Kind)[max(self.kind.currentIndex(), 0)]
        tag = self.tag.currentText()
        words = self.search.text().casefold().split()

        def accepts(entry: Entry) -> bool:
            if (kind is Kind.NOTES and not entry.note_id) or (
                kind is Kind.BOOKMARKS and entry.note_id
            ):
                return False
            if tag != ANY_TAG and tag not in entry.tags:
                return False
            return all(word in entry.haystack for word in words)

        return accepts

    def rebuild(self) -> None:
        self._timer.stop()
        if not self.isVisible() and self.model is not None:
            self._stale = True
            return
        self._stale = False
        every = self._entries()
        self._update_tags(every)
        accepts = self._filter()
        shown = [e for e in every if accepts(e)]
        self.entries.set_rows(shown)
        notes = sum(1 for e in every if e.note_id)
        self.count.setText(
            f"{len(shown)} of {len(every)} shown ({notes} notes, {len(every) - notes} bookmarks)"
        )

    def _update_tags(self, every: list[Entry]) -> None:
        tags = sorted({t for e in every for t in e.tags}, key=str.casefold)
        current = self.tag.currentText()
        if [self.tag.itemText(i) for i in range(1, self.tag.count())] == tags:
            return
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItems([ANY_TAG, *tags])
        self.tag.setCurrentIndex(max(self.tag.findText(current), 0))
        self.tag.blockSignals(False)

    def _schedule(self) -> None:
        self._timer.start()

    def _changed(self, change: Change) -> None:
        if change.kind == "note" and self.model is not None and self.isVisible():
            note = self.model.note(change.record_id)
            rows = self.entries.rows
            row = next((n for n, e in enumerate(rows) if e.note_id == change.record_id), -1)
            if note is not None and row >= 0:
                entry = self._note_entry(note)
                if self._filter()(entry) and entry.tags == rows[row].tags:
                    self.entries.replace(row, entry)  # typing: no rebuild
                    return
        self._schedule()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.rebuild()

    # -- going there -------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        entry = self.entries.data(index, Qt.ItemDataRole.UserRole)
        if isinstance(entry, Entry):
            self.sig_activated.emit(entry.item, entry.note_id)

    def _to_list(self) -> None:
        self.rebuild()
        if self.entries.rowCount():
            self.list.setCurrentIndex(self.entries.index(0))
        self.list.setFocus()
