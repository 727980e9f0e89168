"""What a reading pane shows for each item, as Markdown (no Qt here).

One function per kind keeps the reading pane, search snippets and highlight
anchoring looking at the same text.
"""

from __future__ import annotations

import re

import msgspec

from companion.bundle.model import (
    Bundle,
    Definition,
    Dimension,
    Item,
    Reading,
    Region,
    Stacey,
    Voice,
    title_of,
)

SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")


# A Struct, not a dataclass: making a dataclass compiles its methods (~1 ms of start-up).
class Page(msgspec.Struct, frozen=True):
    title: str
    #: One line naming where the item comes from; shown above the text, never scrolled away.
    attribution: str
    body: str
    #: An external link for "Open online" (http, https or mailto only).
    url: str | None = None
    #: The authors' editorial note on the item (plain text): shown after the study text,
    #: folded away under "About this text", never before the text a learner came to read.
    about: str = ""


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


_HEADING = re.compile(r"^(#{1,5}) ", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*{1,2}|_{1,2})(\S(?:.*?\S)?)\1")


def _demote(markdown: str) -> str:
    """Authors' headings sit one level below the pane's own section headings."""
    return _HEADING.sub(lambda m: "#" * min(len(m.group(1)) + 2, 6) + " ", markdown)


def plain_line(markdown: str) -> str:
    """Markdown emphasis dropped and whitespace folded, for one-line labels."""
    return _EMPHASIS.sub(r"\2", " ".join(markdown.split()))


def _section(heading: str, text: str) -> str:
    return f"### {heading}\n\n{_demote(text.strip())}\n" if text.strip() else ""


def _about(note: str) -> str:
    return " ".join(note.split())


def joined_names(names: list[str]) -> str:
    """Names as a reader expects them: "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def citation(reading: Reading) -> str:
    """A reference-list style citation in plain text."""
    authors = joined_names(reading.authors)
    where = ", ".join(p for p in (reading.journal, reading.publisher) if p)
    when = reading.date or (str(reading.year) if reading.year else "")
    parts = [p.rstrip(".") for p in (authors, f"“{reading.title}”", where, when) if p]
    return ". ".join(parts) + "."


def safe_url(url: str | None) -> str | None:
    if url and url.strip().lower().startswith(SAFE_LINK_SCHEMES):
        return url.strip()
    return None


class PageBuilder:
    """Builds pages for the items of one bundle (it resolves sources by id)."""

    def __init__(self, bundle: Bundle) -> None:
        self.bundle = bundle
        self.readings = {r.id: r for r in bundle.readings}

    def _source_line(self, reading_id: str, prefix: str) -> str:
        reading = self.readings.get(reading_id)
        return f"{prefix} {citation(reading)}" if reading else ""

    def page(self, item: Item) -> Page:
        if isinstance(item, Definition):
            return self._definition(item)
        if isinstance(item, Dimension):
            return self._dimension(item)
        if isinstance(item, Region):
            return self._region(item)
        if isinstance(item, Stacey):
            return self._stacey(item)
        if isinstance(item, Reading):
            return self._reading(item)
        return self._voice(item)

    def _definition_source(self, item: Definition) -> tuple[str, str]:
        """The heading line naming what ``item`` comes from, and the body's link to it."""
        kind = "Quoted from" if item.verbatim else "Summarised from"
        reading = self.readings.get(item.source)
        if reading:
            return f"{kind} {citation(reading)}", f"[{reading.title}](item:{reading.id})"
        stacey = self.bundle.stacey
        if stacey and stacey.id == item.source:
            line = f"{kind} “{stacey.title}”. {self._stacey_attribution()}"
            return line, f"[{stacey.title}](item:{stacey.id})"
        if item.source == self.bundle.id:
            title = f"“{self.bundle.title}”"
            if item.verbatim:
                return f"Quoted from the touch-point, {title}", ""
            return f"The touch-point's own framing, in {title}", ""
        return "", ""

    def _definition(self, item: Definition) -> Page:
        body = f"> {item.text.strip()}\n" if item.verbatim else f"{_demote(item.text.strip())}\n"
        attribution, link = self._definition_source(item)
        if link:
            body += f"\nSource: {link}\n"
        return Page(item.term, attribution, body, about=_about(item.note))

    def _dimension(self, item: Dimension) -> Page:
        attribution = self._source_line(item.source, "From") if item.source else ""
        parts: list[str] = []  # the gloss is on the card just above
        if item.themes:
            parts.append(_section("Themes", _bullets(item.themes)))
        parts.append(_demote(item.study_text.strip()) + "\n")
        parts.append(_section("Reflection prompts", _bullets(item.prompts)))
        return Page(item.name, attribution, "\n".join(p for p in parts if p))

    def _stacey_attribution(self) -> str:
        stacey = self.bundle.stacey
        return plain_line(stacey.attribution) if stacey else ""

    def _region(self, item: Region) -> Page:
        parts = [
            f"*{item.location.strip()}*\n",
            _demote(item.description.strip()) + "\n",
            _section("What it calls for", item.practice),
        ]
        stacey = self.bundle.stacey
        if stacey and stacey.orange_circle.region == item.id:
            parts.append(_section("The orange circle", stacey.orange_circle.caption))
        title = stacey.title if stacey else "the model"
        attribution = f"A region of {title}; “About the model” gives its source and caveat."
        return Page(item.name, attribution, "\n".join(p for p in parts if p))

    def _stacey(self, item: Stacey) -> Page:
        parts = [
            _demote(item.study_text.strip()) + "\n",
            _section(
                "The axes",
                _bullets(
                    [
                        f"**{item.certainty.name}**: from “{item.certainty.low}” to "
                        f"“{item.certainty.high}”. {item.certainty.description}".strip(),
                        f"**{item.agreement.name}**: from “{item.agreement.low}” to "
                        f"“{item.agreement.high}”. {item.agreement.description}".strip(),
                    ]
                ),
            ),
            _section("Regions", _bullets([f"[{r.name}](item:{r.id})" for r in item.regions])),
            _section("The orange circle", item.orange_circle.caption),
            _section("Caveat", item.caveat),
        ]
        return Page(item.title, self._stacey_attribution(), "\n".join(p for p in parts if p))

    def _reading(self, item: Reading) -> Page:
        # The citation itself is the pane's attribution line, always in view.
        parts: list[str] = []
        if item.url:
            parts.append(
                f"Online (as the source gives it): <{item.url}>\n"
                if safe_url(item.url)
                else f"Online: {item.url}\n"
            )
        parts += [
            _section("Summary", item.summary),
            _section("Key points", _bullets(item.key_points)),
            _section("Study text", item.study_text),
        ]
        return Page(
            item.title,
            citation(item),
            "\n".join(p for p in parts if p),
            url=safe_url(item.url),
            about=_about(item.citation_note),
        )

    def _voice(self, item: Voice) -> Page:
        parts = [_demote(item.text.strip()) + "\n"]
        if item.quote:
            parts.append(f"> “{item.quote.strip()}”\n>\n> — {item.speaker}\n")
        reading = self.readings.get(item.source)
        if reading:
            parts.append(f"Comment on: [{reading.title}](item:{reading.id})\n")
        attribution = (
            f"{item.speaker}, commenting on “{title_of(reading)}”" if reading else item.speaker
        )
        return Page(item.title, attribution, "\n".join(parts), about=_about(item.editorial_note))
