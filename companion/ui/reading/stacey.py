"""The Stacey Model tab: the matrix beside the explanation of the chosen region."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from companion.bundle.model import Stacey
from companion.bundle.pages import PageBuilder
from companion.ui.reading.stacey_diagram import StaceyDiagram
from companion.ui.reading.tabs import StudyTab


class StaceyTab(StudyTab):
    """The matrix beside the explanation of the selected region (or of the model)."""

    def __init__(self, name: str, stacey: Stacey, pages: PageBuilder) -> None:
        super().__init__(name, [stacey, *stacey.regions], pages)
        self.stacey = stacey
        self.diagram = StaceyDiagram(stacey)
        self.diagram.sig_region_selected.connect(self._user_chose)
        overview = QPushButton("About the model")
        overview.setToolTip("Show the model as a whole: axes, regions, caveat")
        overview.setAccessibleName("About the Stacey model")
        overview.clicked.connect(lambda: self._user_chose(stacey.id))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.diagram, 1)
        left_layout.addWidget(overview, 0, Qt.AlignmentFlag.AlignLeft)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        #: The explanation, and beside it in tabs what a feature adds (``add_beside``); with
        #: the explanation alone, no tab bar shows.
        self.beside = QTabWidget()
        self.beside.setDocumentMode(True)
        self.beside.setTabBarAutoHide(True)
        self.beside.addTab(self.pane, "E&xplanation")
        splitter.addWidget(left)
        splitter.addWidget(self.beside)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self.setFocusProxy(self.diagram)

    def add_beside(self, widget: QWidget, title: str) -> None:
        """Show ``widget`` beside the matrix, in a tab after the explanation (My challenges)."""
        self.beside.addTab(widget, title)

    def show_beside(self, widget: QWidget) -> None:
        """Bring ``widget`` (given to ``add_beside``) forward."""
        self.beside.setCurrentWidget(widget)

    def show_item(self, item_id: str) -> None:
        """Show the region (or the model), bringing the explanation forward."""
        super().show_item(item_id)
        if item_id in self.items:
            self.beside.setCurrentWidget(self.pane)

    def _mark(self, item_id: str, on: bool) -> None:
        self.diagram.set_bookmarked(self.bookmarks)

    def _select_in_navigator(self, item_id: str) -> None:
        if item_id != self.stacey.id:
            blocked = self.diagram.blockSignals(True)
            self.diagram.select_region(item_id)
            self.diagram.blockSignals(blocked)
