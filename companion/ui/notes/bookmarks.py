"""Bookmarks grouped by tab; activating one (Enter or double-click) goes to the item.

The tree is built while the panel is shown: a hidden panel only notes that it is out
of date and rebuilds when it is next shown (a thousand bookmarks take 10-40 ms to
lay out, which a notes file read at start-up need not pay while the dock is closed).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from companion.notes.model import Change, Follower, NotesModel
from companion.qt.safe_text import tip

#: A tab name and its items (id, title) in the tab's order.
Group = tuple[str, Sequence[tuple[str, str]]]
ELSEWHERE = "Not in this bundle"


class BookmarksPanel(QWidget):
    sig_activated = Signal(str)
    """A bookmark was activated (the item id)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: NotesModel | None = None
        self._follower = Follower(self._changed)
        self._groups: Sequence[Group] = []
        #: The tree does not show the model's bookmarks: rebuild it when next shown.
        self._stale = False
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Bookmarks by tab")
        self.tree.setToolTip("Enter or double-click goes to the item")
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.itemActivated.connect(self._activated)
        self.empty = QLabel("No bookmarks yet. Ctrl+D bookmarks the item you are reading.")
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        self.setFocusProxy(self.tree)

    def bind(self, model: NotesModel | None, groups: Sequence[Group]) -> None:
        self.model, self._groups = model, groups
        self._follower.follow(model)
        self.refresh()

    def _changed(self, change: Change) -> None:
        if change.kind in ("bookmark", "reset"):
            self.refresh()

    def refresh(self) -> None:
        """Rebuild now if the panel is shown, else when it is next shown."""
        if self.isVisible():
            self.rebuild()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.rebuild()
        super().showEvent(event)

    def rebuild(self) -> None:
        self._stale = False
        current = self.current_item()
        marked = {b.item for b in self.model.bookmarks()} if self.model is not None else set()
        self.tree.clear()
        placed: set[str] = set()
        for name, items in self._groups:
            rows = [(item, title) for item, title in items if item in marked]
            placed.update(item for item, _ in rows)
            self._add_group(name, rows, current)
        self._add_group(ELSEWHERE, [(i, i) for i in sorted(marked - placed)], current)
        self.tree.expandAll()
        self.empty.setVisible(not marked)

    def _add_group(self, name: str, rows: Sequence[tuple[str, str]], current: str | None) -> None:
        if not rows:
            return
        group = QTreeWidgetItem([f"{name} ({len(rows)})"])
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        children = []
        for item, title in rows:
            row = QTreeWidgetItem([f"★ {title}"])
            row.setData(0, Qt.ItemDataRole.UserRole, item)
            row.setToolTip(0, tip(f"{title} ({name})"))
            row.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{title}, bookmarked, in {name}")
            children.append(row)
        group.addChildren(children)  # before the group joins the tree: no row is laid out alone
        self.tree.addTopLevelItem(group)
        for (item, _), row in zip(rows, children, strict=True):
            if item == current:
                self.tree.setCurrentItem(row)

    def current_item(self) -> str | None:
        row = self.tree.currentItem()
        value = row.data(0, Qt.ItemDataRole.UserRole) if row is not None else None
        return str(value) if value else None

    def rows(self) -> list[tuple[str, str]]:
        """(group, title) of every bookmark shown (or to show), in order."""
        if self._stale:
            self.rebuild()
        found: list[tuple[str, str]] = []
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group is None:
                continue
            name = group.text(0).rsplit(" (", 1)[0]
            for n in range(group.childCount()):
                row = group.child(n)
                if row is not None:
                    found.append((name, row.text(0).removeprefix("★ ")))
        return found

    def _activated(self, row: QTreeWidgetItem, _column: int) -> None:
        item = row.data(0, Qt.ItemDataRole.UserRole)
        if item:
            self.sig_activated.emit(str(item))
