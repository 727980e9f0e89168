"""The learner's own copy of a reading: attached, shown safely, highlighted like study text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextImageFormat
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from companion.qt.safe_text import fragments
from companion.ui.shell.window import MainWindow
from tests.hostile_text import link_out
from tests.notes.support import notes_file, on_disk, saved_text
from tests.notes.test_safe_html import HTML
from tests.ui.highlights.support import drawn, model_of, select_with_mouse, span_of, view_of
from tests.ui.message_boxes import answer_next_box
from tests.ui.notes.support import press

READING = "dawn-of-system-leadership"
MARKDOWN = """# My notes on the article

Senge and colleagues say that **system leaders** help people see the larger system.

- Reflection leads to *generative* conversations.
- Shift from reacting to co-creating.
"""


def attach(qtbot: QtBot, win: MainWindow, monkeypatch: pytest.MonkeyPatch, source: Path) -> None:
    """Notes → Attach Offline Copy… with ``source`` chosen in the file dialog."""
    asked: list[str] = []

    def choose(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(str(args[3] if len(args) > 3 else kwargs.get("filter", "")))
        return str(source), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    win.navigate(READING)
    assert win.copies.act.isEnabled()
    win.copies.act.trigger()
    assert asked and "*.md" in asked[0] and "*.html" in asked[0] and "*.pdf" in asked[0]


def test_an_attached_markdown_copy_is_shown_and_highlighted(
    qtbot: QtBot, win: MainWindow, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "downloads" / "dawn.md"
    source.parent.mkdir()
    source.write_text(MARKDOWN, encoding="utf-8")
    attach(qtbot, win, monkeypatch, source)
    kept = folder.parent / "touchpoint-7.copies" / f"{READING}.md"
    assert kept.read_text(encoding="utf-8") == MARKDOWN
    view = view_of(win, READING)  # the copy stays chosen for this reading
    pane = view.pane
    assert pane.source == "copy" and pane.copy_bar.mine.isChecked()
    assert pane.copy_bar.study.isVisible() and not pane.copy_bar.attach.isVisible()
    assert "system leaders help people see the larger system" in view.text
    assert "**" not in view.text  # rendered, not shown as source
    words = "see the larger system"
    start, end = span_of(view, words)
    select_with_mouse(qtbot, view, start, end)
    press(qtbot, view.browser, "Ctrl+H")
    [highlight] = model_of(win).highlights()
    assert (highlight.source, highlight.exact, highlight.start) == ("copy", words, start)
    assert drawn(view) == [(highlight.id, start, end)]
    # The study text does not show it; the copy does again.
    qtbot.mouseClick(pane.copy_bar.study, Qt.MouseButton.LeftButton)
    assert pane.source == "" and drawn(view) == []
    assert "Core capability 1" in view.text
    qtbot.mouseClick(pane.copy_bar.mine, Qt.MouseButton.LeftButton)
    assert drawn(view) == [(highlight.id, start, end)]
    qtbot.waitUntil(lambda: "text: copy" in saved_text(notes_file(folder)))
    [stored] = on_disk(notes_file(folder)).highlights
    assert (stored.source, stored.exact) == ("copy", words)
    # In the panel it names the copy, and going to it opens the copy.
    qtbot.mouseClick(pane.copy_bar.study, Qt.MouseButton.LeftButton)
    win.highlights.go_to(highlight.id)
    assert pane.source == "copy" and view.chosen == highlight.id


def test_an_html_copy_shows_text_only_and_loads_nothing(
    qtbot: QtBot, win: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from companion.ui.reading.pane import SafeBrowser

    asked: list[str] = []

    def record(_self: SafeBrowser, _kind: int, name: object) -> None:
        asked.append(str(name))

    monkeypatch.setattr(SafeBrowser, "loadResource", record)
    source = tmp_path / "Saved Page.HTM"
    source.write_text(HTML, encoding="utf-8")
    attach(qtbot, win, monkeypatch, source)
    view = view_of(win, READING)
    browser = view.browser
    browser.viewport().repaint()  # laying out and painting would ask for any image
    text = view.text
    assert "Leaders catalyse collective leadership." in text
    for gone in ("INJECTED", "alert", "fetch", "drawing", "framed", "Saved page", "\ufffc"):
        assert gone not in text, gone
    for run in fragments(browser.document()):
        fmt = run.charFormat()
        assert not fmt.isImageFormat() and not isinstance(fmt, QTextImageFormat)
    assert asked == []
    start, end = span_of(view, "collective leadership")
    select_with_mouse(qtbot, view, start, end)
    press(qtbot, browser, "Ctrl+H")
    [highlight] = model_of(win).highlights()
    assert highlight.exact == "collective leadership" and highlight.source == "copy"


def test_a_pdf_copy_opens_in_the_system_viewer_only_when_clicked(
    qtbot: QtBot,
    win: MainWindow,
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened_urls: list[str],
) -> None:
    source = tmp_path / "dawn.pdf"
    source.write_bytes(b"%PDF-1.4\n% a learner's copy\n")
    attach(qtbot, win, monkeypatch, source)
    kept = folder.parent / "touchpoint-7.copies" / f"{READING}.pdf"
    assert kept.read_bytes() == source.read_bytes()
    pane = view_of(win, READING).pane
    assert pane.source == "" and pane.copy_bar.open_pdf.isVisible()
    assert not pane.copy_bar.mine.isVisible()
    assert opened_urls == []
    qtbot.mouseClick(pane.copy_bar.open_pdf, Qt.MouseButton.LeftButton)
    assert opened_urls == [kept.as_uri()]


def test_attaching_again_keeps_the_old_copy(
    qtbot: QtBot, win: MainWindow, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    first, second = tmp_path / "a.txt", tmp_path / "b.md"
    first.write_text("first copy", encoding="utf-8")
    second.write_text("second copy", encoding="utf-8")
    attach(qtbot, win, monkeypatch, first)
    assert "first copy" in view_of(win, READING).text
    seen = answer_next_box(QMessageBox.StandardButton.Yes)
    attach(qtbot, win, monkeypatch, second)
    assert [s.title for s in seen] == ["Replace your copy?"] and seen[0].plain
    assert "second copy" in view_of(win, READING).text
    names = sorted(p.name for p in (folder.parent / "touchpoint-7.copies").iterdir())
    assert names[0] == f"{READING}.md" and names[1].startswith(f"{READING}.txt.replaced-")


def test_other_files_are_refused_with_a_reason(
    qtbot: QtBot, win: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    seen = answer_next_box(QMessageBox.StandardButton.Ok)
    source = tmp_path / '<img src="x">.docx'  # the message names the file: shown as it is
    source.write_bytes(b"PK")
    attach(qtbot, win, monkeypatch, source)
    assert len(seen) == 1 and seen[0].plain
    assert seen[0].text.startswith('<img src="x">.docx: ')
    assert "Markdown, text, HTML or PDF" in seen[0].text
    assert view_of(win, READING).pane.copy_bar.attach.isVisible()


def test_attaching_needs_a_reading(win: MainWindow) -> None:
    win.navigate("ways-of-relating")
    assert not win.copies.act.isEnabled()
    win.navigate(READING)
    assert win.copies.act.isEnabled()
    pane = view_of(win, READING).pane
    assert pane.copy_bar.attach.isVisible() and not pane.copy_bar.study.isVisible()


@pytest.mark.timeout(60)  # reading the pipe waited for a writer forever
def test_a_fifo_chosen_as_a_copy_is_refused_at_once(
    qtbot: QtBot, win: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    fifo = tmp_path / "dawn.md"
    os.mkfifo(fifo)
    seen = answer_next_box(QMessageBox.StandardButton.Ok)
    attach(qtbot, win, monkeypatch, fifo)
    assert [s.text for s in seen] == [
        "dawn.md could not be copied: it is a named pipe (FIFO), not a regular file "
        "(Companion reads and writes only regular files)"
    ]
    assert view_of(win, READING).pane.copy_bar.attach.isVisible()


def test_a_copy_linked_out_of_its_folder_is_never_shown(
    win: MainWindow, folder: Path, tmp_path: Path
) -> None:
    copy = folder.parent / "touchpoint-7.copies" / f"{READING}.md"
    link_out(copy, b"PRIVATE KEY", tmp_path / "elsewhere")
    win.navigate(READING)
    pane = view_of(win, READING).pane
    assert not win.copies.show_source(pane, "copy")
    assert "PRIVATE KEY" not in pane.plain_text() and pane.source == ""
    message = win.statusBar().currentMessage()
    assert message.startswith("Could not read your copy: it is a symbolic link to ")
