"""Text from a bundle or a learner never makes Qt read a file: documents, labels, tooltips.

The canary is a real image on disk, red and 7 by 5 pixels: whatever reads it draws
red, and a resource Qt fetched from it is 7 by 5.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from companion.qt.app import make_app
from companion.qt.safe_text import (
    IMAGE_RESOURCE,
    SafeDocument,
    fragments,
    message_box,
    plain_label,
    set_markdown,
    tip,
)
from companion.ui.reading.pane import SafeBrowser

RED = QColor("#ff0000")


@pytest.fixture
def canary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A red image outside any bundle; the working folder holds one too (for relative names)."""
    make_app()
    image = QImage(7, 5, QImage.Format.Format_ARGB32)
    image.fill(RED)
    outside = tmp_path / "outside"
    outside.mkdir()
    path = outside / "canary.png"
    assert image.save(str(path))
    work = tmp_path / "work"
    work.mkdir()
    assert image.save(str(work / "canary.png"))
    monkeypatch.chdir(work)
    return path


def markup(canary: Path) -> str:
    """Every way HTML can name the canary: absolute, file: URL, relative, a background."""
    return (
        f'<p>Before <img src="{canary}" width="40" height="40">'
        f'<img src="{canary.as_uri()}" width="40" height="40">'
        '<img src="canary.png" width="40" height="40"></p>'
        f'<table background="{canary}" width="80" height="80"><tr><td>cell</td></tr></table>'
    )


def has_red(image: QImage) -> bool:
    return any(
        image.pixelColor(x, y) == RED
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )


def drawn(document: QTextDocument) -> QImage:
    document.setTextWidth(300)
    size = document.size().toSize().expandedTo(QSize(300, 200))
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    document.drawContents(painter)
    painter.end()
    return image


def grabbed(qtbot: QtBot, widget: QWidget) -> QImage:
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget.grab().toImage()


def fetched(document: QTextDocument, name: str) -> object:
    """What ``document`` gets when its text names ``name`` as an image."""
    return document.resource(IMAGE_RESOURCE, QUrl(name))


def assert_blank(resource: object) -> None:
    assert isinstance(resource, QImage), f"got {type(resource).__name__}, not the blank image"
    assert resource.size() == QSize(1, 1)


def test_the_reading_pane_browser_draws_no_image_from_disk(qtbot: QtBot, canary: Path) -> None:
    browser = SafeBrowser()
    browser.setHtml(markup(canary))
    assert not has_red(grabbed(qtbot, browser))
    for name in (str(canary), canary.as_uri(), "canary.png", "//server/share/canary.png"):
        assert_blank(fetched(browser.document(), name))


def test_a_safe_document_draws_no_image_from_disk(canary: Path) -> None:
    document = SafeDocument()
    document.setHtml(markup(canary))
    assert not has_red(drawn(document))
    assert_blank(fetched(document, str(canary)))
    assert document.resource(QTextDocument.ResourceType.StyleSheetResource.value, "x.css") == b""


def test_markdown_keeps_html_as_text_and_shows_images_as_their_words(canary: Path) -> None:
    document = SafeDocument()
    set_markdown(
        document,
        f'![a *red* picture]({canary}) and <img src="{canary}"> and <b>tags</b>\n\n'
        f'<div><img src="canary.png"></div>\n\n[![linked]({canary})](https://example.org/)',
    )
    assert document.toPlainText() == (
        f'a red picture and <img src="{canary}"> and <b>tags</b>\n'
        '<div><img src="canary.png"></div>\nlinked'
    )
    assert not has_red(drawn(document))
    assert not any(run.charFormat().isImageFormat() for run in fragments(document))


def test_markdown_in_a_browser_starts_at_the_top(qtbot: QtBot) -> None:
    browser = SafeBrowser()
    set_markdown(browser, "# Title\n\n**bold** and *italic* and [a link](item:x)")
    assert browser.toPlainText() == "Title\nbold and italic and a link"
    assert browser.textCursor().position() == 0
    assert not browser.document().isUndoAvailable()


def test_a_plain_label_shows_markup_as_written(qtbot: QtBot, canary: Path) -> None:
    label = plain_label(markup(canary))
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == markup(canary)
    assert not has_red(grabbed(qtbot, label))


@pytest.mark.parametrize(
    "text",
    [
        '<img src="/etc/hostname"> and more',
        "&lt;img src=x&gt; entities stay as typed",
        "<b>two</b>\nlines",
        "a < b & c > d",
    ],
)
def test_a_tooltip_shows_markup_as_written(qtbot: QtBot, text: str) -> None:
    make_app()
    shown = QLabel(tip(text))  # how Qt shows a tooltip: a label guessing the format
    qtbot.addWidget(shown)
    if QtGui.Qt.mightBeRichText(shown.text()):
        document = QTextDocument()
        document.setHtml(shown.text())
        assert document.toPlainText() == text
    else:
        assert shown.text() == text


def test_a_plain_tooltip_is_left_alone() -> None:
    assert tip("Read about ways of feeling") == "Read about ways of feeling"


def test_a_message_box_shows_its_text_and_details_as_written(qtbot: QtBot) -> None:
    make_app()
    box = message_box(None, "Title", '<img src="a">', details='<img src="b">')
    qtbot.addWidget(box)
    labels = {label.text(): label.textFormat() for label in box.findChildren(QLabel)}
    assert labels['<img src="a">'] == Qt.TextFormat.PlainText
    assert labels['<img src="b">'] == Qt.TextFormat.PlainText
    assert box.icon() == QMessageBox.Icon.NoIcon
