"""My profile in the study window: its tab, its actions, and saving through the undo stack.

The tab is added to the window at once (a place in the tab bar); the view is built the
first time it is shown, and again for another bundle. Saves are steps on the notes'
undo stack (``ProfileEdits``, which the shell's wiring hands over), so Ctrl+Z takes
back a save as it takes back a note.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QVBoxLayout, QWidget

from companion.bundle.model import Bundle
from companion.notes.model import Change, Follower, NotesModel
from companion.notes.records import Assessment, Rating
from companion.notes.records_undo import SaveAssessment
from companion.notes.undo import Command
from companion.ui.kit.actions import make_action
from companion.ui.kit.shell_api import MESSAGE_MS, Shell

if TYPE_CHECKING:  # the view loads when the tab is first shown
    from companion.ui.profile.view import ProfileView

TAB_NAME = "My Profile"


class ProfileEdits(Protocol):
    """The notes' undo stack, which saves go on."""

    @property
    def writable(self) -> bool: ...

    def push(self, command: Command) -> bool: ...


class ProfileUi(QObject):
    def __init__(self, shell: Shell, edits: ProfileEdits) -> None:
        super().__init__(shell.host)
        self.shell = shell
        self.edits = edits
        self.model: NotesModel | None = None
        self.bundle: Bundle | None = None
        self.view: ProfileView | None = None
        #: A view being built a part at a time (``build_in_parts``), not yet in the page.
        self._pending: ProfileView | None = None
        #: The view shows no assessments yet (built by a start-up step, filled in the next).
        self._unfilled = False
        self.page = QWidget()
        self.page.setObjectName("profilePage")
        self.page.setAccessibleName(TAB_NAME)
        QVBoxLayout(self.page).setContentsMargins(0, 0, 0, 0)
        self.page.installEventFilter(self)
        self._follower = Follower(self._changed)
        #: Ratings of assessments saved here, to give back to the form when a save is undone.
        self._saved: dict[str, list[Rating]] = {}
        self.act = make_action(
            shell.host, "My &Profile", "Rate yourself on the dimensions", ["Ctrl+Shift+P"]
        )
        self.act.triggered.connect(self.show)
        shell.add_page(TAB_NAME, self.page, self.act.toolTip())

    # -- the bundle and its notes ------------------------------------------
    def set_bundle(self, bundle: Bundle) -> None:
        self.bundle = bundle
        self._saved.clear()
        for view in (self.view, self._pending):
            if view is not None:
                view.deleteLater()
        self.view = self._pending = None
        if self.page.isVisible():
            self.build()

    def bind(self, model: NotesModel | None) -> None:
        self.model = model
        self._follower.follow(model)
        self._refresh()

    def set_writable(self, writable: bool) -> None:
        if self.view is not None:
            self.view.set_writable(writable)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page and event.type() == QEvent.Type.Show and self.view is None:
            self.build()
        return False

    def build(self, *, fill: bool = True) -> ProfileView:
        """The view, built now if it is not yet (``fill``: and showing the assessments)."""
        if self.view is None:
            view = self._pending or self._new_view()
            self._pending = None
            view.finish()
            self.view = view
            self.view.sig_save.connect(self.save)
            layout = self.page.layout()
            assert layout is not None
            layout.addWidget(self.view)
            self.page.setFocusProxy(self.view)
            self.view.set_writable(self.edits.writable)
            self._unfilled = True
        if fill and self._unfilled:
            self._refresh()
        return self.view

    def build_in_parts(self) -> Iterator[None]:
        """Build the view a short part at a time, then fill it (start-up builds it ahead,
        while the learner reads: opening the tab is then one paint)."""
        if self.view is not None or self._pending is not None:
            return
        view = self._pending = self._new_view()
        for _ in view.parts:
            yield
            if self._pending is not view:  # built meanwhile (the tab shown), or another bundle
                return
        self.build(fill=False)
        yield
        if self._shows(view):  # still this bundle's
            self.build()

    def _shows(self, view: ProfileView) -> bool:
        return self.view is view

    def _new_view(self) -> ProfileView:
        """A view with its parts still to build (``build`` finishes it at once)."""
        from companion.ui.profile.view import ProfileView

        self.bundle = self.bundle or self.shell.bundle
        return ProfileView(self.bundle, now=False)

    def _refresh(self) -> None:
        self._unfilled = False
        if self.view is not None and shiboken6.isValid(self.view):
            self.view.set_assessments(self.model.assessments() if self.model else [])

    def _changed(self, change: Change) -> None:
        if change.kind not in ("assessment", "reset") or self.view is None:
            return
        self._refresh()
        gone = self._saved.get(change.record_id) if change.kind == "assessment" else None
        model = self.model
        undone = (
            gone is not None and model is not None and model.assessment(change.record_id) is None
        )
        if gone and undone and not any(r.level or r.evidence for r in self.view.draft()):
            self.view.fill_draft(gone)  # an undone save: the ratings return to the form
            self.view.say("Save undone: your ratings are back in the form.")

    # -- what the learner does ---------------------------------------------
    def show(self) -> ProfileView:
        """Bring My profile forward (its tab) and give it the focus."""
        view = self.build()
        self.shell.show_page(self.page)
        view.setFocus()
        return view

    def show_evidence(self, assessment_id: str, dimension: str) -> bool:
        """Open My profile at ``dimension``, its evidence of ``assessment_id`` in view."""
        view = self.show()
        if not view.focus_dimension(dimension, evidence=True):
            self.shell.show_message(
                f"'{dimension}' is not in this bundle; its evidence is kept", MESSAGE_MS
            )
            return False
        view.show_history(dimension, assessment_id)
        return True

    def save(self, ratings: list[Rating]) -> Assessment | None:
        view = self.build()
        kept = [r for r in ratings if r.level or r.evidence]
        if not kept:
            view.say("Choose a level or write evidence for at least one dimension first.")
            return None
        if self.model is None:
            view.say("Your notes are still loading; try again in a moment.")
            return None
        command = SaveAssessment(self.model, kept)
        if not self.edits.push(command) or command.assessment is None:
            view.say("Not saved: your notes are read-only.")
            return None
        self._saved[command.assessment.id] = kept
        view.clear_draft()
        rated = sum(1 for r in kept if r.level)
        view.say(f"Saved: {rated} of {len(view.rows)} dimensions rated (Ctrl+Z undoes).")
        self.shell.show_message("Assessment saved", MESSAGE_MS)
        return command.assessment

    def actions(self) -> list[QAction]:
        return [self.act]
