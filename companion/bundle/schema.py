"""The bundle's JSON Schema, generated from the model (never edited by hand).

``python -m companion.bundle.schema`` rewrites ``resources/bundle.schema.json``;
a test fails when the shipped file and the model disagree.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from typing import Any

import msgspec

from companion.bundle.model import Bundle

SCHEMA_ID = "https://companion.invalid/schema/bundle-1.json"


@cache
def bundle_schema() -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Companion content bundle (schema_version 1)",
    }
    schema.update(msgspec.json.schema(Bundle))
    return schema


def schema_text() -> str:
    return json.dumps(bundle_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    from companion.atomic import atomic_write
    from companion.paths import schema_file

    atomic_write(schema_file(), schema_text().encode("utf-8"))
    print(f"wrote {schema_file()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
