"""Hovering the mouse over widgets and list rows, as far as tooltips are concerned."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QToolTip, QWidget


def hover(target: QWidget, point: QPoint) -> str:
    """Send the event a mouse resting at ``point`` sends; the tooltip Qt showed ("" for none)."""
    event = QHelpEvent(QEvent.Type.ToolTip, point, target.mapToGlobal(point))
    QApplication.sendEvent(target, event)
    QApplication.processEvents()
    shown = QToolTip.text() if QToolTip.isVisible() else ""
    QToolTip.hideText()
    return shown


def hover_all(roots: list[QWidget]) -> list[str]:
    """Hover every visible widget under ``roots`` and every row of every list: the tips shown."""
    shown: list[str] = []
    for root in roots:
        for widget in [root, *root.findChildren(QWidget)]:
            if not shiboken6.isValid(widget) or not widget.isVisible():
                continue  # gone (a list rebuilt by the last hover), or hidden
            if isinstance(widget, QAbstractItemView):
                model = widget.model()
                stack = [model.index(r, 0) for r in range(model.rowCount())]
                while stack:
                    index = stack.pop()
                    stack += [model.index(r, 0, index) for r in range(model.rowCount(index))]
                    widget.scrollTo(index)
                    rect = widget.visualRect(index)
                    if rect.isValid():
                        shown.append(hover(widget.viewport(), rect.center()))
            shown.append(hover(widget, widget.rect().center()))
    return [text for text in shown if text]
