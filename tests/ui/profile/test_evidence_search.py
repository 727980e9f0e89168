"""Search finds words in evidence notes, kept current, and a result opens My profile there."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from companion.notes.records import Rating
from companion.search.documents import evidence_key
from companion.ui.shell.window import MainWindow
from tests.ui.notes.support import model_of
from tests.ui.search.test_controller import ready, results, type_query


def test_an_evidence_result_opens_my_profile_at_its_dimension(
    qtbot: QtBot, win: MainWindow
) -> None:
    search = ready(qtbot, win)
    model = model_of(win)
    type_query(qtbot, search, "fishbowl")
    qtbot.waitUntil(lambda: search.popup.message.isVisible() and not search.popup.rows)
    saved = model.add_assessment(
        [Rating(dimension="ways-of-relating", level="often", evidence="Ran a *fishbowl* session")]
    )
    key = evidence_key(saved.id, "ways-of-relating")
    qtbot.waitUntil(lambda: key in results(search))  # the live index follows the model
    search.open_row(results(search).index(key))
    profile = win.features.profile
    assert win.tabs.currentWidget() is profile.page
    view = profile.view
    assert view is not None
    assert view.rows[3].evidence.hasFocus()
    assert view.prompt_title.text() == "Ask yourself: Ways of relating"
    assert "Ran a fishbowl session" in view.history.toPlainText()
    # Deleted: no longer found.
    model.delete_assessment(saved.id)
    search.edit.clear()
    type_query(qtbot, search, "fishbowl")
    qtbot.waitUntil(lambda: search.popup.message.isVisible() and not search.popup.rows)
