"""Where each highlight is in the text shown now: placed once, remembered, off the hot path.

A highlight whose text is where it was (nearly always) is placed at once.
Anything else (the bundle was corrected, an orphan is tried again) is queued
and placed a few at a time between events, so opening an item never waits
for a search; views draw what is known and draw again on ``sig_placed``.
Results are remembered per text, so an orphan costs one search per version
of the text, not one per look.

A highlight found somewhere new is reported to ``mover`` (after the drawing,
never during it), which records it in the model so the next save stores the
new selectors.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable
from time import perf_counter

from PySide6.QtCore import QObject, QTimer, Signal

from companion.notes.anchoring import Anchor, How, Placement, place
from companion.notes.model import Highlight

#: Which text of an item: (item id, "" for its page or "copy" for the learner's copy).
Source = tuple[str, str]
TextSource = Callable[[str, str], "str | None"]
Mover = Callable[[Highlight, str, Placement], None]

#: Work per turn of the event loop; one search of a long text may take a little longer.
SLICE_SECONDS = 0.015
#: Texts whose placements are remembered (each item's page and copy, a few versions).
KEPT_TEXTS = 64
#: Stands in for a placement that is queued.
_PENDING = Placement(-1, -1, How.ORPHAN, -1.0)


def anchor_of(highlight: Highlight) -> Anchor:
    h = highlight
    return Anchor(h.exact, h.prefix, h.suffix, h.start, h.end)


class HighlightPlaces(QObject):
    sig_placed = Signal()
    """Placements that were waiting are known now: draw again."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: TextSource = lambda _item, _kind: None
        self.mover: Mover | None = None
        self._texts: dict[Source, str | None] = {}
        self._known: OrderedDict[str, dict[Anchor, Placement]] = OrderedDict()
        self._queue: deque[tuple[str, Anchor]] = deque()
        self._moves: dict[str, tuple[Highlight, str, Placement]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._work)
        self._move_timer = QTimer(self)
        self._move_timer.setSingleShot(True)
        self._move_timer.setInterval(0)
        self._move_timer.timeout.connect(self._apply_moves)

    # -- texts -------------------------------------------------------------
    def set_source(self, source: TextSource) -> None:
        """Where texts come from (a new bundle): every highlight is looked at again."""
        self._source = source
        self.invalidate()

    def invalidate(self, source: Source | None = None) -> None:
        """A text changed (or all did): its highlights, orphans too, are placed again."""
        if source is None:
            self._texts.clear()
        else:
            self._texts.pop(source, None)
        self.sig_placed.emit()

    def text(self, item: str, kind: str) -> str | None:
        """The plain text highlights of ``(item, kind)`` are anchored in (None: no such text)."""
        key = (item, kind)
        if key not in self._texts:
            self._texts[key] = self._source(item, kind)
        return self._texts[key]

    def _known_for(self, text: str) -> dict[Anchor, Placement]:
        known = self._known.get(text)
        if known is None:
            known = self._known[text] = {}
            while len(self._known) > KEPT_TEXTS:
                self._known.popitem(last=False)
        else:
            self._known.move_to_end(text)
        return known

    # -- placing -----------------------------------------------------------
    def lookup(self, text: str, highlight: Highlight) -> Placement | None:
        """Where ``highlight`` is in ``text``; None while that is being worked out."""
        return self.lookup_all(text, [highlight])[0]

    def lookup_all(self, text: str, highlights: list[Highlight]) -> list[Placement | None]:
        """``lookup`` for each of ``highlights`` (all in ``text``)."""
        known = self._known_for(text)
        found: list[Placement | None] = []
        for highlight in highlights:
            anchor = anchor_of(highlight)
            placement = known.get(anchor)
            if placement is None:
                if anchor.exact and text[anchor.start : anchor.end] == anchor.exact:
                    placement = known[anchor] = place(text, anchor)  # where it was: no search
                else:
                    known[anchor] = _PENDING
                    self._queue.append((text, anchor))
                    self._timer.start()
            if placement is None or placement is _PENDING:
                found.append(None)
                continue
            if placement.placed and placement.how is not How.POSITION and self.mover is not None:
                self._moves[highlight.id] = (highlight, text, placement)
                self._move_timer.start()
            found.append(placement)
        return found

    def pending(self) -> bool:
        return bool(self._queue)

    def _work(self) -> None:
        deadline = perf_counter() + SLICE_SECONDS
        while self._queue and perf_counter() < deadline:
            text, anchor = self._queue.popleft()
            known = self._known_for(text)
            if known.get(anchor, _PENDING) is _PENDING:
                known[anchor] = place(text, anchor)
        if self._queue:
            self._timer.start()
        self.sig_placed.emit()

    def _apply_moves(self) -> None:
        moves, self._moves = self._moves, {}
        if self.mover is not None:
            for highlight, text, placement in moves.values():
                self.mover(highlight, text, placement)

    def place_now(self) -> None:
        """Finish every queued placement at once (for scripts and tests of timing)."""
        while self._queue:
            self._work()
