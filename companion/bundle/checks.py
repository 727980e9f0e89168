"""Turn an invalid document into problems a facilitator can act on.

msgspec converts valid bundles quickly but stops at the first error, so an
invalid document is checked again against the JSON Schema generated from the
same model, which yields every structural error. Cross-references (ids,
sources, ``item:`` links) are checked on the converted model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from companion.bundle.model import SLUG_PATTERN, Bundle, Definition, iter_items, kind_of
from companion.yamlio import Document, Mark

DocPath = tuple[str | int, ...]

ITEM_LINK = re.compile(r"\]\(item:([^)\s]*)\)")

_JSON_TYPES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys",
    "null": "nothing (null)",
}


@dataclass(frozen=True)
class Problem:
    message: str
    mark: Mark | None
    path: DocPath


def describe(value: Any) -> str:
    """What was found, in words, with a short preview of the value."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        preview = value if len(value) <= 40 else value[:37] + "..."
        return f"text {preview!r}" if value else "empty text"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a mapping of keys"
    return type(value).__name__


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib  # only problems pay for it

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _expected_types(schema: dict[str, Any]) -> list[str]:
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return [_JSON_TYPES.get(str(t), str(t)) for t in types]
    if "$ref" in schema:
        return [schema["$ref"].rsplit("/", 1)[-1]]
    if "enum" in schema:
        return ["one of " + ", ".join(map(repr, schema["enum"]))]
    return [_JSON_TYPES[k] for k in ("object",) if "properties" in schema]


def _messages(error: Any, doc: Document) -> Iterator[Problem]:
    path: DocPath = tuple(error.absolute_path)
    value = error.instance
    kind = error.validator
    schema = error.schema
    found = describe(value)

    def at(message: str, where: DocPath = path, *, key: bool = False) -> Problem:
        return Problem(message, doc.mark_for(where, key=key), where)

    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for extra in sorted(set(value) - set(allowed), key=str):
            hint = did_you_mean(str(extra), allowed) or f" (expected one of: {', '.join(allowed)})"
            yield at(f"unknown key '{extra}'{hint}", (*path, extra), key=True)
    elif kind == "required":
        missing = [name for name in error.validator_value if name not in value]
        for name in missing:
            yield at(f"missing required key '{name}'")
    elif kind == "anyOf":
        # Optional values are "X or null"; report what is wrong inside X.
        if value is not None and error.context:
            nested = [e for e in error.context if e.schema.get("type") != "null"]
            specific = [e for e in nested if e.validator != "type" or e.path]
            if specific:
                for sub in specific:
                    yield from _messages(sub, doc)
                return
        options = [t for sub in schema["anyOf"] for t in _expected_types(sub)]
        yield at(f"expected {' or '.join(options)}, found {found}")
    elif kind == "type":
        yield at(f"expected {' or '.join(_expected_types(schema))}, found {found}")
    elif kind in ("enum", "const"):
        options = schema.get("enum", [schema.get("const")])
        hint = did_you_mean(str(value), map(str, options))
        listed = ", ".join(map(str, options))
        yield at(f"expected one of: {listed}, found {found}{hint}")
    elif kind == "pattern" and schema.get("pattern") == SLUG_PATTERN:
        yield at(
            f"expected an id of lower-case letters, digits and single hyphens "
            f"(like 'ways-of-feeling'), found {found}"
        )
    elif kind == "pattern":
        yield at(f"expected text matching {schema['pattern']}, found {found}")
    elif kind == "minLength":
        yield at(f"expected non-empty text, found {found}")
    elif kind == "minItems":
        yield at(f"expected at least {error.validator_value} entries, found {found}")
    elif kind == "maxItems":
        yield at(f"expected at most {error.validator_value} entries, found {found}")
    elif kind in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        yield at(f"expected a number from {low} to {high}, found {found}")
    else:
        yield at(f"{error.message}")


def schema_problems(doc: Document) -> list[Problem]:
    """Every structural problem in ``doc`` against the bundle's JSON Schema."""
    import jsonschema  # slow to import; only invalid bundles pay for it

    from companion.bundle.schema import bundle_schema

    validator = jsonschema.Draft202012Validator(bundle_schema())
    problems: list[Problem] = []
    for error in validator.iter_errors(doc.data):
        problems.extend(_messages(error, doc))
    return problems


def reference_problems(bundle: Bundle, doc: Document) -> list[Problem]:
    """Duplicate ids and references to ids that do not exist."""
    problems: list[Problem] = []
    items = iter_items(bundle)
    first_seen: dict[str, DocPath] = {}
    for path, item in items:
        where = (*path, "id")
        if item.id in first_seen:
            earlier = first_seen[item.id]
            mark = doc.mark_for((*earlier, "id"))
            line = f" (line {mark.line})" if mark else ""
            problems.append(
                Problem(
                    f"duplicate id '{item.id}': already used{line}; ids must be unique "
                    "across the whole bundle",
                    doc.mark_for(where),
                    where,
                )
            )
        else:
            first_seen[item.id] = path
    all_ids = set(first_seen)
    reading_ids = {r.id for r in bundle.readings}

    def check(target: str, where: DocPath, choices: set[str], what: str) -> None:
        # Sets: a bundle of 10,000 items makes tens of thousands of these checks.
        if target not in choices:
            problems.append(
                Problem(
                    f"unknown {what} '{target}'{did_you_mean(target, sorted(choices))}",
                    doc.mark_for(where),
                    where,
                )
            )

    # A definition may also cite the Stacey model, or the touch-point itself by the bundle's id.
    citable = reading_ids | {bundle.id} | ({bundle.stacey.id} if bundle.stacey else set())
    ids = all_ids
    for path, item in items:
        source = getattr(item, "source", None)
        if isinstance(item, Definition):
            if item.source not in citable:
                where = (*path, "source")
                problems.append(
                    Problem(_uncitable(item.source, bundle, citable), doc.mark_for(where), where)
                )
        elif source is not None:
            check(source, (*path, "source"), reading_ids, "reading id")
        for i, target in enumerate(getattr(item, "related", [])):
            check(target, (*path, "related", i), ids, "item id")
        for field_name in ("text", "study_text", "summary", "description", "practice"):
            text = getattr(item, field_name, "")
            for target in ITEM_LINK.findall(text):
                check(target, (*path, field_name), ids, "item id in an item: link")
    if bundle.stacey is not None:
        regions = {r.id for r in bundle.stacey.regions}
        check(
            bundle.stacey.orange_circle.region,
            ("stacey", "orange_circle", "region"),
            regions,
            "region id",
        )
        for i, target in enumerate(bundle.stacey.orange_circle.practices):
            check(target, ("stacey", "orange_circle", "practices", i), ids, "item id")
    problems += _scale_problems(bundle, doc)
    return problems


def _scale_problems(bundle: Bundle, doc: Document) -> list[Problem]:
    """Two levels of the self-assessment scale with one key (or one label)."""
    if bundle.self_assessment is None:
        return []
    problems: list[Problem] = []
    for field_name in ("key", "label"):
        first: dict[str, int] = {}
        for i, level in enumerate(bundle.self_assessment.scale):
            value = getattr(level, field_name)
            where: DocPath = ("self_assessment", "scale", i, field_name)
            if value not in first:
                first[value] = i
                continue
            mark = doc.mark_for(("self_assessment", "scale", first[value], field_name))
            line = f" (line {mark.line})" if mark else ""
            problems.append(
                Problem(
                    f"duplicate {field_name} '{value}' in the scale: already used{line}; "
                    f"each level needs a {field_name} of its own",
                    doc.mark_for(where),
                    where,
                )
            )
    return problems


def _uncitable(source: str, bundle: Bundle, citable: set[str]) -> str:
    """Why a definition's ``source`` cannot be cited (rare: only bad bundles pay for the walk)."""
    expected = (
        f"a definition's source must be a reading, the Stacey model, or '{bundle.id}' "
        "(this bundle's own id) for the touch-point's own framing"
    )
    kind = next((kind_of(item) for _, item in iter_items(bundle) if item.id == source), None)
    if kind is not None:
        return f"'{source}' is a {kind}, which cannot be cited as a source: {expected}"
    return f"unknown source '{source}': {expected}{did_you_mean(source, sorted(citable))}"
