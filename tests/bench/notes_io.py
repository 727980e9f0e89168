"""Notes benchmark: load and save of 200 and 10,000 notes, and the UI-thread cost of an autosave.

Run from anywhere: ``python3 tests/bench/notes_io.py [--runs N] [--sizes 200,10000]``.

Each size gets a realistic notes file, generated from a fixed seed: Markdown bodies of
50-400 words with lists, emphasis and the odd heading or quote, 0-3 tags, bookmarks on about
10% of the items, notes on item ids drawn from a synthetic bundle, a few notes in the trash.
Timed (median of ``--runs``, after one warm-up):

- ``snapshot``: ``NotesModel.snapshot()``, the only part of an autosave on the UI thread;
- ``serialize`` / ``save_notes``: the file's bytes / the whole atomic save, in a worker;
- ``parse`` / ``open_notes``: reading the bytes / the file, with positions for errors;

and, in the same run, the floors they are compared with: ``yaml.load`` with the C loader,
``yaml.dump`` with the C dumper and ``json`` on the same data. The saves go to a temporary
folder (the periodic backups too: HOME and XDG_* point there). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import msgspec
import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from companion.notes.fileformat import parse, serialize  # noqa: E402  (repo on the path first)
from companion.notes.model import (  # noqa: E402
    NOTES_SCHEMA_VERSION,
    Bookmark,
    Note,
    NotesFile,
    NotesModel,
)
from companion.notes.store import open_notes, save_notes  # noqa: E402

SEED = 7
BUNDLE = "touchpoint-7"

_VOCABULARY = (
    "system leadership boundary organisation partner trust feeling perceiving thinking "
    "relating doing being stacey agreement certainty complexity chaos zone emergent "
    "adaptive challenge stakeholder conversation purpose collaboration curiosity listen "
    "reflect practice ward patient community shared outcome learning feedback tension "
    "power influence network story question assumption evidence value culture change "
    "the a of to and in that is for with on as it at by from this we they our their"
)
WORDS = _VOCABULARY.split()
ACCENTED = ["café", "naïve", "rôle", "coöperate", "Zürich", "São Paulo", "—", "→", "✓", "💡"]
TAGS = ["reflection", "action", "question", "reading", "session-3", "to discuss", "idea", "✓"]


def _sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(WORDS) for _ in range(words)]
    if rng.random() < 0.3:
        picked[rng.randrange(words)] = rng.choice(ACCENTED)
    if rng.random() < 0.4:
        i = rng.randrange(words)
        picked[i] = rng.choice(("*{}*", "**{}**", "`{}`")).format(picked[i])
    return " ".join(picked).capitalize() + rng.choice(".." + "?!:")


def _markdown(rng: random.Random) -> str:
    """A note of 50-400 words: paragraphs, lists, emphasis, now and then a heading or quote."""
    target = rng.randint(50, 400)
    blocks: list[str] = []
    written = 0
    while written < target:
        kind = rng.random()
        if kind < 0.08 and not blocks:
            blocks.append("## " + _sentence(rng, rng.randint(2, 6)).rstrip(".?!:"))
            written += 4
        elif kind < 0.35:
            items = rng.randint(2, 5)
            bullet = rng.choice(("- ", "* ", "1. ", "- [ ] "))
            lines = [bullet + _sentence(rng, rng.randint(3, 12)) for _ in range(items)]
            blocks.append("\n".join(lines))
            written += sum(len(line.split()) for line in lines)
        elif kind < 0.42:
            blocks.append("> " + _sentence(rng, rng.randint(6, 20)))
            written += 13
        else:
            sentences = [_sentence(rng, rng.randint(5, 18)) for _ in range(rng.randint(1, 4))]
            blocks.append(" ".join(sentences))
            written += sum(len(s.split()) for s in sentences)
    return "\n\n".join(blocks) + ("\n" if rng.random() < 0.8 else "")


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def make_notes(count: int, seed: int = SEED) -> NotesFile:
    rng = random.Random(seed * 1_000_003 + count)
    kinds = ("dimension", "reading", "stacey-region", "definition", "exercise")
    items = [f"{rng.choice(kinds)}-{n}" for n in range(max(60, count // 3))]
    start = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)

    def note(n: int, trashed: bool) -> Note:
        created = start + timedelta(minutes=n * 37 + rng.randrange(30))
        modified = created + timedelta(minutes=rng.choice((0, 0, 3, 90, 2000)))
        return Note(
            id=f"n-{rng.getrandbits(48):012x}",
            item=rng.choice(items),
            body=_markdown(rng),
            tags=rng.sample(TAGS, rng.choice((0, 0, 1, 1, 2, 3))),
            created=_stamp(created),
            modified=_stamp(modified),
            deleted=_stamp(modified + timedelta(days=1)) if trashed else None,
        )

    marked = rng.sample(items, len(items) // 10)
    return NotesFile(
        schema_version=NOTES_SCHEMA_VERSION,
        bundle=BUNDLE,
        bookmarks=[
            Bookmark(item=item, created=_stamp(start + timedelta(hours=i)))
            for i, item in enumerate(marked)
        ],
        notes=[note(n, trashed=False) for n in range(count)],
        trash=[note(count + n, trashed=True) for n in range(max(1, count // 30))],
    )


@dataclass(frozen=True)
class Row:
    label: str
    where: str
    #: The floor (another row's label) this one is compared with, if any.
    floor: str = ""


ROWS = (
    Row("NotesModel.snapshot()", "UI thread"),
    Row("serialize", "worker", "yaml.dump (C)"),
    Row("save_notes", "worker", "yaml.dump (C)"),
    Row("parse", "worker", "yaml.load (C)"),
    Row("open_notes", "worker", "yaml.load (C)"),
    Row("yaml.load (C)", "floor", "json.loads"),
    Row("yaml.dump (C)", "floor", "json.dumps"),
    Row("json.loads", "floor"),
    Row("json.dumps", "floor"),
)


def _median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up, not counted
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(count: int, runs: int, folder: Path) -> tuple[dict[str, float], int]:
    """Median milliseconds per row for ``count`` notes, and the file's size in bytes."""
    data = make_notes(count)
    model = NotesModel(data)
    raw = serialize(data, f"{BUNDLE}.notes.yaml")
    path = folder / f"{count}" / f"{BUNDLE}.notes.yaml"
    path.parent.mkdir()
    save_notes(path, data)
    opened = open_notes(path, BUNDLE)
    assert opened.problem is None and opened.data == data.normalised(), "round trip failed"

    plain: Any = msgspec.to_builtins(data.normalised())
    text = json.dumps(plain, ensure_ascii=False)
    actions: dict[str, Callable[[], object]] = {
        "NotesModel.snapshot()": model.snapshot,
        "serialize": lambda: serialize(data, path.name),
        "save_notes": lambda: save_notes(path, data),
        "parse": lambda: parse(raw, path),
        "open_notes": lambda: open_notes(path, BUNDLE),
        "yaml.load (C)": lambda: yaml.load(raw, Loader=yaml.CSafeLoader),
        "yaml.dump (C)": lambda: yaml.dump(
            plain, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False
        ),
        "json.loads": lambda: json.loads(text),
        "json.dumps": lambda: json.dumps(plain, ensure_ascii=False),
    }
    return {row.label: _median_ms(actions[row.label], runs) for row in ROWS}, len(raw)


def _ms(value: float) -> str:
    return f"{value:,.3f}" if value < 1 else f"{value:,.1f}"


def report(results: dict[int, tuple[dict[str, float], int]], runs: int) -> str:
    sizes = sorted(results)
    head = ["what", "runs on"]
    for n in sizes:
        head += [f"{n:,} notes ms", "x floor"]
    head.append("floor")
    lines = [head, ["file size", ""]]
    for n in sizes:
        lines[1] += [f"{results[n][1] / 2**20:.2f} MiB", ""]
    lines[1].append("")
    for row in ROWS:
        line = [row.label, row.where]
        for n in sizes:
            timed = results[n][0]
            ratio = f"{timed[row.label] / timed[row.floor]:.2f}" if row.floor else ""
            line += [_ms(timed[row.label]), ratio]
        lines.append([*line, row.floor])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    text_columns = {0, 1, len(head) - 1}
    out = [
        "  ".join(
            cell.ljust(w) if i in text_columns else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in [lines[0], ["-" * w for w in widths], *lines[1:]]
    ]
    title = (
        f"Notes I/O, median of {runs} runs after a warm-up; Python {platform.python_version()}, "
        f"PyYAML {yaml.__version__} (libyaml: {yaml.__with_libyaml__}), "
        f"msgspec {msgspec.__version__}"
    )
    return "\n".join([title, "", *out])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="200,10000", help="comma-separated note counts")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="companion-bench-") as tmp:
        folder = Path(tmp)
        # No real user folder is touched: the periodic backups land here too.
        for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[var] = str(folder / "home" / var.lower())
        results = {}
        for count in sizes:
            print(f"measuring {count:,} notes ...", file=sys.stderr, flush=True)
            results[count] = measure(count, args.runs, folder)
    print(report(results, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
