"""My challenges on the Stacey tab: the list beside the matrix, the marks on it, File → Print.

The learner's challenges live in the notes model; every change is an undoable command
(the core's ``records_undo``) on the notes' undo stack (``ChallengeEdits``, which the
shell's wiring hands over), and the views follow the model's changes. The Stacey
diagram knows nothing of this: the marks are a layer over it (``ChallengeMarks``), the
list is added beside it.
"""

from __future__ import annotations

from typing import Protocol

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QDialog, QTreeWidgetItem

from companion.bundle.model import Placement
from companion.bundle.stacey_map import guidance_at
from companion.notes.markdown_text import inline
from companion.notes.model import Change, Follower, NotesModel
from companion.notes.records import Challenge, position_of
from companion.notes.records_undo import (
    AddChallenge,
    DeleteChallenge,
    EditChallenge,
    MoveChallenge,
)
from companion.notes.stamps import EARLIEST, moment
from companion.notes.text import when
from companion.notes.undo import Command
from companion.ui.challenges.dialog import ChallengeDialog
from companion.ui.challenges.marks import ChallengeMarks
from companion.ui.challenges.panel import ChallengesPanel
from companion.ui.kit.actions import make_action
from companion.ui.kit.shell_api import MESSAGE_MS, Shell
from companion.ui.reading.stacey import StaceyTab
from companion.ui.reading.tabs import StudyTab

MAP_NAME = "Stacey matrix"


class ChallengeEdits(Protocol):
    """Undoable edits (the notes' undo stack takes them)."""

    @property
    def writable(self) -> bool: ...

    def push(self, command: Command) -> bool:
        """Do ``command`` and keep it for Undo (False: the notes are read-only)."""
        ...

    def seal(self) -> None:
        """End the current step: the next change is a step of its own."""
        ...


class ChallengesUi(QObject):
    """The learner's challenges on the Stacey tab, following the open notes."""

    def __init__(self, shell: Shell, edits: ChallengeEdits) -> None:
        super().__init__(shell.host)
        self.shell, self.edits = shell, edits
        self.model: NotesModel | None = None
        self._follower = Follower(self._changed)
        self.tab: StaceyTab | None = None
        self.panel: ChallengesPanel | None = None
        self.marks: ChallengeMarks | None = None
        self.selected: str | None = None
        self.dialog: ChallengeDialog | None = None
        self.print_action: QAction = make_action(
            shell.host,
            "Print My &Challenges…",
            "Print the Stacey matrix with your challenges and their notes on one page",
            [],
        )
        self.print_action.triggered.connect(self.print_challenges)
        shell.sig_tab_built.connect(self.tab_built)
        for slot in shell.slots:
            if slot.is_built():
                self.tab_built(slot.content())

    # -- joining the window and the notes ----------------------------------
    def tab_built(self, tab: StudyTab) -> None:
        if not isinstance(tab, StaceyTab) or tab is self.tab:
            return
        self.tab = tab
        # Another bundle (or a new version of this one) builds new tabs: let go of the old.
        tab.destroyed.connect(self._tab_gone)
        self.panel = panel = ChallengesPanel()
        self.marks = marks = ChallengeMarks(tab.diagram)
        tab.add_beside(panel, "My &challenges")
        panel.sig_chosen.connect(self.choose)
        panel.sig_link.connect(self.shell.open_link)
        panel.add.clicked.connect(self.new_challenge)
        panel.edit.clicked.connect(self.edit_challenge)
        panel.delete.clicked.connect(self.delete_challenge)
        panel.trail.toggled.connect(marks.set_trail)
        panel.list.itemActivated.connect(lambda _row, _col: self.edit_challenge())
        marks.sig_chosen.connect(self.choose)
        marks.sig_moved.connect(self.move)
        panel.list.installEventFilter(self)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the list, Ctrl+arrow keys move the chosen challenge (as arrows do on the map)
        and Delete moves it to the trash."""
        if (
            self.panel is None
            or self.marks is None
            or watched is not self.panel.list
            or event.type() != QEvent.Type.KeyPress
            or not isinstance(event, QKeyEvent)
        ):
            return False
        if event.key() == Qt.Key.Key_Delete and not event.modifiers():
            self.delete_challenge()
            return True
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return self.marks.nudge(event)
        return False

    def _tab_gone(self) -> None:
        self.tab = self.panel = self.marks = None
        self.dialog = None

    def _shown(self) -> bool:
        """The Stacey tab with the list and the marks is there (and not being taken down)."""
        if self.tab is not None and not shiboken6.isValid(self.tab):
            self._tab_gone()
        return self.panel is not None and self.marks is not None

    def bind(self, model: NotesModel | None) -> None:
        self.model = model
        self._follower.follow(model)
        self.refresh()

    def set_writable(self, writable: bool) -> None:
        self.refresh()

    def _changed(self, change: Change) -> None:
        if change.kind in ("challenge", "reset"):
            self.refresh()

    # -- what is shown ---------------------------------------------------------
    def challenges(self) -> list[Challenge]:
        return self.model.challenges() if self.model is not None else []

    def challenge(self, challenge_id: str | None) -> Challenge | None:
        if self.model is None or not challenge_id:
            return None
        found = self.model.challenge(challenge_id)
        return found if found is not None and found.deleted is None else None

    def region_name(self, challenge: Challenge) -> str:
        """The region the challenge is in ("" while it is not placed)."""
        here = position_of(challenge)
        guidance = guidance_at(self.shell.bundle, here.certainty, here.agreement) if here else None
        return guidance.region.name if guidance is not None else ""

    def accessible_name(self, challenge: Challenge) -> str:
        region = self.region_name(challenge)
        return f"{challenge.title}, {region}" if region else f"{challenge.title}, not placed yet"

    def refresh(self) -> None:
        panel, marks = self.panel, self.marks
        if not self._shown() or panel is None or marks is None:
            return
        challenges = self.challenges()
        if self.challenge(self.selected) is None:
            self.selected = None
        writable = self.edits.writable and self.model is not None
        marks.writable = writable
        marks.set_challenges(challenges)
        marks.set_selected(self.selected)
        ranks = {p: i for i, p in enumerate(Placement)}
        rows = []
        for challenge in challenges:
            here = position_of(challenge)
            guidance = (
                guidance_at(self.shell.bundle, here.certainty, here.agreement) if here else None
            )
            region = guidance.region if guidance is not None else None
            stamp = here.at if here is not None else challenge.created
            rows.append(
                (
                    challenge.id,
                    challenge.title,
                    region.name if region is not None else "",
                    when(stamp).split(",")[0] if here is not None else "",
                    ranks[region.placement] if region is not None else -1,
                    (moment(stamp) or EARLIEST).isoformat(),
                    self.accessible_name(challenge),
                )
            )
        panel.set_rows(rows)
        panel.select(self.selected)
        panel.add.setEnabled(writable)
        panel.edit.setEnabled(writable and self.selected is not None)
        panel.delete.setEnabled(writable and self.selected is not None)
        self._show_details()
        self._describe_map()

    def details_markdown(self, challenge: Challenge) -> str:
        """What the chosen challenge's region calls for, then its note and its history."""
        parts = [f"**{inline(challenge.title)}**"]
        here = position_of(challenge)
        guidance = guidance_at(self.shell.bundle, here.certainty, here.agreement) if here else None
        if here is None:
            parts.append(
                "Not placed yet: click where it belongs on the map, or choose the map and "
                "press an arrow key."
            )
        elif guidance is None:
            parts.append("This bundle names no region there.")
        else:
            parts.append(
                f"In **{inline(guidance.region.name)}**, which calls for: "
                f"{' '.join(guidance.calls_for.split())}"
            )
            if guidance.circled:
                titles = self.shell.titles
                links = " · ".join(
                    f"[{inline(titles.get(item.id, item.id))}](item:{item.id})"
                    for item in guidance.practices
                )
                caption = inline(" ".join(guidance.caption.split()))
                parts.append(f"{caption} Practices: {links}" if links else caption)
        if challenge.note.strip():
            parts.append(f"---\n\n{challenge.note}")
        if len(challenge.moves) > 1:
            first = when(challenge.moves[0].at)
            parts.append(f"*Moved {len(challenge.moves) - 1} times since it was placed ({first}).*")
        return "\n\n".join(parts)

    def _show_details(self) -> None:
        if self.panel is None:
            return
        challenge = self.challenge(self.selected)
        self.panel.details.setVisible(challenge is not None)
        if challenge is not None:
            self.panel.show_details(self.details_markdown(challenge))

    def _describe_map(self) -> None:
        if self.tab is None:
            return
        challenge = self.challenge(self.selected)
        diagram = self.tab.diagram
        if challenge is None:
            diagram.setAccessibleName(MAP_NAME)
            return
        diagram.setAccessibleName(
            f"{MAP_NAME}: {self.accessible_name(challenge)}. "
            "Arrow keys move it; Escape lets go of it"
        )

    # -- the learner's choices ---------------------------------------------
    def choose(self, challenge_id: str) -> None:
        """Choose a challenge in both the list and the map ("" lets go of it)."""
        chosen = challenge_id if self.challenge(challenge_id) is not None else None
        if chosen == self.selected:
            return
        self.edits.seal()
        self.selected = chosen
        if chosen is not None and self.tab is not None and self.panel is not None:
            self.tab.diagram.select_region(None)
            self.tab.show_beside(self.panel)
        self.refresh()

    def move(self, challenge_id: str, certainty: float, agreement: float, nudge: bool) -> None:
        if self.model is None or self.challenge(challenge_id) is None:
            return
        if not nudge:
            self.edits.seal()  # a drag is a move of its own, never joined to nudges
        step = MoveChallenge(self.model, challenge_id, certainty, agreement, nudge=nudge)
        if self.edits.push(step) and not nudge:
            self.edits.seal()
        moved = self.challenge(challenge_id)
        if moved is not None:
            self.shell.show_message(f"{moved.title}: {self._where(moved)}", MESSAGE_MS)

    def _where(self, challenge: Challenge) -> str:
        region = self.region_name(challenge)
        return f"now in {region}" if region else "not placed"

    def new_challenge(self) -> None:
        if self.model is None or not self.edits.writable:
            return
        if self.tab is not None and self.panel is not None:
            self.tab.show_beside(self.panel)
        self.dialog = ChallengeDialog(self.shell.host)
        self.dialog.finished.connect(self._new_done)
        self.dialog.open()

    def _new_done(self, result: int) -> None:
        dialog, model = self.dialog, self.model
        self.dialog = None
        if dialog is None or model is None or result != QDialog.DialogCode.Accepted:
            return
        title, note = dialog.values()
        step = AddChallenge(model, title, note)
        if self.edits.push(step) and step.added is not None:
            self.edits.seal()
            self.choose(step.added.id)
            self.shell.show_message(
                "Now place it: click on the map, or press an arrow key there", MESSAGE_MS
            )
            if self.tab is not None:
                self.tab.diagram.setFocus()

    def edit_challenge(self) -> None:
        challenge = self.challenge(self.selected)
        if challenge is None or not self.edits.writable:
            return
        self.dialog = ChallengeDialog(self.shell.host, challenge.title, challenge.note)
        self.dialog.finished.connect(lambda result: self._edit_done(challenge.id, result))
        self.dialog.open()

    def _edit_done(self, challenge_id: str, result: int) -> None:
        dialog, model = self.dialog, self.model
        self.dialog = None
        if dialog is None or model is None or result != QDialog.DialogCode.Accepted:
            return
        title, note = dialog.values()
        self.edits.seal()
        self.edits.push(EditChallenge(model, challenge_id, title, note))
        self.edits.seal()

    def delete_challenge(self) -> None:
        challenge = self.challenge(self.selected)
        if challenge is None or self.model is None:
            return
        self.edits.seal()
        if self.edits.push(DeleteChallenge(self.model, challenge.id)):
            self.shell.show_message(
                f"“{challenge.title}” moved to the trash (Ctrl+Z undoes)", MESSAGE_MS
            )

    def row(self, challenge_id: str) -> QTreeWidgetItem | None:
        return self.panel.row_of(challenge_id) if self.panel is not None else None

    def open_link(self, url: QUrl) -> bool:
        return self.shell.open_link(url)

    # -- paper -----------------------------------------------------------------
    def print_challenges(self) -> None:
        from companion.ui.challenges.printing import print_dialog

        if print_dialog(self.shell.host, self.shell.bundle, self.challenges()):
            self.shell.show_message("My challenges sent to the printer", MESSAGE_MS)
