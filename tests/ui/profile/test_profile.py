"""My profile in a real window: rating by keyboard, Ctrl+Enter saves, undo, the chart's text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from companion.notes.records import Rating
from companion.ui.profile.chart import NAME
from companion.ui.profile.view import ProfileView
from companion.ui.shell.window import MainWindow
from tests.hostile_text import payload
from tests.ui.notes.support import model_of, press

EARLIER = "2026-11-02T10:00:00.000Z"
LATER = "2026-12-01T10:00:00.000Z"


def opened(window: MainWindow) -> ProfileView:
    window.features.profile.act.trigger()
    view = window.features.profile.view
    assert view is not None
    assert window.tabs.currentWidget() is window.features.profile.page
    return view


def test_rating_by_keyboard_tab_through_the_six(qtbot: QtBot, win: MainWindow) -> None:
    view = opened(win)
    first = view.rows[0].picker
    qtbot.waitUntil(first.hasFocus)
    assert view.prompt_title.text() == "Ask yourself: Ways of feeling"
    qtbot.keyClick(first, Qt.Key.Key_Right)
    assert first.level == "not-yet"
    qtbot.keyClick(first, Qt.Key.Key_Right)
    assert first.level == "sometimes" and first.words() == "sometimes"
    qtbot.keyClick(first, Qt.Key.Key_4)
    assert first.level == "consistently"
    assert first.accessibleDescription().startswith("consistently (4 of 4)")
    qtbot.keyClick(first, Qt.Key.Key_Left)
    assert first.level == "often"
    qtbot.keyClick(first, Qt.Key.Key_0)
    assert first.level == ""
    qtbot.keyClick(first, Qt.Key.Key_9)  # beyond the scale: nothing
    assert first.level == ""
    # Tab: picker → evidence → the next dimension's picker, whose prompts then show.
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert view.rows[0].evidence.hasFocus()
    qtbot.keyClick(view.rows[0].evidence, Qt.Key.Key_Tab)
    assert view.rows[1].picker.hasFocus()
    assert view.prompt_title.text() == "Ask yourself: Ways of perceiving"
    assert view.prompts.text().startswith("• ")


def test_ctrl_enter_saves_a_dated_assessment_and_undo_takes_it_back(
    qtbot: QtBot, win: MainWindow
) -> None:
    view = opened(win)
    model = model_of(win)
    qtbot.keyClick(view.rows[0].picker, Qt.Key.Key_3)
    qtbot.keyClick(view.rows[2].picker, Qt.Key.Key_1)
    view.rows[0].evidence.setFocus()
    qtbot.keyClicks(view.rows[0].evidence, "Said no to a project")
    press(qtbot, view.rows[0].evidence, "Ctrl+Return")
    [saved] = model.assessments()
    assert saved.ratings == [
        Rating(dimension="ways-of-feeling", level="often", evidence="Said no to a project"),
        Rating(dimension="ways-of-thinking", level="not-yet"),
    ]
    assert all(row.picker.level == "" for row in view.rows)  # the form is ready for next time
    assert view.rows[0].last.text() == "last time: often"
    assert "Ways of feeling: often" in view.chart.accessibleDescription()
    press(qtbot, view.rows[1].picker, "Ctrl+Z")
    assert model.assessments() == []
    assert view.rows[0].picker.level == "often"  # the undone save's ratings are back
    assert view.rows[0].evidence.toPlainText() == "Said no to a project"
    assert win.notes.act.redo.isEnabled()
    press(qtbot, view.rows[1].picker, "Ctrl+Shift+Z")
    assert model.assessments() == [saved]  # the same record, the same date


def test_saving_nothing_says_what_to_do(qtbot: QtBot, win: MainWindow) -> None:
    view = opened(win)
    press(qtbot, view.rows[0].picker, "Ctrl+Return")
    assert model_of(win).assessments() == []
    assert view.status.text().startswith("Choose a level")


def test_the_chart_says_in_words_what_it_draws(qtbot: QtBot, win: MainWindow) -> None:
    model = model_of(win)
    model.add_assessment([Rating(dimension="ways-of-feeling", level="sometimes")], created=EARLIER)
    model.add_assessment(
        [
            Rating(dimension="ways-of-feeling", level="often"),
            Rating(dimension="ways-of-being", level="consistently"),
        ],
        created=LATER,
    )
    view = opened(win)
    chart = view.chart
    assert chart.accessibleName() == NAME
    assert chart.focusPolicy() & Qt.FocusPolicy.TabFocus
    text = chart.accessibleDescription()
    assert text.startswith("Your assessment of 2026-12-01 over the one of 2026-11-02.")
    assert "Ways of feeling: sometimes → often." in text
    assert "Ways of being: not rated → consistently." in text
    assert "Ways of feeling: sometimes → often  ↑" in view.moves.text()
    assert view.compare.currentText() == "2026-11-02"


def test_html_in_evidence_shows_as_text(qtbot: QtBot, win: MainWindow, tmp_path: Path) -> None:
    evidence = "Ran the <b>retro</b>" + payload(tmp_path / "outside")
    model_of(win).add_assessment([Rating(dimension="ways-of-doing", evidence=evidence)])
    view = opened(win)
    view.focus_dimension("ways-of-doing")
    shown = view.history.toPlainText()
    assert "Ran the <b>retro</b>" in shown  # as typed: not bold, no image asked for
    assert "<table background=" in shown
    html = view.history.document().toHtml()
    assert "font-weight:700" not in html.split("retro")[0].rsplit("Ran the", 1)[-1]


def test_saved_to_disk_and_refused_by_a_read_only_window(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    from tests.notes.support import notes_file, saved_text
    from tests.ui.notes.support import open_window

    writer = open_window(qtbot, folder, settings_file)
    view = opened(writer)
    qtbot.keyClick(view.rows[5].picker, Qt.Key.Key_2)
    press(qtbot, view.rows[5].picker, "Ctrl+Return")
    qtbot.waitUntil(lambda: "assessments:" in saved_text(notes_file(folder)))
    reader = open_window(qtbot, folder, settings_file, writable=False)
    shown = opened(reader)
    assert shown.rows[5].last.text() == "last time: sometimes"  # what the writer saved
    assert not shown.save_button.isEnabled() and not shown.save_action.isEnabled()
    qtbot.keyClick(shown.rows[0].picker, Qt.Key.Key_1)
    assert reader.features.profile.save(shown.draft()) is None
    assert shown.status.text() == "Not saved: your notes are read-only."
    assert len(model_of(reader).assessments()) == 1


def test_the_bundles_own_scale_and_prompt(qtbot: QtBot, folder: Path, settings_file: Path) -> None:
    from companion.paths import BUNDLE_FILE
    from tests.ui.notes.support import open_window

    bundle_file = folder / BUNDLE_FILE
    bundle_file.write_text(
        bundle_file.read_text(encoding="utf-8")
        + "self_assessment:\n"
        + "  evidence_prompt: Where did you see it? <b>x</b>\n"
        + "  scale:\n"
        + "    - {key: rarely, label: rarely}\n"
        + "    - {key: mostly, label: most of the time}\n"
        + "    - {key: always, label: always}\n",
        encoding="utf-8",
    )
    window = open_window(qtbot, folder, settings_file)
    view = opened(window)
    picker = view.rows[0].picker
    qtbot.keyClick(picker, Qt.Key.Key_4)  # no fourth level here
    assert picker.level == ""
    qtbot.keyClick(picker, Qt.Key.Key_End)
    assert picker.level == "always"
    qtbot.keyClick(picker, Qt.Key.Key_Left)
    assert picker.words() == "most of the time"
    assert view.rows[0].evidence.placeholderText() == "Where did you see it? <b>x</b>"
    press(qtbot, picker, "Ctrl+Return")
    assert view.rows[0].last.text() == "last time: most of the time"


def test_opening_the_tab_while_start_up_builds_it_finishes_that_build_at_once(
    qtbot: QtBot, win: MainWindow
) -> None:
    profile = win.features.profile
    view = opened(win)
    view.rows[0].picker.set_level("often")
    press(qtbot, view.rows[0].picker, "Ctrl+Return")
    win.tabs.setCurrentIndex(0)
    profile.set_bundle(win.bundle)  # as at start-up: no view yet
    parts = profile.build_in_parts()
    next(parts)
    next(parts)  # two of the six rows built, nothing in the page yet
    assert profile.view is None
    shown = opened(win)  # the learner opens the tab meanwhile
    assert len(shown.rows) == 6 and shown.isVisible()
    assert shown.rows[0].last.text() == "last time: often"  # filled with what was saved
    assert list(parts) == []  # the start-up build stops there
    assert profile.build() is shown
    qtbot.waitUntil(lambda: profile.page.findChildren(ProfileView) == [shown])  # the old one gone


def test_another_bundle_while_the_profile_is_built_drops_that_build(
    qtbot: QtBot, win: MainWindow
) -> None:
    profile = win.features.profile
    profile.set_bundle(win.bundle)
    parts = profile.build_in_parts()
    next(parts)
    profile.set_bundle(win.bundle)  # another bundle is opened
    assert list(parts) == [] and profile.view is None
    shown = opened(win)
    assert len(shown.rows) == 6
    qtbot.waitUntil(lambda: profile.page.findChildren(ProfileView) == [shown])
