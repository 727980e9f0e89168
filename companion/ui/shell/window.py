"""The study window: tabs over one bundle, menus, history, zoom and theme."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from companion.bundle.history import History
from companion.bundle.model import Bundle, Dimension, Item, Stacey
from companion.bundle.pages import SAFE_LINK_SCHEMES, PageBuilder
from companion.ui.kit.theme import ThemeChoice, apply_theme, confirm_system_theme, system_is_dark
from companion.ui.reading.tabs import LazyTab, ListTab, StudyTab
from companion.ui.shell import actions
from companion.ui.shell.docks import NotesDocks, make_docks, several_open, tabs_on_top
from companion.ui.shell.settings import Settings
from companion.ui.shell.steps import Steps

if TYPE_CHECKING:
    # Names for annotations only: each Qt type costs start-up when first named at run
    # time; and the notes and search are built just after the first paint.
    from PySide6.QtGui import QCloseEvent, QPaintEvent

    from companion.notes.model import NotesFile
    from companion.ui.notes.controller import NotesUi
    from companion.ui.search.controller import SearchController

ZOOM_RANGE = range(-4, 11)


class MainWindow(QMainWindow):
    """Shows one bundle; the bundle model never knows about this view."""

    #: The learner asked to open another bundle folder.
    sig_open_bundle = Signal(Path)

    def __init__(self, bundle: Bundle, folder: Path, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.history = History()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(False)
        self.tabs.setAccessibleName("Study tabs")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.slots: list[LazyTab] = []
        self.zoom = settings.zoom()
        self.bundle = bundle
        self.folder = folder
        self._navigating = False
        self._notes: NotesUi | None = None
        self._search: SearchController | None = None
        self._later = self._start_steps()
        self.act = actions.build(self)
        central = QWidget()
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._build_toolbar()
        self.docks = make_docks(self)
        self.statusBar().showMessage("Ready", 2000)
        self.set_bundle(bundle, folder)
        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        state = settings.window_state()
        if state is not None:
            self.restoreState(state)
        if several_open(self.docks):  # their tabs show at the first paint
            tabs_on_top(self)

    # -- what starts after the first paint ---------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._later.start()

    def _start_steps(self) -> Steps:
        """The notes (panels, menus, the session) and search, added after the first paint.

        In steps, so that the window answers between them: each import or build
        takes tens of milliseconds.
        """

        def load(module: str) -> Callable[[], object]:
            return partial(import_module, module)

        return Steps(
            [
                partial(tabs_on_top, self),  # the first paint did without (see docks)
                self._check_theme_guess,
                load("companion.yamlio"),
                load("companion.notes.store"),  # the notes file format
                load("companion.ui.highlights.view"),
                load("companion.ui.highlights.panel"),
                load("companion.ui.notes.item"),
                load("companion.ui.highlights.controller"),
                load("companion.ui.notes.controller"),
                # One panel per step: together they took 45-80 ms.
                *(partial(self._build_panel, name) for name in NotesDocks.__struct_fields__),
                self._add_notes,
                load("companion.ui.notes.session"),
                self._open_notes,
                self._notes_on_tabs,
                load("companion.ui.search.controller"),
                self._add_search,
            ],
            self,
        )

    def _check_theme_guess(self) -> None:
        """The first paint guessed at a "System" theme (see theme): Qt's hint decides now."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            confirm_system_theme(app, self.settings.theme())

    def finish_start(self) -> None:
        """Add the notes and search now (each is added in steps after the first paint)."""
        self._later.run_all()

    def _build_panel(self, name: str) -> None:
        from companion.ui.notes.controller import build_panel

        build_panel(self.docks, name)

    def _add_notes(self) -> None:
        from companion.ui.notes.controller import NotesUi

        notes = NotesUi(self, self.docks)
        self._column.insertWidget(0, notes.bars)
        notes.fill_edit_menu(self.edit_menu)
        notes.fill_view_menu(self.view_menu)
        notes.fill_notes_menu(self.notes_menu)
        self._notes = notes

    def _open_notes(self) -> None:
        self.notes.open(self.bundle, self.folder)  # before tabs join: it forgets those it knew

    def _notes_on_tabs(self) -> None:
        notes = self.notes
        for slot in self.slots:
            if slot.is_built():
                notes.tab_built(slot.content())
        notes.show_item(self.current_location())

    def _add_search(self) -> None:
        from companion.ui.search.controller import install_search

        # Last: it needs the navigation toolbar, the Edit menu and the notes.
        self._search = install_search(self)

    @property
    def started(self) -> bool:
        """The notes and search are in."""
        return self._later.done

    @property
    def notes(self) -> NotesUi:
        if self._notes is None:
            self.finish_start()
        assert self._notes is not None
        return self._notes

    @property
    def search(self) -> SearchController:
        if self._search is None:
            self.finish_start()
        assert self._search is not None
        return self._search

    # -- content -----------------------------------------------------------
    def set_bundle(self, bundle: Bundle, folder: Path) -> None:
        self.bundle = bundle
        self.folder = folder
        self.history = History()
        self.setWindowTitle(f"{bundle.title} — Companion")
        self.tabs.blockSignals(True)
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if widget is not None:
                widget.deleteLater()
        pages = PageBuilder(bundle)
        self.slots = []
        if bundle.definitions:
            self._add_tab(
                "Definitions",
                bundle.definitions,
                lambda: ListTab("Definitions", bundle.definitions, pages),
            )
        if bundle.dimensions:
            self._add_tab(
                "Six Dimensions",
                bundle.dimensions,
                lambda: dimensions_tab("Six Dimensions", bundle.dimensions, pages),
            )
        if (stacey := bundle.stacey) is not None:
            self._add_tab(
                "Stacey Model",
                [stacey, *stacey.regions],
                lambda: stacey_tab("Stacey Model", stacey, pages),
            )
        if bundle.readings:
            self._add_tab(
                "Readings", bundle.readings, lambda: ListTab("Readings", bundle.readings, pages)
            )
        if bundle.voices:
            self._add_tab("Voices", bundle.voices, lambda: ListTab("Voices", bundle.voices, pages))
        self.tabs.blockSignals(False)
        if self._notes is not None:
            self._notes.open(bundle, folder)
        actions.update_tab_actions(self)
        self._apply_zoom()
        self.settings.add_recent(folder)
        actions.update_recent_menu(self)
        last_tab, last_item = self.settings.last_location(bundle.id)
        if last_item and self._slot_for(last_item):
            self.navigate(last_item)
        else:
            self.tabs.setCurrentIndex(min(max(last_tab, 0), max(self.tabs.count() - 1, 0)))
            self._fill(self.current_tab())
            self._record(self.current_location())
        self._update_history_actions()
        if self._notes is not None:
            self._notes.show_item(self.current_location())

    def _add_tab(self, name: str, items: Sequence[Item], build: Callable[[], StudyTab]) -> None:
        slot = LazyTab(name, [item.id for item in items], build)
        slot.built.append(self._wire)
        self.slots.append(slot)
        self.tabs.addTab(slot, name)
        self.tabs.setTabToolTip(self.tabs.count() - 1, f"{name} (Ctrl+{self.tabs.count()})")

    def _wire(self, tab: StudyTab) -> None:
        tab.sig_item_shown.connect(self._item_shown)
        tab.pane.sig_link_activated.connect(self.open_link)
        tab.pane.sig_open_online.connect(self.open_link)
        tab.pane.set_zoom(self.zoom)
        if self._notes is not None:
            self._notes.tab_built(tab)

    @property
    def study_tabs(self) -> list[StudyTab]:
        """Every tab's content (building any not yet built)."""
        return [slot.content() for slot in self.slots]

    def _slot_for(self, item_id: str) -> LazyTab | None:
        return next((s for s in self.slots if item_id in s.item_ids), None)

    def tab_for(self, item_id: str) -> StudyTab | None:
        slot = self._slot_for(item_id)
        return slot.content() if slot else None

    def current_tab(self) -> StudyTab | None:
        widget = self.tabs.currentWidget()
        return widget.content() if isinstance(widget, LazyTab) else None

    def current_location(self) -> str | None:
        tab = self.current_tab()
        return tab.current_item() if tab else None

    # -- navigation --------------------------------------------------------
    def navigate(self, item_id: str, *, record: bool = True) -> bool:
        """Show ``item_id`` in its tab; returns False when no tab holds it."""
        slot = self._slot_for(item_id)
        if slot is None:
            return False
        self._navigating = True
        try:
            self.tabs.setCurrentWidget(slot)
            slot.content().show_item(item_id)
        finally:
            self._navigating = False
        if record:
            self._record(item_id)
        self._remember()
        return True

    def go_to_tab(self, index: int) -> None:
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)
            tab = self.current_tab()
            if tab is not None:
                tab.setFocus()

    def go_back(self) -> None:
        target = self.history.back()
        if target:
            self.navigate(target, record=False)
        self._update_history_actions()

    def go_forward(self) -> None:
        target = self.history.forward()
        if target:
            self.navigate(target, record=False)
        self._update_history_actions()

    def _record(self, item_id: str | None) -> None:
        if item_id:
            self.history.visit(item_id)
        self._update_history_actions()

    def _item_shown(self, item_id: str) -> None:
        self._record(item_id)
        self._remember()

    def _fill(self, tab: StudyTab | None) -> None:
        # Tabs render their first item when first shown, not all at start-up.
        if tab is not None and tab.current_item() is None and tab.item_ids():
            tab.show_item(tab.item_ids()[0])

    def _tab_changed(self, _index: int) -> None:
        if not self._navigating:
            self._fill(self.current_tab())
            self._record(self.current_location())
            self._remember()

    def _update_history_actions(self) -> None:
        self.act.back.setEnabled(self.history.can_go_back())
        self.act.forward.setEnabled(self.history.can_go_forward())

    def _remember(self) -> None:
        self.settings.set_last_location(
            self.bundle.id, self.tabs.currentIndex(), self.current_location()
        )
        if self._notes is not None:
            self._notes.show_item(self.current_location())

    # -- links -------------------------------------------------------------
    def open_link(self, url: QUrl) -> bool:
        """``item:`` links navigate; web and mail links open outside; others are refused."""
        text = url.toString()
        if url.scheme() == "item":
            target = url.path() or text.removeprefix("item:")
            if self.navigate(target):
                return True
            self.statusBar().showMessage(f"No item '{target}' in this bundle", 5000)
            return False
        if text.lower().startswith(SAFE_LINK_SCHEMES):
            opened = QDesktopServices.openUrl(url)
            message = f"Opened {text} in your browser" if opened else f"Could not open {text}"
            self.statusBar().showMessage(message, 5000)
            return bool(opened)
        self.statusBar().showMessage(f"Refused to open {text}: only web and mail links open", 5000)
        return False

    # -- the one-page summary ---------------------------------------------
    def _summary_notes(self) -> NotesFile | None:
        session = self._notes.session if self._notes is not None else None
        return session.model.snapshot() if session is not None else None

    def print_summary(self) -> None:
        from companion.ui.summary.dialogs import print_summary_dialog

        if print_summary_dialog(self, self.bundle, self._summary_notes()):
            self.statusBar().showMessage("Summary sent to the printer", 5000)

    def preview_summary(self) -> None:
        from PySide6.QtCore import Qt

        from companion.ui.summary.dialogs import SummaryPreview

        preview = SummaryPreview(self, self.bundle, self._summary_notes())
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.open()

    def export_summary(self) -> None:
        from companion.ui.summary.dialogs import export_pdf_dialog

        path = export_pdf_dialog(self, self.bundle, self._summary_notes())
        if path is not None:
            self.statusBar().showMessage(f"Summary saved as {path}", 8000)

    # -- zoom and theme ----------------------------------------------------
    def set_zoom(self, steps: int) -> None:
        self.zoom = min(max(steps, ZOOM_RANGE.start), ZOOM_RANGE.stop - 1)
        self.settings.set_zoom(self.zoom)
        self._apply_zoom()
        self.statusBar().showMessage(f"Text size {round(100 * 1.1**self.zoom)}%", 2000)

    def _apply_zoom(self) -> None:
        for slot in self.slots:
            if slot.is_built():
                slot.content().pane.set_zoom(self.zoom)

    def choose_theme(self, choice: ThemeChoice) -> None:
        self.settings.set_theme(choice)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, choice)
        for action in self.theme_group.actions():
            action.setChecked(action.text().lower() == choice.value)

    # -- chrome ------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.act.open_bundle)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addSeparator()
        file_menu.addActions(
            [self.act.print_summary, self.act.preview_summary, self.act.export_summary]
        )
        file_menu.addSeparator()
        file_menu.addAction(self.act.quit)
        self.edit_menu = bar.addMenu("&Edit")
        view = bar.addMenu("&View")
        self.view_menu: QMenu = view
        view.addActions([self.act.zoom_in, self.act.zoom_out, self.act.zoom_reset])
        view.addSeparator()
        theme_menu = view.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        for choice in ThemeChoice:
            action = QAction(choice.value.capitalize(), self, checkable=True)
            action.setChecked(self.settings.theme() is choice)
            action.setToolTip(f"Use the {choice.value} theme")
            action.triggered.connect(lambda _=False, c=choice: self.choose_theme(c))
            self.theme_group.addAction(action)
            theme_menu.addAction(action)
        self.notes_menu = bar.addMenu("&Notes")
        go = bar.addMenu("&Go")
        go.addActions([self.act.back, self.act.forward])
        go.addSeparator()
        self.go_menu = go
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.act.shortcuts, self.act.about])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Navigation")
        toolbar.setObjectName("navigation")
        toolbar.setMovable(False)
        toolbar.addActions([self.act.back, self.act.forward])
        toolbar.addSeparator()
        toolbar.addActions([self.act.zoom_out, self.act.zoom_in])
        self.addToolBar(toolbar)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._notes is not None:
            self._notes.close()  # saves the notes and gives up their lock
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        if self.settings.theme() is ThemeChoice.SYSTEM:
            self.settings.set_system_dark(system_is_dark())  # the next start's first guess
        self._remember()
        self.settings.sync()
        super().closeEvent(event)


def icon(name: str) -> QIcon:
    from companion.paths import resources_dir

    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))


def dimensions_tab(name: str, dimensions: Sequence[Dimension], pages: PageBuilder) -> StudyTab:
    # The cards' module is imported when the tab is first shown.
    from companion.ui.reading.dimensions import DimensionsTab

    return DimensionsTab(name, dimensions, pages)


def stacey_tab(name: str, stacey: Stacey, pages: PageBuilder) -> StudyTab:
    # The diagram's module is imported when the tab is first shown.
    from companion.ui.reading.stacey import StaceyTab

    return StaceyTab(name, stacey, pages)
