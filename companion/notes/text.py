"""How notes read in lists: one-line excerpts, local times, tags typed with commas (no Qt)."""

from __future__ import annotations

import functools
import re

from companion.notes.model import clean_tags, moment

_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|>\s*|\d+[.)]\s+)|[*_`~]+")
EMPTY_NOTE = "(empty note)"


def excerpt(body: str, limit: int = 80) -> str:
    """The first line with text, without Markdown markers, shortened with "…"."""
    for line in body.splitlines():
        text = " ".join(_MARKUP.sub("", line).split())
        if text:
            return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return EMPTY_NOTE


@functools.lru_cache(maxsize=4096)
def when(stamp: str | None) -> str:
    """An ISO 8601 UTC stamp as local date and time ("3 May 2025, 14:02").

    A stamp that cannot be shown (not a date, or out of range) gives "": the record
    is shown without it.
    """
    utc = moment(stamp)
    if utc is None:
        return ""
    local = utc.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


def written(created: str, modified: str) -> str:
    """When a note was written and last edited, as briefly as is still clear."""
    first, last = when(created), when(modified)
    if not first:
        return f"Edited {last}" if last else ""
    if last == first or not last:
        return f"Written {first}"
    same_day = last.rsplit(", ", 1)[0] == first.rsplit(", ", 1)[0]
    return f"Written {first}, edited {last.rsplit(', ', 1)[1] if same_day else last}"


def parse_tags(text: str) -> list[str]:
    return clean_tags(text.split(","))


def tags_text(tags: list[str]) -> str:
    return ", ".join(tags)
