"""A bundle and a notes file whose every text tries to make Qt read a file or the network.

Each text carries HTML and Markdown that name a canary file outside the bundle folder
in every form Qt understands: an absolute path, a ``file:`` URL, a path relative to the
working folder, a ``file://host/share`` URL (network traffic on Windows), a style
sheet, a background image. Whatever reads one of them names the canary, so a trace of
the process's file system calls shows it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from companion.paths import BUNDLE_FILE, shipped_bundle_dir
from companion.yamlio import dump, load_plain

#: In the name of every file the hostile texts point at (and in nothing else).
CANARY = "companion-canary"
BUNDLE_ID = "touchpoint-7"
#: Keys whose values are ids, numbers, enums or addresses: left as they are.
_KEEP = frozenset(
    {
        "schema_version",
        "id",
        "source",
        "related",
        "region",
        "placement",
        "language",
        "version",
        "year",
        "url",
        "verbatim",
        "date",
    }
)
#: A 1x1 PNG: were it ever read, Qt would have a real image to show.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b4944"
    "4154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)


def payload(outside: Path) -> str:
    """Markup naming the canary in ``outside`` (an absolute folder) every way Qt might read it."""
    absolute = outside / f"{CANARY}.png"
    return (
        f' <img src="{absolute}"> <b>bold</b> ![img]({absolute}) '
        f'<img src="file://{absolute}"> <img src="file://canary-host/share/{CANARY}.png"> '
        f'<img src="{CANARY}-relative.png"> <img src="../{CANARY}-up.png"> '
        f'<p style="background-image: url({absolute})">x</p> '
        f'<link rel="stylesheet" href="{outside / CANARY}.css"> '
        f"[![linked]({absolute})](https://example.org/) "
        f'<table background="{absolute}"><tr><td>t</td></tr></table>'
    )


def make_canaries(outside: Path) -> None:
    outside.mkdir(parents=True, exist_ok=True)
    (outside / f"{CANARY}.png").write_bytes(PNG)
    (outside / f"{CANARY}.css").write_text("body { color: red }\n", encoding="utf-8")


def _poison(value: Any, text: str, key: str = "") -> Any:
    if key in _KEEP:
        return value
    if isinstance(value, dict):
        return {k: _poison(v, text, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, text, key) for v in value]
    if isinstance(value, str):
        return value + text
    return value


def write_bundle(folder: Path, outside: Path) -> Path:
    """The shipped bundle with the payload added to every text; returns ``folder``."""
    source = (shipped_bundle_dir() / BUNDLE_FILE).read_bytes()
    data = _poison(load_plain(source), payload(outside))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / BUNDLE_FILE).write_text(dump(data), encoding="utf-8")
    return folder


def notes_data(outside: Path, items: list[str]) -> dict[str, Any]:
    """Notes, highlights, bookmarks and trash on ``items`` and on an item the bundle lacks."""
    text = payload(outside)
    stranger = f'<img src="{outside / CANARY}.png">'
    stamp = "2026-03-02T09:15:00.000Z"
    targets = [*items, stranger]
    notes = [
        {
            "id": f"n{n}",
            "item": item,
            "body": f"# Heading{text}\n\nSecond line{text}",
            "tags": [f"tag{text}"],
            "created": stamp,
            "modified": stamp,
        }
        for n, item in enumerate(targets)
    ]
    highlights = [
        {
            "id": f"h{n}",
            "item": item,
            "exact": f"not in the text{text}",
            "start": 0,
            "end": 10,
            "color": "yellow",
            "note": f"A note{text}",
            "tags": [f"tag{text}"],
            "created": stamp,
            "modified": stamp,
        }
        for n, item in enumerate(targets)
    ]
    trash = [{**note, "id": f"t{note['id']}", "deleted": stamp} for note in notes]
    return {
        "schema_version": 2,
        "bundle": BUNDLE_ID,
        "bookmarks": [{"item": item, "created": stamp} for item in targets],
        "notes": notes,
        "highlights": highlights,
        "trash": trash,
    }


def write_notes(path: Path, outside: Path, items: list[str]) -> Path:
    path.write_text(dump(notes_data(outside, items)), encoding="utf-8")
    return path


def write_broken_bundle(folder: Path, outside: Path) -> Path:
    """The hostile bundle with problems whose messages quote its text (an unknown key, a list)."""
    write_bundle(folder, outside)
    data = load_plain((folder / BUNDLE_FILE).read_bytes())
    data[f'<img src="{outside / CANARY}.png">'] = payload(outside)
    data["version"] = [payload(outside)]
    (folder / BUNDLE_FILE).write_text(dump(data), encoding="utf-8")
    return folder


def write_copies(notes_folder: Path, readings: list[str], outside: Path) -> Path:
    """The learner's own copies of two readings, in HTML and in Markdown, full of the payload."""
    folder = notes_folder / f"{BUNDLE_ID}.copies"
    folder.mkdir(parents=True, exist_ok=True)
    text = payload(outside)
    (folder / f"{readings[0]}.html").write_text(
        f"<html><head>{text}</head><body><p>Copy{text}</p>{text}</body></html>", encoding="utf-8"
    )
    (folder / f"{readings[1]}.md").write_text(f"# Copy{text}\n\n{text}\n", encoding="utf-8")
    return folder


def link_out(link: Path, content: bytes, elsewhere: Path) -> Path:
    """``link`` (its folder made) leading to a file in ``elsewhere`` holding ``content``.

    Returns the file: what a link out of its folder must never let Companion read,
    copy beside the bundle, or write over.
    """
    secret = elsewhere / "secret"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_bytes(content)
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret)
    return secret
