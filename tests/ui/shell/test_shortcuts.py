"""Keys: no two actions answer the same key where both can, and F1 lists exactly the keys bound.

The platform's standard keys differ between platforms (on X11 "Delete" also holds Ctrl+D),
so ``test_shortcuts_hold_on_the_x11_platform`` runs these tests again on a private Xvfb.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QMessageBox, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from companion.ui.shell.actions import shortcut_rows
from companion.ui.shell.window import MainWindow
from tests.conftest import need_program
from tests.ui.highlights.support import select_with_mouse, span_of, view_of
from tests.ui.message_boxes import answer_next_box
from tests.ui.notes.support import press
from tests.xvfb import private_xvfb

READING = "dawn-of-system-leadership"
WORDS = "seeing the larger system"
CHROME = (QMenu, QMenuBar, QToolBar)


def every_action(window: MainWindow) -> list[QAction]:
    """Every action of the window and its widgets (made by the window or by a feature)."""
    found = [*window.actions(), *window.findChildren(QAction)]
    for widget in window.findChildren(QWidget):
        found += widget.actions()
    unique: list[QAction] = []
    for action in found:
        if action not in unique:
            unique.append(action)
    return unique


Scope = tuple[set[QWidget], bool]


def scope(action: QAction, window: MainWindow) -> Scope:
    """Where focus lets ``action``'s shortcut fire: widgets, and whether their children too."""
    context = action.shortcutContext().name
    if context in ("WindowShortcut", "ApplicationShortcut"):
        return {window}, True
    widgets = {
        w
        for w in action.associatedObjects()
        if isinstance(w, QWidget) and not isinstance(w, CHROME)
    }
    return widgets, context == "WidgetWithChildrenShortcut"


def overlap(a: Scope, b: Scope) -> bool:
    (first, first_deep), (second, second_deep) = a, b
    return any(
        x is y or (first_deep and x.isAncestorOf(y)) or (second_deep and y.isAncestorOf(x))
        for x in first
        for y in second
    )


def clashes(window: MainWindow) -> list[str]:
    """Key sequences two enabled actions share where both can fire."""
    bound = [
        (action, sequence.toString(), scope(action, window))
        for action in every_action(window)
        if action.isEnabled()
        for sequence in action.shortcuts()
    ]
    found = []
    for n, (first, key, where) in enumerate(bound):
        for second, other_key, other_where in bound[n + 1 :]:
            if key == other_key and first is not second and overlap(where, other_where):
                found.append(f"{key}: {first.text()!r} and {second.text()!r}")
    return found


def choose_a_highlight(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window, READING)
    select_with_mouse(qtbot, view, *span_of(view, WORDS))
    press(qtbot, view.browser, "Ctrl+H")
    qtbot.waitUntil(lambda: view.chosen is not None)
    assert window.highlights.act.delete.isEnabled()


def test_no_two_enabled_actions_share_a_key(qtbot: QtBot, win: MainWindow) -> None:
    for action in (win.notes.act.all_notes, win.notes.act.bookmarks, win.highlights.act.panel):
        action.trigger()  # every panel open: their own actions are in
    choose_a_highlight(qtbot, win)
    assert len(every_action(win)) > 30
    assert clashes(win) == []


def test_ctrl_d_bookmarks_while_a_highlight_is_chosen(qtbot: QtBot, win: MainWindow) -> None:
    choose_a_highlight(qtbot, win)
    browser = view_of(win, READING).browser
    assert win.current_location() == READING
    with qtbot.waitSignal(win.notes.act.toggle_bookmark.triggered):
        press(qtbot, browser, "Ctrl+D")
    tab = win.current_tab()
    assert tab is not None
    qtbot.waitUntil(tab.pane.is_bookmarked)


def test_f1_lists_every_bound_key_and_only_those(qtbot: QtBot, win: MainWindow) -> None:
    listed = win.shortcut_actions()
    bound = [a for a in every_action(win) if a.shortcuts() and a.parent() is win]
    assert {id(a) for a in bound} <= {id(a) for a in listed}
    assert all(a.shortcuts() for a in listed)
    rows = shortcut_rows(listed)
    keys = [key for _name, text in rows for key in text.split(", ")]
    assert len(keys) == len(set(keys)), sorted(keys)  # one action a key
    seen = answer_next_box(QMessageBox.StandardButton.Ok)
    press(qtbot, win.tabs, "F1")
    qtbot.waitUntil(lambda: bool(seen))
    listed_text = seen[0].text
    for name, text in rows:
        assert name in listed_text and text in listed_text
    native = QKeySequence.SequenceFormat.NativeText
    assert win.highlights.act.delete.shortcut().toString(native) in listed_text


def test_shortcuts_hold_on_the_x11_platform(tmp_path: Path, repo_root: Path) -> None:
    """The tests above, again on the xcb platform (its standard keys are X11's)."""
    need_program("Xvfb")
    with private_xvfb() as display:
        env = {**os.environ, "DISPLAY": display, "COMPANION_TEST_PLATFORM": "xcb"}
        env.pop("WAYLAND_DISPLAY", None)
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                f"{Path(__file__).relative_to(repo_root)}",
                "-k",
                "not x11_platform",
            ],
            cwd=repo_root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "skipped" not in run.stdout
