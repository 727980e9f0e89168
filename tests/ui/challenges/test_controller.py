"""My challenges on the Stacey tab: add, place by mouse and keyboard, region named at once,
list and map in step, delete to the trash and back, undo and redo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt, QUrl
from pytestqt.qtbot import QtBot

from companion.bundle.stacey_map import placement_at
from companion.notes import store
from companion.notes.model import NotesModel, empty_file
from companion.notes.records import position_of
from companion.ui.challenges.marks import STEP
from companion.ui.challenges.panel import MOVED, REGION, TITLE
from companion.ui.shell.window import MainWindow
from tests.notes.support import BUNDLE_ID, notes_file
from tests.ui.challenges.support import add, drag, model, on_stacey_tab
from tests.ui.notes.support import open_window


def test_add_then_place_by_click_and_drag_names_the_region(qtbot: QtBot, win: MainWindow) -> None:
    challenges, tab = on_stacey_tab(qtbot, win)
    notes = model(win)
    challenge_id = add(qtbot, challenges, "Merging two trusts", "Boards **disagree**.")
    added = notes.challenge(challenge_id)
    assert added is not None and added.moves == [] and added.note == "Boards **disagree**."
    panel = challenges.panel
    assert panel is not None
    row = panel.row_of(challenge_id)
    assert row is not None and row.text(REGION) == "Not placed"
    assert row.data(TITLE, Qt.ItemDataRole.AccessibleTextRole) == (
        "Merging two trusts, not placed yet"
    )
    diagram = tab.diagram
    # A click places a challenge not placed yet where the learner clicks.
    political = diagram.region_center("political-zone")
    qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=political.toPoint())
    placed = notes.challenge(challenge_id)
    assert placed is not None and len(placed.moves) == 1
    row = panel.row_of(challenge_id)
    assert row is not None and row.text(REGION) == "Political"
    assert row.data(TITLE, Qt.ItemDataRole.AccessibleTextRole) == "Merging two trusts, Political"
    assert "Political" in panel.details.toPlainText()
    assert "coalitions" in panel.details.toPlainText()  # what the region calls for
    # A drag through several points is one move, stored on release.
    start = challenges.marks.mark_center(challenge_id)  # type: ignore[union-attr]
    assert start is not None
    end = diagram.region_center("judgmental-zone")
    drag(qtbot, tab, start, end)
    moved = notes.challenge(challenge_id)
    assert moved is not None and len(moved.moves) == 2
    here = position_of(moved)
    assert here is not None
    assert placement_at(here.certainty, here.agreement).value == "agreed-not-certain"
    assert panel.row_of(challenge_id).text(REGION) == "Judgmental"  # type: ignore[union-attr]
    assert "Judgmental" in win.statusBar().currentMessage()
    # The map's name says which challenge it holds and where, for a screen reader.
    assert diagram.accessibleName().startswith("Stacey matrix: Merging two trusts, Judgmental")
    # Undo takes back the drag, then the first placing.
    win.notes.act.undo.trigger()
    assert len(notes.challenge(challenge_id).moves) == 1  # type: ignore[union-attr]
    assert panel.row_of(challenge_id).text(REGION) == "Political"  # type: ignore[union-attr]
    win.notes.act.undo.trigger()
    assert notes.challenge(challenge_id).moves == []  # type: ignore[union-attr]
    win.notes.act.redo.trigger()
    win.notes.act.redo.trigger()
    assert len(notes.challenge(challenge_id).moves) == 2  # type: ignore[union-attr]


def test_keyboard_places_and_nudges_as_one_move_and_escape_lets_go(
    qtbot: QtBot, win: MainWindow
) -> None:
    challenges, tab = on_stacey_tab(qtbot, win)
    notes = model(win)
    challenge_id = add(qtbot, challenges, "Timetable upgrade")
    diagram = tab.diagram
    diagram.setFocus()
    qtbot.keyClick(diagram, Qt.Key.Key_Right)  # not placed: the first arrow puts it mid-map
    first = notes.challenge(challenge_id)
    assert first is not None and [(m.certainty, m.agreement) for m in first.moves] == [(0.5, 0.5)]
    challenges.edits.seal()
    for key in (Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Left):
        qtbot.keyClick(diagram, key)
    nudged = notes.challenge(challenge_id)
    assert nudged is not None and len(nudged.moves) == 2  # the nudges are one dated move
    here = position_of(nudged)
    assert here is not None
    assert (here.certainty, here.agreement) == (
        round(0.5 - 3 * STEP, 4),
        round(0.5 - STEP, 4),
    )
    qtbot.keyClick(diagram, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    finer = position_of(notes.challenge(challenge_id))  # type: ignore[arg-type]
    assert finer is not None and finer.agreement == round(0.5 - STEP - 0.01, 4)
    row = challenges.panel.row_of(challenge_id)  # type: ignore[union-attr]
    assert row is not None and row.text(REGION) == "Zone of complexity"
    # One undo takes back every nudge since the first placing.
    win.notes.act.undo.trigger()
    back = notes.challenge(challenge_id)
    assert back is not None and [(m.certainty, m.agreement) for m in back.moves] == [(0.5, 0.5)]
    # Escape lets go of the challenge: the arrows choose regions again.
    qtbot.keyClick(diagram, Qt.Key.Key_Escape)
    assert challenges.selected is None
    assert challenges.panel.chosen() is None  # type: ignore[union-attr]
    with qtbot.waitSignal(diagram.sig_region_selected, timeout=1000):
        qtbot.keyClick(diagram, Qt.Key.Key_Right)
    assert len(notes.challenge(challenge_id).moves) == 1  # type: ignore[union-attr]


def test_the_zone_of_complexity_links_to_the_circled_practices(
    qtbot: QtBot, win: MainWindow
) -> None:
    challenges, tab = on_stacey_tab(qtbot, win)
    notes = model(win)
    challenge_id = add(qtbot, challenges, "Exclusions across the area")
    band = tab.diagram.region_center("zone-of-complexity")
    qtbot.mouseClick(tab.diagram, Qt.MouseButton.LeftButton, pos=band.toPoint())
    challenge = notes.challenge(challenge_id)
    assert challenge is not None
    markdown = challenges.details_markdown(challenge)
    assert "Zone of complexity" in markdown
    assert "](item:" in markdown
    panel = challenges.panel
    assert panel is not None
    html = panel.details.toHtml()
    assert 'href="item:' in html
    # Following a practice's link shows that practice.
    target = html.split('href="item:', 1)[1].split('"', 1)[0]
    panel.details.anchorClicked.emit(QUrl(f"item:{target}"))
    assert win.current_location() == target


def test_list_and_map_choose_together_and_sort_by_region_and_date(
    qtbot: QtBot, win: MainWindow
) -> None:
    challenges, tab = on_stacey_tab(qtbot, win)
    notes = model(win)
    diagram = tab.diagram
    ids = {}
    for title, region in (
        ("Chaos one", "chaos-anarchy-zone"),
        ("Simple one", "technical-rational-zone"),
        ("Political one", "political-zone"),
    ):
        ids[title] = add(qtbot, challenges, title)
        where = diagram.region_center(region) + QPointF(6, 14)
        qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=where.toPoint())
    panel, marks = challenges.panel, challenges.marks
    assert panel is not None and marks is not None
    # The map chooses: the list follows.
    center = marks.mark_center(ids["Simple one"])
    assert center is not None
    qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=center.toPoint())
    assert panel.chosen() == ids["Simple one"] and marks.selected == ids["Simple one"]
    # The list chooses: the map follows.
    chaos = panel.row_of(ids["Chaos one"])
    assert chaos is not None
    panel.list.setCurrentItem(chaos)
    assert marks.selected == ids["Chaos one"] and challenges.selected == ids["Chaos one"]
    # Sorted by region: from the origin out.
    panel.list.sortByColumn(REGION, Qt.SortOrder.AscendingOrder)
    shown = [panel.list.topLevelItem(i).text(TITLE) for i in range(3)]  # type: ignore[union-attr]
    assert shown == ["Simple one", "Political one", "Chaos one"]
    # By date: the last moved first.
    notes.move_challenge(ids["Simple one"], 0.1, 0.2)
    panel.list.sortByColumn(MOVED, Qt.SortOrder.DescendingOrder)
    first = panel.list.topLevelItem(0)
    assert first is not None and first.text(TITLE) == "Simple one"


def test_delete_goes_to_the_trash_restore_and_undo(qtbot: QtBot, win: MainWindow) -> None:
    challenges, tab = on_stacey_tab(qtbot, win)
    notes = model(win)
    challenge_id = add(qtbot, challenges, "Youth service cuts", "Nobody agrees.")
    qtbot.mouseClick(
        tab.diagram,
        Qt.MouseButton.LeftButton,
        pos=tab.diagram.region_center("chaos-anarchy-zone").toPoint(),
    )
    panel = challenges.panel
    assert panel is not None
    qtbot.mouseClick(panel.delete, Qt.MouseButton.LeftButton)
    assert notes.challenges() == [] and panel.row_of(challenge_id) is None
    assert [c.id for c in notes.trashed_challenges()] == [challenge_id]
    assert "trash" in win.statusBar().currentMessage()
    win.notes.act.undo.trigger()
    assert [c.id for c in notes.challenges()] == [challenge_id]
    win.notes.act.redo.trigger()
    win.notes.show_trash()
    trash = win.notes.trash
    assert trash is not None
    assert trash.list.item(0).text().startswith("Challenge: Youth service cuts")
    trash.list.setCurrentRow(0)
    qtbot.mouseClick(trash.restore, Qt.MouseButton.LeftButton)
    restored = notes.challenge(challenge_id)
    assert restored is not None and restored.deleted is None and len(restored.moves) == 1
    assert panel.row_of(challenge_id) is not None
    trash.close()


def test_edit_changes_title_and_note_in_one_undo_step(qtbot: QtBot, win: MainWindow) -> None:
    challenges, _tab = on_stacey_tab(qtbot, win)
    notes = model(win)
    challenge_id = add(qtbot, challenges, "Old title", "old note")
    challenges.edit_challenge()
    dialog = challenges.dialog
    assert dialog is not None and dialog.title.text() == "Old title"
    dialog.title.setText("  New\ntitle ")
    dialog.note.setPlainText("<b>new</b> note")
    dialog.accept()
    edited = notes.challenge(challenge_id)
    assert edited is not None and (edited.title, edited.note) == ("New title", "<b>new</b> note")
    assert "<b>new</b> note" in challenges.panel.details.toPlainText()  # type: ignore[union-attr]
    win.notes.act.undo.trigger()
    back = notes.challenge(challenge_id)
    assert back is not None and (back.title, back.note) == ("Old title", "old note")


def test_ctrl_arrows_in_the_list_move_the_chosen_challenge(qtbot: QtBot, win: MainWindow) -> None:
    """A keyboard user need not leave the list: Ctrl+arrow keys nudge the chosen one."""
    challenges, _tab = on_stacey_tab(qtbot, win)
    notes = model(win)
    challenge_id = add(qtbot, challenges, "Keyboard only")
    panel = challenges.panel
    assert panel is not None
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    here = position_of(notes.challenge(challenge_id))  # type: ignore[arg-type]
    assert here is not None and (here.certainty, here.agreement) == (0.5, round(0.5 + STEP, 4))
    assert panel.chosen() == challenge_id  # the list kept its choice
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert [c.id for c in notes.trashed_challenges()] == [challenge_id]


def test_hostile_text_and_a_drag_off_the_map(qtbot: QtBot, win: MainWindow) -> None:
    challenges, tab = on_stacey_tab(qtbot, win)
    notes = model(win)
    title = '<img src="file:///etc/passwd"> **bold** [x](javascript:alert(1))'
    challenge_id = add(qtbot, challenges, title, "<script>alert(1)</script>")
    panel = challenges.panel
    assert panel is not None
    shown = panel.details.toPlainText()
    assert title in shown and "<script>alert(1)</script>" in shown
    assert "href" not in panel.details.toHtml()  # no link made of the learner's text
    diagram = tab.diagram
    qtbot.mouseClick(
        diagram, Qt.MouseButton.LeftButton, pos=diagram.region_center("political-zone").toPoint()
    )
    start = challenges.marks.mark_center(challenge_id)  # type: ignore[union-attr]
    assert start is not None
    drag(qtbot, tab, start, QPointF(diagram.width() + 300, diagram.height() + 300))
    here = position_of(notes.challenge(challenge_id))  # type: ignore[arg-type]
    assert here is not None and (here.certainty, here.agreement) == (1.0, 0.0)


def test_read_only_notes_show_challenges_but_nothing_moves(
    qtbot: QtBot, folder: Path, settings_file: Path
) -> None:
    path = notes_file(folder)
    data = NotesModel(empty_file(BUNDLE_ID))
    placed = data.add_challenge("Seen, not moved", position=(0.2, 0.2))
    store.save_notes(path, data.snapshot())
    lock = path.with_name(path.name + ".lock")
    lock.write_text("4242\ncompanion\nlibrary-pc\n")
    window = open_window(qtbot, folder, settings_file, writable=False)
    challenges, tab = on_stacey_tab(qtbot, window)
    panel, marks = challenges.panel, challenges.marks
    assert panel is not None and marks is not None
    qtbot.waitUntil(lambda: panel.row_of(placed.id) is not None)
    assert not panel.add.isEnabled() and not panel.delete.isEnabled()
    start = marks.mark_center(placed.id)
    assert start is not None
    drag(qtbot, tab, start, tab.diagram.region_center("chaos-anarchy-zone"))
    tab.diagram.setFocus()
    qtbot.keyClick(tab.diagram, Qt.Key.Key_Right)
    now = model(window).challenge(placed.id)
    assert now is not None and now.moves == placed.moves
    lock.unlink()


def test_a_new_version_of_the_bundle_builds_the_list_again(
    qtbot: QtBot, win: MainWindow, folder: Path
) -> None:
    """The tabs are taken down and built anew; the challenges follow into the new tab."""
    from companion.bundle import load_bundle

    challenges, old_tab = on_stacey_tab(qtbot, win)
    challenge_id = add(qtbot, challenges, "Survives a reload")
    old_panel = challenges.panel
    win.set_bundle(load_bundle(folder), folder)
    qtbot.waitUntil(lambda: challenges.panel is not old_panel)
    model(win).add_challenge("Added while no Stacey tab is built")  # nothing to refresh: no error
    new_challenges, new_tab = on_stacey_tab(qtbot, win)
    assert new_tab is not old_tab and new_challenges is challenges
    panel = challenges.panel
    assert panel is not None and panel is not old_panel
    qtbot.waitUntil(lambda: panel.row_of(challenge_id) is not None)
    assert panel.list.topLevelItemCount() == 2
