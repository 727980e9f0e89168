"""The print preview shows the summary on exactly one page."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrintPreviewWidget
from pytestqt.qtbot import QtBot

from companion.bundle import load_bundle
from companion.paths import shipped_bundle_dir
from companion.qt.app import make_app
from companion.ui.summary.dialogs import SummaryPreview
from tests.printing.test_summary_pdf import long_notes


def test_preview_has_one_page(qtbot: QtBot) -> None:
    make_app()
    bundle = load_bundle(shipped_bundle_dir())
    dialog = SummaryPreview(None, bundle, long_notes(bundle))
    qtbot.addWidget(dialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    dialog.show()
    qtbot.waitUntil(lambda: widget.pageCount() > 0)
    assert widget.pageCount() == 1
