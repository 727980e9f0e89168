"""The reading pane: an item's Markdown rendered by Qt, with its attribution always in view.

Bundle text is untrusted: the browser loads no resources at all (no remote or
local images), and links are handed to the window, which decides.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion.bundle.pages import Page

BASE_POINT_SIZE = 11.0


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that never loads a resource and never follows a link itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDocumentMargin(16)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        # Markdown can name images anywhere (http:, file:, ../../etc); load none.
        return None

    def setSource(
        self,
        name: QUrl | str,
        type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource,
    ) -> None:
        # Refuse navigation-by-source: it would read local files.
        return


class ReadingPane(QWidget):
    """Title, attribution and rendered body of one item."""

    #: A link in the text was activated (the window decides what to do with it).
    sig_link_activated = Signal(QUrl)
    #: "Open online" was clicked for this URL.
    sig_open_online = Signal(QUrl)
    #: The star beside the title was clicked (the window toggles the bookmark).
    sig_bookmark_clicked = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._url: str | None = None
        self._zoom = 0
        self.title = QLabel()
        self.title.setObjectName("paneTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(self.title.textInteractionFlags())
        self.attribution = QLabel()
        self.attribution.setObjectName("attribution")
        self.attribution.setWordWrap(True)
        self.attribution.setAccessibleName(f"{name} source and attribution")
        self.online = QPushButton("Open online")
        self.online.setToolTip("Open the source's web address in your browser")
        self.online.setAccessibleName("Open online")
        self.online.clicked.connect(self._open_online)
        self.online.hide()
        self.star = QToolButton()
        self.star.setObjectName("bookmarkStar")
        self.star.setAutoRaise(True)
        self.star.clicked.connect(self.sig_bookmark_clicked)
        self.set_bookmarked(False)
        self.browser = SafeBrowser()
        self.browser.setAccessibleName(f"{name} text")
        self.browser.setToolTip("")
        self.browser.anchorClicked.connect(self.sig_link_activated)

        header = QHBoxLayout()
        header.setSpacing(0)
        header.addWidget(self.star, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.title, 1)
        header.addWidget(self.online)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.attribution)
        layout.addWidget(self.browser, 1)
        self.set_zoom(0)

    def show_page(self, page: Page) -> None:
        self.title.setText(page.title)
        self.attribution.setText(page.attribution)
        self.attribution.setVisible(bool(page.attribution))
        self._url = page.url
        self.online.setVisible(page.url is not None)
        if page.url:
            self.online.setToolTip(f"Open {page.url} in your browser")
        self.browser.setMarkdown(page.body)
        self.browser.verticalScrollBar().setValue(0)

    def set_bookmarked(self, on: bool) -> None:
        """The star beside the title: filled when the item is bookmarked."""
        self.star.setText("★" if on else "☆")
        self.star.setProperty("bookmarked", on)
        self.star.setAccessibleName("Bookmarked" if on else "Not bookmarked")
        self.star.setToolTip(
            "Bookmarked: click or press Ctrl+D to remove the bookmark"
            if on
            else "Bookmark this item (Ctrl+D)"
        )
        self.star.style().unpolish(self.star)
        self.star.style().polish(self.star)
        self.star.setFont(self.title.font())  # polishing resets it to the style sheet's

    def is_bookmarked(self) -> bool:
        return bool(self.star.property("bookmarked"))

    def plain_text(self) -> str:
        return self.browser.toPlainText()

    def set_zoom(self, steps: int) -> None:
        self._zoom = steps
        font = QFont(self.browser.font())
        font.setPointSizeF(max(6.0, BASE_POINT_SIZE * (1.1**steps)))
        self.browser.document().setDefaultFont(font)
        title_font = QFont(font)
        title_font.setPointSizeF(font.pointSizeF() * 1.5)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.star.setFont(title_font)
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
        self.attribution.setFont(small)

    def _open_online(self) -> None:
        if self._url:
            self.sig_open_online.emit(QUrl(self._url))
