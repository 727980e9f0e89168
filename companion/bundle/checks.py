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

from companion.bundle.model import SLUG_PATTERN
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


_ITEM_LISTS: tuple[tuple[DocPath, str], ...] = (
    (("definitions",), "definition"),
    (("dimensions",), "dimension"),
    (("stacey", "regions"), "region"),
    (("readings",), "reading"),
    (("voices",), "voice"),
)
_LINKING_FIELDS = ("text", "study_text", "summary", "description", "practice")


def _at(data: Any, path: DocPath) -> Any:
    for part in path:
        if isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        elif isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _raw_items(data: Any) -> list[tuple[DocPath, str, dict[str, Any]]]:
    """Every item mapping with its path and kind, in document order, read from the raw
    document: an invalid bundle (which never becomes a model) is checked too."""
    found: list[tuple[DocPath, str, dict[str, Any]]] = []
    for path, kind in _ITEM_LISTS:
        if kind == "region":
            stacey = _at(data, ("stacey",))
            if isinstance(stacey, dict):
                found.append((("stacey",), "stacey", stacey))
        entries = _at(data, path)
        if isinstance(entries, list):
            found += [((*path, i), kind, e) for i, e in enumerate(entries) if isinstance(e, dict)]
    return found


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def reference_problems(data: Any, doc: Document) -> list[Problem]:
    """Duplicate ids and references to ids that do not exist.

    Read from the document's plain data, not the model: a bundle with a structural problem
    still has every unknown reference reported in the same pass.
    """
    problems: list[Problem] = []
    items = _raw_items(data)
    first_seen: dict[str, DocPath] = {}
    kinds: dict[str, str] = {}
    for path, kind, item in items:
        item_id = _text(item.get("id"))
        if item_id is None:
            continue
        where = (*path, "id")
        if item_id in first_seen:
            earlier = first_seen[item_id]
            mark = doc.mark_for((*earlier, "id"))
            line = f" (line {mark.line})" if mark else ""
            problems.append(
                Problem(
                    f"duplicate id '{item_id}': already used{line}; ids must be unique "
                    "across the whole bundle",
                    doc.mark_for(where),
                    where,
                )
            )
        else:
            first_seen[item_id] = path
            kinds[item_id] = kind
    ids = set(first_seen)
    reading_ids = {i for i, kind in kinds.items() if kind == "reading"}

    def check(target: Any, where: DocPath, choices: set[str], what: str) -> None:
        # Sets: a bundle of 10,000 items makes tens of thousands of these checks.
        if isinstance(target, str) and target not in choices:
            problems.append(
                Problem(
                    f"unknown {what} '{target}'{did_you_mean(target, sorted(choices))}",
                    doc.mark_for(where),
                    where,
                )
            )

    # A definition may also cite the Stacey model, or the touch-point itself by the bundle's id.
    bundle_id = _text(_at(data, ("id",))) or ""
    stacey_id = _text(_at(data, ("stacey", "id")))
    citable = reading_ids | {bundle_id} | ({stacey_id} if stacey_id else set())
    for path, kind, item in items:
        source = _text(item.get("source"))
        if kind == "definition" and source is not None:
            if source not in citable:
                where = (*path, "source")
                problems.append(
                    Problem(
                        _uncitable(source, bundle_id, kinds.get(source), citable),
                        doc.mark_for(where),
                        where,
                    )
                )
        elif source is not None:
            check(source, (*path, "source"), reading_ids, "reading id")
        related = item.get("related")
        for i, target in enumerate(related if isinstance(related, list) else []):
            check(target, (*path, "related", i), ids, "item id")
        for field_name in _LINKING_FIELDS:
            text = _text(item.get(field_name)) or ""
            for target in ITEM_LINK.findall(text):
                check(target, (*path, field_name), ids, "item id in an item: link")
    circle = _at(data, ("stacey", "orange_circle"))
    if isinstance(circle, dict):
        regions = _at(data, ("stacey", "regions"))
        region_ids = {
            r["id"]
            for r in (regions if isinstance(regions, list) else [])
            if isinstance(r, dict) and isinstance(r.get("id"), str)
        }
        check(circle.get("region"), ("stacey", "orange_circle", "region"), region_ids, "region id")
        practices = circle.get("practices")
        for i, target in enumerate(practices if isinstance(practices, list) else []):
            check(target, ("stacey", "orange_circle", "practices", i), ids, "item id")
    problems += _scale_problems(data, doc)
    return problems


def _scale_problems(data: Any, doc: Document) -> list[Problem]:
    """Two levels of the self-assessment scale with one key (or one label)."""
    scale = _at(data, ("self_assessment", "scale"))
    if not isinstance(scale, list):
        return []
    problems: list[Problem] = []
    for field_name in ("key", "label"):
        first: dict[str, int] = {}
        for i, level in enumerate(scale):
            value = _text(level.get(field_name)) if isinstance(level, dict) else None
            if value is None:
                continue
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


def _uncitable(source: str, bundle_id: str, kind: str | None, citable: set[str]) -> str:
    """Why a definition's ``source`` cannot be cited."""
    expected = (
        f"a definition's source must be a reading, the Stacey model, or '{bundle_id}' "
        "(this bundle's own id) for the touch-point's own framing"
    )
    if kind is not None:
        return f"'{source}' is a {kind}, which cannot be cited as a source: {expected}"
    return f"unknown source '{source}': {expected}{did_you_mean(source, sorted(citable))}"
