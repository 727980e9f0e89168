"""My challenges beside the matrix: the list (sortable by region and date), what the chosen
challenge's region calls for, and its note."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.qt.safe_text import set_markdown, tip

ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE, REGION, MOVED = range(3)


class _Row(QTreeWidgetItem):
    """Sorts the region column by the regions' order, the date column by time."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() is not None else 0
        mine, theirs = self.data(column, SORT_ROLE), other.data(column, SORT_ROLE)
        if mine is not None and theirs is not None and mine != theirs:
            return bool(mine < theirs)
        return self.text(TITLE).casefold() < other.text(TITLE).casefold()


class ChallengesPanel(QWidget):
    """The list of challenges and the chosen one's guidance; the controller fills it."""

    sig_chosen = Signal(str)
    """A challenge chosen in the list (its id; "" none)."""
    sig_link = Signal(QUrl)
    """A practice's link was followed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("My challenges")
        heading = QLabel("Your own issues on the matrix: where each sits says what it calls for.")
        heading.setWordWrap(True)
        heading.setObjectName("hint")
        self.add = QPushButton("&Add…")
        self.add.setToolTip("A new challenge: a short title and a note; then place it on the map")
        self.add.setAccessibleName("Add a challenge")
        self.edit = QPushButton("Ed&it…")
        self.edit.setToolTip("Change the chosen challenge's title or note")
        self.edit.setAccessibleName("Edit the challenge")
        self.delete = QPushButton("De&lete")
        self.delete.setToolTip("Move the chosen challenge to the trash (Ctrl+Z undoes)")
        self.delete.setAccessibleName("Delete the challenge")
        self.trail = QCheckBox("Show t&rail")
        self.trail.setToolTip("Show where each challenge was before, as a faint trail")
        # Two rows, so the buttons keep their full width beside a narrow map at 200 % text.
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.trail)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for widget in (self.add, self.edit, self.delete):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        self.list = QTreeWidget()
        self.list.setColumnCount(3)
        self.list.setHeaderLabels(["Challenge", "Region", "Moved"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSortingEnabled(True)
        self.list.sortByColumn(MOVED, Qt.SortOrder.DescendingOrder)
        self.list.setAccessibleName("My challenges on the Stacey matrix")
        self.list.setToolTip(
            "Choose a challenge; Ctrl+arrow keys here, or arrow keys on the map, move it"
        )
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.list.viewport().installEventFilter(self)
        self.list.currentItemChanged.connect(lambda *_: self.sig_chosen.emit(self.chosen() or ""))
        self.empty = QLabel(
            "No challenges yet. Add one, then place it on the map: drag it, or choose it "
            "and use the arrow keys on the map."
        )
        self.empty.setWordWrap(True)
        self.empty.setObjectName("hint")
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setAccessibleName("The chosen challenge")
        self.details.anchorClicked.connect(self.sig_link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 3)
        layout.addWidget(self.details, 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list.viewport() and event.type() == QEvent.Type.Resize:
            self._share_columns()
        return False

    def _share_columns(self) -> None:
        """Region and date as wide as their text while the title keeps at least 40 % of
        the width; narrower, all three elide alike rather than the title shrinking to a
        letter."""
        width = self.list.viewport().width()
        header = self.list.header()
        region = max(self.list.sizeHintForColumn(REGION), header.sectionSizeHint(REGION)) + 8
        moved = max(self.list.sizeHintForColumn(MOVED), header.sectionSizeHint(MOVED)) + 8
        if width - region - moved < 0.4 * width:
            region, moved = int(width * 0.3), int(width * 0.25)
        self.list.setColumnWidth(REGION, region)
        self.list.setColumnWidth(MOVED, moved)
        self.list.setColumnWidth(TITLE, max(width - region - moved, 0))

    def chosen(self) -> str | None:
        row = self.list.currentItem()
        value = row.data(TITLE, ID_ROLE) if row is not None else None
        return str(value) if value else None

    def row_of(self, challenge_id: str) -> QTreeWidgetItem | None:
        for i in range(self.list.topLevelItemCount()):
            row = self.list.topLevelItem(i)
            if row is not None and row.data(TITLE, ID_ROLE) == challenge_id:
                return row
        return None

    def set_rows(self, rows: list[tuple[str, str, str, str, int, str, str]]) -> None:
        """Each row: id, title, region ("" not placed), date shown, region's rank, time key,
        and the accessible name."""
        chosen = self.chosen()
        blocked = self.list.blockSignals(True)
        self.list.setSortingEnabled(False)
        self.list.clear()
        for challenge_id, title, region, moved, rank, stamp, name in rows:
            row = _Row([title, region or "Not placed", moved])
            row.setData(TITLE, ID_ROLE, challenge_id)
            row.setData(TITLE, SORT_ROLE, title.casefold())
            row.setData(REGION, SORT_ROLE, rank)
            row.setData(MOVED, SORT_ROLE, stamp)
            for column in range(3):
                row.setData(column, Qt.ItemDataRole.AccessibleTextRole, name)
            row.setToolTip(TITLE, tip(title))
            self.list.addTopLevelItem(row)
        self.list.setSortingEnabled(True)
        self.list.blockSignals(blocked)
        self._share_columns()
        self.empty.setVisible(not rows)
        self.list.setVisible(bool(rows))
        self.select(chosen)

    def select(self, challenge_id: str | None) -> None:
        """Choose a row without saying so (``sig_chosen`` is for the learner's choice)."""
        row = self.row_of(challenge_id) if challenge_id else None
        blocked = self.list.blockSignals(True)
        if row is None:
            self.list.setCurrentIndex(QModelIndex())
            self.list.clearSelection()
        else:
            self.list.setCurrentItem(row)
            self.list.scrollToItem(row)
        self.list.blockSignals(blocked)

    def show_details(self, markdown: str) -> None:
        set_markdown(self.details, markdown)
