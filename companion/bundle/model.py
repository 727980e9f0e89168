"""The content model of a bundle (schema_version 1).

These structs are the single source of truth: the loader converts YAML into
them, and the JSON Schema shipped in ``resources/`` is generated from them.
Every item carries a stable ``id`` slug because learners' bookmarks, notes and
highlights are keyed to it; corrections to text must never change an id.
"""

# No ``from __future__ import annotations`` here: msgspec would then evaluate every
# field's annotation from its text on the first decode (measured: ~2 ms of start-up).
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Literal

import msgspec

SCHEMA_VERSION = 1

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    msgspec.Meta(
        pattern=SLUG_PATTERN,
        description="A stable identifier: lower-case letters, digits and single hyphens.",
        examples=["ways-of-feeling"],
    ),
]
Text = Annotated[str, msgspec.Meta(min_length=1)]
Markdown = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        description="Markdown. Link to another item with [words](item:ITEM-ID).",
    ),
]


class _Struct(
    msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True, omit_defaults=True
):
    """Base for every bundle struct: unknown keys are errors, not silently dropped."""


class Source(_Struct, kw_only=True, frozen=True):
    """A document the bundle was made from (provenance, not a reading)."""

    title: Text
    note: str = ""
    url: str | None = None


class Definition(_Struct, kw_only=True, frozen=True):
    id: Slug
    term: Text
    text: Markdown
    source: Annotated[
        Slug,
        msgspec.Meta(
            description=(
                "What it comes from: the id of a reading, the id of the Stacey model, or "
                "the bundle's own id when it is the touch-point's own framing."
            ),
            examples=["dawn-of-system-leadership", "stacey-model", "touchpoint-7"],
        ),
    ]
    verbatim: Annotated[
        bool, msgspec.Meta(description="True when text is an exact, attributed quotation.")
    ] = False
    note: str = ""
    related: list[Slug] = []


class Dimension(_Struct, kw_only=True, frozen=True):
    id: Slug
    name: Text
    source: Annotated[
        Slug | None, msgspec.Meta(description="The id of the reading that names it.")
    ] = None
    gloss: Annotated[Text, msgspec.Meta(description="A one-line summary.")]
    practice: Annotated[
        str, msgspec.Meta(description="One short line of practice, for the printed summary.")
    ] = ""
    themes: list[Text] = []
    study_text: Markdown
    prompts: Annotated[list[Text], msgspec.Meta(min_length=1)]
    related: list[Slug] = []


class Axis(_Struct, kw_only=True, frozen=True):
    name: Text
    low: Annotated[Text, msgspec.Meta(description="Label at the origin end of the axis.")]
    high: Annotated[Text, msgspec.Meta(description="Label at the far end of the axis.")]
    description: str = ""


class Placement(StrEnum):
    """Where a region sits on the agreement/certainty matrix."""

    NEAR_BOTH = "near-both"
    CERTAIN_NOT_AGREED = "certain-not-agreed"
    AGREED_NOT_CERTAIN = "agreed-not-certain"
    MIDDLE_BAND = "middle-band"
    FAR_FROM_BOTH = "far-from-both"


class Region(_Struct, kw_only=True, frozen=True):
    id: Slug
    name: Text
    placement: Placement
    location: Annotated[Text, msgspec.Meta(description="Where it sits, in words.")]
    description: Markdown
    practice: Annotated[
        Markdown, msgspec.Meta(description="The decision-making or practice it calls for.")
    ]


class OrangeCircle(_Struct, kw_only=True, frozen=True):
    region: Annotated[Slug, msgspec.Meta(description="The id of the region it marks.")]
    caption: Text
    practices: Annotated[
        list[Slug],
        msgspec.Meta(
            description=(
                "The ids of the items holding the practices the circle marks, offered with a "
                "learner's challenges in its region. Without it: the items related to the region."
            )
        ),
    ] = []


class Stacey(_Struct, kw_only=True, frozen=True):
    id: Slug
    title: Text
    attribution: Markdown
    caveat: Markdown
    study_text: Markdown
    certainty: Axis
    agreement: Axis
    regions: Annotated[list[Region], msgspec.Meta(min_length=1)]
    orange_circle: OrangeCircle


class ScaleLevel(_Struct, kw_only=True, frozen=True):
    key: Annotated[Slug, msgspec.Meta(description="Stored in the learner's assessments.")]
    label: Annotated[Text, msgspec.Meta(description="The words the learner sees.")]
    description: str = ""


class SelfAssessment(_Struct, kw_only=True, frozen=True):
    """How learners rate themselves on the dimensions (without it: the default scale)."""

    scale: Annotated[
        list[ScaleLevel],
        msgspec.Meta(
            min_length=2,
            max_length=7,
            description="The levels from lowest to highest; keys and labels unique.",
        ),
    ]
    evidence_prompt: Annotated[
        str, msgspec.Meta(description="The question beside each evidence note.")
    ] = ""


class Reading(_Struct, kw_only=True, frozen=True):
    id: Slug
    title: Text
    authors: list[Text] = []
    publisher: str = ""
    journal: str = ""
    year: Annotated[int, msgspec.Meta(ge=1800, le=2200)] | None = None
    date: Annotated[str, msgspec.Meta(description="A fuller date, as published.")] = ""
    url: str | None = None
    citation_note: Annotated[
        str, msgspec.Meta(description="What is and is not verified about the citation.")
    ] = ""
    summary: Markdown
    key_points: list[Text] = []
    study_text: Markdown
    related: list[Slug] = []


class Voice(_Struct, kw_only=True, frozen=True):
    id: Slug
    title: Text
    speaker: Annotated[Text, msgspec.Meta(description="Who said it, as the source signs it.")]
    source: Annotated[Slug, msgspec.Meta(description="The id of the reading it comments on.")]
    text: Markdown
    quote: str = ""
    editorial_note: str = ""
    related: list[Slug] = []


class Bundle(_Struct, kw_only=True, frozen=True):
    """A touch-point of a programme: the root of ``bundle.yaml``."""

    schema_version: Literal[1]
    id: Slug
    title: Text
    version: Text
    language: Annotated[str, msgspec.Meta(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")]
    description: str = ""
    sources: list[Source] = []
    definitions: list[Definition] = []
    dimensions: list[Dimension] = []
    stacey: Stacey | None = None
    readings: list[Reading] = []
    voices: list[Voice] = []
    self_assessment: SelfAssessment | None = None


Item = Definition | Dimension | Stacey | Region | Reading | Voice

Kind = Literal["definition", "dimension", "stacey", "region", "reading", "voice"]


def kind_of(item: Item) -> Kind:
    kinds: dict[type[Item], Kind] = {
        Definition: "definition",
        Dimension: "dimension",
        Stacey: "stacey",
        Region: "region",
        Reading: "reading",
        Voice: "voice",
    }
    return kinds[type(item)]


def title_of(item: Item) -> str:
    if isinstance(item, Definition):
        return item.term
    if isinstance(item, Dimension | Region):
        return item.name
    return item.title


def items_of(bundle: Bundle) -> Iterator[Item]:
    """Every item, in document order (``iter_items`` without the paths, for lookups)."""
    yield from bundle.definitions
    yield from bundle.dimensions
    if bundle.stacey is not None:
        yield bundle.stacey
        yield from bundle.stacey.regions
    yield from bundle.readings
    yield from bundle.voices


#: The study tabs, in order: each one's name and the kinds of item it shows. The window's
#: tabs and the headings of the notes export are these.
STUDY_TABS: tuple[tuple[str, tuple[Kind, ...]], ...] = (
    ("Definitions", ("definition",)),
    ("Six Dimensions", ("dimension",)),
    ("Stacey Model", ("stacey", "region")),
    ("Readings", ("reading",)),
    ("Voices", ("voice",)),
)


def tab_items(bundle: Bundle, kinds: tuple[Kind, ...]) -> list[Item]:
    """The items of one of the ``STUDY_TABS`` (by its kinds), in document order."""
    return [item for item in items_of(bundle) if kind_of(item) in kinds]


def iter_items(bundle: Bundle) -> list[tuple[tuple[str | int, ...], Item]]:
    """Every item with its path inside the document, in document order."""
    found: list[tuple[tuple[str | int, ...], Item]] = []
    found += [(("definitions", i), d) for i, d in enumerate(bundle.definitions)]
    found += [(("dimensions", i), d) for i, d in enumerate(bundle.dimensions)]
    if bundle.stacey is not None:
        found.append((("stacey",), bundle.stacey))
        found += [(("stacey", "regions", i), r) for i, r in enumerate(bundle.stacey.regions)]
    found += [(("readings", i), r) for i, r in enumerate(bundle.readings)]
    found += [(("voices", i), v) for i, v in enumerate(bundle.voices)]
    return found
