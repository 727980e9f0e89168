"""Times and ids of the learner's records: UTC stamps that sort as text, random ids."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta


def now() -> str:
    """A UTC timestamp, ISO 8601 to the millisecond (sorts as text)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


#: Any local time is within a day of UTC: a stamp this far inside datetime's range can be
#: shown in every time zone.
_SHOWABLE = (
    datetime.min.replace(tzinfo=UTC) + timedelta(days=1),
    datetime.max.replace(tzinfo=UTC) - timedelta(days=1),
)
#: Before every showable time: what a stamp no clock can show sorts as.
EARLIEST = datetime.min.replace(tzinfo=UTC)


def moment(stamp: str | None) -> datetime | None:
    """``stamp`` as a UTC time that can be shown in any time zone; None if it is not one.

    A hand-edited or imported stamp such as ``0001-01-01T00:00:00+14:00`` parses but
    cannot be converted (OverflowError); one without a zone is read as UTC.
    """
    if not stamp or not isinstance(stamp, str):
        return None
    try:
        when = datetime.fromisoformat(stamp)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        utc = when.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return utc if _SHOWABLE[0] <= utc <= _SHOWABLE[1] else None


def time_order(stamp: str) -> tuple[datetime, str]:
    """A key that sorts stamps by the time they name (one no clock can show first)."""
    return moment(stamp) or EARLIEST, stamp


def new_id(prefix: str = "n") -> str:
    return f"{prefix}-{secrets.token_hex(6)}"
