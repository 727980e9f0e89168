"""Bundle and note text that looks like HTML is shown as written, everywhere in the window.

A window on a bundle and a notes file whose every text carries ``<img src=...>`` and
Markdown images (``tests/hostile_text.py``): after visiting each item, note,
highlight, panel, the trash and search, no label reads such text as HTML and no
tooltip shown while hovering does. (``tests/e2e/test_outside_reads.py`` proves the
same with strace on the real app: no file outside the bundle is read.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from companion.bundle import load_bundle
from companion.bundle.model import iter_items
from companion.ui.reading.stacey import StaceyTab
from companion.ui.shell.window import MainWindow
from tests.hostile_text import BUNDLE_ID, make_canaries, write_bundle, write_notes
from tests.ui.hovering import hover, hover_all
from tests.ui.notes.support import open_window

pytestmark = [pytest.mark.slow, pytest.mark.qt_log_ignore("This plugin does not support raise")]


def read_as_html(text: str) -> bool:
    """Qt would read ``text`` as HTML, hostile image and all."""
    return "<img" in text and bool(QtGui.Qt.mightBeRichText(text))


def labels_read_as_html(roots: list[QWidget]) -> list[str]:
    found = []
    for root in roots:
        for label in root.findChildren(QLabel):
            if label.textFormat() != Qt.TextFormat.PlainText and read_as_html(label.text()):
                found.append(f"{label.objectName() or label.accessibleName()}: {label.text()}")
    return found


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, settings_file: Path) -> MainWindow:
    outside = tmp_path / "outside"
    make_canaries(outside)
    folder = write_bundle(tmp_path / "bundles" / BUNDLE_ID, outside)
    items = [item.id for _, item in iter_items(load_bundle(folder))]
    write_notes(folder.parent / f"{BUNDLE_ID}.notes.yaml", outside, items)
    return open_window(qtbot, folder, settings_file)


def test_every_label_and_tooltip_shows_hostile_text_as_written(
    qtbot: QtBot, window: MainWindow
) -> None:
    notes = window.notes
    docks = [notes.item_dock, notes.all_notes_dock, notes.bookmarks_dock, window.highlights.dock]
    for dock in docks:
        dock.show()
    labels: list[str] = []
    tips: list[str] = []
    for slot in window.slots:
        for item in slot.item_ids:
            window.navigate(item)
            tab = slot.content()
            panel = notes.item_panel
            for row in range(panel.list.count()):
                panel.list.setCurrentRow(row)
            labels += labels_read_as_html([window])
            tips += hover_all([tab.pane, panel])
            if isinstance(tab, StaceyTab):
                diagram = tab.diagram
                for region in tab.stacey.regions:
                    tips.append(hover(diagram, diagram.region_center(region.id).toPoint()))
        tips += hover_all([window])
    for dock in docks:
        dock.raise_()
        tips += hover_all([dock])
    highlights = window.highlights.panel
    for model in (highlights.rows, highlights.orphan_rows):
        for entry in model.rows:
            highlights.select(entry.highlight.id)
            labels += labels_read_as_html([highlights])
            tips += hover_all([highlights])
    notes.show_trash()
    assert notes.trash is not None
    qtbot.addWidget(notes.trash)
    for row in range(notes.trash.list.count()):
        notes.trash.list.setCurrentRow(row)
        tips += hover_all([notes.trash])
    search = window.search
    qtbot.waitUntil(lambda: search.live.index is not None and not search.live.building)
    for query in ("bold", '<img src="x"> zzqxj'):
        search.edit.setText(query)
        search.run()
        labels += labels_read_as_html([search.popup])
        tips += hover_all([search.popup])
    assert search.popup.message.text() == 'No results for “<img src="x"> zzqxj”'
    assert labels == []
    assert [t for t in tips if read_as_html(t)] == []
    # The hostile text was on show: as text.
    assert sum("&lt;img" in t for t in tips) > 100
    assert window.notes.item_panel.heading.text().startswith("On this item: ")
