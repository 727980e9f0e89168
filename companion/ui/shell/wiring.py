"""How the notes, highlights, copies and My challenges join the window and each other.

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
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from companion.bundle.model import Bundle
from companion.ui.challenges.controller import ChallengesUi
from companion.ui.copies.controller import CopiesUi
from companion.ui.highlights.controller import HighlightsUi
from companion.ui.highlights.panel import HighlightsPanel
from companion.ui.kit.panels import panel_in
from companion.ui.kit.shell_api import Shell
from companion.ui.notes.bookmarks import BookmarksPanel
from companion.ui.notes.controller import NotesUi
from companion.ui.notes.item import ItemNotesPanel
from companion.ui.notes.panel import NotesPanel
from companion.ui.profile.controller import ProfileUi
from companion.ui.reading.tabs import StudyTab
from companion.ui.shell.docks import NotesDocks

if TYPE_CHECKING:  # search is added after the notes (a later start-up step)
    from companion.search.results import ResultRow
    from companion.ui.search.controller import SearchController

PANELS: dict[str, type[QWidget]] = {
    "item": ItemNotesPanel,
    "all_notes": NotesPanel,
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
        self.notes = notes = NotesUi(shell, docks.item, docks.all_notes, docks.bookmarks)
        self.copies = copies = CopiesUi(shell)
        panel = panel_in(docks.highlights, HighlightsPanel)
        self.highlights = highlights = HighlightsUi(shell, notes, panel, docks.highlights, copies)
        self.profile = profile = ProfileUi(shell, notes)
        notes.sig_bundle_changed.connect(self._bundle_changed)
        notes.sig_model_changed.connect(highlights.bind)
        notes.sig_model_changed.connect(profile.bind)
        notes.sig_writable_changed.connect(highlights.set_writable)
        notes.sig_writable_changed.connect(profile.set_writable)
        notes.sig_moved.connect(copies.follow_notes)
        notes.item_panel.sig_highlight_activated.connect(highlights.go_to)
        copies.sig_attached.connect(highlights.copy_attached)
        self.challenges = challenges = ChallengesUi(shell, notes)
        notes.sig_model_changed.connect(challenges.bind)
        notes.sig_writable_changed.connect(challenges.set_writable)
        if notes.model is not None:
            challenges.bind(notes.model)
        file_menu = shell.menu("File")
        after = _after_summary(file_menu)
        if after is None:
            file_menu.addAction(challenges.print_action)
        else:
            file_menu.insertAction(after, challenges.print_action)
        shell.add_bar(notes.bars)
        shell.menu("Edit").addActions([notes.act.undo, notes.act.redo])
        view = shell.menu("View")
        view.addSeparator()
        view.addActions([notes.act.item_notes, notes.act.all_notes, notes.act.bookmarks])
        view.addAction(highlights.act.panel)
        view.addAction(profile.act)
        menu = shell.menu("Notes")
        menu.addActions([notes.act.toggle_bookmark, notes.act.new_note, notes.act.delete_note])
        menu.addSeparator()
        hl = highlights.act
        menu.addActions([hl.highlight, hl.highlight_note, hl.delete, hl.panel])
        menu.addAction(copies.act)
        menu.addSeparator()
        menu.addActions([notes.act.find_notes, notes.act.show_trash, notes.act.merge_copies])
        shell.sig_tab_built.connect(self.tab_built)

    def join_search(self, search: SearchController) -> None:
        """Search results of the learner's evidence open My profile at their dimension."""
        search.openers["evidence"] = self._open_evidence

    def _open_evidence(self, result: ResultRow) -> bool:
        from companion.search.documents import evidence_of

        assessment_id, dimension = evidence_of(result.key)
        return self.profile.show_evidence(assessment_id, dimension)

    def open(self, bundle: Bundle, folder: Path) -> None:
        """Another bundle (or a new version of this one) is shown: its notes are opened."""
        self.notes.open(bundle, folder)

    def _bundle_changed(self, bundle: Bundle, folder: Path) -> None:
        # Copies first: placing the highlights again reads the copies' texts.
        self.copies.set_bundle(bundle, folder)
        self.highlights.set_bundle(bundle)
        self.profile.set_bundle(bundle)

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


def _after_summary(menu: QMenu) -> QAction | None:
    """The File menu's entry after the summary's (None: the end of the menu)."""
    actions = menu.actions()
    for index, action in enumerate(actions):
        if "Export Summary" in action.text() and index + 1 < len(actions):
            return actions[index + 1]
    return None
