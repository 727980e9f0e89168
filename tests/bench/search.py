"""Search benchmark: index build, and keystroke to results on 10,000 items and 10,000 notes.

Run from anywhere: ``python3 tests/bench/search.py [--items N] [--notes N] [--rounds N]``.

A synthetic bundle (definitions, dimensions, a Stacey model, readings and voices with
Markdown bodies of 100-600 words, words drawn Zipf-like from a vocabulary that holds
accented words and the phrases learners remember) and a notes file (notes of 50-300 words
with tags, highlights and bookmarks) are generated from a fixed seed. Timed:

- the build as the window does it off the UI thread: the documents (``content_docs``,
  ``own_docs``: the plain text each reading pane shows) and the FTS insert, separately;
- keystroke to results: for realistic queries typed one character at a time, every prefix
  runs ``results.find(index, prefix)``, exactly what the search field runs per keystroke
  (``SearchIndex.search(prefix, limit=20)`` and the rows' HTML); median and 99th percentile
  over all prefixes and rounds;
- the floor in the same run: a bare FTS5 prefix query, top 20 by rank with
  ``snippet()``, on the same table with the same match expression;
- one incremental update, as on the UI thread when a note changes.

Not part of the test suite; no Qt is needed.
"""

from __future__ import annotations

import argparse
import platform
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from companion.bundle.model import (  # noqa: E402  (the repo goes on the path first)
    Axis,
    Bundle,
    Definition,
    Dimension,
    OrangeCircle,
    Placement,
    Reading,
    Region,
    Stacey,
    Voice,
)
from companion.notes.model import (  # noqa: E402
    NOTES_SCHEMA_VERSION,
    Bookmark,
    Highlight,
    Note,
    NotesFile,
)
from companion.search.documents import (  # noqa: E402
    content_docs,
    item_titles,
    note_doc,
    own_docs,
)
from companion.search.index import (  # noqa: E402
    ELLIPSIS,
    MATCH_END,
    MATCH_START,
    SNIPPET_TOKENS,
    SearchIndex,
    match_expression,
)
from companion.search.results import find  # noqa: E402

SEED = 7
QUERIES = (
    "balcony and dance floor",
    "coalition of the willing",
    "equite",
    "trust",
    "patient safety",
    "relat",
    "zone of complexity",
    "what would mandela do",
    "system leadership",
    "café naïve",
)
GOAL_MEDIAN_MS, GOAL_P99_MS = 5.0, 20.0
#: A sentence holds one of the remembered phrases this often (each is in ~100 documents).
PHRASE_RATE = 0.0015

_FUNCTION = (
    "the of and to a in that is it for as with was on be by this are we not at from or "
    "have an they which but their more can all what when there so one about would if who "
    "our has them its how been into only also other some than these may our then people"
).split()
_DOMAIN = (
    "system leadership boundary organisation partner trust feeling perceiving thinking "
    "relating doing being agreement certainty complexity chaos zone emergent adaptive "
    "challenge stakeholder conversation purpose collaboration curiosity listen reflect "
    "practice ward patient community shared outcome learning feedback tension power "
    "influence network story question assumption evidence value culture change safety "
    "relationship relational relate care health public service council commissioning "
    "integration place leader leaders followers authority legitimacy humility courage "
    "balcony dance floor coalition willing mandela resilience purpose narrative "
    "experiment prototype reflection dialogue listening empathy trustworthy governance"
).split()
_ACCENTED = (
    "équité café naïve rôle coöperation Zürich façade déjà élan résumé São Māori "
    "Ngāti whānau señora über"
).split()
_PHRASES = (
    "balcony and dance floor",
    "coalition of the willing",
    "patient safety",
    "équité en santé",
    "zone of complexity",
    "what would Mandela do",
    "system leadership",
)
_SYLLABLES = (
    "ka ro mi ten sul ver pla gon dri fex mo an te lu sor bel qui nar pe dis vol tor mar "
    "cen sta lin gra fo"
).split()
TAGS = ["reflection", "action", "question", "reading", "session-3", "to discuss", "idea", "ward"]


def vocabulary(rng: random.Random, size: int = 20_000) -> tuple[list[str], list[float]]:
    """Words with Zipf weights: function words first; domain and accented words mid-frequency.

    Domain words land among ranks 100-1,500 and accented ones among 300-5,000 (invented
    words fill the rest), so "trust" is in a few thousand documents and "the" in nearly all.
    """
    invented: set[str] = set()
    while len(invented) < size:
        invented.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    words = [*_FUNCTION, *sorted(invented)]
    for word in _DOMAIN:
        words.insert(rng.randint(100, 1_500), word)
    for word in _ACCENTED:
        words.insert(rng.randint(300, 5_000), word)
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    return words, weights


class Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words, weights = vocabulary(rng)
        self.cumulative = list(_accumulate(weights))

    def _words(self, n: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=n)

    def sentence(self, n: int) -> str:
        picked = self._words(n)
        if self.rng.random() < PHRASE_RATE:
            picked[self.rng.randrange(n)] = self.rng.choice(_PHRASES)
        if self.rng.random() < 0.3:
            i = self.rng.randrange(n)
            picked[i] = self.rng.choice(("*{}*", "**{}**", "`{}`")).format(picked[i])
        return " ".join(picked).capitalize() + self.rng.choice("..?!")

    def paragraph(self, words: int) -> str:
        out, count = [], 0
        while count < words:
            n = self.rng.randint(6, 22)
            out.append(self.sentence(n))
            count += n
        return " ".join(out)

    def markdown(self, low: int, high: int, links: list[str] = ()) -> str:  # type: ignore[assignment]
        target = self.rng.randint(low, high)
        blocks: list[str] = []
        written = 0
        while written < target:
            kind = self.rng.random()
            if kind < 0.06:
                blocks.append("#### " + self.sentence(self.rng.randint(2, 5)).rstrip(".?!"))
                written += 4
            elif kind < 0.25:
                lines = [f"- {self.sentence(self.rng.randint(4, 12))}" for _ in range(3)]
                blocks.append("\n".join(lines))
                written += sum(len(line.split()) for line in lines)
            elif kind < 0.3 and links:
                target_id = self.rng.choice(links)
                blocks.append(f"See [{self.sentence(3).rstrip('.?!')}](item:{target_id}).")
                written += 4
            else:
                n = min(self.rng.randint(40, 120), max(target - written, 10))
                blocks.append(self.paragraph(n))
                written += n
        return "\n\n".join(blocks)

    def title(self) -> str:
        return self.sentence(self.rng.randint(2, 6)).rstrip(".?!")


def _accumulate(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def make_bundle(count: int, seed: int = SEED) -> Bundle:
    rng = random.Random(seed)
    w = Writer(rng)
    n_read, n_voice, n_def = int(count * 0.35), int(count * 0.35), int(count * 0.2)
    n_dim = count - n_read - n_voice - n_def - 7  # the Stacey model and six regions
    readings = [
        Reading(
            id=f"reading-{i}",
            title=w.title(),
            authors=[w.title()],
            publisher="The King's Fund",
            year=rng.randint(1990, 2024),
            summary=w.paragraph(rng.randint(30, 60)),
            key_points=[w.sentence(8) for _ in range(3)],
            study_text=w.markdown(60, 500),
        )
        for i in range(n_read)
    ]
    ids = [r.id for r in readings]
    voices = [
        Voice(
            id=f"voice-{i}",
            title=w.title(),
            speaker=w.title(),
            source=rng.choice(ids),
            text=w.markdown(100, 600, ids),
            quote=w.sentence(12) if rng.random() < 0.3 else "",
        )
        for i in range(n_voice)
    ]
    definitions = [
        Definition(
            id=f"definition-{i}",
            term=w.title(),
            text=w.markdown(100, 600),
            source=rng.choice(ids),
            verbatim=rng.random() < 0.5,
        )
        for i in range(n_def)
    ]
    dimensions = [
        Dimension(
            id=f"dimension-{i}",
            name=w.title(),
            source=rng.choice(ids),
            gloss=w.sentence(10),
            themes=[w.title() for _ in range(3)],
            study_text=w.markdown(80, 520, ids),
            prompts=[w.sentence(10) for _ in range(3)],
        )
        for i in range(n_dim)
    ]
    regions = [
        Region(
            id=f"region-{p.value}",
            name=w.title(),
            placement=p,
            location=w.sentence(6),
            description=w.markdown(60, 300),
            practice=w.markdown(40, 200),
        )
        for p in Placement
    ] + [
        Region(
            id="region-extra",
            name="Zone of complexity",
            placement=Placement.MIDDLE_BAND,
            location=w.sentence(6),
            description=w.markdown(60, 300),
            practice=w.markdown(40, 200),
        )
    ]
    stacey = Stacey(
        id="stacey-model",
        title="The Stacey matrix",
        attribution="After Ralph Stacey",
        caveat=w.paragraph(40),
        study_text=w.markdown(100, 400),
        certainty=Axis(name="Certainty", low="close to", high="far from"),
        agreement=Axis(name="Agreement", low="close to", high="far from"),
        regions=regions[:6],
        orange_circle=OrangeCircle(region=regions[0].id, caption=w.sentence(10)),
    )
    return Bundle(
        schema_version=1,
        id="synthetic",
        title="Synthetic bundle",
        version="1",
        language="en",
        definitions=definitions,
        dimensions=dimensions,
        stacey=stacey,
        readings=readings,
        voices=voices,
    )


def make_notes(bundle: Bundle, count: int, seed: int = SEED) -> NotesFile:
    rng = random.Random(seed + 1)
    w = Writer(rng)
    items = list(item_titles(bundle))
    stamp = "2025-03-01T09:00:00.000Z"
    notes = [
        Note(
            id=f"n-{i:012x}",
            item=rng.choice(items),
            body=w.markdown(50, 300),
            tags=rng.sample(TAGS, rng.choice((0, 1, 1, 2, 3))),
            created=stamp,
            modified=stamp,
        )
        for i in range(count)
    ]
    highlights = []
    for i in range(count // 10):
        exact = w.sentence(rng.randint(4, 20))
        highlights.append(
            Highlight(
                id=f"h-{i:012x}",
                item=rng.choice(items),
                exact=exact,
                start=0,
                end=len(exact),
                note=w.paragraph(20) if rng.random() < 0.4 else "",
                tags=rng.sample(TAGS, rng.choice((0, 1))),
                created=stamp,
                modified=stamp,
            )
        )
    bookmarks = [Bookmark(item=i, created=stamp) for i in rng.sample(items, count // 10)]
    return NotesFile(
        schema_version=NOTES_SCHEMA_VERSION,
        bundle=bundle.id,
        bookmarks=bookmarks,
        notes=notes,
        highlights=highlights,
    )


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def bare_query(index: SearchIndex, expression: str) -> list[tuple[object, ...]]:
    """The floor: FTS5 prefix query, top 20 by its own rank, with a snippet."""
    db: sqlite3.Connection = index._db  # the same table, no Python around it
    return db.execute(
        "SELECT key, kind, item, title, "
        f"snippet(docs, 4, ?, ?, ?, {SNIPPET_TOKENS}) FROM docs WHERE docs MATCH ? "
        "ORDER BY rank LIMIT 20",
        (MATCH_START, MATCH_END, ELLIPSIS, expression),
    ).fetchall()


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--slowest", type=int, default=8, help="list the N slowest prefixes")
    args = parser.parse_args(argv)

    print("generating ...", file=sys.stderr, flush=True)
    bundle = make_bundle(args.items)
    notes = make_notes(bundle, args.notes)
    build: dict[str, float] = {}
    start = time.perf_counter()
    content = content_docs(bundle)
    build["content docs (plain text of every page)"] = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    titles = item_titles(bundle)
    own = own_docs(notes, titles)
    build["own docs (notes, highlights, bookmarks)"] = (time.perf_counter() - start) * 1000
    index = SearchIndex()
    start = time.perf_counter()
    index.add(content)
    index.add(own)
    build["FTS insert"] = (time.perf_counter() - start) * 1000
    words = sum(len(d.body.split()) for d in content) + sum(len(d.body.split()) for d in own)

    print("typing ...", file=sys.stderr, flush=True)
    ours: list[float] = []
    floor: list[float] = []
    per_prefix: dict[str, list[float]] = {}
    prefixes = [q[:n] for q in QUERIES for n in range(1, len(q) + 1)]
    for _ in range(args.rounds):
        for prefix in prefixes:
            expression = match_expression(prefix)
            if expression is None:
                continue
            ms = _timed(lambda p=prefix: find(index, p, limit=20))  # type: ignore[misc]
            ours.append(ms)
            per_prefix.setdefault(prefix, []).append(ms)
            floor.append(_timed(lambda e=expression: bare_query(index, e)))  # type: ignore[misc]

    note = notes.notes[len(notes.notes) // 2]
    update = [
        _timed(lambda i=i: index.replace([note_doc(note, titles)]))  # type: ignore[misc]
        for i in range(20)
    ]

    print(
        f"Search, {args.items:,} items + {len(notes.notes):,} notes, "
        f"{len(notes.highlights):,} highlights, {len(notes.bookmarks):,} bookmarks "
        f"({index.count():,} documents, {words / 1e6:.1f} M words); Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}\n"
    )
    print("build (off the UI thread)                  ms")
    for label, ms in build.items():
        print(f"  {label:<40} {ms:>8,.0f}")
    print(f"  {'total':<40} {sum(build.values()):>8,.0f}\n")
    n = len(ours)
    print(
        f"keystroke to results ({len(prefixes)} prefixes of {len(QUERIES)} queries "
        f"x {args.rounds} rounds = {n})"
    )
    print(f"  {'':<40} {'median ms':>10} {'p99 ms':>8} {'max ms':>8}")
    for label, samples in (
        ("search + rows (what the UI does)", ours),
        ("floor: bare FTS5 prefix top-20 + snippet", floor),
    ):
        print(
            f"  {label:<40} {statistics.median(samples):>10.2f} "
            f"{percentile(samples, 99):>8.2f} {max(samples):>8.2f}"
        )
    med, p99 = statistics.median(ours), percentile(ours, 99)
    verdict = "met" if med <= GOAL_MEDIAN_MS and p99 <= GOAL_P99_MS else "NOT met"
    print(f"  goal: median <= {GOAL_MEDIAN_MS:g} ms, p99 <= {GOAL_P99_MS:g} ms: {verdict}")
    print(f"  ratio to floor: median {med / statistics.median(floor):.2f}x\n")
    print(f"one note changed (note_doc + replace), UI thread: {statistics.median(update):.2f} ms")
    print(f"\nslowest prefixes (median ms over {args.rounds} rounds):")
    slow = sorted(per_prefix.items(), key=lambda kv: -statistics.median(kv[1]))
    for prefix, samples in slow[: args.slowest]:
        print(f"  {prefix!r:<30} {statistics.median(samples):8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
