"""The self-assessment scale a bundle may define: validated where it is written, or the default."""

from __future__ import annotations

import pytest

from companion.bundle import load_bundle
from companion.bundle.model import ScaleLevel
from companion.bundle.scale import (
    DEFAULT_EVIDENCE_PROMPT,
    DEFAULT_SCALE,
    evidence_prompt,
    level_words,
    rank_of,
    scale_of,
)

from .conftest import WriteBundle
from .samples import MINIMAL
from .test_loader import problems_of

SCALE = """\
self_assessment:
  evidence_prompt: Where did you see it?
  scale:
    - {key: rarely, label: rarely}
    - {key: mostly, label: most of the time, description: Most days.}
    - {key: always, label: always}
"""


def test_without_a_scale_the_default_applies(write_bundle: WriteBundle) -> None:
    bundle = load_bundle(write_bundle())
    assert [(level.key, level.label) for level in scale_of(bundle)] == [
        ("not-yet", "not yet"),
        ("sometimes", "sometimes"),
        ("often", "often"),
        ("consistently", "consistently"),
    ]
    assert scale_of(bundle) == DEFAULT_SCALE
    assert evidence_prompt(bundle) == DEFAULT_EVIDENCE_PROMPT == "What did I do that shows this?"


def test_a_bundle_defines_its_scale_lowest_first(write_bundle: WriteBundle) -> None:
    bundle = load_bundle(write_bundle(MINIMAL + SCALE))
    assert scale_of(bundle) == (
        ScaleLevel(key="rarely", label="rarely"),
        ScaleLevel(key="mostly", label="most of the time", description="Most days."),
        ScaleLevel(key="always", label="always"),
    )
    assert [rank_of(bundle, k) for k in ("rarely", "mostly", "always", "often")] == [1, 2, 3, None]
    assert evidence_prompt(bundle) == "Where did you see it?"
    assert level_words(bundle, "mostly") == "most of the time"
    assert level_words(bundle, "often") == "often (not on this bundle's scale)"
    assert level_words(bundle, "") == "not rated"


def test_duplicate_keys_and_labels_are_refused_with_both_lines(write_bundle: WriteBundle) -> None:
    twice = SCALE.replace("{key: always, label: always}", "{key: rarely, label: rarely}")
    problems = problems_of(write_bundle(MINIMAL + twice))
    assert len(problems) == 2
    assert problems[0].endswith(
        ":27:13: duplicate key 'rarely' in the scale: already used (line 25); "
        "each level needs a key of its own (at self_assessment.scale[2].key)"
    )
    assert "duplicate label 'rarely'" in problems[1] and "(line 25)" in problems[1]


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        (1, "expected at least 2 entries, found a list of 1"),
        (8, "expected at most 7 entries, found a list of 8"),
    ],
)
def test_a_scale_has_two_to_seven_levels(
    write_bundle: WriteBundle, levels: int, expected: str
) -> None:
    rows = "".join(f"    - {{key: l{n}, label: level {n}}}\n" for n in range(levels))
    problems = problems_of(write_bundle(MINIMAL + "self_assessment:\n  scale:\n" + rows))
    assert len(problems) == 1 and problems[0].endswith(expected + " (at self_assessment.scale)")


def test_seven_levels_are_fine(write_bundle: WriteBundle) -> None:
    rows = "".join(f"    - {{key: l{n}, label: level {n}}}\n" for n in range(7))
    bundle = load_bundle(write_bundle(MINIMAL + "self_assessment:\n  scale:\n" + rows))
    assert len(scale_of(bundle)) == 7


def test_a_level_key_is_an_id(write_bundle: WriteBundle) -> None:
    problems = problems_of(write_bundle(MINIMAL + SCALE.replace("key: mostly", "key: Most ly")))
    assert len(problems) == 1 and "expected an id of lower-case letters" in problems[0]
    assert ":26:13:" in problems[0]
