"""My profile and My challenges in the exports: a golden Markdown file and the W3C shapes."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import msgspec

from companion.notes.export import export_markdown, export_w3c, has_html
from companion.notes.export_records import challenge_annotation, rating_annotations
from companion.notes.model import empty_file
from companion.notes.records import Assessment, Challenge, Move, Rating

from .known_notes import shipped
from .known_records import known_records

GOLDEN = Path(__file__).parent / "golden" / "export-records.md"
#: Set to rewrite the golden file from the code (then read the diff before committing it).
UPDATE = os.environ.get("COMPANION_UPDATE_GOLDEN") == "1"


def test_markdown_export_with_records_matches_the_golden_file() -> None:
    text = export_markdown(shipped(), known_records())
    if UPDATE:
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_the_profile_and_challenges_come_last_without_raw_html_or_the_trash() -> None:
    text = export_markdown(shipped(), known_records())
    assert text.index("## My profile") < text.index("## My challenges")
    assert text.index("## Not in this bundle") < text.index("## My profile")
    assert "2 self-assessments and 3 challenges. Times are UTC." in text
    assert not has_html(text)
    assert "\\<b>honesty\\</b>" in text and "\\<script>" in text
    assert "Deleted" not in text and "a-000000000009" not in text
    # Words, not numbers.
    assert "#### Ways of feeling: sometimes" in text and "#### Ways of perceiving: not yet" in text


def test_only_records_is_not_nothing() -> None:
    challenge = Challenge(id="c-1", title="Rota", created="2026-01-01", modified="2026-01-01")
    data = msgspec.structs.replace(empty_file("touchpoint-7"), challenges=[challenge])
    text = export_markdown(shipped(), data)
    assert "Nothing yet" not in text
    assert text.endswith(
        "## My challenges\n\n### Rota\n\nRegion: not placed yet. Added 2026-01-01.\n"
    )
    assert "0 notes and 1 challenge." in text
    assert "Nothing yet" in export_markdown(shipped(), empty_file("touchpoint-7"))


def _rating_example() -> Assessment:
    return Assessment(
        id="a-1",
        ratings=[Rating(dimension="ways-of-feeling", level="often", evidence="Said *no*.")],
        tags=["tp7"],
        created="2026-03-02T09:15:00.000Z",
        modified="2026-03-03T10:00:00.000Z",
    )


def test_the_shape_of_a_rating() -> None:
    [annotation] = rating_annotations(shipped(), _rating_example())
    del annotation["generator"]
    assert annotation == {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:companion:touchpoint-7:annotation:a-1:ways-of-feeling",
        "type": "Annotation",
        "motivation": "assessing",
        "created": "2026-03-02T09:15:00.000Z",
        "modified": "2026-03-03T10:00:00.000Z",
        "dcterms:isPartOf": "urn:companion:touchpoint-7:assessment:a-1",
        "body": [
            {
                "type": "TextualBody",
                "value": "often",
                "format": "text/plain",
                "purpose": "classifying",
            },
            {
                "type": "TextualBody",
                "value": "Said *no*.",
                "format": "text/markdown",
                "purpose": "commenting",
            },
            {"type": "TextualBody", "value": "tp7", "purpose": "tagging"},
        ],
        "target": "urn:companion:touchpoint-7:ways-of-feeling",
    }


def _challenge_example() -> Challenge:
    return Challenge(
        id="c-1",
        title="Merging two teams",
        note="Who *decides*?",
        moves=[
            Move(at="2026-03-02T09:15:00.000Z", certainty=0.2, agreement=0.9),
            Move(at="2026-03-09T07:05:59.999Z", certainty=0.5, agreement=0.5),
        ],
        created="2026-03-02T09:15:00.000Z",
        modified="2026-03-09T07:05:59.999Z",
    )


def test_the_shape_of_a_challenge() -> None:
    annotation = challenge_annotation(shipped(), _challenge_example())
    del annotation["generator"]
    assert annotation == {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:companion:touchpoint-7:annotation:c-1",
        "type": "Annotation",
        "motivation": "commenting",
        "created": "2026-03-02T09:15:00.000Z",
        "modified": "2026-03-09T07:05:59.999Z",
        "body": [
            {
                "type": "TextualBody",
                "value": "Merging two teams",
                "format": "text/plain",
                "purpose": "describing",
            },
            {
                "type": "TextualBody",
                "value": "Who *decides*?",
                "format": "text/markdown",
                "purpose": "commenting",
            },
            {
                "type": "TextualBody",
                "value": (
                    '{"certainty": 0.5, "agreement": 0.5, "region": "zone-of-complexity", '
                    '"moves": [{"at": "2026-03-02T09:15:00.000Z", "certainty": 0.2, '
                    '"agreement": 0.9}, {"at": "2026-03-09T07:05:59.999Z", "certainty": 0.5, '
                    '"agreement": 0.5}]}'
                ),
                "format": "application/json",
                "purpose": "classifying",
            },
        ],
        "target": "urn:companion:touchpoint-7:stacey-model",
    }


def test_assessments_then_challenges_follow_the_notes_in_the_w3c_export() -> None:
    items = export_w3c(shipped(), known_records())["first"]["items"]
    motivations = [a["motivation"] for a in items[13:]]
    assert motivations == ["assessing"] * 7 + ["commenting"] * 3
    assert json.loads(items[-1]["body"][-1]["value"]) == {"moves": []}


def test_the_readmes_examples_are_what_companion_writes() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    examples = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", readme, re.DOTALL)]
    [rating] = rating_annotations(shipped(), _rating_example())
    challenge = challenge_annotation(shipped(), _challenge_example())
    for written in (rating, challenge):
        del written["generator"]
    assert examples == [rating, challenge]
