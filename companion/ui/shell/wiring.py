"""How the notes, highlights and copies join the window and each other.

The features never import one another: each is given the window as a ``Shell`` and,
here, the little it needs of the others. Highlights are edited through the notes'
undo stack (``HighlightEdits``) and read the learner's copies (``CopyTexts``); the
copies follow the notes file when it moves. What the notes do to the bundle shown
(open it, bind its model, turn read-only) reaches the others through the notes'
signals, connected here in the order the others must hear it.

The window imports this module after its first paint (a start-up step loads it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from companion.bundle.model import Bundle
from companion.ui.copies.controller import CopiesUi
from companion.ui.highlights.controller import HighlightsUi
from companion.ui.highlights.panel import HighlightsPanel
from companion.ui.kit.panels import panel_in
from companion.ui.kit.shell_api import Shell
from companion.ui.notes.bookmarks import BookmarksPanel
from companion.ui.notes.controller import NotesUi
from companion.ui.notes.item import ItemNotesPanel
from companion.ui.notes.panel import NotesPanel
from companion.ui.reading.tabs import StudyTab
from companion.ui.shell.docks import NotesDocks

PANELS: dict[str, type[QWidget]] = {
    "item": ItemNotesPanel,
    "notes": NotesPanel,
    "bookmarks": BookmarksPanel,
    "highlights": HighlightsPanel,
}
"""The panel of each of the ``NotesDocks``."""


def build_panel(docks: NotesDocks, name: str) -> None:
    """Put the panel of dock ``name`` into it (start-up builds them one per step)."""
    panel_in(getattr(docks, name), PANELS[name])


class Features(QObject):
    """The notes, highlights and copies of one window, joined up."""

    def __init__(self, shell: Shell, docks: NotesDocks) -> None:
        super().__init__(shell.host)
        self.notes = notes = NotesUi(shell, docks.item, docks.notes, docks.bookmarks)
        self.copies = copies = CopiesUi(shell)
        panel = panel_in(docks.highlights, HighlightsPanel)
        self.highlights = highlights = HighlightsUi(
            shell, notes, panel, docks.highlights, copies
        )
        notes.sig_bundle_changed.connect(self._bundle_changed)
        notes.sig_model_changed.connect(highlights.bind)
        notes.sig_writable_changed.connect(highlights.set_writable)
        notes.sig_moved.connect(copies.follow_notes)
        copies.sig_attached.connect(highlights.copy_attached)
        shell.add_bar(notes.bars)
        shell.menu("Edit").addActions([notes.act.undo, notes.act.redo])
        view = shell.menu("View")
        view.addSeparator()
        view.addActions([notes.act.item_notes, notes.act.all_notes, notes.act.bookmarks])
        view.addAction(highlights.act.panel)
        menu = shell.menu("Notes")
        menu.addActions([notes.act.toggle_bookmark, notes.act.new_note, notes.act.delete_note])
        menu.addSeparator()
        hl = highlights.act
        menu.addActions([hl.highlight, hl.highlight_note, hl.delete, hl.panel])
        menu.addAction(copies.act)
        menu.addSeparator()
        menu.addActions([notes.act.find_notes, notes.act.show_trash, notes.act.merge_copies])
        shell.sig_tab_built.connect(self.tab_built)

    def open(self, bundle: Bundle, folder: Path) -> None:
        """Another bundle (or a new version of this one) is shown: its notes are opened."""
        self.notes.open(bundle, folder)

    def _bundle_changed(self, bundle: Bundle, folder: Path) -> None:
        # Copies first: placing the highlights again reads the copies' texts.
        self.copies.set_bundle(bundle, folder)
        self.highlights.set_bundle(bundle)

    def tab_built(self, tab: StudyTab) -> None:
        self.notes.tab_built(tab)
        self.highlights.add_tab(tab)
        self.copies.add_tab(tab)

    def show_item(self, item: str | None) -> None:
        self.notes.show_item(item)
        self.highlights.update_actions()
        self.copies.show_item(item)

    def close(self) -> None:
        """Save and release the notes (the window closes)."""
        self.notes.close()
