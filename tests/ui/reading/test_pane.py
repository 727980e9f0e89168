"""The reading pane: the authors' editorial notes come after the text, folded away."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from companion.bundle.model import Bundle
from companion.bundle.pages import PageBuilder
from companion.qt.app import make_app
from companion.ui.reading.pane import ReadingPane


def test_about_this_text_follows_the_study_text_and_unfolds(qtbot: QtBot, shipped: Bundle) -> None:
    make_app()
    reading = shipped.readings[0]
    assert reading.citation_note  # the shipped reading has an editorial note
    pane = ReadingPane("Readings")
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show_page(PageBuilder(shipped).page(reading), reading.id)
    pane.show()
    qtbot.waitExposed(pane)
    # Not before the text: the browser opens on the summary, and the note is not in it.
    text = pane.plain_text()
    assert text.lstrip().startswith("Online") or text.lstrip().startswith("Summary")
    assert reading.citation_note.split()[0:4] != text.split()[0:4]
    assert " ".join(reading.citation_note.split()[:6]) not in " ".join(text.split())
    # After it: below the text, one line until asked for.
    layout = pane.layout()
    assert layout is not None
    assert layout.indexOf(pane.about) > layout.indexOf(pane.browser)
    assert pane.about.isVisible() and not pane.about.note.isVisible()
    assert pane.about.geometry().top() >= pane.browser.geometry().bottom()
    pane.about.toggle.click()
    qtbot.waitUntil(pane.about.note.isVisible)
    assert pane.about.note.text() == " ".join(reading.citation_note.split())
    assert pane.about.toggle.text() == "▾ About this text"
    pane.about.toggle.click()
    qtbot.waitUntil(lambda: not pane.about.note.isVisible())


def test_an_item_without_a_note_shows_no_fold(qtbot: QtBot, shipped: Bundle) -> None:
    make_app()
    pane = ReadingPane("Six Dimensions")
    qtbot.addWidget(pane)
    pane.show_page(PageBuilder(shipped).page(shipped.dimensions[0]), shipped.dimensions[0].id)
    pane.show()
    qtbot.waitExposed(pane)
    assert not pane.about.isVisible()


def test_a_wide_pane_sets_the_text_in_a_readable_column(qtbot: QtBot, shipped: Bundle) -> None:
    from PySide6.QtGui import QFontMetricsF

    from companion.ui.reading.pane import MEASURE_CHARS

    make_app()
    pane = ReadingPane("Readings")
    qtbot.addWidget(pane)
    pane.show_page(PageBuilder(shipped).page(shipped.readings[0]), shipped.readings[0].id)
    pane.resize(1300, 700)
    pane.show()
    qtbot.waitExposed(pane)
    average = QFontMetricsF(pane.browser.document().defaultFont()).averageCharWidth()
    qtbot.waitUntil(lambda: pane.browser.viewport().width() <= average * (MEASURE_CHARS + 8) + 40)
    margins = pane.browser.viewportMargins()
    assert margins.left() == margins.right() > 0  # centred
    pane.resize(500, 700)  # narrow: the text takes the whole width again
    qtbot.waitUntil(lambda: pane.browser.viewportMargins().left() == 0)
