"""The reading pane: an item's Markdown rendered by Qt, with its attribution always in view.

Bundle text is untrusted (see ``safe_text``): the browser loads no resources at
all, raw HTML stays text, images show as their descriptions, and links are
handed to the window, which decides. A reading can also show the learner's own
copy of it instead of the study text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPoint, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion.bundle.pages import Page
from companion.qt.safe_text import fragments, plain_label, refused_resource, set_markdown, tip
from companion.ui.reading.lines import LinesLabel

if TYPE_CHECKING:  # for annotations: each Qt type costs start-up when first named at run time
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QContextMenuEvent, QResizeEvent, QTextDocument
    from PySide6.QtWidgets import QTextEdit

BASE_POINT_SIZE = 11.0
#: The margin around the text, and the longest line it is set in (in average characters):
#: a wide window centres a column a reader's eye can follow back to the next line.
TEXT_MARGIN = 16
MEASURE_CHARS = 80
#: The most lines the title and the attribution above the text take.
TITLE_LINES = 2
ATTRIBUTION_LINES = 2

#: Qt.TextInteractionFlag: selectable by mouse (1) and keyboard (2), links by mouse (4)
#: and keyboard (8). Set by value through the Qt property: naming Qt's namespace at run
#: time builds all of its 93 Python enums, ~120M instructions of start-up.
BROWSER_INTERACTION = 1 | 2 | 4 | 8


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that never loads a resource and never follows a link itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The colour the text's links are drawn in (Qt fixes it when it reads the text).
        self.link_color = self.palette().color(QPalette.ColorRole.Link)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDocumentMargin(TEXT_MARGIN)
        #: When set (the reading pane), lines are kept to about MEASURE_CHARS characters.
        self.measure = False
        # Shift+arrows select text as the mouse does (to highlight it); Tab visits links.
        self.setProperty("textInteractionFlags", BROWSER_INTERACTION)
        #: Adds to the context menu (the menu, the position in the viewport).
        self.menu_hook: Callable[[QMenu, QPoint], None] | None = None

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        # Text can name images anywhere (http:, file:, //server/share, ../../etc); load none.
        return refused_resource(kind)

    def setSource(
        self,
        name: QUrl | str,
        type: QTextDocument.ResourceType | None = None,
    ) -> None:
        # Refuse navigation-by-source: it would read local files.
        return

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        offset = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        menu = self.createStandardContextMenu(event.pos() + offset)  # document coordinates
        if self.menu_hook is not None:
            self.menu_hook(menu, event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.measure:
            self.fit_measure()
        super().resizeEvent(event)

    def fit_measure(self) -> None:
        """Centre the text in a column of about MEASURE_CHARS characters when there is room."""
        from PySide6.QtGui import QFontMetricsF  # on resizes only

        widest = QFontMetricsF(self.document().defaultFont()).averageCharWidth() * MEASURE_CHARS
        # The viewport narrows (the margins either side are the browser's own background),
        # so the text's top and bottom margins and everything drawn over it stay as they are.
        bar = self.verticalScrollBar()
        room = self.width() - 2 * self.frameWidth() - (bar.width() if bar.isVisible() else 0)
        side = int(max(0.0, (room - widest - 2 * TEXT_MARGIN) / 2))
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # Polishing alone changes the palette several times before the first paint;
            # only a new link colour (a theme switch) needs the document walked.
            color = self.palette().color(QPalette.ColorRole.Link)
            if color != self.link_color:
                self.link_color = color
                recolor_links(self.document(), color)


def title_size(body: float) -> float:
    """A title's point size over text of ``body`` points: half as big again at the usual
    sizes, less so as the text grows (at 200 % it would crowd the text out)."""
    usual = BASE_POINT_SIZE * 1.5
    return max(body * 1.15, min(body * 1.5, usual + (body - BASE_POINT_SIZE) * 0.6))


def recolor_links(document: QTextDocument, color: QColor) -> None:
    """Draw the document's links in ``color``: Qt fixes their colour when it reads the text."""
    from PySide6.QtGui import QTextCharFormat, QTextCursor  # on theme switches only

    spans = []
    for fragment in fragments(document):
        fmt = fragment.charFormat()
        if fmt.isAnchor() and fmt.foreground().color() != color:
            spans.append((fragment.position(), fragment.length()))
    if not spans:
        return
    recolored = QTextCharFormat()
    recolored.setForeground(color)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for start, length in spans:
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(recolored)
    cursor.endEditBlock()


def fill(target: QTextDocument | QTextEdit, content: tuple[str, str]) -> None:
    """Fill a document or a browser with a learner's copy as ``companion.notes.copies.load``
    gives it: ("plain", text) or ("html", safe HTML). Anchoring reads the same document."""
    kind, text = content
    if kind == "plain":
        target.setPlainText(text)
    else:
        target.setHtml(text)


class CopyBar(QWidget):
    """On a reading: attach the learner's own copy, or switch between it and the study text."""

    #: "" (the study text) or "copy" was chosen.
    sig_source_chosen = Signal(str)
    sig_attach = Signal()
    """The learner asked to attach a copy."""
    sig_open_external = Signal()
    """The learner asked to open their copy (a PDF) in the system's viewer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.study = QPushButton("Study text")
        self.mine = QPushButton("My copy")
        self.group = QButtonGroup(self)
        for button, source, hint in (
            (self.study, "", "Show the study text from the bundle"),
            (self.mine, "copy", "Show your own copy of this reading (you can highlight it too)"),
        ):
            button.setCheckable(True)
            button.setObjectName("sourceSwitch")
            button.setToolTip(hint)
            button.setAccessibleName(f"Show {button.text().lower()}")
            button.clicked.connect(lambda _=False, s=source: self.sig_source_chosen.emit(s))
            self.group.addButton(button)
        self.attach = QToolButton()
        self.attach.setObjectName("panelButton")
        self.attach.setText("Attach my copy…")
        self.attach.setToolTip(
            "Attach your own offline copy of this reading (Markdown, text, HTML or PDF)"
        )
        self.attach.setAccessibleName("Attach my copy")
        self.attach.clicked.connect(self.sig_attach)
        self.open_pdf = QToolButton()
        self.open_pdf.setObjectName("panelButton")
        self.open_pdf.setText("Open my copy (PDF)")
        self.open_pdf.setToolTip("Open your PDF copy of this reading in your PDF viewer")
        self.open_pdf.setAccessibleName("Open my copy in the PDF viewer")
        self.open_pdf.clicked.connect(self.sig_open_external)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 2)
        layout.setSpacing(0)
        for widget in (self.study, self.mine):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self.attach)
        layout.addWidget(self.open_pdf)
        layout.addStretch(1)
        self.set_state("hidden")

    def set_state(self, copy: str, showing_copy: bool = False) -> None:
        """``copy``: "hidden" (not a reading), "none", "text" (shown here) or "pdf"."""
        self.setVisible(copy != "hidden")
        self.study.setVisible(copy == "text")
        self.mine.setVisible(copy == "text")
        (self.mine if showing_copy else self.study).setChecked(True)
        self.attach.setVisible(copy == "none")
        self.open_pdf.setVisible(copy == "pdf")


class AboutText(QWidget):
    """The authors' editorial note, after the text and folded away until asked for."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton()
        self.toggle.setObjectName("disclosure")
        self.toggle.setText("▸ About this text")
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setAccessibleName(f"{name}: about this text")
        self.toggle.setToolTip("What the authors of this bundle note about this text")
        self.toggle.toggled.connect(self._unfold)
        self.note = plain_label()
        self.note.setObjectName("aboutNote")
        self.note.setWordWrap(True)
        self.note.setAccessibleName(f"{name}: the authors' note on this text")
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 16, 4)
        layout.setSpacing(2)
        layout.addWidget(self.toggle)
        layout.addWidget(self.note)

    def show_note(self, text: str) -> None:
        self.note.setText(text)
        self.toggle.setChecked(False)  # each text starts folded
        self.setVisible(bool(text))

    def _unfold(self, shown: bool) -> None:
        self.toggle.setText(("▾" if shown else "▸") + " About this text")
        self.note.setVisible(shown)


class ReadingPane(QWidget):
    """Title, attribution and rendered body of one item."""

    #: A link in the text was activated (the window decides what to do with it).
    sig_link_activated = Signal(QUrl)
    #: "Open online" was clicked for this URL.
    sig_open_online = Signal(QUrl)
    #: The star beside the title was clicked (the window toggles the bookmark).
    sig_bookmark_clicked = Signal()
    sig_text_shown = Signal()
    """The browser holds another text: another item, or its study text or the learner's copy."""
    sig_left = Signal(str, int)
    """A text is left (``place_key``, and where the reading was: ``reading_position``)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._url: str | None = None
        self._page: Page | None = None
        #: The item shown, and which of its texts: "" its page, "copy" the learner's copy.
        self.item = ""
        self.source = ""
        self._zoom = 0
        #: Where the reading is (the text at the top of the view), kept there when the
        #: text reflows (a resize, a zoom); ``_holding`` while it does.
        self._top = 0
        self._holding = False
        # At most a few lines each: at large sizes they would push the text out of view.
        self.title = LinesLabel(TITLE_LINES)
        self.title.setObjectName("paneTitle")
        self.attribution = LinesLabel(ATTRIBUTION_LINES)
        self.attribution.setObjectName("attribution")
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
        self.browser.measure = True
        self.browser.setAccessibleName(f"{name} text")
        self.browser.setToolTip("")
        self.browser.anchorClicked.connect(self.sig_link_activated)
        self.browser.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.browser.viewport().installEventFilter(self)
        self.copy_bar = CopyBar()
        self.about = AboutText(name)
        self.about.hide()

        star_column = QVBoxLayout()  # the star stays by a title's first line
        star_column.addWidget(self.star)
        star_column.addStretch(1)
        header = QHBoxLayout()
        header.setSpacing(0)
        header.addLayout(star_column)
        header.addWidget(self.title, 1)
        header.addWidget(self.online)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.attribution)
        layout.addWidget(self.copy_bar)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.about)  # after the text, never before it
        self.set_zoom(0)

    def show_page(self, page: Page, item: str = "") -> None:
        self._leave()
        self._page, self.item = page, item
        self.title.setText(page.title)
        self.attribution.setText(page.attribution)
        self.attribution.setVisible(bool(page.attribution))
        self._url = page.url
        self.online.setVisible(page.url is not None)
        if page.url:
            self.online.setToolTip(tip(f"Open {page.url} in your browser"))
        self.copy_bar.set_state("hidden")
        self.about.show_note(page.about)
        self._show("", lambda: set_markdown(self.browser, page.body))

    def show_study_text(self) -> None:
        if self._page is not None:
            page = self._page
            self._leave()
            self._show("", lambda: set_markdown(self.browser, page.body))

    def show_copy(self, content: tuple[str, str]) -> None:
        """The learner's copy (as ``companion.notes.copies.load`` gives it) in place of the
        study text."""
        self._leave()
        self._show("copy", lambda: fill(self.browser, content))

    def _show(self, source: str, fill: Callable[[], None]) -> None:
        self.source = source
        # Marks over the old text would end up at the end of the new one, and clearing
        # them then would make Qt lay out the whole new text at once.
        self.browser.setExtraSelections([])
        fill()
        self.browser.verticalScrollBar().setValue(0)
        self._top = 0
        self.sig_text_shown.emit()

    # -- where the reading is ------------------------------------------------
    @property
    def place_key(self) -> str:
        """The text shown, as its reading position is remembered: the item's id, and
        ``:copy`` for the learner's copy of it."""
        return self.item + (f":{self.source}" if self.source else "")

    def reading_position(self) -> int:
        """The text at the top of the view (its first character there, in Qt's units)."""
        return self.browser.cursorForPosition(QPoint(0, 1)).position() if self._top else 0

    def go_to_position(self, position: int) -> None:
        """Scroll so that the line holding ``position`` is at the top, and keep it there."""
        self._top = max(0, min(position, self.browser.document().characterCount() - 1))
        self._put_top()

    def _put_top(self) -> None:
        from PySide6.QtGui import QTextCursor  # with a reading position only

        bar = self.browser.verticalScrollBar()
        self._holding = True
        try:
            if self._top <= 0:
                bar.setValue(0)
            else:
                cursor = QTextCursor(self.browser.document())
                cursor.setPosition(self._top)
                bar.setValue(bar.value() + self.browser.cursorRect(cursor).top())
        finally:
            self._holding = False

    def _leave(self) -> None:
        if self.item:
            self.sig_left.emit(self.place_key, self.reading_position())

    def _scrolled(self, value: int) -> None:
        if not self._holding:
            self._top = 0 if value == 0 else self.browser.cursorForPosition(QPoint(0, 1)).position()

    def _reflowed(self) -> None:
        """The text is laid out anew (a resize, a zoom): the same words at the top."""
        if not self._holding:
            self._holding = True  # until the layout is done: its scrolling is not the learner's
            QTimer.singleShot(0, self, self._put_top)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._top:
            self._reflowed()
        return False

    def set_bookmarked(self, on: bool) -> None:
        """The star beside the title: filled when the item is bookmarked."""
        before = self.star.property("bookmarked")
        self.star.setText("★" if on else "☆")
        self.star.setProperty("bookmarked", on)
        self.star.setAccessibleName("Bookmarked" if on else "Not bookmarked")
        self.star.setToolTip(
            "Bookmarked: click or press Ctrl+D to remove the bookmark"
            if on
            else "Bookmark this item (Ctrl+D)"
        )
        if before is not None and bool(before) != on:
            # Restyle for the new state (the sheet colours a bookmarked star). Not for the
            # first state: the star is styled when first shown, and asking for the style
            # here would set up its Python type before the first paint (~10 ms).
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
        self.browser.setFont(font)  # its own: the window's zoom of its widgets leaves it
        self.browser.document().setDefaultFont(font)
        self.browser.fit_measure()  # the column holds as many characters at any size
        title_font = QFont(font)
        title_font.setPointSizeF(title_size(font.pointSizeF()))
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.star.setFont(title_font)
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
        self.attribution.setFont(small)
        self.about.toggle.setFont(small)
        self.about.note.setFont(small)
        if self._top:
            self._reflowed()

    def _open_online(self) -> None:
        if self._url:
            self.sig_open_online.emit(QUrl(self._url))
