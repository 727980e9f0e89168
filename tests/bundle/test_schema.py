"""The shipped JSON Schema is generated from the model and checks bundles like the loader."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from companion.bundle.schema import schema_text
from companion.paths import schema_file, shipped_bundle_dir
from companion.yamlio import load_plain


def test_shipped_schema_is_generated_from_the_model() -> None:
    assert schema_file().read_text(encoding="utf-8") == schema_text(), (
        "resources/bundle.schema.json is stale: run python -m companion.bundle.schema"
    )


def test_schema_accepts_the_shipped_bundle() -> None:
    schema = json.loads(schema_file().read_text(encoding="utf-8"))
    data = load_plain((shipped_bundle_dir() / "bundle.yaml").read_bytes())
    jsonschema.Draft202012Validator(schema).validate(data)


def test_schema_rejects_a_broken_bundle() -> None:
    schema = json.loads(schema_file().read_text(encoding="utf-8"))
    data = load_plain((shipped_bundle_dir() / "bundle.yaml").read_bytes())
    data["dimensions"][0]["nmae"] = data["dimensions"][0].pop("name")
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert {e.validator for e in errors} == {"required", "additionalProperties"}


def test_shipped_bundle_points_editors_at_the_schema() -> None:
    first_line = (shipped_bundle_dir() / "bundle.yaml").read_text(encoding="utf-8").split("\n")[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    relative = first_line.split("=", 1)[1]
    target = (shipped_bundle_dir() / relative).resolve()
    assert target == schema_file().resolve() or Path(relative).name == schema_file().name
