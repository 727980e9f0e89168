"""The study window: tabs over one bundle, menus, history, zoom and theme.

It is the ``Shell`` the features are given (``companion.ui.kit.shell_api``); they are
added after the first paint, in steps, by the shell's wiring (``wiring``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QFont
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QTabBar,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from companion.bundle.history import History
from companion.bundle.model import (
    STUDY_TABS,
    Bundle,
    Dimension,
    Item,
    Stacey,
    items_of,
    tab_items,
    title_of,
)
from companion.bundle.pages import SAFE_LINK_SCHEMES, PageBuilder
from companion.ui.kit.theme import ThemeChoice, apply_theme, confirm_system_theme, system_is_dark
from companion.ui.reading.tabs import LazyTab, ListTab, StudyTab
from companion.ui.shell import actions
from companion.ui.shell.docks import NotesDocks, make_docks, several_open, tabs_on_top
from companion.ui.shell.room import ReadingRoom
from companion.ui.shell.settings import Settings
from companion.ui.shell.steps import Steps

if TYPE_CHECKING:
    # Names for annotations only: each Qt type costs start-up when first named at run
    # time; and the notes and search are built just after the first paint.
    from PySide6.QtCore import QChildEvent
    from PySide6.QtGui import QCloseEvent, QPaintEvent

    from companion.notes.model import NotesFile
    from companion.ui.copies.controller import CopiesUi
    from companion.ui.highlights.controller import HighlightsUi
    from companion.ui.kit.background import BackgroundWork
    from companion.ui.notes.controller import NotesUi
    from companion.ui.reading.pane import ReadingPane
    from companion.ui.search.controller import SearchController
    from companion.ui.shell.start_here import StartHere
    from companion.ui.shell.wiring import Features

ZOOM_RANGE = range(-4, 11)
#: Qt.FocusPolicy.NoFocus, set through the Qt property by its value: naming Qt's
#: namespace at run time builds all of its 93 Python enums (start-up).
NO_FOCUS = 0


class MainWindow(QMainWindow):
    """Shows one bundle; the bundle model never knows about this view."""

    #: The learner asked to open another bundle folder.
    sig_open_bundle = Signal(Path)
    #: A study tab was built (its ``StudyTab``).
    sig_tab_built = Signal(object)

    def __init__(self, bundle: Bundle, folder: Path, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.history = History()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(False)
        self.tabs.setAccessibleName("Study tabs")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.slots: list[LazyTab] = []
        #: Tabs the features add after the study tabs (name, page, tooltip).
        self._pages: list[tuple[str, QWidget, str]] = []
        self.zoom = settings.zoom()
        self.bundle = bundle
        self.folder = folder
        self._titles: dict[str, str] | None = None
        self._navigating = False
        self._features: Features | None = None
        self._search: SearchController | None = None
        self.start_here: StartHere | None = None
        self._work: BackgroundWork | None = None
        self._later = self._start_steps()
        self.act = actions.build(self)
        self._connect_actions()
        central = QWidget()
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._build_toolbar()
        self.docks = make_docks(self)
        self.room = ReadingRoom(self, self._pane_shown, self.docks.in_order)
        self.statusBar().showMessage("Ready", 2000)
        self.set_bundle(bundle, folder)
        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        self._saved_geometry = geometry
        self._restored_size = self.size()
        state = settings.window_state()
        if state is not None:
            self.restoreState(state)
        #: The panels' places and sizes as the learner left them (put back again once
        #: the panels are built: see ``_panels_in_place``).
        self._saved_layout = state
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
                # Imports a few at a time: each costs more once Qt is loaded (PySide6's
                # import hook reads every new module's source), and together they would
                # stall the window (tests/bench/stalls.py).
                load("companion.yamlio"),
                load("companion.notes.fileformat"),
                load("companion.notes.store"),  # the notes file format
                load("companion.ui.highlights.view"),
                load("companion.ui.kit.editors"),
                load("companion.ui.highlights.panel"),
                load("companion.ui.notes.item"),
                load("companion.ui.copies.controller"),
                load("companion.ui.highlights.controller"),
                load("companion.ui.notes.controller"),
                load("companion.ui.shell.wiring"),
                # One panel per step: together they took 45-80 ms.
                *(partial(self._build_panel, name) for name in NotesDocks.__struct_fields__),
                self._add_notes,
                load("companion.notes.lock"),
                load("companion.notes.disk"),
                load("companion.notes.session_state"),
                load("companion.ui.notes.session"),
                self._learn_titles,
                self._open_notes,
                self._notes_on_tabs,
                load("companion.search.index"),
                load("companion.ui.search.live"),
                load("companion.ui.search.popup"),
                load("companion.ui.search.controller"),
                self._add_search,
                # My profile is built ahead, while the learner reads: opening its tab
                # is then one paint (tests/bench/profile.py).
                load("companion.ui.profile.view"),
                self._build_profile,
                self._panels_in_place,
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

    # The wiring and the features are imported here, once their step has loaded them:
    # a start-up step each, after the first paint.
    def _build_panel(self, name: str) -> None:
        from companion.ui.shell.wiring import build_panel

        build_panel(self.docks, name)

    def _panels_in_place(self) -> None:
        """The window and panels as the learner left them, now that all is built.

        Restored over stand-ins, the docks were laid out again as each panel came (one
        parked behind another is 100 pixels wide, where its wrapped words stand tall),
        and the window grew to hold them: a start that changed nothing saved other
        sizes, and the window grew start after start.
        """
        self.room.enabled = True  # from now on, panels may make room for the text
        self.room.later(close_panels=True)
        if self._saved_layout is None:
            return
        from PySide6.QtCore import QEvent  # after the first paint

        self.restoreState(self._saved_layout)
        # The panels' layouts settle now (not in a later turn, growing the window again).
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        if self.size() != self._restored_size:
            self.resize(self._restored_size)
            self.restoreState(self._saved_layout)

    def _add_notes(self) -> None:
        from companion.ui.shell.wiring import Features

        self._features = Features(self, self.docks)

    def _open_notes(self) -> None:
        # Before the tabs join: it forgets those it knew.
        self.features.open(self.bundle, self.folder)

    def _notes_on_tabs(self) -> None:
        features = self.features
        for slot in self.slots:
            if slot.is_built():
                features.tab_built(slot.content())
        features.show_item(self.current_location())

    def _add_search(self) -> None:
        from companion.ui.search.controller import install_search

        # Last: it needs the navigation toolbar, the Edit menu and the notes.
        self._search = install_search(self, self.notes)
        self.features.join_search(self._search)

    def _build_profile(self) -> Iterator[None]:
        return self.features.profile.build_in_parts()

    @property
    def background(self) -> BackgroundWork:
        """The one owner of the window's background work (made when first needed)."""
        if self._work is None:
            from companion.ui.kit.background import BackgroundWork

            self._work = BackgroundWork(self)
        return self._work

    @property
    def started(self) -> bool:
        """The notes and search are in."""
        return self._later.done

    @property
    def features(self) -> Features:
        """The notes, highlights and copies (added after the first paint)."""
        if self._features is None:
            self.finish_start()
        assert self._features is not None
        return self._features

    @property
    def notes(self) -> NotesUi:
        return self.features.notes

    @property
    def highlights(self) -> HighlightsUi:
        return self.features.highlights

    @property
    def copies(self) -> CopiesUi:
        return self.features.copies

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
        self._titles = None
        self.history = History()
        self.setWindowTitle(f"{bundle.title} — Companion")
        self.tabs.blockSignals(True)
        kept = [page for _, page, _ in self._pages]
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if widget is not None and widget not in kept:
                widget.deleteLater()
        pages = PageBuilder(bundle)
        self.slots = []
        for name, kinds in STUDY_TABS:
            if items := tab_items(bundle, kinds):
                self._add_tab(name, items, partial(study_tab, name, items, pages))
        for name, page, tip in self._pages:
            self.tabs.setTabToolTip(self.tabs.addTab(page, name), tip)
        self.tabs.blockSignals(False)
        if self._features is not None:
            self._features.open(bundle, folder)
        self._update_tab_actions()
        self._apply_zoom()
        self.settings.add_recent(folder)
        recent = self.settings.recent()
        actions.fill_recent_menu(self.recent_menu, recent, self.sig_open_bundle.emit)
        last_tab, last_item = self.settings.last_location(bundle.id)
        if last_item and self._slot_for(last_item):
            self.navigate(last_item)
        else:
            self.tabs.setCurrentIndex(min(max(last_tab, 0), max(self.tabs.count() - 1, 0)))
            self._fill(self.current_tab())
            self._record(self.current_location())
        self._update_history_actions()
        if self._features is not None:
            self._features.show_item(self.current_location())

    def _add_tab(self, name: str, items: Sequence[Item], build: Callable[[], StudyTab]) -> None:
        slot = LazyTab(name, [item.id for item in items], build)
        slot.built.append(self._wire)
        self.slots.append(slot)
        self.tabs.addTab(slot, name)
        self.tabs.setTabToolTip(self.tabs.count() - 1, f"{name} (Ctrl+{self.tabs.count()})")

    def _wire(self, tab: StudyTab) -> None:
        tab.sig_item_shown.connect(self._item_shown)
        pane = tab.pane
        pane.sig_link_activated.connect(self.open_link)
        pane.sig_open_online.connect(self.open_link)
        pane.set_zoom(self.zoom)
        # Each text opens where the learner left it (in this session or the last).
        pane.sig_left.connect(self._left_text)
        pane.sig_text_shown.connect(lambda: self._return_to_text(pane))
        self._return_to_text(pane)
        self.sig_tab_built.emit(tab)

    def _left_text(self, place: str, position: int) -> None:
        self.settings.set_reading_position(self.bundle.id, place, position)

    def _return_to_text(self, pane: ReadingPane) -> None:
        if pane.item:
            pane.go_to_position(self.settings.reading_position(self.bundle.id, pane.place_key))

    def _learn_titles(self) -> None:
        """Work out the titles in a start-up step of their own (10,000 items: ~20 ms)."""
        _ = self.titles

    @property
    def titles(self) -> dict[str, str]:
        """Each item's title by id (worked out when first asked, once per bundle)."""
        if self._titles is None:
            self._titles = {item.id: title_of(item) for item in items_of(self.bundle)}
        return self._titles

    @property
    def study_tabs(self) -> list[StudyTab]:
        """Every tab's content (building any not yet built)."""
        return [slot.content() for slot in self.slots]

    def _slot_for(self, item_id: str) -> LazyTab | None:
        return next((s for s in self.slots if item_id in s.item_ids), None)

    def tab_for(self, item_id: str) -> StudyTab | None:
        slot = self._slot_for(item_id)
        return slot.content() if slot else None

    def current_tab(self, *, build: bool = True) -> StudyTab | None:
        widget = self.tabs.currentWidget()
        if not isinstance(widget, LazyTab) or not (build or widget.is_built()):
            return None
        return widget.content()

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
        self.room.later()
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
        if self._features is not None:
            self._features.show_item(self.current_location())

    # -- what the features are offered (``Shell``) ---------------------------
    @property
    def host(self) -> QMainWindow:
        return self

    def show_message(self, text: str, ms: int) -> None:
        self.statusBar().showMessage(text, ms)

    def add_status_widget(self, widget: QWidget) -> None:
        self.statusBar().addPermanentWidget(widget)

    def add_bar(self, widget: QWidget) -> None:
        self._column.insertWidget(0, widget)

    def add_to_toolbar(self, widget: QWidget) -> None:
        self.toolbar.addWidget(widget)

    def add_page(self, name: str, widget: QWidget, tip: str) -> None:
        self._pages.append((name, widget, tip))
        self.tabs.setTabToolTip(self.tabs.addTab(widget, name), tip)

    def show_page(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)

    def menu(self, name: str) -> QMenu:
        return self._menus[name]

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

    # -- the one-page summary (its dialogs load when first used) -----------
    def _summary_notes(self) -> NotesFile | None:
        model = self._features.notes.model if self._features is not None else None
        return model.snapshot() if model is not None else None

    def print_summary(self) -> None:
        from companion.ui.summary import dialogs

        dialogs.print_summary(self, self._summary_notes())

    def preview_summary(self) -> None:
        from companion.ui.summary import dialogs

        dialogs.preview_summary(self, self._summary_notes())

    def export_summary(self) -> None:
        from companion.ui.summary import dialogs

        dialogs.export_summary(self, self._summary_notes())

    # -- zoom and theme ----------------------------------------------------
    def set_zoom(self, steps: int) -> None:
        self.zoom = min(max(steps, ZOOM_RANGE.start), ZOOM_RANGE.stop - 1)
        self.settings.set_zoom(self.zoom)
        self._apply_zoom()
        self.room.later(close_panels=True)  # the learner zoomed: the text needs the room
        self.statusBar().showMessage(f"Text size {round(100 * 1.1**self.zoom)}%", 2000)

    def _apply_zoom(self) -> None:
        if ui_zoom(self.zoom):
            # Under the application's style sheet, widgets already styled keep the font
            # they were styled with: they are given the new one.
            from PySide6.QtCore import Qt  # on a zoom only (start-up: see NO_FOCUS)

            own = Qt.WidgetAttribute.WA_SetFont
            font = QApplication.font()
            for widget in self.findChildren(QWidget):
                if not widget.testAttribute(own):  # not a font of its own (a title's)
                    widget.setFont(font)
                    widget.setAttribute(own, False)  # still the window's to change
        for slot in self.slots:
            if slot.is_built():
                slot.content().pane.set_zoom(self.zoom)
        self.room.later()

    def _pane_shown(self) -> ReadingPane | None:
        tab = self.current_tab(build=False)
        return tab.pane if tab is not None else None

    def choose_theme(self, choice: ThemeChoice) -> None:
        self.settings.set_theme(choice)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, choice)
        for action in self.theme_group.actions():
            action.setChecked(action.text().lower() == choice.value)

    # -- chrome ------------------------------------------------------------
    def _connect_actions(self) -> None:
        acts = self.act
        acts.open_bundle.triggered.connect(self._choose_bundle)
        acts.print_summary.triggered.connect(self.print_summary)
        acts.preview_summary.triggered.connect(self.preview_summary)
        acts.export_summary.triggered.connect(self.export_summary)
        acts.quit.triggered.connect(self.close)
        acts.zoom_in.triggered.connect(lambda: self.set_zoom(self.zoom + 1))
        acts.zoom_out.triggered.connect(lambda: self.set_zoom(self.zoom - 1))
        acts.zoom_reset.triggered.connect(lambda: self.set_zoom(0))
        acts.back.triggered.connect(self.go_back)
        acts.forward.triggered.connect(self.go_forward)
        acts.shortcuts.triggered.connect(self.show_shortcuts)
        acts.about.triggered.connect(lambda: actions.show_about(self, self.bundle, self.folder))
        acts.getting_started.triggered.connect(self.show_start_here)

    def _update_tab_actions(self) -> None:
        for action in self.act.tabs:
            self.go_menu.removeAction(action)
            self.removeAction(action)
        self.act.tabs = actions.tab_actions(self, [s.name for s in self.slots], self.go_to_tab)
        self.go_menu.addActions(self.act.tabs)

    def _choose_bundle(self) -> None:
        folder = actions.choose_bundle(self, self.folder)
        if folder is not None:
            self.sig_open_bundle.emit(folder)

    def shortcut_actions(self) -> list[QAction]:
        """What Help → Keyboard Shortcuts lists: every action bound to a key, in menu order.

        Read from the actions themselves (the menus, then any left out of them), so the
        list names only keys that are bound, and all of them.
        """
        self.finish_start()  # the notes' and search's actions are in
        found: list[QAction] = []

        def walk(menu: QMenu) -> None:
            for action in menu.actions():
                sub = action.menu()
                if isinstance(sub, QMenu):
                    walk(sub)
                elif action.shortcuts() and action not in found:
                    found.append(action)

        for menu in self._menus.values():
            walk(menu)
        found += [a for a in self.actions() if a.shortcuts() and a not in found]
        return found

    def welcome(self) -> None:
        """At a learner's first start: Start here, once the keys it names are in."""
        if self.settings.start_here_seen():
            return
        if not self.started:
            self._later.sig_done.connect(self.welcome)  # it is emitted once
            return
        self.settings.set_start_here_seen()
        self.show_start_here()

    def start_here_keys(self) -> list[QAction]:
        """The five keys Start here names: find, read back, mark, bookmark, write."""
        return [
            self.search.action,
            self.act.back,
            self.highlights.act.highlight,
            self.notes.act.toggle_bookmark,
            self.notes.act.new_note,
        ]

    def show_start_here(self) -> None:
        from companion.ui.shell.start_here import StartHere, key_rows

        if self.start_here is not None:
            self.start_here.close()
        every_key = key_rows([self.act.shortcuts])
        self.start_here = StartHere(
            self.bundle,
            key_rows(self.start_here_keys()),
            every_key[0][1] if every_key else "Help → Keyboard Shortcuts",
            self,
        )
        self.start_here.show()

    def show_shortcuts(self) -> None:
        actions.show_shortcuts(self, actions.shortcut_rows(self.shortcut_actions()))

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
        help_menu.addActions([self.act.getting_started, self.act.shortcuts, self.act.about])
        self._menus = {
            "File": file_menu,
            "Edit": self.edit_menu,
            "View": view,
            "Notes": self.notes_menu,
            "Go": go,
            "Help": help_menu,
        }

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Navigation")
        toolbar.setObjectName("navigation")
        toolbar.setMovable(False)
        toolbar.addActions([self.act.back, self.act.forward])
        toolbar.addSeparator()
        toolbar.addActions([self.act.zoom_out, self.act.zoom_in])
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def childEvent(self, event: QChildEvent) -> None:
        super().childEvent(event)
        child = event.child()
        if event.polished() and isinstance(child, QTabBar):
            # The tabs over docked panels: Qt parks an unused one out of sight, still in
            # the Tab order, where the focus vanished and Tab could not leave. The panels
            # have their shortcuts (View menu) and the mouse their tabs.
            child.setProperty("focusPolicy", NO_FOCUS)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._features is not None:
            self._features.close()  # saves the notes and gives up their lock
        for slot in self.slots:
            if slot.is_built() and (pane := slot.content().pane).item:
                self._left_text(pane.place_key, pane.reading_position())
        self.room.give_back()  # closed only to make room: open next time
        if self._work is not None:
            self._work.close()  # the worker process, at once
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        if self.settings.theme() is ThemeChoice.SYSTEM:
            self.settings.set_system_dark(system_is_dark())  # the next start's first guess
        self._remember()
        self.settings.sync()
        super().closeEvent(event)


def ui_zoom(steps: int) -> bool:
    """Lists, cards, panels and headers at the text's zoom, by the application's font.

    (Under the application's style sheet, a font set on the window would reach none
    of its widgets.) The usual size is kept on the application, so a zoom of 0 is it.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return False
    usual = app.property("companionUsualPoints")
    if usual is None:
        usual = app.font().pointSizeF()
        app.setProperty("companionUsualPoints", usual)
    size = max(6.0, float(usual) * 1.1**steps)
    if float(usual) > 0 and app.font().pointSizeF() != size:
        font = QFont(app.font())
        font.setPointSizeF(size)
        QApplication.setFont(font)
        return True
    return False


def study_tab(name: str, items: Sequence[Item], pages: PageBuilder) -> StudyTab:
    """The tab ``name`` of ``STUDY_TABS`` over ``items``: cards, the diagram, or a list."""
    # The cards' and the diagram's modules are imported when their tab is first shown.
    if dimensions := [item for item in items if isinstance(item, Dimension)]:
        from companion.ui.reading.dimensions import DimensionsTab

        return DimensionsTab(name, dimensions, pages)
    if stacey := next((item for item in items if isinstance(item, Stacey)), None):
        from companion.ui.reading.stacey import StaceyTab

        return StaceyTab(name, stacey, pages)
    return ListTab(name, items, pages)
