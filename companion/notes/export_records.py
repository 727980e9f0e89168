"""Self-assessments and challenges out of Companion: Markdown sections and W3C annotations.

Pure functions of the bundle and the records; the trash is never exported.

W3C shapes (the README has examples; ``import_records`` reads them back):

- A self-assessment is one Annotation per rated dimension, motivation ``assessing``,
  on the dimension (``urn:companion:<bundle>:<dimension-id>``), ``created`` and
  ``modified`` the assessment's. Its bodies: the level as a ``TextualBody`` with
  purpose ``classifying`` (the scale's words as ``value``, the level's key in its
  ``id``, ``urn:companion:<bundle>:scale:<key>``), the evidence as a ``commenting``
  Markdown body, and the assessment's tags as ``tagging`` bodies. The annotations of
  one assessment share ``dcterms:isPartOf``: ``urn:companion:<bundle>:assessment:<id>``
  (the ``dcterms`` prefix is in the annotation context). A dimension with only
  evidence has no ``classifying`` body; an assessment with no rating is not exported.
- A challenge is one Annotation, motivation ``commenting``, on the Stacey item, with
  a ``describing`` plain-text body (its title), a ``commenting`` Markdown body (its
  note), ``tagging`` bodies, and a ``classifying`` body in ``application/json``
  holding where it is and has been: ``{"certainty": .., "agreement": .., "region":
  "<region-id>", "moves": [{"at": .., "certainty": .., "agreement": ..}, ..]}``
  (certainty, agreement and region only once it is placed; axes from 0 at the
  origin end to 1 at the far end).
"""

from __future__ import annotations

import json
from typing import Any

from companion.bundle.model import Bundle, Stacey
from companion.bundle.stacey_map import region_at
from companion.notes.markdown_text import inline, learner_markdown
from companion.notes.profile import date_labels, ratings_of
from companion.notes.records import Assessment, Challenge, by_date, position_of
from companion.notes.w3c_common import base_annotation, item_urn, text_bodies

PART_OF = "dcterms:isPartOf"
POSITION_FORMAT = "application/json"
NOT_PLACED = "not placed yet"


def assessment_urn(bundle_id: str, assessment_id: str) -> str:
    return f"urn:companion:{bundle_id}:assessment:{assessment_id}"


def rating_record_id(assessment_id: str, dimension: str) -> str:
    """The record part of a rating annotation's id: one per dimension of an assessment."""
    return f"{assessment_id}:{dimension}"


def live(records: list[Any]) -> list[Any]:
    return [r for r in records if r.deleted is None]


def challenges_in_order(challenges: list[Challenge]) -> list[Challenge]:
    """Not in the trash, oldest first (by when each was added), ties by id."""
    return sorted(live(challenges), key=lambda c: (c.created, c.id))


# -- Markdown ---------------------------------------------------------------
def _position_words(stacey: Stacey | None, certainty: float, agreement: float) -> str:
    region = region_at(stacey, certainty, agreement) if stacey is not None else None
    where = region.name if region is not None else "no region of this bundle"
    return f"{inline(where)} (certainty {certainty:g}, agreement {agreement:g})"


def profile_markdown(bundle: Bundle, assessments: list[Assessment]) -> list[str]:
    """ "My profile": each assessment by date, each dimension's level in words and evidence."""
    ordered = by_date(live(assessments))
    if not ordered:
        return []
    parts = ["## My profile"]
    for assessment, label in zip(ordered, date_labels(ordered), strict=True):
        parts.append(f"### Self-assessment of {inline(label)}")
        when = f"Taken {inline(assessment.created)}"
        if assessment.modified != assessment.created:
            when += f" (edited {inline(assessment.modified)})"
        if assessment.tags:
            when += ". Tags: " + ", ".join(inline(tag) for tag in assessment.tags)
        parts.append(when + ".")
        for row in ratings_of(bundle, assessment):
            if not (row.level or row.evidence.strip()):
                continue
            parts.append(f"#### {inline(row.name)}: {inline(row.words)}")
            if row.evidence.strip():
                parts.append(learner_markdown(row.evidence))
    return parts


def challenges_markdown(bundle: Bundle, challenges: list[Challenge]) -> list[str]:
    """ "My challenges": title, where each is on the matrix, its note and its moves."""
    ordered = challenges_in_order(challenges)
    if not ordered:
        return []
    stacey = bundle.stacey
    parts = ["## My challenges"]
    for challenge in ordered:
        parts.append(f"### {inline(challenge.title) or '(untitled)'}")
        here = position_of(challenge)
        where = (
            NOT_PLACED if here is None else _position_words(stacey, here.certainty, here.agreement)
        )
        line = f"Region: {where}. Added {inline(challenge.created)}"
        if challenge.tags:
            line += ". Tags: " + ", ".join(inline(tag) for tag in challenge.tags)
        parts.append(line + ".")
        if challenge.note.strip():
            parts.append(learner_markdown(challenge.note))
        if challenge.moves:
            parts.append(
                "Moves:\n\n"
                + "\n".join(
                    f"{n}. {inline(m.at)}: {_position_words(stacey, m.certainty, m.agreement)}"
                    for n, m in enumerate(challenge.moves, start=1)
                )
            )
    return parts


# -- W3C Web Annotation -----------------------------------------------------
def rating_annotations(bundle: Bundle, assessment: Assessment) -> list[dict[str, Any]]:
    """One ``assessing`` annotation per rated dimension of ``assessment``, in Goss's order."""
    found = []
    for row in ratings_of(bundle, assessment):
        if not (row.level or row.evidence):
            continue
        annotation = base_annotation(
            bundle.id,
            rating_record_id(assessment.id, row.dimension),
            "assessing",
            assessment.created,
            assessment.modified,
        )
        annotation[PART_OF] = assessment_urn(bundle.id, assessment.id)
        bodies: list[dict[str, str]] = []
        if row.level:
            bodies.append(
                {
                    "type": "TextualBody",
                    "value": row.level,
                    "format": "text/plain",
                    "purpose": "classifying",
                }
            )
        annotation["body"] = bodies + text_bodies(row.evidence, assessment.tags)
        annotation["target"] = item_urn(bundle.id, row.dimension)
        found.append(annotation)
    return found


def position_json(stacey: Stacey | None, challenge: Challenge) -> str:
    """Where the challenge is and has been, as the JSON of its ``classifying`` body."""
    position: dict[str, Any] = {}
    here = position_of(challenge)
    if here is not None:
        position["certainty"], position["agreement"] = here.certainty, here.agreement
        region = region_at(stacey, here.certainty, here.agreement) if stacey else None
        if region is not None:
            position["region"] = region.id
    position["moves"] = [
        {"at": m.at, "certainty": m.certainty, "agreement": m.agreement} for m in challenge.moves
    ]
    return json.dumps(position, ensure_ascii=False, separators=(", ", ": "))


def challenge_annotation(bundle: Bundle, challenge: Challenge) -> dict[str, Any]:
    annotation = base_annotation(
        bundle.id, challenge.id, "commenting", challenge.created, challenge.modified
    )
    title = {
        "type": "TextualBody",
        "value": challenge.title,
        "format": "text/plain",
        "purpose": "describing",
    }
    position = {
        "type": "TextualBody",
        "value": position_json(bundle.stacey, challenge),
        "format": POSITION_FORMAT,
        "purpose": "classifying",
    }
    annotation["body"] = [title, *text_bodies(challenge.note, []), position]
    annotation["body"] += text_bodies("", challenge.tags)
    stacey_id = bundle.stacey.id if bundle.stacey is not None else "stacey"
    annotation["target"] = item_urn(bundle.id, stacey_id)
    return annotation


def record_annotations(
    bundle: Bundle, assessments: list[Assessment], challenges: list[Challenge]
) -> list[dict[str, Any]]:
    """The assessments (oldest first) and then the challenges, as annotations."""
    found = []
    for assessment in by_date(live(assessments)):
        found += rating_annotations(bundle, assessment)
    found += [challenge_annotation(bundle, c) for c in challenges_in_order(challenges)]
    return found
