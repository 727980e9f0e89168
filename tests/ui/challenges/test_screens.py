"""My challenges as the learner sees them: light and dark at 1024x640 with five challenges
(one with a trail), at 200 % text, and File → Print My Challenges… on paper."""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from companion.ui.challenges.printing import print_to
from companion.ui.kit.theme import ThemeChoice, apply_theme
from companion.ui.shell.window import MainWindow
from tests.conftest import need_program
from tests.ui.challenges.samples import FIVE
from tests.ui.challenges.support import model, on_stacey_tab


def five_challenges(window: MainWindow) -> list[str]:
    notes = model(window)
    ids = []
    for title, note, places in FIVE:
        added = notes.add_challenge(title, note, position=places[0])
        for place in places[1:]:
            notes.move_challenge(added.id, *place)
        ids.append(added.id)
    return ids


@pytest.mark.parametrize("theme", [ThemeChoice.LIGHT, ThemeChoice.DARK])
def test_five_challenges_with_a_trail_at_1024x640(
    qtbot: QtBot, win: MainWindow, tmp_path: Path, theme: ThemeChoice
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    try:
        challenges, tab = on_stacey_tab(qtbot, win)
        ids = five_challenges(win)
        panel, marks = challenges.panel, challenges.marks
        assert panel is not None and marks is not None
        panel.trail.setChecked(True)
        challenges.choose(ids[0])
        win.resize(1024, 640)
        qtbot.waitUntil(lambda: win.width() == 1024 and panel.isVisible())
        assert panel.list.topLevelItemCount() == 5
        diagram = tab.diagram
        area = QRect(QPoint(0, 0), diagram.size())
        for challenge_id in ids:
            center = marks.mark_center(challenge_id)
            assert center is not None and area.contains(center.toPoint())
        # The trail is drawn: faint ink where the challenge was first placed.
        image = marks.grab().toImage()
        first = diagram.point_at(*FIVE[0][2][0]).toPoint()
        base = diagram.palette().color(diagram.backgroundRole())
        seen = {
            image.pixelColor(first + QPoint(dx, dy)).rgb() for dx in (-1, 0, 1) for dy in (-1, 0, 1)
        }
        assert any(QColor(c) != QColor(0, 0, 0, 0) for c in seen), base
        shot = tmp_path / f"challenges-{theme.value}.png"
        assert win.grab().save(str(shot))
        assert shot.stat().st_size > 20_000
    finally:
        apply_theme(app, ThemeChoice.LIGHT)


def test_labels_keep_off_the_regions_names_the_axes_and_each_other(
    qtbot: QtBot, win: MainWindow
) -> None:
    challenges, tab = on_stacey_tab(qtbot, win)
    ids = five_challenges(win)
    notes = model(win)
    twin = notes.add_challenge("Same spot as the first", "", position=FIVE[0][2][-1])
    challenges.choose(ids[0])
    win.resize(1024, 640)
    marks = challenges.marks
    assert marks is not None
    qtbot.waitUntil(lambda: win.width() == 1024 and marks.isVisible())
    placed = marks.label_boxes(marks.label_font())
    assert set(placed) == {*ids, twin.id}
    boxes = [box for _, box in placed.values()]
    names, plot = tab.diagram.name_boxes(), tab.diagram.plot_rect()
    assert len(names) == 5
    for box in boxes:
        assert plot.contains(box)  # never over the axes' words
        assert not any(box.intersects(name) for name in names), (box, names)
    assert not any(a.intersects(b) for a, b in itertools.combinations(boxes, 2))


def test_usable_at_200_percent_text(qtbot: QtBot, win: MainWindow, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    bigger = QFont(before)
    bigger.setPointSizeF(before.pointSizeF() * 2)
    app.setFont(bigger)
    try:
        challenges, _tab = on_stacey_tab(qtbot, win)
        five_challenges(win)
        win.resize(1024, 640)
        panel = challenges.panel
        assert panel is not None
        qtbot.waitUntil(lambda: panel.list.topLevelItemCount() == 5)
        buttons = (panel.add, panel.edit, panel.delete, panel.trail)
        qtbot.waitUntil(lambda: all(b.width() >= b.minimumSizeHint().width() for b in buttons))
        # Each row says its title and region to a screen reader, whatever the column widths.
        names = {
            panel.list.topLevelItem(i).data(0, Qt.ItemDataRole.AccessibleTextRole)  # type: ignore[union-attr]
            for i in range(5)
        }
        assert "Timetable software upgrade, Technical-rational" in names
        assert win.grab().save(str(tmp_path / "challenges-200.png"))
    finally:
        app.setFont(before)


def test_file_print_my_challenges_is_one_page_with_the_notes(
    qtbot: QtBot, win: MainWindow, tmp_path: Path
) -> None:
    challenges, _tab = on_stacey_tab(qtbot, win)
    five_challenges(win)
    file_menu = win.menu("File")
    assert challenges.print_action in file_menu.actions()
    assert challenges.print_action.text() == "Print My &Challenges…"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    print_to(printer, win.bundle, challenges.challenges())
    info = subprocess.run(
        [need_program("pdfinfo"), str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:           1" in info
    text = " ".join(
        subprocess.run(
            [need_program("pdftotext"), str(out), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    for title, note, _places in FIVE:
        assert title in text
        assert note.replace("**", "") in text
