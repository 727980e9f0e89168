"""Highlights in the study window: actions, the panel and every pane.

It joins the views (one ``HighlightView`` per reading pane, the Highlights
panel) to the notes model, and places highlights in the texts the bundle and the
learner's copies give. It edits highlights through ``HighlightEdits`` (the notes'
undo stack) and reads copies through ``CopyTexts``: the shell's wiring hands it
both, so it imports neither the notes' controller nor the copies'.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget

from companion.bundle.model import Bundle, Item, items_of
from companion.bundle.pages import PageBuilder
from companion.notes.anchoring import Placement, describe
from companion.notes.model import COLORS, Color, Highlight, NotesModel, highlight_of
from companion.qt.safe_text import SafeDocument, set_markdown
from companion.ui.highlights.panel import HighlightsPanel
from companion.ui.highlights.places import HighlightPlaces, anchor_of
from companion.ui.highlights.view import HighlightView
from companion.ui.kit.actions import make_action
from companion.ui.kit.panels import reveal, toggle_action
from companion.ui.kit.shell_api import MESSAGE_MS, Shell
from companion.ui.reading.pane import ReadingPane
from companion.ui.reading.tabs import StudyTab


class HighlightEdits(Protocol):
    """Undoable edits to highlights (the notes' undo stack makes them)."""

    @property
    def writable(self) -> bool: ...

    def add_highlight(self, model: NotesModel, highlight: Highlight) -> bool: ...

    def edit_highlight(
        self,
        model: NotesModel,
        highlight_id: str,
        *,
        color: Color | None = None,
        note: str | None = None,
        tags: list[str] | None = None,
    ) -> bool: ...

    def delete_highlight(self, model: NotesModel, highlight_id: str) -> bool: ...

    def seal(self) -> None:
        """End the current typing step (the next keystroke starts a new undo step)."""
        ...


class CopyTexts(Protocol):
    """The learner's copies of readings, which highlights are placed in too."""

    def plain_text(self, item: str) -> str | None:
        """The plain text of ``item``'s copy as its pane shows it (None: no such copy)."""
        ...

    def show_source(self, pane: ReadingPane, source: str) -> bool:
        """Show the study text ("") or the learner's copy ("copy") in ``pane``."""
        ...


def as_color(name: str) -> Color | None:
    return cast(Color, name) if name in COLORS else None


@dataclass
class HighlightActions:
    highlight: QAction
    highlight_note: QAction
    delete: QAction
    panel: QAction

    def shortcuts(self) -> list[QAction]:
        return [self.highlight, self.highlight_note, self.delete, self.panel]


class HighlightsUi(QObject):
    """Everything about highlights that the window shows."""

    def __init__(
        self,
        shell: Shell,
        edits: HighlightEdits,
        panel: HighlightsPanel,
        dock: QDockWidget,
        copies: CopyTexts,
    ) -> None:
        super().__init__(shell.host)
        self.shell = shell
        self.edits = edits
        self.panel = panel
        self.dock = dock
        self.copies = copies
        self.model: NotesModel | None = None
        #: Every item's title, by id.
        self.titles: Mapping[str, str] = {}
        self.places = HighlightPlaces(self)
        self.places.mover = self._move
        self.views: list[HighlightView] = []
        self.items: dict[str, Item] = {}
        self.pages: PageBuilder | None = None
        #: The colour "Highlight Selection" uses: the one chosen last.
        self.color: Color = "yellow"
        self.act = self._actions()
        for view in (self.panel.list, self.panel.orphans):
            view.addAction(self.act.delete)
        self.panel.sig_activated.connect(self.go_to)
        self.panel.sig_chosen.connect(lambda _id: self.update_actions())
        editor = self.panel.editor
        editor.sig_note_edited.connect(self._note_edited)
        editor.sig_tags_edited.connect(self._tags_edited)
        editor.sig_color_chosen.connect(self.recolor)
        editor.sig_delete.connect(self.delete)
        editor.sig_show.connect(self.go_to)
        editor.sig_typing_done.connect(edits.seal)

    def _actions(self) -> HighlightActions:
        w = self.shell.host
        acts = HighlightActions(
            highlight=make_action(
                w,
                "&Highlight Selection",
                "Highlight the selected text, in the colour you chose last",
                ["Ctrl+H"],
            ),
            highlight_note=make_action(
                w,
                "Highlight with No&te…",
                "Highlight the selected text and write a note on it",
                ["Ctrl+Shift+H"],
            ),
            delete=make_action(
                w,
                "D&elete Highlight",
                "Delete the chosen highlight (in the text or the Highlights panel)",
                # Not the platform's Delete: on Linux it holds Ctrl+D, Toggle Bookmark's key.
                ["Del"],
            ),
            panel=toggle_action(w, self.dock, "Highlights &Panel", ["Ctrl+Shift+L"]),
        )
        # Only where a highlight can be chosen: elsewhere Delete belongs to what has focus.
        acts.delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        acts.highlight.triggered.connect(lambda: self.highlight())
        acts.highlight_note.triggered.connect(lambda: self.highlight(note=True))
        acts.delete.triggered.connect(lambda: self.delete())
        return acts

    # -- bundle and session ------------------------------------------------
    def set_bundle(self, bundle: Bundle) -> None:
        """A bundle (maybe a new version of the same one) is shown: texts are read again."""
        for view in self.views:
            view.bind(None)
        self.views = []
        self.items = {item.id: item for item in items_of(bundle)}
        self.pages = PageBuilder(bundle)
        self.titles = self.shell.titles
        self.places.set_source(self._text)  # every highlight, orphans too, is placed again

    def copy_attached(self, item: str) -> None:
        """A copy of ``item`` was attached: highlights on it are placed again."""
        self.places.invalidate((item, "copy"))

    def bind(self, model: NotesModel | None) -> None:
        self.model = model
        for view in self.views:
            view.bind(model)
        self.panel.bind(model, self.titles, self.places)
        self.update_actions()

    def set_writable(self, writable: bool) -> None:
        self.panel.editor.set_writable(writable)
        self.update_actions()

    def _text(self, item: str, kind: str) -> str | None:
        """The plain text highlights on ``(item, kind)`` are anchored in, as a pane shows it."""
        if kind == "":
            found = self.items.get(item)
            if found is None or self.pages is None:
                return None
            document = SafeDocument()
            set_markdown(document, self.pages.page(found).body)
            return document.toPlainText()
        return self.copies.plain_text(item) if kind == "copy" else None

    def _move(self, highlight: Highlight, text: str, placement: Placement) -> None:
        """A highlight was found somewhere new: record it (saved with the notes; not an edit)."""
        model = self.model
        if model is None or not self.edits.writable:
            return
        current = model.highlight(highlight.id)
        if current is not None and anchor_of(current) == anchor_of(highlight):
            model.move_highlight(highlight.id, describe(text, placement.start, placement.end))

    # -- panes -------------------------------------------------------------
    def add_tab(self, tab: StudyTab) -> None:
        pane = tab.pane
        view = HighlightView(pane, self.places, pane)
        native = QKeySequence.SequenceFormat.NativeText
        view.shortcut = self.act.highlight.shortcut().toString(native)
        view.sig_highlight.connect(lambda color, note: self.highlight(view, color, note))
        view.sig_chosen.connect(self._chosen_in_text)
        view.sig_recolor.connect(self.recolor)
        view.sig_delete.connect(self.delete)
        view.sig_note.connect(self.edit_note)
        pane.browser.addAction(self.act.delete)
        pane.sig_text_shown.connect(self.update_actions)
        view.bind(self.model)
        self.views.append(view)

    def view_for(self, tab: StudyTab | None) -> HighlightView | None:
        return next((v for v in self.views if tab is not None and v.pane is tab.pane), None)

    def current_view(self) -> HighlightView | None:
        """The view of the tab shown (None before it is built: this never builds one)."""
        return self.view_for(self.shell.current_tab(build=False))

    # -- making and changing highlights --------------------------------------
    def highlight(
        self, view: HighlightView | None = None, color: str = "", note: bool = False
    ) -> None:
        """Highlight the selection in ``view`` (the current tab's) in ``color`` (the last one)."""
        view = view or self.current_view()
        model = self.model
        span = view.selection() if view is not None else None
        if view is None or model is None or span is None:
            self.message("Select some text in the reading pane first, then highlight it")
            return
        chosen = as_color(color) or self.color
        self.color = chosen
        same = next((h for h, p in view.drawn if (p.start, p.end) == span), None)
        if same is not None:  # the same words again: give it the colour, not a twin
            if same.color != chosen:
                self.recolor(same.id, chosen)
            made = same
        else:
            anchor = describe(view.text, *span)
            made = highlight_of(view.pane.item, anchor, color=chosen, source=view.pane.source)
            if not self.edits.add_highlight(model, made):
                return
            self.message(f"Highlighted in {chosen} (Ctrl+Z undoes)")
        view.clear_selection()
        view.choose(made.id)
        self.panel.select(made.id)
        if note:
            self.edit_note(made.id)
        self.update_actions()

    def recolor(self, highlight_id: str, color: str) -> None:
        chosen = as_color(color)
        model = self.model
        if chosen is None or model is None or model.highlight(highlight_id) is None:
            return
        self.color = chosen
        self.edits.seal()
        self.edits.edit_highlight(model, highlight_id, color=chosen)
        self.edits.seal()

    def _note_edited(self, highlight_id: str, text: str) -> None:
        if self.model is not None and self.model.highlight(highlight_id) is not None:
            self.edits.edit_highlight(self.model, highlight_id, note=text)

    def _tags_edited(self, highlight_id: str, tags: list[str]) -> None:
        # Typing tags is one undo step until the learner moves on, like typing the note.
        if self.model is not None and self.model.highlight(highlight_id) is not None:
            self.edits.edit_highlight(self.model, highlight_id, tags=tags)

    def delete(self, highlight_id: str = "") -> None:
        target = highlight_id or self._delete_target()
        model = self.model
        if not target or model is None or model.highlight(target) is None:
            self.message("Choose a highlight first (click it in the text)")
            return
        if self.edits.delete_highlight(model, target):
            self.message("Highlight deleted (Ctrl+Z undoes)")
        self.update_actions()

    def _delete_target(self) -> str | None:
        """The highlight chosen where the focus is: a reading pane, else the panel."""
        focused = QApplication.focusWidget()
        for view in self.views:
            if focused is not None and (
                focused is view.browser or view.browser.isAncestorOf(focused)
            ):
                return view.chosen
        return self.panel.current

    def edit_note(self, highlight_id: str) -> None:
        """Open a highlight's note for writing in the Highlights panel."""
        self.panel.select(highlight_id)
        reveal(self.dock, focus=False)
        self.panel.editor.note.setFocus()

    def _chosen_in_text(self, highlight_id: str, open_note: bool) -> None:
        if highlight_id:
            self.panel.select(highlight_id)
            if open_note:
                reveal(self.dock, focus=False)
        self.update_actions()

    def go_to(self, highlight_id: str) -> None:
        """Show a highlight in its text (its item, in the study text or the learner's copy)."""
        model = self.model
        found = model.highlight(highlight_id) if model is not None else None
        if found is None:
            return
        title = self.titles.get(found.item, found.item)
        if not self.shell.navigate(found.item):
            self.message(f"'{found.item}' is not in this bundle; the highlight is kept")
            return
        view = self.current_view()
        if view is None:
            return
        if view.pane.source != found.source:
            self.copies.show_source(view.pane, found.source)
        reason = self.panel.orphan_reason(found)
        if reason:
            self.message(f"This highlight's text was not found in “{title}”: {reason}")
            return
        view.reveal(found.id)
        view.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- state -------------------------------------------------------------
    def message(self, text: str) -> None:
        self.shell.show_message(text, MESSAGE_MS)

    def update_actions(self) -> None:
        writable = self.edits.writable
        view = self.current_view()
        self.act.highlight.setEnabled(writable and view is not None)
        self.act.highlight_note.setEnabled(writable and view is not None)
        self.act.delete.setEnabled(writable)
