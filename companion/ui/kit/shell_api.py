"""What the window offers a feature: the one way notes, highlights, copies and search reach it.

A feature is given a ``Shell`` (the study window is one) and never imports the window,
nor another feature: where one needs another (search needs the open notes, highlights
need the notes' undo stack and the learner's copies), the shell's wiring
(``companion.ui.shell.wiring``) hands each the little it needs, described by a small
Protocol in the feature that needs it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QUrl, SignalInstance
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from companion.bundle.model import Bundle
from companion.ui.reading.tabs import LazyTab, StudyTab

if TYPE_CHECKING:
    from companion.ui.kit.background import BackgroundWork

#: How long a feature's message stays in the status bar.
MESSAGE_MS = 8000


class Shell(Protocol):
    """The study window, as the features see it."""

    @property
    def host(self) -> QMainWindow:
        """The window as a Qt object: the parent of a feature's dialogs and popups, the
        owner of its shortcut actions, and what it may watch for events (first paint,
        resize, close). Not a way to reach the window's own attributes."""
        ...

    @property
    def bundle(self) -> Bundle:
        """The bundle shown."""
        ...

    @property
    def folder(self) -> Path:
        """The bundle's folder (its notes are found from it)."""
        ...

    @property
    def background(self) -> BackgroundWork:
        """The window's one owner of background work: its threads and its worker process."""
        ...

    @property
    def titles(self) -> Mapping[str, str]:
        """Each item's title, by id, in the bundle shown."""
        ...

    @property
    def slots(self) -> Sequence[LazyTab]:
        """The study tabs in order, built or not (each knows its items' ids)."""
        ...

    @property
    def sig_tab_built(self) -> SignalInstance:
        """A study tab was built (its ``StudyTab``): features join its reading pane."""
        ...

    def current_tab(self, *, build: bool = True) -> StudyTab | None:
        """The tab shown (None when ``build`` is False and it is not built yet)."""
        ...

    def tab_for(self, item_id: str) -> StudyTab | None:
        """The tab holding ``item_id``, built if need be (None: no tab holds it)."""
        ...

    def current_location(self) -> str | None:
        """The item shown."""
        ...

    def navigate(self, item_id: str, *, record: bool = True) -> bool:
        """Show ``item_id`` in its tab (``record``: in the back/forward history)."""
        ...

    def open_link(self, url: QUrl) -> bool:
        """Follow a link from a text: an item, a web or mail address, or refused."""
        ...

    def show_message(self, text: str, ms: int) -> None:
        """Say ``text`` in the status bar for ``ms`` milliseconds."""
        ...

    def add_status_widget(self, widget: QWidget) -> None:
        """Keep ``widget`` at the right of the status bar."""
        ...

    def add_bar(self, widget: QWidget) -> None:
        """Put ``widget`` above the study tabs (the notes' banners)."""
        ...

    def add_to_toolbar(self, widget: QWidget) -> None:
        """Put ``widget`` at the end of the navigation toolbar."""
        ...

    def add_page(self, name: str, widget: QWidget, tip: str) -> None:
        """Add ``widget`` as a tab after the study tabs (kept when the bundle changes)."""
        ...

    def show_page(self, widget: QWidget) -> None:
        """Bring the tab of a page added with ``add_page`` forward."""
        ...

    def menu(self, name: str) -> QMenu:
        """The menu called ``name`` ("File", "Edit", "View", "Notes", "Go" or "Help")."""
        ...
