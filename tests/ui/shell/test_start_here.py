"""Start here: shown at a first start only, again from Help, with the window's real keys."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from companion.bundle.model import Bundle
from companion.ui.shell.start_here import STEPS
from companion.ui.shell.window import MainWindow


def _texts(window: MainWindow) -> list[str]:
    assert window.start_here is not None
    return [label.text() for label in window.start_here.findChildren(QLabel)]


def test_a_first_start_shows_start_here_once(
    qtbot: QtBot, make_window: Callable[[], MainWindow], shipped: Bundle
) -> None:
    first = make_window()
    first.welcome()  # as the app does once the window is shown
    qtbot.waitUntil(lambda: first.start_here is not None and first.start_here.isVisible())
    texts = _texts(first)
    assert shipped.title in texts
    assert any("Sue Goss's six dimensions" in text for text in texts)  # the bundle's own words
    first.start_here.start.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not first.start_here.isVisible())  # type: ignore[union-attr]
    first.close()
    again = make_window()  # the next start, with the same settings
    again.welcome()
    qtbot.waitUntil(lambda: again.started)
    assert again.start_here is None


def test_help_getting_started_reopens_it(qtbot: QtBot, window: MainWindow) -> None:
    window.settings.set_start_here_seen()
    window.welcome()
    assert window.start_here is None
    help_menu = window.menu("Help")
    assert window.act.getting_started in help_menu.actions()
    window.act.getting_started.trigger()
    qtbot.waitUntil(lambda: window.start_here is not None and window.start_here.isVisible())


def test_its_keys_are_the_actions_keys(qtbot: QtBot, window: MainWindow) -> None:
    native = QKeySequence.SequenceFormat.NativeText
    window.notes.act.new_note.setShortcuts([QKeySequence("Ctrl+Alt+W")])
    window.act.getting_started.trigger()
    assert window.start_here is not None
    shown = dict(window.start_here.keys)
    assert len(shown) == 5
    assert shown["New Note"] == QKeySequence("Ctrl+Alt+W").toString(native)
    assert shown["Search"] == window.search.action.shortcuts()[0].toString(native)
    assert shown["Toggle Bookmark"] == "Ctrl+D"
    texts = _texts(window)
    assert "Ctrl+Alt+W" in texts
    assert any("lists every key" in text for text in texts)


def test_the_bundles_words_show_as_written(qtbot: QtBot, shipped: Bundle) -> None:
    import msgspec

    from companion.ui.shell.start_here import StartHere

    hostile = msgspec.structs.replace(
        shipped, title='<img src="x.png">Title', description="<b>bold</b> & <i>more</i>"
    )
    page = StartHere(hostile, [("Search", "<Ctrl+F>")], "F1")
    qtbot.addWidget(page)
    shown = {label.text(): label.textFormat() for label in page.findChildren(QLabel)}
    for text in ('<img src="x.png">Title', "<b>bold</b> & <i>more</i>", "<Ctrl+F>"):
        assert shown[text] == Qt.TextFormat.PlainText


def test_it_follows_the_text_zoom_while_open_and_stays_on_the_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.act.getting_started.trigger()
    page = window.start_here
    assert page is not None
    qtbot.waitUntil(page.isVisible)
    usual_width, usual_text = page.width(), page.about.font().pointSizeF()
    window.set_zoom(7)  # the zoom step nearest 195 %, the page still open
    text = page.about.font().pointSizeF()
    assert text == pytest.approx(usual_text * 1.1**7)
    assert page.title.font().pointSizeF() == pytest.approx(text * page.TITLE_SCALE)
    assert all(h.font().bold() and h.font().pointSizeF() == text for h in page.headings)
    assert page.width() > usual_width
    screen = page.screen().availableGeometry()
    assert page.width() <= screen.width() and page.height() <= screen.height()
    qtbot.waitUntil(lambda: page.body.verticalScrollBar().maximum() > 0)  # the rest scrolls
    labels = {label.text(): label for label in page.findChildren(QLabel)}
    for number, step in enumerate(STEPS, 1):
        shown = labels[step]
        assert shown.height() >= shown.heightForWidth(shown.width())  # no line cut off
        mark = labels[f"{number}."]
        assert mark.width() >= mark.sizeHint().width()  # the number whole
