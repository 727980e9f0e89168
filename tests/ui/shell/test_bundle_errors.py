"""An invalid bundle gets a readable dialog that offers the shipped bundle, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from companion.paths import shipped_bundle_dir
from companion.qt.app import make_app
from companion.ui.shell.app import open_bundle
from companion.ui.shell.bundle_errors import BundleErrorDialog
from tests.bundle.samples import MINIMAL


def _broken_bundle(tmp_path: Path) -> Path:
    text = MINIMAL.replace("    gloss:", "    glos:").replace("language: en", "language: 7")
    (tmp_path / "bundle.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _answer_dialog(qtbot: QtBot, accept: bool, seen: list[str]) -> None:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BundleErrorDialog)
        seen.append(dialog.details.toPlainText())
        seen.append(dialog.accept_button.text())
        if accept:
            dialog.accept_button.click()
        else:
            dialog.reject()

    QTimer.singleShot(0, answer)


def test_invalid_bundle_lists_every_error_and_offers_the_shipped_one(
    qtbot: QtBot, tmp_path: Path
) -> None:
    make_app()
    folder = _broken_bundle(tmp_path)
    seen: list[str] = []
    _answer_dialog(qtbot, True, seen)
    result = open_bundle(folder)
    details, button = seen
    assert f"{folder / 'bundle.yaml'}:5:11: expected text, found the number 7" in details
    assert "unknown key 'glos'; did you mean 'gloss'?" in details
    assert "    5 | language: 7" in details  # the offending line, quoted
    assert len([line for line in details.splitlines() if not line.startswith(" ")]) == 3
    assert button == "OK"
    assert result is not None
    bundle, opened = result
    assert opened == shipped_bundle_dir() and bundle.id == "touchpoint-7"


def test_declining_opens_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    make_app()
    seen: list[str] = []
    _answer_dialog(qtbot, False, seen)
    assert open_bundle(_broken_bundle(tmp_path)) is None
    assert seen


def test_missing_folder_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    make_app()
    seen: list[str] = []
    _answer_dialog(qtbot, False, seen)
    assert open_bundle(tmp_path / "gone") is None
    assert "no such bundle folder" in seen[0]


def test_a_folder_named_like_html_is_shown_as_named(qtbot: QtBot, tmp_path: Path) -> None:
    make_app()
    folder = tmp_path / '<img src="canary.png">'
    folder.mkdir()
    dialog = BundleErrorDialog(folder, ["a problem"], "Open the shipped bundle")
    qtbot.addWidget(dialog)
    assert dialog.folder.textFormat() == Qt.TextFormat.PlainText
    assert dialog.folder.text().startswith(f"{folder} has 1 problem;")


@pytest.mark.timeout(60)  # the window froze for minutes laying out such a word
def test_a_word_too_long_to_show_gets_the_dialog_not_a_frozen_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    make_app()
    word = "w" * 10 * 2**20
    (tmp_path / "bundle.yaml").write_text(MINIMAL.replace("Some study text.", word))
    seen: list[str] = []
    _answer_dialog(qtbot, False, seen)
    assert open_bundle(tmp_path) is None
    details, _button = seen
    problem, quoted = details.split("\n")
    assert problem == (
        f"{tmp_path / 'bundle.yaml'}:10:17: the text has 10,485,760 characters without a space "
        "or line break (from character 1); at most 5,000 are allowed, as longer text cannot be "
        "wrapped and would freeze the window (at readings[0].study_text)"
    )
    assert quoted.startswith("    10 |     study_text: www") and quoted.endswith("w …")
    assert len(quoted) < 200  # the quote is cut, not the 10 MiB word


def test_learners_read_one_sentence_and_press_one_ok(qtbot: QtBot, tmp_path: Path) -> None:
    make_app()
    folder = _broken_bundle(tmp_path)
    text = folder / "bundle.yaml"
    problems = [
        f"{text}:5:11: expected text, found the number 7\n    5 | language: 7",
        f"{text}:18:5: unknown key 'glos'",
    ]
    dialog = BundleErrorDialog(folder, problems, "The bundle you had open stays open")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.message.text() == (
        "This bundle has mistakes in it, so Companion cannot open it. "
        "The bundle you had open stays open."
    )
    [ok] = dialog.findChildren(QDialogButtonBox)[0].buttons()
    assert ok is dialog.accept_button and ok.text() == "OK" and dialog.accept_button.isDefault()
    # The details are for the bundle's author: hidden until asked for.
    assert not dialog.details.isVisible() and not dialog.copy.isVisible()
    dialog.toggle.click()
    qtbot.waitUntil(dialog.details.isVisible)
    assert dialog.toggle.text() == "Hide details"
    assert dialog.details.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    assert "5 | language: 7" in dialog.details.toPlainText()
    QApplication.clipboard().clear()
    dialog.copy.click()
    assert QApplication.clipboard().text() == "\n".join(problems)
    assert dialog.copy.text() == "Copied"
    dialog.toggle.click()
    qtbot.waitUntil(lambda: not dialog.details.isVisible())
