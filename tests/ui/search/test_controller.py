"""Search as a learner uses it: Ctrl+K, type, arrows, Enter, Escape; notes kept current."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QTextEdit, QToolBar
from pytestqt.qtbot import QtBot

from companion.bundle import load_bundle
from companion.bundle.model import Bundle
from companion.notes import store
from companion.notes.anchoring import Anchor
from companion.notes.model import NotesModel, empty_file
from companion.search.documents import item_titles
from companion.search.index import OWN_KINDS
from companion.ui.kit.theme import DARK, LIGHT, contrast_ratio
from companion.ui.search import live as search_live
from companion.ui.search.controller import PLACEHOLDER, SearchController
from companion.ui.search.live import PREPARING
from companion.ui.search.marks import DARK_MARK, LIGHT_MARK, is_mark
from companion.ui.shell.window import MainWindow
from companion.worker.client import WorkerProcess
from tests.notes.support import BUNDLE_ID, copy_bundle, notes_file
from tests.search.hostile import HOSTILE_QUERIES
from tests.ui.notes.support import open_window, press

START = "systems-leadership-definition"
REAL_BUILD = search_live.build


def ready(qtbot: QtBot, window: MainWindow) -> SearchController:
    search = window.search
    qtbot.waitUntil(lambda: search.live.index is not None and not search.live.building)
    return search


@pytest.fixture
def search(qtbot: QtBot, window: MainWindow) -> SearchController:
    return ready(qtbot, window)


@pytest.fixture
def notes_window(qtbot: QtBot, tmp_path: Path, settings_file: Path) -> MainWindow:
    return open_window(qtbot, copy_bundle(tmp_path), settings_file)


def model_of(window: MainWindow) -> NotesModel:
    assert window.notes.session is not None
    return window.notes.session.model


def type_query(qtbot: QtBot, search: SearchController, text: str) -> None:
    """Ctrl+K from wherever the focus is, then type ``text`` key by key."""
    window = search.host
    focus = QApplication.focusWidget() or window
    qtbot.keyClick(focus, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert search.edit.hasFocus()
    qtbot.keyClicks(search.edit, text)


def results(search: SearchController) -> list[str]:
    return [row.key for row in search.popup.rows] if search.popup.isVisible() else []


def marked_words(browser: QTextEdit) -> list[str]:
    return [s.cursor.selectedText() for s in browser.extraSelections() if is_mark(s)]


def browser_of(window: MainWindow, item: str) -> QTextEdit:
    tab = window.tab_for(item)
    assert tab is not None
    return tab.pane.browser


def test_field_sits_in_the_toolbar_named_and_with_its_shortcuts(
    search: SearchController, window: MainWindow
) -> None:
    toolbar = window.findChild(QToolBar, "navigation")
    assert toolbar is not None and toolbar.isAncestorOf(search.edit)
    assert search.edit.placeholderText() == "Search (Ctrl+K)"
    assert search.edit.accessibleName() == "Search"
    assert "Ctrl+K" in search.edit.toolTip()
    assert search.field.scope.accessibleName() == "Search in"
    keys = {s.toString() for s in search.action.shortcuts()}
    assert {"Ctrl+F", "Ctrl+K"} <= keys  # (and the Find key of keyboards that have one)
    # No other action of the window answers these keys; Find in Notes keeps Ctrl+Shift+F.
    owners: dict[str, list[str]] = {}
    for action in window.actions():
        for sequence in action.shortcuts():
            owners.setdefault(sequence.toString(), []).append(action.text())
    assert owners["Ctrl+F"] == ["&Search…"] and owners["Ctrl+K"] == ["&Search…"]
    assert owners["Ctrl+Shift+F"] == ["&Find in Notes…"]
    edit_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Edit")
    assert search.action in edit_menu.actions()


@pytest.mark.parametrize("keys", ["Ctrl+K", "Ctrl+F"])
def test_both_shortcuts_focus_the_field(
    qtbot: QtBot, search: SearchController, window: MainWindow, keys: str
) -> None:
    tab = window.current_tab()
    assert tab is not None
    press(qtbot, tab, keys)
    assert search.edit.hasFocus()


def test_type_arrow_enter_opens_the_result_with_its_words_marked(
    qtbot: QtBot, search: SearchController, window: MainWindow
) -> None:
    window.navigate(START)
    assert search.live.index is not None
    expected = search.live.index.search("balcony and dance", limit=20)
    assert len(expected) >= 2
    type_query(qtbot, search, "balcony and dance")
    qtbot.waitUntil(lambda: results(search) == [h.key for h in expected])
    assert search.popup.current_row() == 0
    qtbot.keyClick(search.edit, Qt.Key.Key_Down)
    assert search.popup.current_row() == 1
    qtbot.keyClick(search.edit, Qt.Key.Key_Return)
    target = expected[1].item
    assert window.current_location() == target
    # The list closes over the text it opened; the field keeps the keyboard, and Down
    # brings the results back for the next one.
    assert search.edit.hasFocus() and not search.popup.isVisible()
    browser = browser_of(window, target)
    words = {w.lower() for w in marked_words(browser)}
    # "and" is in more than half the documents: it carries no weight and is not marked.
    assert "balcony" in words and "dance" in words and "and" not in words
    # The first mark is in view.
    first = QTextCursor(browser.document())
    first.setPosition(search.marks_for(target).spans[0][0])  # type: ignore[union-attr]
    assert browser.viewport().rect().contains(browser.cursorRect(first).center())
    # Enter put it in the history: Back returns to where the search began.
    assert window.history.can_go_back()
    qtbot.keyClick(search.edit, Qt.Key.Key_Down)
    assert search.popup.isVisible() and results(search) == [h.key for h in expected]


def test_arrows_show_each_result_and_escape_returns_to_where_the_learner_was(
    qtbot: QtBot, search: SearchController, window: MainWindow
) -> None:
    window.navigate(START)
    browser = browser_of(window, START)
    browser.verticalScrollBar().setValue(browser.verticalScrollBar().maximum())
    scrolled = browser.verticalScrollBar().value()
    browser.setFocus()
    type_query(qtbot, search, "mandela")
    qtbot.waitUntil(lambda: bool(results(search)))
    qtbot.keyClick(search.edit, Qt.Key.Key_Down)
    row = search.popup.rows[search.popup.current_row()]
    assert window.current_location() == row.item != START  # the result is shown in place
    assert any("mandela" in w.lower() for w in marked_words(browser_of(window, row.item)))
    qtbot.keyClick(search.edit, Qt.Key.Key_Escape)
    assert not search.popup.isVisible()
    assert window.current_location() == START
    assert browser.verticalScrollBar().value() == scrolled
    assert browser.hasFocus()
    assert marked_words(browser_of(window, row.item)) == []
    window.go_back()  # the results only looked at went in no history
    assert window.current_location() != row.item


def test_escape_after_enter_just_closes_and_reads_the_opened_item(
    qtbot: QtBot, search: SearchController, window: MainWindow
) -> None:
    window.navigate(START)
    type_query(qtbot, search, "mandela")
    qtbot.waitUntil(lambda: bool(results(search)))
    qtbot.keyClick(search.edit, Qt.Key.Key_Return)
    opened = window.current_location()
    assert opened == search.popup.rows[0].item
    qtbot.keyClick(search.edit, Qt.Key.Key_Escape)
    assert not search.popup.isVisible()
    assert window.current_location() == opened
    assert browser_of(window, opened).hasFocus()
    assert marked_words(browser_of(window, opened))
    window.go_back()
    assert window.current_location() == START


def test_a_click_opens_a_result(qtbot: QtBot, search: SearchController, window: MainWindow) -> None:
    type_query(qtbot, search, "coalition of the willing")
    qtbot.waitUntil(lambda: bool(results(search)))
    view = search.popup.list
    rect = view.visualRect(search.popup.model.index(0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_location() == search.popup.rows[0].item
    assert search.edit.hasFocus() and not search.popup.isVisible()


# What a keyboard can type (QTest aborts on a NUL; empty input types nothing).
HOSTILE = [q for q in HOSTILE_QUERIES if q.strip() and "\x00" not in q]


def test_search_syntax_typed_shows_no_error(
    qtbot: QtBot, search: SearchController, window: MainWindow
) -> None:
    for query in HOSTILE:
        search.edit.clear()
        type_query(qtbot, search, query)
        assert search.popup.isVisible()
        shown = search.popup.rows or search.popup.message.text()
        assert shown, query
        assert not any(
            isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
        )
    qtbot.keyClick(search.edit, Qt.Key.Key_Escape)


def test_nothing_found_says_so_inline(qtbot: QtBot, search: SearchController) -> None:
    type_query(qtbot, search, "zzqxj")
    assert search.popup.rows == []
    assert search.popup.message.text() == "No results for “zzqxj”"


@pytest.fixture
def slow_build(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    release = threading.Event()
    real = search_live.build

    def held(*args: object) -> search_live.Built:
        release.wait(10)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(search_live, "build", held)
    yield release
    release.set()


def test_typing_before_the_index_is_built_says_preparing_and_never_waits(
    qtbot: QtBot, slow_build: threading.Event, make_window: Callable[[], MainWindow]
) -> None:
    search = make_window().search  # the window builds its index with the held-back build
    assert search.edit.placeholderText() == f"{PREPARING} (1/2: the bundle)"
    type_query(qtbot, search, "trust")  # the UI thread answers at once
    assert search.live.index is None
    assert search.popup.message.text() == f"{PREPARING} (1/2: the bundle)"
    slow_build.set()
    qtbot.waitUntil(lambda: bool(results(search)))
    qtbot.waitUntil(lambda: search.edit.placeholderText() == PLACEHOLDER)


def test_an_index_that_cannot_be_built_is_said_inline(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, make_window: Callable[[], MainWindow]
) -> None:
    def broken(*_args: object) -> search_live.Built:
        raise MemoryError("out of memory")

    monkeypatch.setattr(search_live, "build", broken)
    search = make_window().search
    qtbot.waitUntil(lambda: bool(search.live.error))
    type_query(qtbot, search, "trust")
    assert search.popup.message.text() == "Search is not available: out of memory"


def test_accents_fold_and_notes_are_kept_current(qtbot: QtBot, notes_window: MainWindow) -> None:
    window = notes_window
    search = ready(qtbot, window)
    model = model_of(window)
    window.docks.item.hide()  # the learner closed the notes panel
    type_query(qtbot, search, "equite")
    qtbot.waitUntil(lambda: search.popup.message.isVisible() and not search.popup.rows)
    note = model.add_note("ways-of-relating", "L'équité en santé, et la confiance")
    key = f"note:{note.id}"
    qtbot.waitUntil(lambda: key in results(search))
    row = search.popup.rows[results(search).index(key)]
    assert row.label == "Note" and "<b>équité</b>" in row.snippet_html
    search.popup.set_current(results(search).index(key))
    qtbot.keyClick(search.edit, Qt.Key.Key_Return)
    assert window.current_location() == "ways-of-relating"
    assert window.notes.item_panel.note_id == note.id
    assert window.docks.item.isVisible()  # the note found is shown
    # Edited: found by its new words only.
    model.update_note(note.id, body="Fairness, not the old word")
    qtbot.waitUntil(lambda: key not in results(search))
    search.edit.clear()
    type_query(qtbot, search, "fairness")
    qtbot.waitUntil(lambda: key in results(search))
    # Deleted (to the trash): gone; restored: back.
    model.delete_note(note.id)
    qtbot.waitUntil(lambda: key not in results(search))
    model.restore_note(note.id)
    qtbot.waitUntil(lambda: key in results(search))


def test_highlights_and_bookmarks_are_found_too(qtbot: QtBot, notes_window: MainWindow) -> None:
    from companion.notes.anchoring import Anchor

    search = ready(qtbot, notes_window)
    model = model_of(notes_window)
    model.add_highlight("ways-of-being", Anchor("quokka passage", "", "", 0, 14), note="wombat")
    model.set_bookmark("ways-of-doing", True)
    type_query(qtbot, search, "wombat")
    qtbot.waitUntil(lambda: any(k.startswith("highlight:") for k in results(search)))
    search.edit.clear()
    type_query(qtbot, search, "bookmark ways of doing")
    qtbot.waitUntil(lambda: "bookmark:ways-of-doing" in results(search))


def test_filter_to_my_notes_shows_only_notes(qtbot: QtBot, notes_window: MainWindow) -> None:
    search = ready(qtbot, notes_window)
    model_of(notes_window).add_note("ways-of-feeling", "Balcony moments on the ward")
    type_query(qtbot, search, "balcony")
    qtbot.waitUntil(lambda: any(k.startswith("note:") for k in results(search)))
    assert any(not k.startswith("note:") for k in results(search))  # content too
    search.field.scope.setCurrentIndex(search.field.scope.findText("My notes"))
    assert search.edit.hasFocus()
    assert results(search) and all(r.kind in OWN_KINDS for r in search.popup.rows)
    search.field.scope.setCurrentIndex(search.field.scope.findText("Content"))
    assert results(search) and not any(r.kind in OWN_KINDS for r in search.popup.rows)


def _reload_with_a_capybara(window: MainWindow) -> None:
    """A reload of the notes file that adds one note (a sync tool's change, say)."""
    model = model_of(window)
    fresh = NotesModel(model.snapshot())
    fresh.add_note("ways-of-being", "capybara thoughts")
    model.replace_all(fresh.snapshot())


def test_a_reload_of_the_notes_puts_in_what_changed(qtbot: QtBot, notes_window: MainWindow) -> None:
    search = ready(qtbot, notes_window)
    before = search.live.index
    _reload_with_a_capybara(notes_window)
    qtbot.waitUntil(lambda: not search.live.building)
    assert search.live.index is before  # one record changed: one document replaced
    assert [h.kind for h in before.search("capybara")] == ["note"]  # type: ignore[union-attr]


def test_a_reload_that_changes_most_records_builds_again(
    qtbot: QtBot, notes_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    search = ready(qtbot, notes_window)
    monkeypatch.setattr(search_live, "REBUILD_FROM", 0)
    before = search.live.index
    _reload_with_a_capybara(notes_window)
    qtbot.waitUntil(lambda: search.live.index is not before and not search.live.building)
    assert search.live.index is not None
    assert [h.kind for h in search.live.index.search("capybara")] == ["note"]


def test_the_content_is_indexed_once_and_the_notes_join_it(
    qtbot: QtBot, tmp_path: Path, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_bundle(tmp_path)
    model = NotesModel(empty_file(BUNDLE_ID))
    wombat = model.add_note("ways-of-being", "wombat in the notes file")
    model.set_bookmark("ways-of-doing", True)
    store.save_notes(notes_file(folder), model.snapshot())
    builds: list[object] = []

    def counted(*args: Any) -> search_live.Built:
        builds.append(args)
        return REAL_BUILD(*args)

    monkeypatch.setattr(search_live, "build", counted)
    search = ready(qtbot, open_window(qtbot, folder, settings_file))
    # One build: of the content alone if it began before the notes were read (they join
    # it record by record), else of both.
    assert len(builds) == 1
    assert search.live.index is not None
    assert [h.key for h in search.live.index.search("wombat")] == [f"note:{wombat.id}"]
    assert search.live.index.search("bookmark ways of doing")[0].key == "bookmark:ways-of-doing"


def test_a_big_index_is_built_in_the_helper_process(
    qtbot: QtBot, tmp_path: Path, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_live, "WORKER_FROM", 0)
    folder = copy_bundle(tmp_path)
    model = NotesModel(empty_file(BUNDLE_ID))
    model.add_note("ways-of-being", "Balcony and dance floor, seen from the ward")
    model.add_highlight("ways-of-doing", Anchor("quokka passage", "", "", 0, 14), note="wombat")
    store.save_notes(notes_file(folder), model.snapshot())
    monkeypatch.setattr(search_live, "build", _never)
    window = open_window(qtbot, folder, settings_file)
    search = ready(qtbot, window)
    live = search.live
    assert live.index is not None and not live.error
    qtbot.waitUntil(lambda: not live._worker.process.running)  # let go once all is in
    # The same answers as an index built here.
    session = window.notes.session
    assert session is not None
    local = REAL_BUILD(window.bundle, session.model.snapshot(), None, item_titles(window.bundle))
    for query in ("balcony and dance", "wombat", "ways", "équité", "th"):
        for scope in ("all", "content", "mine"):
            assert live.index.search(query, scope=scope) == local.index.search(query, scope=scope)
    # Edits still reach it, one document at a time.
    note = session.model.add_note("ways-of-feeling", "capybara")
    index = live.index
    qtbot.waitUntil(lambda: [h.key for h in index.search("capybara")] == [f"note:{note.id}"])
    window.close()
    assert not live._worker.process.running


def test_without_a_helper_the_index_is_built_on_the_worker(
    qtbot: QtBot, folder: Path, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_live, "WORKER_FROM", 0)
    monkeypatch.setattr(sys, "executable", str(folder / "no-such-python"))
    search = ready(qtbot, open_window(qtbot, folder, settings_file))
    assert search.live._worker.failed and not search.live.error
    assert search.live.index is not None
    assert search.live.index.search("balcony and dance")[0].item == "ways-of-perceiving"


def test_a_worker_started_again_is_sent_the_bundle_again(shipped: Bundle) -> None:
    model = NotesModel(empty_file(shipped.id))
    note = model.add_note("ways-of-being", "wombat")
    builder = search_live.IndexWorker(WorkerProcess())
    try:
        content = builder.build(1, shipped, None)
        assert content.indexed == {} and content.index.search("wombat") == []
        builder.process.stop()  # it forgets the content it held; this side does not know
        assert builder.token == 1
        built = builder.build(1, shipped, model.snapshot())
        assert [h.key for h in built.index.search("wombat")] == [f"note:{note.id}"]
        assert built.index.search("balcony and dance")[0].item == "ways-of-perceiving"
        assert set(built.indexed) == {f"note:{note.id}"}
    finally:
        builder.close()


def _never(*_args: object) -> search_live.Built:
    raise AssertionError("built on the worker, not in the helper")


def test_another_bundle_is_indexed_and_the_old_one_forgotten(
    qtbot: QtBot, notes_window: MainWindow, tmp_path: Path
) -> None:
    search = ready(qtbot, notes_window)
    other = copy_bundle(tmp_path / "other")
    path = other / "bundle.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("balcony", "xylophone"), "utf-8")
    notes_window.set_bundle(load_bundle(other), other)
    type_query(qtbot, search, "xylophone")
    qtbot.waitUntil(lambda: bool(results(search)))
    search.edit.clear()
    type_query(qtbot, search, "balcony")
    assert results(search) == []


def test_marks_stay_above_other_extra_selections(
    qtbot: QtBot, search: SearchController, window: MainWindow
) -> None:
    type_query(qtbot, search, "mandela")
    qtbot.waitUntil(lambda: bool(results(search)))
    qtbot.keyClick(search.edit, Qt.Key.Key_Return)
    item = window.current_location()
    assert item is not None
    browser = browser_of(window, item)
    marks = len(marked_words(browser))
    # Another view (the learner's highlights) replaces the extra selections.
    other = QTextEdit.ExtraSelection()
    other.cursor = QTextCursor(browser.document())
    other.cursor.setPosition(0)
    other.cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)
    look = QTextCharFormat()
    look.setBackground(QColor("#fff0a0"))
    other.format = look
    browser.setExtraSelections([other])
    browser.viewport().repaint()
    selections = browser.extraSelections()
    assert len(selections) == marks + 1 and not is_mark(selections[0])
    assert all(is_mark(s) for s in selections[1:])
    # Showing another text ends them.
    window.navigate(START)
    window.navigate(item)
    assert marked_words(browser) == []


@pytest.mark.parametrize(("mark", "colors"), [(LIGHT_MARK, LIGHT), (DARK_MARK, DARK)])
def test_marks_keep_their_contrast_and_differ_from_highlights(
    mark: tuple[str, str, str], colors: object
) -> None:
    from companion.ui.kit import theme

    background, text, _ = mark
    assert contrast_ratio(text, background) >= 4.5
    table = getattr(theme, "HIGHLIGHTS_DARK" if colors is DARK else "HIGHLIGHTS_LIGHT", {})
    assert background not in table.values()


def test_screenshots_of_the_results(
    qtbot: QtBot, search: SearchController, window: MainWindow, tmp_path: Path
) -> None:
    from companion.ui.kit.theme import ThemeChoice, apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window.resize(1100, 720)
    window.navigate(START)
    type_query(qtbot, search, "trust")
    qtbot.waitUntil(lambda: bool(results(search)))
    qtbot.keyClick(search.edit, Qt.Key.Key_Down)
    try:
        for choice in (ThemeChoice.LIGHT, ThemeChoice.DARK):
            apply_theme(app, choice)
            for _ in range(3):  # style sheets and palettes reach every widget in turns
                QApplication.processEvents()
            path = tmp_path / f"search-{choice.value}.png"
            assert window.grab().save(str(path))
            assert path.stat().st_size > 10_000
    finally:
        apply_theme(app, ThemeChoice.LIGHT)


def test_a_note_found_shows_its_title_as_text_not_markdown(
    qtbot: QtBot, notes_window: MainWindow
) -> None:
    search = ready(qtbot, notes_window)
    note = model_of(notes_window).add_note(
        "ways-of-relating", "## **Trust** on the `ward` with [Ann](https://example.org)\n\nmore"
    )
    type_query(qtbot, search, "trust ward")
    key = f"note:{note.id}"
    qtbot.waitUntil(lambda: key in results(search))
    row = search.popup.rows[results(search).index(key)]
    assert row.text.startswith("Note: Note on Ways of relating: Trust on the ward with Ann")
    for raw in ("#", "**", "`", "](", "https://"):
        assert raw not in row.title_html, row.title_html


def test_f3_and_shift_f3_go_through_the_matches_in_the_text_n_of_m(
    qtbot: QtBot, search: SearchController, window: MainWindow
) -> None:
    type_query(qtbot, search, "leadership")
    qtbot.waitUntil(lambda: bool(results(search)))
    qtbot.keyClick(search.edit, Qt.Key.Key_Return)
    item = window.current_location()
    assert item is not None
    marks = search.marks_for(item)
    assert marks is not None and len(marks.spans) >= 3
    total = len(marks.spans)
    browser = browser_of(window, item)
    count = search.field.count

    def at() -> tuple[int, int]:
        cursor = browser.textCursor()
        return cursor.selectionStart(), cursor.selectionEnd()

    browser.setFocus()  # reading now: F3 works from the text
    qtbot.keyClick(browser, Qt.Key.Key_F3)
    assert at() == marks.spans[0] and count.text() == f"1 of {total}" and count.isVisible()
    qtbot.keyClick(browser, Qt.Key.Key_F3)
    assert at() == marks.spans[1] and count.text() == f"2 of {total}"
    assert browser.viewport().rect().contains(browser.cursorRect().center())  # in view
    qtbot.keyClick(browser, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(browser, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert at() == marks.spans[-1] and count.text() == f"{total} of {total}"  # round the text
    assert f"{total} of {total}" in window.statusBar().currentMessage()
    qtbot.keyClick(browser, Qt.Key.Key_F3)
    assert at() == marks.spans[0] and count.text() == f"1 of {total}"
    # Another text: the count goes, and F3 marks the same words there.
    other = next(i for i in window.slots[0].item_ids if i != item)
    window.navigate(other)
    assert not count.isVisible()
