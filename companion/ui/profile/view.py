"""The My profile tab: rate yourself on each dimension with evidence; see how you moved.

On the left, one row per dimension in the bundle's order: its name, the level chosen
last time, a ``RatingPicker`` and an evidence note (Markdown, "what did I do that
shows this?"). Tab goes picker → evidence → next dimension; the focused dimension's
reflection prompts show on the right, above the chart of the latest assessment over
a chosen earlier one and the same data as a then → now list. What is typed here is a
draft until it is saved (Ctrl+Enter): saving makes a new dated assessment.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from companion.bundle.model import Bundle, Dimension
from companion.bundle.scale import evidence_prompt, level_words, scale_of
from companion.notes.profile import date_labels, earlier_than
from companion.notes.records import Assessment, Rating, rating_of
from companion.qt.profile_chart import chart_data
from companion.qt.safe_text import plain_label, set_markdown, tip
from companion.ui.kit.actions import make_action
from companion.ui.profile.chart import ProfileChart
from companion.ui.profile.rating import RatingPicker
from companion.ui.reading.pane import SafeBrowser

#: How many assessments' evidence the history shows (a search result's is added).
HISTORY = 12
ARROWS = {"up": "↑", "down": "↓", "same": "=", "new": "new", "unrated": "", "unknown": "?"}


class DimensionRow(QFrame):
    """One dimension: its name, last time's level, the picker and the evidence note."""

    def __init__(self, bundle: Bundle, number: int, dimension: Dimension) -> None:
        super().__init__()
        self.setObjectName("profileRow")
        self.dimension = dimension
        self.name = plain_label(f"{number}. {dimension.name}")
        bold = QFont(self.name.font())
        bold.setBold(True)
        self.name.setFont(bold)
        self.name.setToolTip(tip(dimension.gloss))
        self.last = plain_label("")
        self.last.setObjectName("muted")
        self.picker = RatingPicker(dimension.name, scale_of(bundle))
        self.evidence = QPlainTextEdit()
        self.evidence.setObjectName("evidence")
        self.evidence.setTabChangesFocus(True)
        self.evidence.setPlaceholderText(evidence_prompt(bundle))
        self.evidence.setAccessibleName(f"Evidence for {dimension.name}")
        self.evidence.setAccessibleDescription(evidence_prompt(bundle) + " (Markdown)")
        lines = self.evidence.fontMetrics().lineSpacing()
        self.evidence.setFixedHeight(lines * 3 + 14)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 6, 0, 6)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        head = QHBoxLayout()
        head.addWidget(self.name, 1)
        head.addWidget(self.last)
        grid.addLayout(head, 0, 0)
        grid.addWidget(self.picker, 1, 0)
        grid.addWidget(self.evidence, 2, 0)

    def rating(self) -> Rating:
        return Rating(
            dimension=self.dimension.id,
            level=self.picker.level,
            evidence=self.evidence.toPlainText().strip(),
        )

    def clear(self) -> None:
        self.picker.set_level("")
        self.evidence.clear()


class ProfileView(QWidget):
    """Six rows to rate, the prompts at hand, the chart and then → now."""

    #: The learner saved the draft (its ratings).
    sig_save = Signal(list)

    def __init__(self, bundle: Bundle, *, now: bool = True) -> None:
        """``now``: built whole at once; otherwise a part at a time (``parts``)."""
        super().__init__()
        self.setObjectName("profileView")
        self.bundle = bundle
        self.assessments: list[Assessment] = []
        #: Each assessment's date label, by id.
        self.labels: dict[str, str] = {}
        self.rows: list[DimensionRow] = []
        self.by_id: dict[str, DimensionRow] = {}
        self.save_action = make_action(
            self,
            "&Save Assessment",
            "Save these ratings as today's assessment",
            ["Ctrl+Return", "Ctrl+Enter"],
        )
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save)
        self.save_button = QPushButton("Save assessment")
        self.save_button.setToolTip(self.save_action.toolTip())
        self.save_button.clicked.connect(self.save)
        self.prompt_title = plain_label("")
        self.prompt_title.setObjectName("promptTitle")
        self.prompts = plain_label("")
        self.prompts.setWordWrap(True)
        self.chart = ProfileChart()
        self.compare = QComboBox()
        self.compare.setAccessibleName("Compare with")
        self.compare.setToolTip("The earlier assessment the chart shows under the latest")
        self.compare.currentIndexChanged.connect(lambda _i: self._show_chart())
        self.moves = plain_label("")
        self.moves.setObjectName("thenNow")
        self.moves.setWordWrap(True)
        self.moves.setAccessibleName("Then and now")
        self.history = SafeBrowser()
        self.history.setObjectName("evidenceHistory")
        self.history.document().setDocumentMargin(6)
        self.history.setAccessibleName("Your evidence so far")
        #: The dimension whose prompts and saved evidence show on the right.
        self.shown: DimensionRow | None = None
        self.status = plain_label("")
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        #: What is left to build: each ``next()`` builds a part of a few milliseconds (with
        #: the window's style sheet the whole took 20-40 ms, a stall at start-up).
        self.parts = self._build()
        if now:
            self.finish()

    def finish(self) -> None:
        """Build what is left of the view now."""
        for _ in self.parts:
            pass

    def _build(self) -> Iterator[None]:
        for number, dimension in enumerate(self.bundle.dimensions, 1):
            row = DimensionRow(self.bundle, number, dimension)
            self.rows.append(row)
            self.by_id[dimension.id] = row
            yield
        scroll = self._form()
        yield
        self._place(scroll)
        for row in self.rows:
            for widget in (row.picker, row.evidence):
                widget.installEventFilter(self)
        if self.rows:
            self._show_prompts(self.rows[0])
        self.set_assessments([])

    def _form(self) -> QScrollArea:
        """The rows to rate in a scroll area, as wide as the levels' words need."""
        form = QWidget()
        column = QVBoxLayout(form)
        column.setContentsMargins(12, 12, 12, 12)
        heading = plain_label("Where am I today?")
        heading.setObjectName("profileHeading")
        column.addWidget(heading)
        intro = plain_label(
            "Choose a level for each dimension (arrow keys or the digits) and note what you "
            "did that shows it. Ctrl+Enter saves this as a dated assessment; earlier ones are "
            "kept, so you can see how you move."
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        for row in self.rows:
            column.addWidget(row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        column.addLayout(buttons)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form)
        # As wide as the form needs (the levels' words whole): the chart side gets the rest.
        bar = scroll.verticalScrollBar()
        extra = bar.sizeHint().width() if bar is not None else 16
        scroll.setMinimumWidth(form.minimumSizeHint().width() + extra + 2)
        return scroll

    def _place(self, scroll: QScrollArea) -> None:
        """The form beside the prompts, the chart and the evidence so far."""
        side = QWidget()
        right = QVBoxLayout(side)
        right.setContentsMargins(12, 12, 12, 12)
        right.addWidget(self.prompt_title)
        right.addWidget(self.prompts)
        right.addWidget(self.chart, 2)
        compare = QHBoxLayout()
        label = plain_label("Compare with")
        label.setBuddy(self.compare)
        compare.addWidget(label)
        compare.addWidget(self.compare, 1)
        right.addLayout(compare)
        right.addWidget(self.moves)
        right.addWidget(self.history, 1)
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(scroll)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        # Tab goes down the form (picker, evidence, next picker), then to the chart side.
        chain: list[QWidget] = [w for row in self.rows for w in (row.picker, row.evidence)]
        chain += [self.save_button, self.chart, self.compare, self.history]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        if self.rows:
            self.setFocusProxy(self.rows[0].picker)

    # -- the draft ---------------------------------------------------------
    def draft(self) -> list[Rating]:
        return [row.rating() for row in self.rows]

    def clear_draft(self) -> None:
        for row in self.rows:
            row.clear()

    def fill_draft(self, ratings: Sequence[Rating]) -> None:
        """Put ``ratings`` back in the rows (an undone save returns to the form)."""
        for rating in ratings:
            row = self.by_id.get(rating.dimension)
            if row is not None:
                row.picker.set_level(rating.level)
                row.evidence.setPlainText(rating.evidence)

    def save(self) -> None:
        self.sig_save.emit(self.draft())

    def set_writable(self, writable: bool) -> None:
        self.save_action.setEnabled(writable)
        self.save_button.setEnabled(writable)

    def say(self, text: str) -> None:
        self.status.setText(text)

    def focus_dimension(self, dimension: str, *, evidence: bool = False) -> bool:
        row = self.by_id.get(dimension)
        if row is None:
            return False
        target = row.evidence if evidence else row.picker
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_prompts(row)
        return True

    # -- what was saved ----------------------------------------------------
    def set_assessments(self, assessments: Sequence[Assessment]) -> None:
        """The learner's assessments, oldest first: the chart, the list and "last time"."""
        self.assessments = list(assessments)
        self.labels = dict(
            zip((a.id for a in self.assessments), date_labels(self.assessments), strict=True)
        )
        latest = self.assessments[-1] if self.assessments else None
        for row in self.rows:
            rating = rating_of(latest, row.dimension.id) if latest else None
            words = level_words(self.bundle, rating.level) if rating and rating.level else ""
            row.last.setText(f"last time: {words}" if words else "")
        chosen = self.compare.currentData()
        self.compare.blockSignals(True)
        self.compare.clear()
        earlier = earlier_than(self.assessments, latest) if latest else []
        for assessment in earlier:
            self.compare.addItem(self.labels[assessment.id], assessment.id)
        if not earlier:
            self.compare.addItem("no earlier assessment", "")
        index = self.compare.findData(chosen)
        self.compare.setCurrentIndex(max(index, 0))
        self.compare.setEnabled(bool(earlier))
        self.compare.blockSignals(False)
        self._show_chart()
        if self.shown is not None:
            self._show_prompts(self.shown)

    def _show_chart(self) -> None:
        latest = self.assessments[-1] if self.assessments else None
        chosen = self.compare.currentData()
        then = next((a for a in self.assessments if a.id == chosen), None)
        data = chart_data(self.bundle, latest, then)
        self.chart.set_data(data)
        if latest is None:
            self.moves.setText("No assessment saved yet.")
            return
        rows = [
            f"{m.text() if then is not None else f'{m.name}: {m.now.words}'}"
            + (f"  {ARROWS[m.direction]}" if then is not None and ARROWS[m.direction] else "")
            for m in data.movements
        ]
        self.moves.setText("\n".join(rows))

    # -- the prompts of the dimension in focus -----------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            row = next((r for r in self.rows if watched in (r.picker, r.evidence)), None)
            if row is not None:
                self._show_prompts(row)
        return False

    def _show_prompts(self, row: DimensionRow) -> None:
        self.shown = row
        self.prompt_title.setText(f"Ask yourself: {row.dimension.name}")
        self.prompts.setText("\n".join(f"• {p}" for p in row.dimension.prompts))
        self.show_history(row.dimension.id)

    def show_history(self, dimension: str, assessment_id: str = "") -> None:
        """The evidence saved for ``dimension``, newest first (``assessment_id``'s in view).

        The latest ``HISTORY`` assessments that rate it, and ``assessment_id``'s if older.
        """
        parts: list[str] = []
        older = 0
        for assessment in reversed(self.assessments):
            rating = rating_of(assessment, dimension)
            if rating is None:
                continue
            if len(parts) >= HISTORY and assessment.id != assessment_id:
                older += 1
                continue
            words = level_words(self.bundle, rating.level)
            # Dates and the scale's words are Companion's; the evidence is the learner's
            # Markdown (raw HTML in it stays text: set_markdown).
            label = self.labels[assessment.id]
            parts.append(f"#### {label}: {words}\n\n{rating.evidence}")
        name = self.by_id[dimension].dimension.name if dimension in self.by_id else dimension
        if not parts:
            parts = [f"*No evidence saved for {name} yet.*"]
        if older:
            parts.append(f"*… and {older} earlier (companion profile --format json lists all)*")
        set_markdown(self.history, "\n\n".join(parts))
        self.history.setAccessibleDescription(f"Your evidence for {name}, newest first")
        if assessment_id in self.labels:
            self.history.find(self.labels[assessment_id])

    def actions_for_menu(self) -> list[QAction]:
        return [self.save_action]
