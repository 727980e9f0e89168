"""The learner's own copies of readings in the window: attaching one, and reading it instead.

A reading's pane offers "Attach my copy…" (and Notes → Attach Offline Copy…),
then a switch between the study text and the copy, which stays chosen for that
reading while the bundle is open. A PDF copy opens in the system's viewer, and
only when the learner clicks. The copies themselves (where they are kept, what
they hold) are ``companion.notes.copies``; highlights are placed in them through
``plain_text`` and ``show_source``, which the shell's wiring hands to the highlights.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog

from companion.bundle.model import Bundle
from companion.notes import copies, store
from companion.qt.safe_text import SafeDocument, ask, warn
from companion.ui.kit.actions import make_action
from companion.ui.kit.shell_api import MESSAGE_MS, Shell
from companion.ui.reading.pane import ReadingPane, fill
from companion.ui.reading.tabs import StudyTab


class CopiesUi(QObject):
    """Copies of one bundle's readings, shown in the reading panes."""

    sig_attached = Signal(str)
    """A copy was attached to a reading (its item id): highlights on it are placed again."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.host)
        self.shell = shell
        self.store: copies.CopyStore | None = None
        self.bundle_id = ""
        self.readings: set[str] = set()
        #: The item shown.
        self.item: str | None = None
        #: Readings the learner switched to their own copy.
        self.shown: set[str] = set()
        self.panes: list[ReadingPane] = []
        self.act: QAction = make_action(
            shell.host,
            "Attach Offline &Copy…",
            "Keep your own copy of this reading (Markdown, text, HTML or PDF) and read it here",
            [],
        )
        self.act.triggered.connect(self.attach)

    def set_bundle(self, bundle: Bundle, folder: Path) -> None:
        """Another bundle is shown: its copies are beside its notes file."""
        self.readings = {r.id for r in bundle.readings}
        self.bundle_id = bundle.id
        notes_path = store.locate(folder, bundle.id).path
        self.store = copies.CopyStore(copies.copies_folder(notes_path, bundle.id))
        self.shown.clear()
        self.panes = []
        self._update_action()

    def follow_notes(self, notes_path: Path) -> None:
        """The notes moved (continued in the data folder): the copies are beside them now."""
        self.store = copies.CopyStore(copies.copies_folder(notes_path, self.bundle_id))

    def show_item(self, item: str | None) -> None:
        self.item = item
        self._update_action()

    def _update_action(self) -> None:
        self.act.setEnabled(self.item in self.readings)

    def add_tab(self, tab: StudyTab) -> None:
        self.add_pane(tab.pane)

    def add_pane(self, pane: ReadingPane) -> None:
        self.panes.append(pane)
        pane.sig_text_shown.connect(lambda: self._text_shown(pane))
        pane.copy_bar.sig_source_chosen.connect(lambda source: self.show_source(pane, source))
        pane.copy_bar.sig_attach.connect(self.attach)
        pane.copy_bar.sig_open_external.connect(lambda: self.open_external(pane))
        self._text_shown(pane)

    def find(self, item: str) -> copies.CopyFile | None:
        return self.store.find(item) if self.store is not None else None

    def plain_text(self, item: str) -> str | None:
        """The plain text of ``item``'s copy, as its pane shows it (None: no such copy)."""
        copy = self.find(item)
        if copy is None or not copy.shown_in_pane:
            return None
        try:
            return plain_text(copies.load(copy))
        except OSError:
            return None

    def _text_shown(self, pane: ReadingPane) -> None:
        if pane.source == "" and pane.item in self.shown and self.show_source(pane, "copy"):
            return  # showing the copy comes back here
        self._update_bar(pane)

    def _update_bar(self, pane: ReadingPane) -> None:
        if pane.item not in self.readings:
            pane.copy_bar.set_state("hidden")
            return
        copy = self.find(pane.item)
        state = "none" if copy is None else "text" if copy.shown_in_pane else "pdf"
        pane.copy_bar.set_state(state, pane.source == "copy")

    def show_source(self, pane: ReadingPane, source: str) -> bool:
        """Show the study text ("") or the learner's copy ("copy"); False if there is none."""
        if source != "copy":
            self.shown.discard(pane.item)
            if pane.source != "":
                pane.show_study_text()
            return True
        copy = self.find(pane.item)
        try:
            content = copies.load(copy) if copy is not None and copy.shown_in_pane else None
        except OSError as exc:
            self.message(f"Could not read your copy: {exc.strerror or exc}")
            content = None
        if content is None:
            self.shown.discard(pane.item)
            self._update_bar(pane)
            return False
        self.shown.add(pane.item)
        pane.show_copy(content)
        return True

    def attach(self) -> None:
        """Ask for a file and keep it as the learner's copy of the reading shown."""
        item = self.item
        if item is None or item not in self.readings or self.store is None:
            self.message("Open a reading first: a copy is attached to a reading")
            return
        window = self.shell.host
        title = self.shell.titles.get(item, item)
        name, _ = QFileDialog.getOpenFileName(
            window, f"Attach your own copy of “{title}”", str(Path.home()), copies.FILE_FILTER
        )
        if not name:
            return
        if self.store.find(item) is not None and not ask(
            window,
            "Replace your copy?",
            f"“{title}” already has your copy. Replace it? The old file is kept, renamed, "
            "beside the new one; highlights on it stay as orphans if their text is gone.",
        ):
            return
        try:
            copy = self.store.attach(item, Path(name))
        except copies.CopyProblem as exc:
            warn(window, "Attach Offline Copy", str(exc))
            return
        self.sig_attached.emit(item)
        for pane in self.panes:
            if pane.item == item:
                if copy.shown_in_pane and pane.isVisible():
                    self.show_source(pane, "copy")
                self._update_bar(pane)
        where = "shown here" if copy.shown_in_pane else "“Open my copy (PDF)” opens it"
        self.message(f"Your copy is kept in {copy.path}; {where}")

    def open_external(self, pane: ReadingPane) -> None:
        """Open the learner's PDF copy in the system's viewer (on their click only)."""
        copy = self.find(pane.item)
        if copy is not None and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy.path))):
            self.message(f"Could not open {copy.path}")

    def message(self, text: str) -> None:
        self.shell.show_message(text, MESSAGE_MS)


def plain_text(content: tuple[str, str]) -> str:
    """A copy's plain text, exactly as the reading pane's document gives it."""
    document = SafeDocument()
    fill(document, content)
    return document.toPlainText()
