"""Search in the study window: a field in the toolbar, results as you type, marks in the text.

``install_search(shell, notes)`` adds it all to a window (the ``Shell``; ``notes``
are the open notes, ``OpenNotes``, which the shell hands over). Ctrl+K or Ctrl+F focus the
field; every keystroke asks the index (a few milliseconds, see
``tests/bench/search.py``) and shows the ranked results under the field. Up
and Down move through them and show each one where it is, its matched words
marked; Enter (or a click) opens the result for good (it goes in the history)
and the list closes (Down opens it again); Escape closes the list and returns
to where the learner was before searching: the item, its scroll position and
the widget that had the focus (or, after Enter, to the opened item's text).
F3 and Shift+F3 go through the marked words in the text shown, "n of m" beside
the field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTextEdit,
    QWidget,
)

from companion.search.index import Scope, parse_query
from companion.search.results import ResultRow, Terms, find
from companion.ui.kit.actions import key_bindings, make_action
from companion.ui.kit.shell_api import Shell
from companion.ui.search.live import LiveIndex, OpenNotes
from companion.ui.search.marks import SearchMarks
from companion.ui.search.popup import ResultsPopup

Key = QKeySequence.StandardKey
RESULTS = 20
SCOPES: list[tuple[str, Scope, str]] = [
    ("All", "all", "Search the bundle and your notes, highlights and bookmarks"),
    ("Content", "content", "Search only the bundle's content"),
    ("My notes", "mine", "Search only your notes, highlights and bookmarks"),
]
PLACEHOLDER = "Search (Ctrl+K)"
UPDATING = "Updating the index…"
NO_WORDS = "Type words to search for (quotes, * and the like are not needed)"
PAGE = 5


@dataclass
class Origin:
    """Where the learner was when a search began, to return to on Escape."""

    item: str | None
    scroll: int
    focus: QWidget | None


class SearchField(QWidget):
    """The filter and the field, side by side (in the navigation toolbar)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope = QComboBox()
        self.scope.setObjectName("searchScope")
        self.scope.setAccessibleName("Search in")
        self.scope.setToolTip("Search everything, only the bundle's content, or only your notes")
        for label, scope, tip in SCOPES:
            self.scope.addItem(label, scope)
            self.scope.setItemData(self.scope.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.scope.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.edit = QLineEdit()
        self.edit.setObjectName("searchField")
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setAccessibleName("Search")
        self.edit.setAccessibleDescription(
            "Results appear as you type; Up and Down choose, Enter opens, Escape goes back"
        )
        self.edit.setToolTip(
            "Search the bundle and your notes (Ctrl+K or Ctrl+F). Up and Down choose a result, "
            "Enter opens it, Escape returns to where you were."
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(220)
        self.edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        #: "n of m": which of the marked words in the text F3 and Shift+F3 are at.
        self.count = QLabel()
        self.count.setObjectName("searchCount")
        self.count.setAccessibleName("Match in the text")
        self.count.setToolTip("F3: next match in the text; Shift+F3: previous")
        self.count.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(self.scope)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)

    def current_scope(self) -> Scope:
        scope: Scope = self.scope.currentData()
        return scope


class SearchController(QObject):
    """Everything search adds to one window."""

    def __init__(self, shell: Shell, notes: OpenNotes) -> None:
        super().__init__(shell.host)
        self.shell = shell
        self.host = host = shell.host
        self.notes = notes
        self.live = LiveIndex(shell, notes)
        self.field = SearchField()
        self.edit = self.field.edit
        self.popup = ResultsPopup(host)
        self.terms = Terms(frozenset())
        self.origin: Origin | None = None
        #: An item was opened with Enter or a click during this search.
        self.committed = False
        self._marks: dict[int, SearchMarks] = {}
        self._marked: SearchMarks | None = None
        #: The widget that had the focus before the field.
        self._focus_before: QWidget | None = None
        #: What opens a result of a kind that is not an item's text (the shell's wiring
        #: joins them: evidence opens My profile); True when it was opened.
        self.openers: dict[str, Callable[[ResultRow], bool]] = {}
        self._add_to_toolbar()
        self.action = self._add_action()
        self.next_match, self.previous_match = self._add_match_actions()
        self.edit.textEdited.connect(self._typed)
        self.edit.textChanged.connect(self._text_changed)
        self.edit.installEventFilter(self)
        self.field.scope.currentIndexChanged.connect(self._scope_changed)
        self.popup.sig_activated.connect(self._clicked)
        self.live.sig_ready.connect(self._index_changed)
        self.live.sig_updated.connect(self._index_changed)
        self.live.sig_progress.connect(self._progress)
        self._progress(self.live.progress())
        host.installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # -- building ----------------------------------------------------------
    def _add_to_toolbar(self) -> None:
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.shell.add_to_toolbar(spacer)
        self.field.setMaximumWidth(460)
        self.shell.add_to_toolbar(self.field)

    def _add_action(self) -> QAction:
        taken = {
            sequence.toString() for action in self.host.actions() for sequence in action.shortcuts()
        }
        keys: list[QKeySequence | Key | str] = [
            k for k in (*key_bindings(Key.Find), "Ctrl+K") if k not in taken
        ]
        action = make_action(self.host, "&Search…", "Search the bundle and your notes", keys)
        action.triggered.connect(self.focus_field)
        menu = self.shell.menu("Edit")
        menu.addSeparator()
        menu.addAction(action)
        return action

    def _add_match_actions(self) -> tuple[QAction, QAction]:
        found = []
        for text, tip, key, step in (
            ("Find &Next", "Go to the next match of the search in the text", "F3", 1),
            ("Find Pre&vious", "Go to the previous match in the text", "Shift+F3", -1),
        ):
            action = make_action(self.host, text, tip, [key])
            action.triggered.connect(lambda _=False, s=step: self.step_match(s))
            self.shell.menu("Edit").addAction(action)
            found.append(action)
        return found[0], found[1]

    # -- the field ---------------------------------------------------------
    def focus_field(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.edit.text().strip():
            self._begin()
            self.run()

    def _begin(self) -> None:
        """A search starts (its first keystroke): remember where to return to."""
        if self.origin is not None:
            return
        self.origin = self._here(self._focus_before)
        self.committed = False

    def _here(self, focus: QWidget | None) -> Origin:
        item = self.shell.current_location()
        browser = self._browser(item) if item else None
        scroll = browser.verticalScrollBar().value() if browser is not None else 0
        return Origin(item, scroll, focus)

    def _typed(self, _text: str) -> None:
        self._begin()
        self.run()

    def _text_changed(self, text: str) -> None:
        if not text:  # cleared (the clear button, or all deleted): nothing is searched
            self.popup.hide()
            self._clear_marks()

    def _scope_changed(self) -> None:
        if self.edit.text().strip():
            self._begin()
            self.run()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def run(self) -> None:
        """Ask the index for the field's text and show what it found."""
        text = self.edit.text()
        if not text.strip():
            self.popup.hide()
            return
        self.popup.place(self.edit)
        index = self.live.index
        if not self.live.check_bundle() or index is None:
            error = self.live.error
            progress = self.live.progress()
            self.popup.show_message(f"Search is not available: {error}" if error else progress)
            return
        if parse_query(text) is None:
            self.terms = Terms(frozenset())
            self.popup.show_message(NO_WORDS)
            return
        rows, self.terms = find(index, text, self.field.current_scope(), RESULTS)
        if rows:
            note = UPDATING if self.live.building else ""
            self.popup.show_rows(rows, note)
        else:
            where = {"all": "", "content": " in the content", "mine": " in your notes"}
            self.popup.show_message(
                f"No results for “{text.strip()}”{where[self.field.current_scope()]}"
            )

    def _progress(self, progress: str) -> None:
        """While the index is being made the field says so, and how far it is."""
        self.edit.setPlaceholderText(progress or PLACEHOLDER)
        if not self.live.error and self.live.index is None and self.popup.isVisible():
            self.popup.show_message(progress)

    def _index_changed(self) -> None:
        if self.popup.isVisible() and self.edit.text().strip():
            row = self.popup.current_row()
            self.run()
            self.popup.set_current(row)

    # -- keys --------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and watched is self.edit:
            assert isinstance(event, QKeyEvent)
            return self._key(event)
        if kind == QEvent.Type.Resize and watched is self.host and self.popup.isVisible():
            self.popup.place(self.edit)
        elif kind == QEvent.Type.Close and watched is self.host:
            self.live.window_closed()
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        moves = {
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_PageDown: PAGE,
            Qt.Key.Key_PageUp: -PAGE,
        }
        if key in moves:
            if not self.popup.isVisible() and self.edit.text().strip():
                self._begin()
                self.run()
                return True
            self.move(moves[Qt.Key(key)])
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.popup.isVisible():
                self.open_current()
            elif self.edit.text().strip():
                self._begin()
                self.run()
            return True
        if key == Qt.Key.Key_Escape:
            self.escape()
            return True
        return False

    def move(self, step: int) -> None:
        """Choose the next (or previous) result and show it where it is."""
        rows = self.popup.rows
        if not self.popup.isVisible() or not rows:
            return
        current = self.popup.current_row()
        row = min(max(current + step, 0), len(rows) - 1)
        if row != current:
            self.popup.set_current(row)
        self._show(rows[row], record=False)

    def open_current(self) -> None:
        row = self.popup.current_row()
        if self.popup.isVisible() and 0 <= row < len(self.popup.rows):
            self.open_row(row)

    def _clicked(self, row: int) -> None:
        self.popup.set_current(row)
        self.open_row(row)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_row(self, row: int) -> None:
        """Open a result for good: in the history, and where Escape now returns to.

        The list closes over the text it opened (Down shows it again).
        """
        result = self.popup.rows[row]
        if self._show(result, record=True):
            self.committed = True
            self.origin = self._here(None)
            self.popup.hide()

    def _show(self, result: ResultRow, *, record: bool) -> bool:
        opener = self.openers.get(result.kind)
        if opener is not None:
            return opener(result)
        if not self.shell.navigate(result.item, record=record):
            self.shell.show_message(
                f"'{result.item}' is not in this bundle; the {result.label.lower()} is kept", 5000
            )
            return False
        if result.kind == "note":
            self.notes.select_note(result.key.partition(":")[2])
        self._mark(result.item)
        return True

    def escape(self) -> None:
        """Close the results and go back to where the search began."""
        origin, committed = self.origin, self.committed
        self.popup.hide()
        self.origin, self.committed = None, False
        if origin is None:  # nothing was searched: just leave the field
            self._leave(self._focus_before)
            return
        if origin.item and self.shell.current_location() != origin.item:
            self.shell.navigate(origin.item, record=False)
            if committed:
                self._mark(origin.item)
            else:
                self._clear_marks()
            browser = self._browser(origin.item)
            if browser is not None:
                browser.verticalScrollBar().setValue(origin.scroll)
        if committed:
            browser = self._browser(origin.item) if origin.item else None
            self._leave(browser)
        else:
            self._clear_marks()
            self._leave(origin.focus)

    def _leave(self, widget: QWidget | None) -> None:
        """Give the focus to ``widget`` (if it is still there), else to the current tab."""
        if widget is not None and shiboken6.isValid(widget) and widget.isVisible():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        tab = self.shell.current_tab()
        if tab is not None:
            tab.setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self) or not shiboken6.isValid(self.edit):
            return
        if new is self.edit and old is not None and old is not self.edit:
            if self.origin is None:
                self._focus_before = old
        elif old is self.edit and new is not None and not self.popup.isAncestorOf(new):
            # The learner went elsewhere (Tab, a click): the results close, nothing moves.
            self.popup.hide()
            self.origin, self.committed = None, False

    # -- marks -------------------------------------------------------------
    def _browser(self, item: str | None) -> QTextEdit | None:
        if not item:
            return None
        tab = self.shell.tab_for(item)
        return tab.pane.browser if tab is not None else None

    def _mark(self, item: str) -> None:
        browser = self._browser(item)
        if browser is None:
            return
        marks = self._marks.get(id(browser))
        if marks is None or not shiboken6.isValid(marks):
            marks = self._marks[id(browser)] = SearchMarks(browser)
            marks.sig_changed.connect(self._show_count)
        if self._marked is not None and self._marked is not marks:
            self._clear_marks()
        self._marked = marks
        marks.show(self.terms)

    def step_match(self, step: int) -> None:
        """F3 (1) or Shift+F3 (-1): the next or previous marked word in the text shown."""
        item = self.shell.current_location()
        marks = self.marks_for(item) if item else None
        if item and (marks is None or not marks.spans) and self.terms:
            self._mark(item)  # the last search's words, in the text now shown
            marks = self.marks_for(item)
        if marks is None or not marks.spans:
            searched = self.edit.text().strip()
            self.shell.show_message(
                f"No matches for “{searched}” in this text"
                if searched and self.terms
                else "Search first (Ctrl+K): F3 then goes through the words found in the text",
                5000,
            )
            return
        # Marks just shown sit at the first, not yet selected: F3 selects it, Shift+F3
        # the last.
        if marks.current >= 0 and marks.browser.textCursor().hasSelection():
            marks.step(step)
        else:
            marks.go(0 if step > 0 else len(marks.spans) - 1)

    def _show_count(self) -> None:
        marks = self._marked
        count = self.field.count
        if marks is None or not shiboken6.isValid(marks) or not marks.spans:
            count.hide()
            return
        text = f"{marks.current + 1} of {len(marks.spans)}"
        count.setText(text)
        count.setAccessibleDescription(f"Match {text} in the text")
        count.show()
        self.shell.show_message(f"Match {text}", 3000)

    def _clear_marks(self) -> None:
        if self._marked is not None and shiboken6.isValid(self._marked):
            self._marked.clear()
        self._marked = None
        self._show_count()

    def marks_for(self, item: str) -> SearchMarks | None:
        """The marks in the pane of ``item`` (for tests and the window)."""
        browser = self._browser(item)
        return self._marks.get(id(browser)) if browser is not None else None


def install_search(shell: Shell, notes: OpenNotes) -> SearchController:
    """Add search to a window: the field, its shortcut, the results and the live index."""
    return SearchController(shell, notes)
