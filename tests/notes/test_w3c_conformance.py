"""The W3C export against the Web Annotation WG's own conformance assertions (every MUST).

A small runner for the WG's ``.test`` files (as web-platform-tests'
``annotation-model/scripts/JSONtest.js`` runs them with ajv): each assertion is
a draft-04 JSON Schema whose outcome on the instance must equal its
``expectedResult``. ``$ref``s name the shared ``definitions/*.json`` (and other
assertions) by their ``id``; a ``referencing.Registry`` holds them all. Like
ajv, the runner checks the ``uri`` and ``date-time`` formats (ajv's "fast" rules).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT4

from companion.notes.export import export_w3c

from .known_notes import known_notes, shipped

#: The WG's files, copied with their licence (see its README).
SUITE = Path(__file__).resolve().parent / "w3c-annotation-tests"
ANNOTATION_MUSTS = "annotations/annotationMusts.test"
COLLECTION_MUSTS = "collections/collectionMusts.test"
PAGE_MUSTS = "collections/pages/pageMusts.test"

_URI = re.compile(r"^[a-z][a-z0-9+.-]*:\S*$", re.IGNORECASE)
_DATE_TIME = re.compile(
    r"^\d{4}-[01]\d-[0-3]\d[tT ](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?"
    r"(?:[zZ]|[+-]\d\d:\d\d)$"
)


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    checker.checks("uri")(lambda value: not isinstance(value, str) or bool(_URI.match(value)))
    checker.checks("date-time")(
        lambda value: not isinstance(value, str) or bool(_DATE_TIME.match(value))
    )
    return checker


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _registry() -> Registry[Any]:
    """The 7 shared definitions and the assertions the MUST lists name, by their ``id``."""
    paths = sorted((SUITE / "definitions").glob("*.json"))
    assert len(paths) == 7
    for test_file in (ANNOTATION_MUSTS, COLLECTION_MUSTS, PAGE_MUSTS):
        paths += [SUITE / name for name in _load(SUITE / test_file)["assertions"]]
    registry: Registry[Any] = Registry()
    seen: dict[str, Path] = {}
    for path in paths:
        schema = _load(path)
        ident = schema["id"]
        assert ident not in seen, f"{path} and {seen[ident]} share the id {ident}"
        seen[ident] = path
        registry = registry.with_resource(ident, DRAFT4.create_resource(schema))
    return registry


@cache
def assertions(test_file: str) -> list[tuple[str, dict[str, Any]]]:
    listed = _load(SUITE / test_file)["assertions"]
    assert listed and all(isinstance(name, str) for name in listed)
    return [(name, _load(SUITE / name)) for name in listed]


def failures(test_file: str, instance: Any) -> list[str]:
    """The assertions whose outcome differs from their expectedResult, with the message."""
    checker = _format_checker()
    found = []
    for name, schema in assertions(test_file):
        assert schema["expectedResult"] in ("valid", "invalid"), name
        validator = Draft4Validator(schema, registry=_registry(), format_checker=checker)
        outcome = "valid" if validator.is_valid(instance) else "invalid"
        if outcome != schema["expectedResult"]:
            found.append(f"{name}: {schema['errorMessage']}")
    return found


def test_the_lists_hold_what_the_readme_says() -> None:
    assert len(assertions(ANNOTATION_MUSTS)) == 54
    assert len(_correct_annotations()) == 41
    for test_file in (ANNOTATION_MUSTS, COLLECTION_MUSTS, PAGE_MUSTS):
        assert {s["assertionType"] for _, s in assertions(test_file)} == {"must"}


# -- the runner itself, on the WG's samples -----------------------------------
SAMPLES = SUITE / "tools" / "samples"
#: Composite, List and Independents were dropped from the model in CR3 (see the README).
DROPPED_FROM_THE_MODEL = {"anno11.json", "anno12.json", "anno13.json"}


def _correct_annotations() -> list[str]:
    return sorted(p.name for p in (SAMPLES / "correct").glob("anno*.json"))


@pytest.mark.parametrize("name", _correct_annotations())
def test_runner_passes_the_wgs_correct_samples(name: str) -> None:
    problems = failures(ANNOTATION_MUSTS, _load(SAMPLES / "correct" / name))
    if name in DROPPED_FROM_THE_MODEL:
        assert problems, f"{name} uses a construct the final model dropped"
    else:
        assert problems == []


@pytest.mark.parametrize(
    ("name", "broken"),
    [
        ("anno2.json", "3.1-annotationContextValidated"),  # no @context, id or type
        ("anno3.json", "3.1-annotationContextValidated"),  # a wrong @context
        ("anno6.json", "3.1-annotationIdValidated"),  # id "not a uri"
        ("anno26.json", "3.1-annotationIdValidated"),  # two ids
        ("anno28.json", "3.3.1-annotationCreatedValidated"),  # created not a date-time
        ("anno29.json", "3.3.1-annotationModifiedValidated"),
        ("anno38.json", "4.2-selectorValidIfPresent"),  # a broken selector
    ],
)
def test_runner_fails_the_wgs_incorrect_samples(name: str, broken: str) -> None:
    problems = failures(ANNOTATION_MUSTS, _load(SAMPLES / "incorrect" / name))
    assert any(broken in problem for problem in problems), problems


def test_runner_on_the_wgs_collection_sample() -> None:
    collection = _load(SAMPLES / "correct" / "collection1.json")
    assert failures(COLLECTION_MUSTS, collection) == []
    assert failures(PAGE_MUSTS, collection) == []  # a collection with an embedded page
    assert failures(COLLECTION_MUSTS, {**collection, "total": -1}) != []
    assert failures(PAGE_MUSTS, {**collection["first"], "startIndex": "zero"}) != []


# -- Companion's export -----------------------------------------------------
def _export() -> dict[str, Any]:
    return export_w3c(shipped(), known_notes())


def _annotation(kind: str) -> dict[str, Any]:
    items: list[dict[str, Any]] = _export()["first"]["items"]
    pick = {
        "highlight with note and tags": lambda a: (
            a["motivation"] == "commenting"
            and isinstance(a["target"], dict)
            and len(a.get("body", [])) > 1
        ),
        "bare highlight": lambda a: a["motivation"] == "highlighting" and "body" not in a,
        "note": lambda a: a["motivation"] == "commenting" and isinstance(a["target"], str),
        "bookmark": lambda a: a["motivation"] == "bookmarking",
    }[kind]
    return next(a for a in items if pick(a))


@pytest.mark.parametrize(
    "kind", ["highlight with note and tags", "bare highlight", "note", "bookmark"]
)
def test_each_kind_of_annotation_passes_every_must(kind: str) -> None:
    assert failures(ANNOTATION_MUSTS, _annotation(kind)) == []


def test_every_exported_annotation_passes_every_must() -> None:
    items = _export()["first"]["items"]
    assert len(items) == 13
    for annotation in items:
        assert failures(ANNOTATION_MUSTS, annotation) == [], annotation["id"]


def test_the_collection_passes_every_must() -> None:
    assert failures(COLLECTION_MUSTS, _export()) == []


def test_the_page_passes_every_must() -> None:
    exported = _export()
    assert failures(PAGE_MUSTS, exported) == []  # as a collection with an embedded page
    assert failures(PAGE_MUSTS, exported["first"]) == []  # and on its own


def test_the_runner_would_notice_a_broken_export() -> None:
    annotation = _annotation("highlight with note and tags")
    assert failures(ANNOTATION_MUSTS, {**annotation, "created": "yesterday"}) != []
    assert failures(ANNOTATION_MUSTS, {**annotation, "bodyValue": "and a body"}) != []
    quote_without_exact = {"type": "TextQuoteSelector", "prefix": "a"}
    target = {**annotation["target"], "selector": [quote_without_exact]}
    assert any(
        "textQuoteSelector" in p
        for p in failures(ANNOTATION_MUSTS, {**annotation, "target": target})
    )
    no_sheet = {k: v for k, v in annotation.items() if k != "stylesheet"}
    assert any("styleClass" in p for p in failures(ANNOTATION_MUSTS, no_sheet))


# -- self-assessments and challenges ------------------------------------------
def _record_annotations() -> list[dict[str, Any]]:
    from .known_records import known_records

    items: list[dict[str, Any]] = export_w3c(shipped(), known_records())["first"]["items"]
    return items[13:]


@pytest.mark.parametrize(
    "kind",
    ["rating with evidence", "rating without", "evidence only", "challenge", "unplaced challenge"],
)
def test_each_kind_of_record_annotation_passes_every_must(kind: str) -> None:
    def purposes(annotation: dict[str, Any]) -> list[str]:
        return [body.get("purpose") for body in annotation["body"]]

    pick = {
        "rating with evidence": lambda a: purposes(a)[:2] == ["classifying", "commenting"],
        "rating without": lambda a: (
            a["motivation"] == "assessing" and "commenting" not in purposes(a)
        ),
        "evidence only": lambda a: (
            a["motivation"] == "assessing" and "classifying" not in purposes(a)
        ),
        "challenge": lambda a: a["motivation"] == "commenting" and '"region"' in str(a["body"]),
        "unplaced challenge": lambda a: '{"moves": []}' in [b["value"] for b in a["body"]],
    }[kind]
    found = [a for a in _record_annotations() if pick(a)]
    assert found, kind
    for annotation in found:
        assert failures(ANNOTATION_MUSTS, annotation) == [], annotation["id"]


def test_every_record_annotation_and_the_collection_pass_every_must() -> None:
    from .known_records import known_records

    exported = export_w3c(shipped(), known_records())
    assert len(exported["first"]["items"]) == 23
    for annotation in exported["first"]["items"]:
        assert failures(ANNOTATION_MUSTS, annotation) == [], annotation["id"]
    assert failures(COLLECTION_MUSTS, exported) == []
    assert failures(PAGE_MUSTS, exported["first"]) == []


def test_the_runner_would_notice_a_rating_body_with_an_id() -> None:
    """A body with an id is an external resource to the WG's tests, which may not have a
    purpose: why the level's key is the classifying body's value, not in an id."""
    rating = _record_annotations()[0]
    level = {**rating["body"][0], "id": "urn:companion:touchpoint-7:scale:sometimes"}
    broken = {**rating, "body": [level, *rating["body"][1:]]}
    assert any("bodyEWRNoPurpose" in p for p in failures(ANNOTATION_MUSTS, broken))
