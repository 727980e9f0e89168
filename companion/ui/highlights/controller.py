"""Highlights in the study window: actions, undoable commands, the panel and every pane.

It joins the views (one ``HighlightView`` per reading pane, the Highlights
panel) to the notes model through the window's undo stack, and places
highlights in the texts the bundle and the learner's copies give.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from companion.bundle.model import Bundle, Item, items_of
from companion.bundle.pages import PageBuilder
from companion.notes import copies, store
from companion.notes.anchoring import Placement, describe
from companion.notes.model import COLORS, Color, Highlight, NotesModel, highlight_of
from companion.qt.safe_text import SafeDocument, set_markdown
from companion.ui.copies.controller import CopiesUi
from companion.ui.highlights.places import HighlightPlaces, anchor_of
from companion.ui.highlights.view import HighlightView
from companion.ui.notes import commands as cmd
from companion.ui.reading.tabs import LazyTab, StudyTab
from companion.ui.shell.actions import make_action

if TYPE_CHECKING:
    from companion.ui.notes.controller import NotesUi


def as_color(name: str) -> Color | None:
    return cast(Color, name) if name in COLORS else None


@dataclass
class HighlightActions:
    highlight: QAction
    highlight_note: QAction
    delete: QAction
    panel: QAction
    attach_copy: QAction

    def shortcuts(self) -> list[QAction]:
        return [self.highlight, self.highlight_note, self.delete, self.panel]


class HighlightsUi(QObject):
    """Everything about highlights that the window shows (``NotesUi`` owns it)."""

    def __init__(self, notes: NotesUi) -> None:
        super().__init__(notes)
        self.notes = notes
        self.window = notes.window
        self.panel = notes.highlights_panel
        self.dock = notes.highlights_dock
        self.model: NotesModel | None = None
        self.places = HighlightPlaces(self)
        self.places.mover = self._move
        self.views: list[HighlightView] = []
        self.items: dict[str, Item] = {}
        self.readings: set[str] = set()
        self.bundle_id = ""
        self.pages: PageBuilder | None = None
        self.copies = CopiesUi(notes)
        self.copies.sig_attached.connect(lambda item: self.places.invalidate((item, "copy")))
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
        editor.sig_typing_done.connect(notes.seal)

    def _actions(self) -> HighlightActions:
        w = self.window
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
                [QKeySequence.StandardKey.Delete],
            ),
            panel=self.notes.toggle(self.dock, "Highlights &Panel", ["Ctrl+Shift+L"]),
            attach_copy=make_action(
                w,
                "Attach Offline &Copy…",
                "Keep your own copy of this reading (Markdown, text, HTML or PDF) and read it here",
                [],
            ),
        )
        # Only where a highlight can be chosen: elsewhere Delete belongs to what has focus.
        acts.delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        acts.highlight.triggered.connect(lambda: self.highlight())
        acts.highlight_note.triggered.connect(lambda: self.highlight(note=True))
        acts.delete.triggered.connect(lambda: self.delete())
        acts.attach_copy.triggered.connect(self.copies.attach)
        return acts

    # -- bundle and session ------------------------------------------------
    def set_bundle(self, bundle: Bundle, folder: Path) -> None:
        """A bundle (maybe a new version of the same one) is shown: texts are read again."""
        for view in self.views:
            view.bind(None)
        self.views = []
        self.items = {item.id: item for item in items_of(bundle)}
        self.readings = {r.id for r in bundle.readings}
        self.pages = PageBuilder(bundle)
        self.bundle_id = bundle.id
        location = store.locate(folder, bundle.id)
        self.copies.set_bundle(
            self.readings, copies.CopyStore(copies.copies_folder(location.path, bundle.id))
        )
        self.places.set_source(self._text)  # every highlight, orphans too, is placed again

    def follow_notes(self, notes_path: Path) -> None:
        """The notes moved (continued in the data folder): the copies are beside them now."""
        self.copies.store = copies.CopyStore(copies.copies_folder(notes_path, self.bundle_id))

    def bind(self, model: NotesModel | None) -> None:
        self.model = model
        for view in self.views:
            view.bind(model)
        self.panel.bind(model, self.notes.titles, self.places)
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
        if model is None or not self.notes.writable:
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
        self.copies.add_pane(pane)

    def view_for(self, tab: StudyTab | None) -> HighlightView | None:
        return next((v for v in self.views if tab is not None and v.pane is tab.pane), None)

    def current_view(self) -> HighlightView | None:
        """The view of the tab shown (None before it is built: this never builds one)."""
        slot = self.window.tabs.currentWidget()
        if not isinstance(slot, LazyTab) or not slot.is_built():
            return None
        return self.view_for(slot.content())

    # -- making and changing highlights --------------------------------------
    def highlight(
        self, view: HighlightView | None = None, color: str = "", note: bool = False
    ) -> None:
        """Highlight the selection in ``view`` (the current tab's) in ``color`` (the last one)."""
        view = view or self.current_view()
        model = self.model
        span = view.selection() if view is not None else None
        if view is None or model is None or span is None:
            self.notes.message("Select some text in the reading pane first, then highlight it")
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
            made = highlight_of(view.pane.item, anchor, color=chosen, text=view.pane.source)
            if not self.notes.push(cmd.AddHighlight(model, made)):
                return
            self.notes.message(f"Highlighted in {chosen} (Ctrl+Z undoes)")
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
        self.notes.seal()
        self.notes.push(cmd.EditHighlight(model, highlight_id, color=chosen))
        self.notes.seal()

    def _note_edited(self, highlight_id: str, text: str) -> None:
        if self.model is not None and self.model.highlight(highlight_id) is not None:
            self.notes.push(cmd.EditHighlight(self.model, highlight_id, note=text))

    def _tags_edited(self, highlight_id: str, tags: list[str]) -> None:
        # Typing tags is one undo step until the learner moves on, like typing the note.
        if self.model is not None and self.model.highlight(highlight_id) is not None:
            self.notes.push(cmd.EditHighlight(self.model, highlight_id, tags=tags))

    def delete(self, highlight_id: str = "") -> None:
        target = highlight_id or self._delete_target()
        model = self.model
        if not target or model is None or model.highlight(target) is None:
            self.notes.message("Choose a highlight first (click it in the text)")
            return
        if self.notes.push(cmd.DeleteHighlight(model, target)):
            self.notes.message("Highlight deleted (Ctrl+Z undoes)")
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
        self.notes.reveal(self.dock, focus=False)
        self.panel.editor.note.setFocus()

    def _chosen_in_text(self, highlight_id: str, open_note: bool) -> None:
        if highlight_id:
            self.panel.select(highlight_id)
            if open_note:
                self.notes.reveal(self.dock, focus=False)
        self.update_actions()

    def go_to(self, highlight_id: str) -> None:
        """Show a highlight in its text (its item, in the study text or the learner's copy)."""
        model = self.model
        found = model.highlight(highlight_id) if model is not None else None
        if found is None:
            return
        title = self.notes.titles.get(found.item, found.item)
        if not self.window.navigate(found.item):
            self.notes.message(f"'{found.item}' is not in this bundle; the highlight is kept")
            return
        view = self.current_view()
        if view is None:
            return
        if view.pane.source != found.text:
            self.copies.show_source(view.pane, found.text)
        reason = self.panel.orphan_reason(found)
        if reason:
            self.notes.message(f"This highlight's text was not found in “{title}”: {reason}")
            return
        view.reveal(found.id)
        view.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- state -------------------------------------------------------------
    def update_actions(self) -> None:
        writable = self.notes.writable
        view = self.current_view()
        self.act.highlight.setEnabled(writable and view is not None)
        self.act.highlight_note.setEnabled(writable and view is not None)
        self.act.delete.setEnabled(writable)
        self.act.attach_copy.setEnabled(self.notes.item in self.readings)
