"""Runs of text without a space or line break, which no window can lay out in time.

Qt cannot wrap such a run, and lays it out in time that grows with the square of
its length (measured with a QTextBrowser: 5,000 characters take 0.01 s, 50,000
take 0.25 s, 200,000 take 4 s; a 10 MB "word" froze the window for minutes).
So text holding a longer run is refused where it comes in, with its place:

- bundle text at validation, past ``BUNDLE_LIMIT`` (a long web address is a few
  hundred characters);
- the learner's notes on reading and importing, past the far larger
  ``NOTES_LIMIT``: refusing a notes file opens it read-only, so only text no
  one could have typed is refused. Saving refuses it too (``store.NotesUnwritable``),
  so Companion never writes a notes file it would refuse to read; the edit
  stays in memory and is rescued at quit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

BUNDLE_LIMIT = 5_000
NOTES_LIMIT = 50_000

DocPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Run:
    #: Where the text is in the document (keys and list indexes).
    path: DocPath
    #: Where the run starts in the text (from 0) and how long it is.
    start: int
    length: int

    def describe(self, limit: int) -> str:
        return (
            f"the text has {self.length:,} characters without a space or line break "
            f"(from character {self.start + 1:,}); at most {limit:,} are allowed, as longer "
            "text cannot be wrapped and would freeze the window"
        )


@cache
def _pattern(limit: int) -> re.Pattern[str]:
    return re.compile(rf"\S{{{limit + 1},}}")


def long_runs(data: Any, limit: int, path: DocPath = ()) -> Iterator[Run]:
    """The first run longer than ``limit`` in each text inside ``data`` (plain data)."""
    if isinstance(data, str):
        if len(data) > limit and (found := _pattern(limit).search(data)):
            yield Run(path, found.start(), found.end() - found.start())
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from long_runs(value, limit, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from long_runs(value, limit, (*path, index))
