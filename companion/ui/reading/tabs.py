"""The study tabs: each pairs a navigator with a reading pane and reports what it shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QStringListModel, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView, QSplitter, QVBoxLayout, QWidget

from companion.bundle.model import Item, title_of
from companion.bundle.pages import PageBuilder
from companion.qt.safe_text import tip
from companion.ui.reading.pane import ReadingPane

if TYPE_CHECKING:  # each Qt type costs start-up when first named at run time
    from PySide6.QtCore import QPersistentModelIndex

# Qt.ItemDataRole values as ints (Qt passes roles as ints): naming Qt's namespace at
# run time builds all of its 93 Python enums, ~120M instructions of start-up.
DISPLAY_ROLE = 0
TOOLTIP_ROLE = 3
ACCESSIBLE_TEXT_ROLE = 11
USER_ROLE = 256
#: Qt.ScrollBarPolicy.ScrollBarAlwaysOff, set through the Qt property by its value.
SCROLL_BAR_ALWAYS_OFF = 1


class LazyTab(QWidget):
    """A tab's place in the tab bar; its content is built the first time it is needed.

    Start-up builds only the tab the learner sees; item ids are known up front
    so links and history can target a tab that has not been built yet.
    """

    def __init__(self, name: str, item_ids: Sequence[str], build: Callable[[], StudyTab]) -> None:
        super().__init__()
        self.name = name
        self.item_ids = list(item_ids)
        self._build = build
        self._content: StudyTab | None = None
        self.built: list[Callable[[StudyTab], None]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def is_built(self) -> bool:
        return self._content is not None

    def content(self) -> StudyTab:
        if self._content is None:
            self._content = self._build()
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self._content)
            self._content.show()  # at once, not when the layout gets round to it
            self.setFocusProxy(self._content)
            for callback in self.built:
                callback(self._content)
        return self._content


class StudyTab(QWidget):
    """Base of every tab: holds items by id and shows one at a time."""

    #: The learner moved to another item inside this tab (item id).
    sig_item_shown = Signal(str)

    def __init__(self, name: str, items: Sequence[Item], pages: PageBuilder) -> None:
        super().__init__()
        self.name = name
        self.items = {item.id: item for item in items}
        self.pages = pages
        self.pane = ReadingPane(name)
        self._current: str | None = None
        #: Bookmarked items of this tab (the window keeps it in step with the notes).
        self.bookmarks: set[str] = set()

    def item_ids(self) -> list[str]:
        return list(self.items)

    def current_item(self) -> str | None:
        return self._current

    def show_item(self, item_id: str) -> None:
        """Show ``item_id`` without announcing it (the window records history)."""
        if item_id not in self.items:
            return
        self._current = item_id
        self.pane.show_page(self.pages.page(self.items[item_id]), item_id)
        self.pane.set_bookmarked(item_id in self.bookmarks)
        self._select_in_navigator(item_id)

    def set_bookmarked(self, item_id: str, on: bool) -> None:
        """Show or hide the bookmark marker of ``item_id`` (its row or card, and the pane)."""
        if item_id not in self.items or (item_id in self.bookmarks) == on:
            return
        if on:
            self.bookmarks.add(item_id)
        else:
            self.bookmarks.discard(item_id)
        self._mark(item_id, on)
        if item_id == self._current:
            self.pane.set_bookmarked(on)

    def _mark(self, item_id: str, on: bool) -> None:
        """Mark the item in the navigator (subclasses know what that is)."""

    def _user_chose(self, item_id: str) -> None:
        if item_id != self._current:
            self.show_item(item_id)
            self.sig_item_shown.emit(item_id)

    def _select_in_navigator(self, item_id: str) -> None:
        raise NotImplementedError


class NavigatorRows(QStringListModel):
    """A tab's items as rows of titles; bookmarked ones carry a star.

    The titles live in Qt's own list model, so Qt counts and lays out the rows
    without calling Python (a ``rowCount`` written in Python ran twice a row each
    time the list was laid out); only the rows Qt paints or measures ask ``data``.
    Its rows say they are editable and draggable; the navigator does neither (no
    edit triggers, no drag), and screen readers do not call them editable.
    """

    def __init__(self, items: Sequence[Item]) -> None:
        self.ids = [item.id for item in items]
        self.titles = [title_of(item) for item in items]
        super().__init__(self.titles)
        #: Row number by item id: marking a bookmark changes one row.
        self.number = {item_id: n for n, item_id in enumerate(self.ids)}
        self.marked: set[str] = set()

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY_ROLE
    ) -> Any:
        if not index.isValid() or index.row() >= len(self.ids):
            return None
        item_id, title = self.ids[index.row()], self.titles[index.row()]
        on = item_id in self.marked
        if role == DISPLAY_ROLE:
            return f"★ {title}" if on else title
        if role == TOOLTIP_ROLE:
            return tip(f"{title} (bookmarked)" if on else title)
        if role == ACCESSIBLE_TEXT_ROLE:
            return f"{title}, bookmarked" if on else title
        if role == USER_ROLE:
            return item_id
        return None

    def mark(self, item_id: str, on: bool) -> None:
        number = self.number.get(item_id)
        if number is not None:
            (self.marked.add if on else self.marked.discard)(item_id)
            index = self.index(number)
            self.dataChanged.emit(index, index)


#: Up to this many rows a navigator wraps each title over the lines it needs, as
#: Qt measures every row to do it (about 0.1 ms a row). A longer list shows each
#: title on one line, elided, its full text the tooltip: all rows the same height,
#: so Qt measures one and building and painting the tab cost the same for any length.
WRAP_LIMIT = 100


class ListTab(StudyTab):
    """A list of items beside the reading pane (definitions, readings, voices).

    A view over a model: building a tab makes no Python object per item, and a
    long list's rows are one line high (``WRAP_LIMIT``), so Qt measures one row.
    """

    def __init__(self, name: str, items: Sequence[Item], pages: PageBuilder) -> None:
        super().__init__(name, items, pages)
        self.rows = NavigatorRows(items)
        self.navigator = QListView()
        self.navigator.setObjectName("navigator")
        # The splitter asks for its size hint as soon as it is added, which lays the
        # rows out: unpolished, that layout would not know the style sheet's item
        # padding, and with uniform sizes Qt would keep that too-small row height.
        self.navigator.ensurePolished()
        self.navigator.setModel(self.rows)
        self.navigator.setAccessibleName(f"{name} list")
        self.navigator.setToolTip(f"Choose an item to read ({name})")
        if len(items) <= WRAP_LIMIT:
            self.navigator.setWordWrap(True)
        else:  # and elided on the right, the view's default
            self.navigator.setUniformItemSizes(True)
        self.navigator.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.navigator.setProperty("horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
        #: True while the tab itself moves the selection (nothing to announce).
        self._selecting = False
        selection = self.navigator.selectionModel()
        assert selection is not None
        selection.currentChanged.connect(self._row_changed)
        splitter = QSplitter()  # side by side, the default
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.pane)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 740])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self.setFocusProxy(self.navigator)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._selecting:
            self._user_chose(str(current.data(USER_ROLE)))

    def _select_in_navigator(self, item_id: str) -> None:
        number = self.rows.number.get(item_id)
        if number is not None:
            # Not blockSignals on the selection model: the view itself listens to it
            # to repaint the highlight, scroll the row into view and tell screen readers.
            self._selecting = True
            try:
                self.navigator.setCurrentIndex(self.rows.index(number))
            finally:
                self._selecting = False

    def _mark(self, item_id: str, on: bool) -> None:
        self.rows.mark(item_id, on)
