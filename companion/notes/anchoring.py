"""Find a highlighted passage again after the text around it (or in it) has changed.

Each highlight keeps W3C Web Annotation selectors over the item's plain text:
a TextQuoteSelector (the exact text, 32 characters of prefix and suffix) and a
TextPositionSelector (start, end; code points). Placing it again tries, in
order (after Hypothesis's client):

1. the stored position, accepted only if the text there still equals the quote;
2. every exact occurrence of the quote, the best context and position winning;
3. approximate matches (Myers' bit-parallel algorithm, from edlib) with at most
   min(256, len/2) errors, scored (50·quote + 20·prefix + 20·suffix + 2·position) / 92;
4. otherwise the highlight is an orphan: kept, listed, and tried again later.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import edlib

CONTEXT = 32
MAX_ERRORS = 256
#: Characters either side of the old position searched before the whole text.
WINDOW = 2000
#: A nearby approximate match this good is taken without searching further.
GOOD_ENOUGH = 0.85


@dataclass(frozen=True)
class Anchor:
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


class How(StrEnum):
    POSITION = "position"  # where it was
    EXACT = "exact"  # the same words, found elsewhere
    APPROXIMATE = "approximate"  # words that changed a little
    ORPHAN = "orphan"


@dataclass(frozen=True)
class Placement:
    start: int
    end: int
    how: How
    score: float = 1.0

    @property
    def placed(self) -> bool:
        return self.how is not How.ORPHAN


ORPHAN = Placement(0, 0, How.ORPHAN, 0.0)


def describe(text: str, start: int, end: int) -> Anchor:
    """The selectors for ``text[start:end]``."""
    return Anchor(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        start=start,
        end=end,
    )


def _alphabet(query: str, text: str) -> tuple[str, str]:
    """Both strings over at most 256 symbols, as edlib needs.

    Characters that are not in the query can never match a query character,
    so they all become one symbol without changing any edit distance.
    """
    codes: dict[str, str] = {}
    for char in query:
        if char not in codes:
            codes[char] = chr(min(len(codes) + 1, 255))
    other = "\0"
    return (
        "".join(codes[c] for c in query),
        "".join(codes.get(c, other) for c in text),
    )


def _similarity(a: str, b: str) -> float:
    """1 - edit distance / length (of the longer), for short context strings."""
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    query, target = _alphabet(a, b)
    distance: int = edlib.align(query, target, mode="NW", task="distance")["editDistance"]
    return max(0.0, 1 - distance / max(len(a), len(b)))


def _score(text: str, anchor: Anchor, start: int, end: int, quote: float) -> float:
    prefix = _similarity(anchor.prefix, text[max(0, start - len(anchor.prefix)) : start])
    suffix = _similarity(anchor.suffix, text[end : end + len(anchor.suffix)])
    position = 1 - abs(start - anchor.start) / max(len(text), 1)
    return (50 * quote + 20 * prefix + 20 * suffix + 2 * position) / 92


def _exact(text: str, anchor: Anchor) -> Placement | None:
    best: Placement | None = None
    start = text.find(anchor.exact)
    while start != -1:
        end = start + len(anchor.exact)
        score = _score(text, anchor, start, end, 1.0)
        if best is None or score > best.score:
            best = Placement(start, end, How.EXACT, score)
        start = text.find(anchor.exact, start + 1)
    return best


def _approximate_in(text: str, anchor: Anchor, offset: int, end: int) -> Placement | None:
    limit = min(MAX_ERRORS, len(anchor.exact) // 2)
    if limit == 0:
        return None
    query, target = _alphabet(anchor.exact, text[offset:end])
    found = edlib.align(query, target, mode="HW", task="locations", k=limit)
    distance: int = found["editDistance"]
    if distance < 0:
        return None
    quote = 1 - distance / len(anchor.exact)
    best: Placement | None = None
    for start, last in found["locations"]:
        start, stop = offset + start, offset + last + 1
        score = _score(text, anchor, start, stop, quote)
        if best is None or score > best.score:
            best = Placement(start, stop, How.APPROXIMATE, score)
    return best


def _approximate(text: str, anchor: Anchor) -> Placement | None:
    # Most edits are local: look near the old position first (a long reading
    # makes a whole-text search cost milliseconds per highlight).
    margin = max(WINDOW, 4 * len(anchor.exact))
    near = _approximate_in(
        text, anchor, max(0, anchor.start - margin), min(len(text), anchor.end + margin)
    )
    if near is not None and near.score >= GOOD_ENOUGH:
        return near
    anywhere = _approximate_in(text, anchor, 0, len(text))
    if near is None:
        return anywhere
    return near if anywhere is None or near.score >= anywhere.score else anywhere


def place(text: str, anchor: Anchor) -> Placement:
    """Where ``anchor`` belongs in ``text`` now (or ORPHAN)."""
    if not anchor.exact:
        return ORPHAN
    if text[anchor.start : anchor.end] == anchor.exact:
        return Placement(anchor.start, anchor.end, How.POSITION)
    return _exact(text, anchor) or _approximate(text, anchor) or ORPHAN
