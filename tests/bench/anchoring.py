"""Placing 500 highlights on a long reading after its text changed.

Run ``python3 tests/bench/anchoring.py``.

Core only (companion.notes.anchoring.place), median of 5 runs per scenario.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from companion.notes.anchoring import Anchor, describe, place
from tests.bench.synth import WORDS

HIGHLIGHTS = 500


def long_reading(rng: random.Random, words: int = 20_000) -> str:
    paragraphs = []
    while words > 0:
        size = rng.randint(40, 160)
        paragraphs.append(" ".join(rng.choices(WORDS, k=size)).capitalize() + ".")
        words -= size
    return "\n".join(paragraphs)


def scenarios(rng: random.Random, text: str) -> dict[str, str]:
    paragraphs = text.split("\n")
    shuffled = paragraphs[:]
    rng.shuffle(shuffled)
    return {
        "unchanged": text,
        "a paragraph inserted at the start": "A new opening paragraph.\n" + text,
        "one word changed everywhere": text.replace(" trust ", " confidence "),
        "paragraphs shuffled": "\n".join(shuffled),
    }


def main() -> int:
    rng = random.Random(5)
    text = long_reading(rng)
    anchors: list[Anchor] = []
    for _ in range(HIGHLIGHTS):
        start = rng.randrange(0, len(text) - 120)
        anchors.append(describe(text, start, start + rng.randint(20, 110)))
    print(f"{HIGHLIGHTS} highlights on a reading of {len(text):,} characters (median of 5)")
    for name, edited in scenarios(rng, text).items():
        samples = []
        for _ in range(5):
            started = time.perf_counter()
            placed = [place(edited, anchor) for anchor in anchors]
            samples.append((time.perf_counter() - started) * 1000)
        hows = Counter(p.how.value for p in placed)
        print(f"  {name:<36}{statistics.median(samples):>9.1f} ms   {dict(hows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
