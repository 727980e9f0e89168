"""What the one-page summary says (the layout is in render.py).

Plain Python but for the profile chart's data (``companion.qt.profile_chart``, whose
drawing the window's My profile shares).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from companion.bundle.model import Bundle
from companion.bundle.pages import citation
from companion.bundle.plaintext import plain_text
from companion.notes.model import NotesFile
from companion.notes.profile import ratings_of
from companion.notes.records import by_date
from companion.qt.profile_chart import ChartData, chart_data


@dataclass(frozen=True)
class DimensionCell:
    number: int
    name: str
    gloss: str
    practice: str
    themes: list[str] = field(default_factory=list)
    prompt: str = ""
    bookmarked: bool = False
    #: The learner's own words (notes, then highlighted passages with their notes).
    own: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PrintedProfile:
    """The learner's latest self-assessment: the chart (over the one before) and its words."""

    chart: ChartData
    #: (dimension name, the latest level in words) in the bundle's order.
    ratings: list[tuple[str, str]]


@dataclass(frozen=True)
class Summary:
    title: str
    subtitle: str
    cells: list[DimensionCell]
    footer: str
    profile: PrintedProfile | None = None


def printed_profile(bundle: Bundle, notes: NotesFile) -> PrintedProfile | None:
    """The profile for the page (None: no assessment yet)."""
    ordered = by_date(a for a in notes.assessments if a.deleted is None)
    if not ordered:
        return None
    latest = ordered[-1]
    then = ordered[-2] if len(ordered) > 1 else None
    dimensions = [(d.id, d.name) for d in bundle.dimensions]
    rows = ratings_of(bundle, latest, dimensions)
    return PrintedProfile(chart_data(bundle, latest, then), [(r.name, r.words) for r in rows])


_NUMBERS = "No One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve".split()


def counted(count: int, noun: str) -> str:
    """``counted(6, "dimension")`` is "Six dimensions"; figures from 13 on."""
    number = _NUMBERS[count] if count < len(_NUMBERS) else str(count)
    return f"{number} {noun}{'' if count == 1 else 's'}"


def summary_content(
    bundle: Bundle,
    notes: NotesFile | None = None,
    *,
    printed: date | None = None,
    profile_from: NotesFile | None = None,
) -> Summary:
    """The page for ``bundle``; with ``notes``, each dimension carries the learner's own words;
    with ``profile_from``, the page shows the learner's latest self-assessment."""
    marks = {b.item for b in notes.bookmarks} if notes else set()
    cells: list[DimensionCell] = []
    for number, dimension in enumerate(bundle.dimensions, start=1):
        own: list[str] = []
        if notes is not None:
            own += [
                " ".join(plain_text(n.body).split())
                for n in sorted(notes.notes, key=lambda n: n.created)
                if n.item == dimension.id and n.body.strip()
            ]
            for h in sorted(notes.highlights, key=lambda h: h.start):
                if h.item == dimension.id:
                    note = " ".join(plain_text(h.note).split())
                    own.append(f"“{' '.join(h.exact.split())}”" + (f" — {note}" if note else ""))
        cells.append(
            DimensionCell(
                number=number,
                name=dimension.name,
                gloss=dimension.gloss,
                practice=dimension.practice,
                themes=list(dimension.themes),
                prompt=dimension.prompts[0] if dimension.prompts else "",
                bookmarked=dimension.id in marks,
                own=own,
            )
        )
    source = next(
        (r for d in bundle.dimensions if d.source for r in bundle.readings if r.id == d.source),
        None,
    )
    # The page's own words name no topic: the title is the bundle's and the footer cites the
    # source in its own terms (Goss writes "systems leadership", the touch-point "system").
    dimensions = counted(len(cells), "dimension")
    attribution = f"{dimensions} from {citation(source)}" if source else dimensions
    day = (printed or date.today()).isoformat()
    legend = " · ★ bookmarked" if marks & {d.id for d in bundle.dimensions} else ""
    return Summary(
        title=bundle.title,
        subtitle=f"{dimensions} to practise and reflect on",
        cells=cells,
        footer=f"{attribution} · Bundle {bundle.id} {bundle.version} · Printed {day}{legend}",
        profile=printed_profile(bundle, profile_from) if profile_from is not None else None,
    )
