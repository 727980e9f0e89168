"""Synthetic bundles and notes files, realistic in size and shape, for the benchmarks.

``make_bundle(folder, items)`` writes a valid bundle.yaml with ``items`` items spread
over the kinds (definitions, dimensions, one Stacey model, readings with long study
text, voices); ``make_notes(bundle, count)`` returns a NotesFile with ``count``
notes and highlights (Markdown bodies, tags, bookmarks on ~10% of items,
highlights spread over the long readings). Fixed seeds: the same call gives the
same files.
"""

from __future__ import annotations

import random
from pathlib import Path

from companion.bundle.model import Bundle, iter_items
from companion.bundle.pages import PageBuilder
from companion.bundle.plaintext import plain_text
from companion.notes.anchoring import describe
from companion.notes.model import (
    NOTES_SCHEMA_VERSION,
    Bookmark,
    Highlight,
    Note,
    NotesFile,
)
from companion.yamlio import dump

WORDS = (
    "system leadership change place people care patient share burden time space listen "
    "relate act balcony dance floor value trust coalition willing purpose constancy power "
    "authority community services carers staff organisation boundary sector agreement "
    "certainty complexity emergent experiment vision narrative courage resilience patience "
    "optimism humility équité santé naïve café rôle learning reflection conversation "
    "generative whole integration health social partnership local council hospital ward"
).split()


def _sentence(rng: random.Random, low: int = 8, high: int = 22) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def _markdown(rng: random.Random, words: int) -> str:
    paragraphs: list[str] = []
    total = 0
    while total < words:
        if rng.random() < 0.15:
            paragraphs.append(f"## {_sentence(rng, 2, 5).rstrip('.')}")
        elif rng.random() < 0.2:
            items = [f"- {_sentence(rng, 4, 10)}" for _ in range(rng.randint(2, 5))]
            paragraphs.append("\n".join(items))
        else:
            text = " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))
            word = rng.choice(WORDS)
            paragraphs.append(text.replace(f" {word} ", f" *{word}* ", 1))
        total += len(paragraphs[-1].split())
    return "\n\n".join(paragraphs)


def bundle_data(items: int, seed: int = 7) -> dict[str, object]:
    rng = random.Random(seed)
    readings = max(1, items // 5)
    definitions = max(1, items // 5)
    regions = 5
    dimensions = 6
    voices = max(1, items - readings - definitions - dimensions - regions - 1)
    reading_ids = [f"reading-{i}" for i in range(readings)]
    placements = [
        "near-both",
        "certain-not-agreed",
        "agreed-not-certain",
        "middle-band",
        "far-from-both",
    ]
    return {
        "schema_version": 1,
        "id": f"synthetic-{items}",
        "title": f"Synthetic bundle of {items} items",
        "version": "1.0.0",
        "language": "en",
        "readings": [
            {
                "id": rid,
                "title": _sentence(rng, 3, 8).rstrip("."),
                "authors": ["A. Author"],
                "publisher": "Press",
                "year": 2015,
                "url": f"https://example.org/{rid}",
                "summary": _markdown(rng, 60),
                "key_points": [_sentence(rng) for _ in range(3)],
                "study_text": _markdown(rng, rng.randint(400, 1200)),
            }
            for rid in reading_ids
        ],
        "definitions": [
            {
                "id": f"definition-{i}",
                "term": _sentence(rng, 2, 4).rstrip("."),
                "text": _markdown(rng, 80),
                "source": rng.choice(reading_ids),
            }
            for i in range(definitions)
        ],
        "dimensions": [
            {
                "id": f"dimension-{i}",
                "name": f"Ways of {WORDS[i]}",
                "gloss": _sentence(rng, 4, 8),
                "practice": _sentence(rng, 5, 9),
                "study_text": _markdown(rng, 250),
                "prompts": [_sentence(rng) for _ in range(3)],
            }
            for i in range(dimensions)
        ],
        "stacey": {
            "id": "stacey",
            "title": "Stacey",
            "attribution": "Ralph Stacey.",
            "caveat": "He dropped it.",
            "study_text": _markdown(rng, 200),
            "certainty": {"name": "Certainty", "low": "Close", "high": "Far"},
            "agreement": {"name": "Agreement", "low": "Close", "high": "Far"},
            "regions": [
                {
                    "id": f"region-{i}",
                    "name": placement.replace("-", " ").title(),
                    "placement": placement,
                    "location": _sentence(rng),
                    "description": _markdown(rng, 60),
                    "practice": _markdown(rng, 30),
                }
                for i, placement in enumerate(placements[:regions])
            ],
            "orange_circle": {"region": "region-3", "caption": "Zone of complexity."},
        },
        "voices": [
            {
                "id": f"voice-{i}",
                "title": _sentence(rng, 3, 6).rstrip("."),
                "speaker": "A reader",
                "source": rng.choice(reading_ids),
                "text": _markdown(rng, 120),
            }
            for i in range(voices)
        ],
    }


def make_bundle(folder: Path, items: int, seed: int = 7) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bundle.yaml").write_text(dump(bundle_data(items, seed)), encoding="utf-8")
    return folder


def make_notes(bundle: Bundle, count: int, seed: int = 11) -> NotesFile:
    """``count`` records: about two thirds notes, one third highlights on long readings."""
    rng = random.Random(seed)
    items = [item.id for _, item in iter_items(bundle)]
    pages = PageBuilder(bundle)
    readings = bundle.readings[: max(1, min(len(bundle.readings), 50))]
    texts = {r.id: plain_text(pages.page(r).body) for r in readings}
    stamp = "2026-01-01T09:00:00.000Z"
    notes: list[Note] = []
    highlights: list[Highlight] = []
    for n in range(count):
        if n % 3 == 2:
            reading = rng.choice(readings).id
            text = texts[reading]
            start = rng.randrange(0, max(1, len(text) - 120))
            anchor = describe(text, start, start + rng.randint(20, 110))
            highlights.append(
                Highlight(
                    id=f"h-{n:06d}",
                    item=reading,
                    exact=anchor.exact,
                    prefix=anchor.prefix,
                    suffix=anchor.suffix,
                    start=anchor.start,
                    end=anchor.end,
                    color=rng.choice(["yellow", "green", "blue", "pink"]),
                    note=_markdown(rng, rng.randint(0, 60)) if rng.random() < 0.5 else "",
                    tags=rng.sample(WORDS, k=rng.randint(0, 2)),
                    created=stamp,
                    modified=stamp,
                )
            )
        else:
            notes.append(
                Note(
                    id=f"n-{n:06d}",
                    item=rng.choice(items),
                    body=_markdown(rng, rng.randint(50, 300)),
                    tags=rng.sample(WORDS, k=rng.randint(0, 3)),
                    created=stamp,
                    modified=stamp,
                )
            )
    marks = [Bookmark(item=i, created=stamp) for i in items if rng.random() < 0.1]
    return NotesFile(
        schema_version=NOTES_SCHEMA_VERSION,
        bundle=bundle.id,
        bookmarks=marks,
        notes=notes,
        highlights=highlights,
    )


__all__ = ["bundle_data", "make_bundle", "make_notes"]
