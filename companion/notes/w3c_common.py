"""What Companion's W3C Web Annotation export and import share: names, dates, bodies, reading.

Items are named ``urn:companion:<bundle-id>:<item-id>``, the records Companion
wrote ``urn:companion:<bundle-id>:annotation:<record-id>``
(https://www.w3.org/TR/annotation-model/).
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from typing import Any

from companion import __version__
from companion.bundle.model import SLUG_PATTERN
from companion.notes.stamps import moment

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


# -- writing ----------------------------------------------------------------
def item_urn(bundle_id: str, item_id: str) -> str:
    return f"urn:companion:{bundle_id}:{item_id}"


def annotation_urn(bundle_id: str, record_id: str) -> str:
    return f"urn:companion:{bundle_id}:annotation:{record_id}"


_DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)


def xsd_datetime(stamp: str) -> str:
    """A stored timestamp as xsd:dateTime: as stored when it already is one (UTC, ``Z``).

    Hand-written or very old files may hold a bare date or a time without a
    zone; those are read as UTC and written in full.
    """
    if _DATE_TIME.match(stamp):
        return stamp
    # Not a date, or one no clock can show (year 1 at +14:00): the epoch, as before.
    found = moment(stamp) or datetime(1970, 1, 1, tzinfo=UTC)
    return found.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def generator() -> dict[str, str]:
    return {"type": "Software", "name": f"Companion {__version__}"}


def text_bodies(note: str, tags: list[str]) -> list[dict[str, str]]:
    bodies: list[dict[str, str]] = []
    if note:
        bodies.append(
            {
                "type": "TextualBody",
                "value": note,
                "format": "text/markdown",
                "purpose": "commenting",
            }
        )
    bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in tags]
    return bodies


def base_annotation(
    bundle_id: str, record_id: str, motivation: str, created: str, modified: str
) -> dict[str, Any]:
    return {
        "@context": ANNO_CONTEXT,
        "id": annotation_urn(bundle_id, record_id),
        "type": "Annotation",
        "motivation": motivation,
        "created": xsd_datetime(created),
        "modified": xsd_datetime(modified),
        "generator": generator(),
    }


# -- reading ----------------------------------------------------------------
ITEM_URN = re.compile(r"^urn:companion:([^:\s]+):([^:\s#]+)(#copy)?$")
RECORD_URN = re.compile(r"^urn:companion:([^:\s]+):annotation:([A-Za-z0-9_.-]+)$")
SLUG = re.compile(SLUG_PATTERN)


class Unreadable(Exception):
    """One annotation that cannot be imported; the message says why."""


def types_of(node: dict[str, Any]) -> set[str]:
    kind = node.get("type", node.get("@type"))
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


def kind_in_words(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        kinds = sorted(types_of(value))
        return f"an object of type {', '.join(kinds)}" if kinds else "an object without a type"
    return type(value).__name__


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def text_at(node: dict[str, Any], key: str, *, default: str | None = None) -> str | None:
    value = node.get(key, default)
    if value is not None and not isinstance(value, str):
        raise Unreadable(f"{key} must be text, found {kind_in_words(value)}")
    return value


def time_at(node: dict[str, Any], key: str, warn: list[str]) -> str | None:
    """The stamp under ``key``; one no clock can show (year 1 at +14:00) is left out."""
    value = text_at(node, key)
    if value is None:
        return None
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise Unreadable(f"{key} is not a date and time: {value!r}") from None
    if moment(value) is None:
        warn.append(f"its {key} time {value!r} is outside the dates Companion can show; not used")
        return None
    return value


def when(stamp: str) -> datetime:
    """A timestamp for comparing; one without a zone is read as UTC, a bad one as the earliest."""
    return moment(stamp) or datetime.min.replace(tzinfo=UTC)


def record_id(annotation: dict[str, Any], prefix: str) -> str:
    ident = annotation.get("id", annotation.get("@id"))
    if ident is not None and not isinstance(ident, str):
        raise Unreadable(f"its id must be text, found {kind_in_words(ident)}")
    if ident:
        own = RECORD_URN.match(ident)
        if own:
            return own.group(2)
        key = ident
    else:
        key = json.dumps(annotation, sort_keys=True, ensure_ascii=False)
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


def first_target(annotation: dict[str, Any], warn: list[str]) -> tuple[str, dict[str, Any]]:
    """The first target's address, and the target itself when it is an object."""
    targets = annotation.get("target")
    if targets is None or targets == []:
        raise Unreadable("it has no target")
    targets = as_list(targets)
    if len(targets) > 1:
        warn.append(f"it has {len(targets)} targets; only the first was imported")
    target = targets[0]
    if isinstance(target, str):
        return target, {}
    if isinstance(target, dict):
        source = target.get("source", target.get("id"))
        if not isinstance(source, str):
            raise Unreadable(f"its target has no source (found {kind_in_words(source)})")
        return source, target
    raise Unreadable(f"its target must be text or an object, found {kind_in_words(target)}")


def item_of(urn: str) -> re.Match[str]:
    """The bundle id (1), item id (2) and ``#copy`` (3) of a Companion item's address."""
    found = ITEM_URN.match(urn)
    if not found or not SLUG.match(found.group(2)):
        raise Unreadable(
            f"its target {urn!r} is not a Companion item (urn:companion:BUNDLE-ID:ITEM-ID)"
        )
    return found
