"""The reflective scale learners rate themselves on: the bundle's own, or the default."""

from __future__ import annotations

from companion.bundle.model import Bundle, ScaleLevel

DEFAULT_SCALE: tuple[ScaleLevel, ...] = (
    ScaleLevel(key="not-yet", label="not yet"),
    ScaleLevel(key="sometimes", label="sometimes"),
    ScaleLevel(key="often", label="often"),
    ScaleLevel(key="consistently", label="consistently"),
)
DEFAULT_EVIDENCE_PROMPT = "What did I do that shows this?"


def scale_of(bundle: Bundle) -> tuple[ScaleLevel, ...]:
    """The levels from lowest to highest."""
    if bundle.self_assessment is None:
        return DEFAULT_SCALE
    return tuple(bundle.self_assessment.scale)


def evidence_prompt(bundle: Bundle) -> str:
    custom = bundle.self_assessment.evidence_prompt if bundle.self_assessment else ""
    return custom or DEFAULT_EVIDENCE_PROMPT


def level_named(bundle: Bundle, key: str) -> ScaleLevel | None:
    return next((level for level in scale_of(bundle) if level.key == key), None)


def rank_of(bundle: Bundle, key: str) -> int | None:
    """1 for the lowest level, and so on; None for a key the scale does not have."""
    for rank, level in enumerate(scale_of(bundle), start=1):
        if level.key == key:
            return rank
    return None


def level_words(bundle: Bundle, key: str) -> str:
    """What the learner sees for a stored level: its label, or the key the scale lacks."""
    if not key:
        return "not rated"
    level = level_named(bundle, key)
    return level.label if level is not None else f"{key} (not on this bundle's scale)"
