"""Highlights drawn in one reading pane, and what the learner does there to make and choose them.

Highlights are drawn as extra selections over the text (the document is never
edited), from the model, again whenever the text, the highlights or the theme
change. Positions in the model are code points in the pane's plain text;
``Utf16Map`` turns them into Qt's positions and back. The view only reports
what the learner asks for (signals); the window turns that into undoable
commands on the model, which the view then follows.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QHelpEvent,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPixmap,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QTextEdit

from companion.notes.anchoring import Placement
from companion.notes.model import COLORS, Change, Follower, Highlight, NotesModel
from companion.ui.highlights.margin import NoteMarks, note_tip
from companion.ui.highlights.places import HighlightPlaces
from companion.ui.highlights.toolbar import HighlightToolbar
from companion.ui.kit.text_units import Utf16Map
from companion.ui.kit.theme import current_colors, highlight_background
from companion.ui.reading.pane import ReadingPane

_REDRAW_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
#: Highlights this many code points beyond the text in view are painted too.
NEAR = 4000
#: Set on the format of every highlight's extra selection (others' are left alone).
HIGHLIGHT_PROPERTY = int(QTextFormat.Property.UserProperty) + 0x484C
#: How long to wait for Qt to lay out more of a document before painting again.
LAYOUT_WAIT_MS = 50


_ICONS: dict[tuple[str, str], QIcon] = {}


def _is_ours(selection: QTextEdit.ExtraSelection) -> bool:
    return bool(selection.format.boolProperty(HIGHLIGHT_PROPERTY))


def _laid_out(block: QTextBlock) -> bool:
    """Whether Qt has laid out ``block`` (an invalid one, past the end, counts as done).

    Asking where text is in a block Qt has not laid out yet makes it lay out the
    rest of the document at once; for a block, its next one must be laid out too.
    """
    if not block.isValid():
        return True
    layout = block.layout()
    return layout is not None and layout.lineCount() > 0


def swatch_icon(color: str) -> QIcon:
    """A small square of a highlight colour as the theme draws it, for menus and lists."""
    colors = current_colors()
    fill = highlight_background(color, colors)
    key = (fill, colors.muted)
    if key not in _ICONS:
        pixmap = QPixmap(14, 14)
        pixmap.fill(QColor(colors.muted))
        painter = QPainter(pixmap)
        painter.fillRect(1, 1, 12, 12, QColor(fill))
        painter.end()
        _ICONS[key] = QIcon(pixmap)
    return _ICONS[key]


class HighlightView(QObject):
    """The highlights of the text shown in ``pane``."""

    sig_highlight = Signal(str, bool)
    """Highlight the selection: a colour ("" for the last one used) and whether to add a note."""
    sig_chosen = Signal(str, bool)
    """A highlight was chosen in the text ("" for none), and whether to open its note now."""
    sig_recolor = Signal(str, str)
    """Give a highlight another colour (id, colour)."""
    sig_delete = Signal(str)
    """Delete a highlight (id)."""
    sig_note = Signal(str)
    """Open a highlight's note for writing (id)."""

    def __init__(
        self, pane: ReadingPane, places: HighlightPlaces, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.pane, self.browser, self.places = pane, pane.browser, places
        self.model: NotesModel | None = None
        self._follower = Follower(self._changed)
        self.text = ""
        self.units = Utf16Map("")
        #: The highlights drawn now, with where they are.
        self.drawn: list[tuple[Highlight, Placement]] = []
        self.chosen: str | None = None
        self._reveal: str | None = None
        self._pressed = False
        self._clicked = False
        #: Shown in the toolbar's tips (the "Highlight Selection" shortcut).
        self.shortcut = ""
        self.marks = NoteMarks(self.browser)
        self.toolbar = HighlightToolbar(self.browser.viewport())
        self.toolbar.sig_color.connect(self._toolbar_color)
        self.toolbar.sig_note.connect(self._toolbar_note)
        self.toolbar.sig_delete.connect(self._toolbar_delete)
        #: What the toolbar showed by when Escape put it away (it stays away from that).
        self._dismissed: tuple[tuple[int, int], str | None] | None = None
        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(0)
        self._sync_timer.timeout.connect(self._sync)
        pane.sig_text_shown.connect(self._text_shown)
        places.sig_placed.connect(self.redraw)
        #: Text cursors over the highlights painted so far (a cursor a block), by (start, end).
        self._spans: dict[tuple[int, int], list[QTextCursor]] = {}
        self._layout_timer = QTimer(self)
        self._layout_timer.setSingleShot(True)
        self._layout_timer.setInterval(LAYOUT_WAIT_MS)
        self._layout_timer.timeout.connect(self._scrolled)
        self.browser.verticalScrollBar().valueChanged.connect(self._scrolled_by_learner)
        self._viewport = self.browser.viewport()
        self._viewport.installEventFilter(self)
        self.browser.installEventFilter(self)
        self.browser.menu_hook = self._extend_menu
        self._text_shown()

    # -- model -------------------------------------------------------------
    def bind(self, model: NotesModel | None) -> None:
        self.model = model
        self._follower.follow(model)
        self.chosen = None
        self.redraw()

    def _changed(self, change: Change) -> None:
        if change.kind == "reset" or (change.kind == "highlight" and change.item == self.pane.item):
            self.redraw()

    def highlights(self) -> list[Highlight]:
        if self.model is None or not self.pane.item:
            return []
        return [h for h in self.model.highlights(self.pane.item) if h.source == self.pane.source]

    # -- drawing -----------------------------------------------------------
    def _text_shown(self) -> None:
        self.text = self.browser.toPlainText()
        self.units = Utf16Map(self.text)
        self._spans.clear()
        self.chosen = self._reveal = None
        self.toolbar.hide()
        self.redraw()

    def _in_step(self) -> bool:
        """Whether the browser still holds the text positions refer to.

        While the pane swaps texts, the scroll bar and the theme can call in before
        ``sig_text_shown`` says which text it is now.
        """
        return self.units.to_qt(len(self.text)) == self.browser.document().characterCount() - 1

    def redraw(self) -> None:
        """Place the text's highlights (what is known so far) and paint them."""
        if not self._in_step():
            return
        highlights = self.highlights()
        placements = self.places.lookup_all(self.text, highlights)
        self.drawn = [(h, p) for h, p in zip(highlights, placements, strict=True) if p and p.placed]
        if self.chosen is not None and not any(h.id == self.chosen for h, _ in self.drawn):
            self.chosen = None
        self._paint()
        if self._reveal is not None and self._placement(self._reveal) is not None:
            self.reveal(self._reveal)
        self._update_toolbar()

    def _paint(self) -> None:
        """Extra selections for the highlights in and near the part of the text in view.

        Only laid-out text is painted: a selection over text Qt has not laid out yet
        (it does that in the background) would make it lay out the whole document at
        once. Each highlight is painted block by block for the same reason; the rest
        follows as scrolling and Qt's layout reach it.
        """
        low, high = self._near_view()
        colors = current_colors()
        near = [(h, p) for h, p in self.drawn if p.end >= low and p.start <= high]
        # Shorter highlights on top of longer ones they overlap; the chosen one on top of all.
        near.sort(key=lambda d: (d[0].id == self.chosen, d[1].start - d[1].end))
        selections: list[QTextEdit.ExtraSelection] = []
        for highlight, placement in near:
            look = QTextCharFormat()
            look.setProperty(HIGHLIGHT_PROPERTY, True)
            look.setBackground(QColor(highlight_background(highlight.color, colors)))
            if highlight.id == self.chosen:
                look.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                look.setUnderlineColor(QColor(colors.text))
            for piece in self._pieces(placement.start, placement.end):
                selection = QTextEdit.ExtraSelection()
                selection.cursor = piece
                selection.format = look
                selections.append(selection)
        # Others' extra selections (search marks) are kept, above ours.
        others = [s for s in self.browser.extraSelections() if not _is_ours(s)]
        self.browser.setExtraSelections(selections + others)
        self.marks.set_marks([(h, self.units.to_qt(p.start)) for h, p in near])

    def _near_view(self) -> tuple[int, int]:
        """The code points shown now, and ``NEAR`` more either side."""
        corner = self.browser.viewport().rect().bottomRight()
        top = self.browser.cursorForPosition(QPoint(0, 0)).position()
        bottom = self.browser.cursorForPosition(corner).position()
        return self.units.from_qt(top) - NEAR, self.units.from_qt(bottom) + NEAR

    def _pieces(self, start: int, end: int) -> list[QTextCursor]:
        """Cursors over ``start``…``end``, one per block; none until its text is laid out."""
        cached = self._spans.get((start, end))
        if cached is not None:
            return cached
        document = self.browser.document()
        first, last = self.units.to_qt(start), self.units.to_qt(end)
        block = document.findBlock(first)
        pieces: list[QTextCursor] = []
        while block.isValid() and block.position() < last:
            if not (_laid_out(block) and _laid_out(block.next())):
                if self.browser.isVisible():  # Qt lays out the rest soon: look again then
                    self._layout_timer.start()
                return []
            begin = max(first, block.position())
            stop = min(last, block.position() + block.length() - 1)
            if stop > begin:
                piece = QTextCursor(document)
                piece.setPosition(begin)
                piece.setPosition(stop, QTextCursor.MoveMode.KeepAnchor)
                pieces.append(piece)
            block = block.next()
        self._spans[(start, end)] = pieces
        return pieces

    def _scrolled(self) -> None:
        if not self._in_step():
            return
        self._paint()
        self._update_toolbar()

    def _scrolled_by_learner(self) -> None:
        # The bar would slide over the text while it moves: it comes back with the next
        # click or key.
        self.toolbar.hide()
        if self._in_step():
            self._paint()

    def _cursor(self, start: int, end: int | None = None) -> QTextCursor:
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(self.units.to_qt(start))
        if end is not None:
            cursor.setPosition(self.units.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _placement(self, highlight_id: str) -> Placement | None:
        return next((p for h, p in self.drawn if h.id == highlight_id), None)

    def highlight_at(self, point: int) -> Highlight | None:
        """The (innermost) highlight drawn over code point ``point``."""
        over = [(p.end - p.start, h) for h, p in self.drawn if p.start <= point < p.end]
        return min(over, key=lambda pair: pair[0])[1] if over else None

    # -- selection and choice ----------------------------------------------
    def selection(self) -> tuple[int, int] | None:
        """The selected text as code points, without surrounding white space."""
        cursor = self.browser.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.units.from_qt(cursor.selectionStart())
        end = min(self.units.from_qt(cursor.selectionEnd()), len(self.text))
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def clear_selection(self) -> None:
        cursor = self.browser.textCursor()
        cursor.clearSelection()
        self.browser.setTextCursor(cursor)

    def choose(self, highlight_id: str | None) -> None:
        """Mark a highlight as the chosen one (drawn underlined, with the toolbar by it)."""
        if highlight_id != self.chosen:
            self.chosen = highlight_id
            self.redraw()
        else:
            self._update_toolbar()

    def reveal(self, highlight_id: str) -> None:
        """Scroll to a highlight and choose it (now, or as soon as it is placed)."""
        placement = self._placement(highlight_id)
        if placement is None:
            self._reveal = highlight_id
            return
        self._reveal = None
        self.browser.setTextCursor(self._cursor(placement.start))
        rect = self.browser.cursorRect()
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.browser.viewport().height() // 3)
        self.choose(highlight_id)

    # -- what the learner does ---------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not shiboken6.isValid(self.browser):
            return False  # the pane is being taken down
        kind = event.type()
        if watched is self._viewport and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton:
                if kind == QEvent.Type.MouseButtonPress:
                    self._pressed = True
                    self.toolbar.hide()
                elif kind == QEvent.Type.MouseButtonRelease:
                    self._pressed, self._clicked = False, True
                    self._sync_timer.start()
        elif watched is self._viewport and kind == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            return note_tip(
                event, self._viewport, lambda at: self.highlight_at(self.units.from_qt(at))
            )
        elif watched is self.browser and kind == QEvent.Type.KeyPress:
            if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
                return self._dismiss()
            self._sync_timer.start()
        elif watched is self.browser and kind == QEvent.Type.FocusOut:
            self.toolbar.hide()  # a bar by a text no longer worked in
        elif watched is self.browser and kind == QEvent.Type.FocusIn:
            QTimer.singleShot(0, self.browser, self._update_toolbar)
        elif watched is self.browser and kind in _REDRAW_EVENTS:
            QTimer.singleShot(0, self.browser, self.redraw)  # not once the pane is gone
        elif watched is self._viewport and kind in (QEvent.Type.Resize, QEvent.Type.Show):
            QTimer.singleShot(0, self.browser, self._scrolled)
        return False

    def _sync(self) -> None:
        """After a click or a key: the selection shows the toolbar; a highlight is chosen."""
        if not self._in_step():
            return
        clicked, self._clicked = self._clicked, False
        if self.selection() is not None:
            self.choose(None)
            return
        point = self.units.from_qt(self.browser.textCursor().position())
        under = self.highlight_at(point)
        new = under.id if under is not None else None
        if new != self.chosen:
            self.choose(new)
            self.sig_chosen.emit(new or "", clicked)
        elif new is not None and clicked:
            self.sig_chosen.emit(new, True)

    def _dismiss(self) -> bool:
        """Escape: the bar goes away (and stays away from this selection); True: handled."""
        if not self.toolbar.isVisible():
            return False
        self.toolbar.hide()
        self._dismissed = self._toolbar_target()
        return True

    def _toolbar_target(self) -> tuple[tuple[int, int], str | None] | None:
        """The span the bar goes by (the selection, else the chosen highlight) and the
        chosen highlight's colour (None for a selection)."""
        span = self.selection()
        if span is not None:
            return span, None
        if self.chosen is not None:
            placement = self._placement(self.chosen)
            chosen = next((h for h, _ in self.drawn if h.id == self.chosen), None)
            if placement is not None and chosen is not None:
                return (placement.start, placement.end), chosen.color
        return None

    def _update_toolbar(self) -> None:
        target = self._toolbar_target()
        if target != self._dismissed:
            self._dismissed = None
        if (
            target is None
            or self._pressed
            or self._dismissed is not None
            or not self.browser.hasFocus()
        ):
            self.toolbar.hide()
            return
        span, color = target
        above = self.browser.cursorRect(self._cursor(span[0]))
        below = self.browser.cursorRect(self._cursor(span[1]))
        area = self.browser.viewport().rect()
        if not area.intersects(QRect(above.topLeft(), below.bottomRight()).normalized()):
            self.toolbar.hide()
            return
        if color != self.toolbar.chosen or self.toolbar.isHidden():
            self.toolbar.set_mode(color, self.shortcut)
        self.toolbar.place(above, below, area)

    def _toolbar_color(self, color: str) -> None:
        if self.selection() is not None:
            self.sig_highlight.emit(color, False)
        elif self.chosen is not None:
            self.sig_recolor.emit(self.chosen, color)

    def _toolbar_note(self) -> None:
        if self.selection() is not None:
            self.sig_highlight.emit("", True)
        elif self.chosen is not None:
            self.sig_note.emit(self.chosen)

    def _toolbar_delete(self) -> None:
        if self.chosen is not None:
            self.sig_delete.emit(self.chosen)

    def _extend_menu(self, menu: QMenu, pos: QPoint) -> None:
        """Highlighting at the top of the text's context menu."""
        before = menu.actions()[0] if menu.actions() else None
        point = self.units.from_qt(self.browser.cursorForPosition(pos).position())
        selecting = self.selection() is not None
        under = None if selecting else self.highlight_at(point)

        def add(text: str, slot: Callable[[], None]) -> None:
            action = QAction(text, menu)
            action.triggered.connect(slot)
            menu.insertAction(before, action)  # type: ignore[arg-type]

        colours = QMenu(menu)
        for color in COLORS:
            action = colours.addAction(swatch_icon(color), color.capitalize())
            if under is None:
                action.triggered.connect(lambda _=False, c=color: self.sig_highlight.emit(c, False))
            else:
                action.setCheckable(True)
                action.setChecked(color == under.color)
                action.triggered.connect(
                    lambda _=False, h=under.id, c=color: self.sig_recolor.emit(h, c)
                )
        if selecting:
            colours.setTitle("&Highlight")
            menu.insertMenu(before, colours)  # type: ignore[arg-type]
            add("Highlight with &Note…", lambda: self.sig_highlight.emit("", True))
        elif under is not None:
            self.choose(under.id)
            hid = under.id
            colours.setTitle("Highlight &Colour")
            menu.insertMenu(before, colours)  # type: ignore[arg-type]
            add("Edit Highlight &Note…", lambda: self.sig_note.emit(hid))
            add("&Delete Highlight", lambda: self.sig_delete.emit(hid))
        else:
            return
        if before is not None:
            menu.insertSeparator(before)
