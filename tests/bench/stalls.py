"""UI-thread stalls: event-loop latency while starting, autosaving and opening a long reading.

Run from anywhere: ``python3 tests/bench/stalls.py [--items 10000] [--notes 10000] [--runs 5]``.
On a shared machine one run's figures vary by a factor of two; ``--runs N`` runs it N times,
each in a process of its own, and gives each figure's median.

One process, Qt offscreen, a fresh temporary home (HOME and XDG_* point into it). A
synthetic bundle (``synth.make_bundle``) gets its notes file (``synth.make_notes``) beside it,
where the session looks; the shipped bundle gets 200 notes in the user's data folder. A probe
QTimer fires every 2 ms on the UI thread: the longest gap between two timeouts, minus the
interval, is the longest stall; stalls over 50 ms are counted. Once the window exists, the
runtime is set as ``companion.ui.shell.app.run`` sets it (``gc.freeze()``, a 1 ms switch
interval). Phases, for each bundle:

1. start-up: from just after ``show()`` until the start-up steps have run, the notes are
   loaded and the search index is built, plus 1 s idle. The window's constructor runs
   before the event loop, so its blocking time is a row of its own (as is the bundle load
   before it, warm cache);
2. autosave, twice (a big file is saved by the helper process that read it): one note
   edited, until the session is saved and idle, plus 0.5 s for the watcher's check.
   "blocking" is the UI thread's time in the autosave timer's slot plus the save's
   completion callback;
3. opening the Readings tab (another reading), then the reading with the most highlights:
   ``navigate``'s blocking time, and stalls until every highlight is placed, plus 300 ms.

"UI CPU" is the UI thread's CPU time in the phase (``time.thread_time``, Qt's work and the
probe's included). Not part of the test suite; no figure here is asserted.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import msgspec

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import (  # noqa: E402
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QObject,
    QSettings,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication  # noqa: E402

from companion.notes.fileformat import serialize  # noqa: E402
from companion.notes.store import locate  # noqa: E402
from companion.paths import shipped_bundle_dir  # noqa: E402
from companion.qt.app import make_app  # noqa: E402
from companion.search.cache import index_dir  # noqa: E402
from companion.ui.kit.theme import apply_theme  # noqa: E402
from companion.ui.shell.app import open_bundle, settle_runtime  # noqa: E402
from companion.ui.shell.settings import Settings  # noqa: E402
from companion.ui.shell.window import MainWindow  # noqa: E402
from tests.bench import synth  # noqa: E402
from tests.homes import isolate  # noqa: E402

INTERVAL_MS = 2
STALL_MS = 50.0
TIMEOUT_S = 120.0


@dataclass
class Row:
    scenario: str
    phase: str
    blocking: float  # ms the UI thread was held by the call(s) named in the phase
    stall: float | None = None
    stalls: int = 0
    duration: float | None = None
    cpu: float | None = None
    note: str = ""


class Probe(QObject):
    """Timeouts of a 2 ms timer on the UI thread (gaps are stalls); the watched's first paint."""

    def __init__(self) -> None:
        super().__init__()
        self.ticks: list[float] = []
        self.painted: float | None = None
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def stalls(self, start: float, end: float) -> tuple[float, int]:
        """(longest stall in ms, how many over 50 ms) between ``start`` and ``end``."""
        marks = [start, *(t for t in self.ticks if start < t <= end), end]
        late = [(b - a) * 1000 - INTERVAL_MS for a, b in itertools.pairwise(marks)]
        return max(0.0, *late), sum(ms > STALL_MS for ms in late)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.painted is None and event.type() == QEvent.Type.Paint:
            self.painted = time.perf_counter()
        return False


def run_until(ready: Callable[[], bool], idle_s: float) -> float:
    """Run the event loop until ``ready()`` (polled every 5 ms), then ``idle_s`` more."""
    loop, poll, deadline = QEventLoop(), QTimer(), time.perf_counter() + TIMEOUT_S
    met: list[float] = []

    def check() -> None:
        now = time.perf_counter()
        if not met and ready():
            met.append(now)
        if (met and now >= met[0] + idle_s) or now > deadline:
            loop.quit()

    poll.setInterval(5)
    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    if not met:
        raise TimeoutError(f"not ready within {TIMEOUT_S:.0f} s")
    return met[0]


def timed(costs: dict[str, float], key: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args)
        finally:
            costs[key] = costs.get(key, 0.0) + (time.perf_counter() - start) * 1000

    return run


def phase(
    probe: Probe,
    label: str,
    name: str,
    action: Callable[[], object],
    ready: Callable[[], bool],
    idle_s: float,
) -> tuple[Row, float, float]:
    """Run ``action`` (its blocking time), then the loop until ready + idle.

    Returns the row, when the action started and when ``ready()`` first held.
    """
    cpu, start = time.thread_time(), time.perf_counter()
    action()
    blocked = time.perf_counter()
    at = run_until(ready, idle_s)
    end = time.perf_counter()
    stall, count = probe.stalls(blocked, end)
    cpu_ms = (time.thread_time() - cpu) * 1000
    return (
        Row(label, name, (blocked - start) * 1000, stall, count, (end - start) * 1000, cpu_ms),
        start,
        at,
    )


def scenario(label: str, folder: Path, ini: Path, probe: Probe) -> list[Row]:
    start = time.perf_counter()  # write_notes loaded it first: the parsed-bundle cache is warm
    opened = open_bundle(folder)
    assert opened is not None, f"cannot open {folder}"
    bundle = opened[0]
    rows = [Row(label, "bundle load, warm cache (blocking)", (time.perf_counter() - start) * 1000)]
    settings = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    probe.timer.start()
    start = time.perf_counter()
    window = MainWindow(*opened, settings)
    rows.append(Row(label, "window construction (blocking)", (time.perf_counter() - start) * 1000))
    switch_interval = sys.getswitchinterval()
    settle_runtime()  # as companion.ui.shell.app.run does once the window exists
    probe.painted = None
    window.installEventFilter(probe)
    seen: dict[str, float] = {}

    def started() -> bool:
        # ``window.notes`` would run the start-up steps left at once: wait for them.
        if not window.started:
            return False
        session, live = window.notes.session, window.search.live
        if session is not None and session.loaded:
            seen.setdefault("loaded", time.perf_counter())
        return "loaded" in seen and live.index is not None and not live.building

    row, t0, at = phase(
        probe, label, "1 start-up: show → notes + index, +1 s", window.show, started, 1.0
    )
    paint = f"paint {(probe.painted - t0) * 1000:.0f}" if probe.painted else "no paint"
    row.note = f"{paint}, notes {(seen['loaded'] - t0) * 1000:.0f}, index {(at - t0) * 1000:.0f} ms"
    rows.append(row)

    session = window.notes.session
    assert session is not None and session.writable, "the notes are not writable"
    costs: dict[str, float] = {}
    session._autosave.timeout.disconnect()
    session._autosave.timeout.connect(timed(costs, "trigger", session.save_now))
    session._delivered = timed(costs, "done", session._delivered)  # type: ignore[method-assign]
    model = session.model
    note = model.notes()[0]
    for n in (1, 2):
        costs.clear()
        row, _, _ = phase(
            probe,
            label,
            f"2 autosave #{n}: edit → saved, +0.5 s",
            partial(model.update_note, note.id, body=f"{note.body}\n\nEdit {n}."),
            lambda: not session.dirty and not session.busy and "done" in costs,
            0.5,
        )
        edit = row.blocking
        row.blocking = costs.get("trigger", 0.0) + costs.get("done", 0.0)
        row.note = (
            f"slot {costs.get('trigger', 0):.1f} + done {costs.get('done', 0):.1f} ms;"
            f" edit {edit:.1f} ms"
        )
        rows.append(row)

    counts = Counter(h.item for h in model.highlights())
    lengths = {r.id: len(r.study_text or "") for r in bundle.readings}
    target = max(counts, key=lambda item: (counts[item], lengths.get(item, 0)))
    other = next(r.id for r in bundle.readings if r.id != target)
    places = window.highlights.places

    def placed() -> bool:
        return not places.pending() and not places._move_timer.isActive()

    for name, item in (("3a open Readings tab", other), ("3b open reading", target)):
        row, _, _ = phase(
            probe, label, f"{name}: navigate, +0.3 s", partial(window.navigate, item), placed, 0.3
        )
        row.note = f"{item}: {counts[item]} highlights, {lengths.get(item, 0):,} chars"
        rows.append(row)
    probe.timer.stop()
    window.close()  # saves and releases the notes, stops the helper processes
    window.deleteLater()
    QApplication.processEvents()
    sys.setswitchinterval(switch_interval)
    gc.unfreeze()
    return rows


def table(rows: list[Row]) -> str:
    head = f"{'bundle':<22}{'phase':<42}{'block ms':>9}{'stall ms':>9}{'>50':>4}"
    lines = [head + f"{'dur ms':>8}{'UI CPU':>8}  note"]
    for r in rows:
        stall = f"{r.stall:9.1f}{r.stalls:4d}" if r.stall is not None else " " * 13
        rest = f"{r.duration:8.0f}{r.cpu:8.0f}" if r.duration and r.cpu is not None else " " * 16
        lines.append(f"{r.scenario:<22}{r.phase:<42}{r.blocking:9.1f}{stall}{rest}  {r.note}")
    return "\n".join(lines)


def write_notes(bundle_dir: Path, count: int) -> None:
    """``count`` synthetic notes where the bundle's notes session will look for them."""
    opened = open_bundle(bundle_dir)
    assert opened is not None, f"cannot open {bundle_dir}"
    path = locate(bundle_dir, opened[0].id).path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(serialize(synth.make_notes(opened[0], count)))


def quiet_qt(_mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if "propagateSizeHints" not in message:  # the offscreen plugin says it for every window
        print(message, file=sys.stderr)


def kept_indexes() -> int:
    """How many search indexes the cache holds (``companion.search.cache``)."""
    return len(list(index_dir().glob("*.sqlite")))


def measure(items: int, notes: int, warm: bool = False) -> list[Row]:
    """The rows of one process; ``warm``: each bundle was opened once before (caches made)."""
    with tempfile.TemporaryDirectory(prefix="companion-stalls-") as tmp:
        work = Path(tmp)
        isolate(work / "home")
        qInstallMessageHandler(quiet_qt)
        app = make_app(["stalls"])
        ini = work / "settings.ini"
        apply_theme(app, Settings(QSettings(str(ini), QSettings.Format.IniFormat)).theme())
        probe = Probe()
        folder = synth.make_bundle(work / "bundles" / f"synthetic-{items}", items)
        write_notes(folder, notes)
        write_notes(shipped_bundle_dir(), 200)
        if warm:
            for n, (name, where) in enumerate(
                ((big_label(items, notes), folder), ("shipped", shipped_bundle_dir()))
            ):
                scenario(name, where, work / f"warm-up-{n}.ini", probe)
                run_until(lambda n=n: kept_indexes() > n, 0.1)  # type: ignore[misc]
        gc.collect()
        rows = scenario(big_label(items, notes), folder, work / "big.ini", probe)
        gc.collect()
        rows += scenario("shipped + 200 notes", shipped_bundle_dir(), work / "shipped.ini", probe)
    return rows


def big_label(items: int, notes: int) -> str:
    return f"{items:,} + {notes:,} notes"


def repeated(argv: list[str], runs: int) -> list[list[Row]]:
    """``runs`` runs, each in a process of its own (a start-up imports everything once)."""
    found = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, *argv, "--json"], capture_output=True, check=True
        )
        found.append(msgspec.json.decode(out.stdout.splitlines()[-1], type=list[Row]))
    return found


def median_rows(runs: list[list[Row]]) -> list[Row]:
    """Row by row, the median of every figure over the runs (the note of the middle run)."""
    merged = []
    for same in zip(*runs, strict=True):
        by_stall = sorted(same, key=lambda r: r.stall or 0.0)
        middle = by_stall[len(by_stall) // 2]

        def mid(values: list[float | None]) -> float | None:
            known = [v for v in values if v is not None]
            return statistics.median(known) if known else None

        merged.append(
            Row(
                middle.scenario,
                middle.phase,
                statistics.median(r.blocking for r in same),
                mid([r.stall for r in same]),
                int(statistics.median(r.stalls for r in same)),
                mid([r.duration for r in same]),
                mid([r.cpu for r in same]),
                middle.note,
            )
        )
    return merged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--items", type=int, default=10_000, help="bundle items (10,000)")
    parser.add_argument("--notes", type=int, default=10_000, help="notes records (10,000)")
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        help="runs, each in a new process: the table gives each figure's median (1)",
    )
    parser.add_argument("--json", action="store_true", help="print the rows as JSON only")
    parser.add_argument(
        "--warm", action="store_true", help="open each bundle once first: a warm start (caches)"
    )
    args = parser.parse_args(argv)
    label = big_label(args.items, args.notes)
    if args.runs > 1:
        runs = repeated(
            ["--items", str(args.items), "--notes", str(args.notes)]
            + (["--warm"] if args.warm else []),
            args.runs,
        )
        rows = median_rows(runs)
        title = f"medians of {args.runs} runs, each in its own process"
    else:
        rows = measure(args.items, args.notes, args.warm)
        runs = [rows]
        title = "one process"
    title += ", warm: each bundle opened once before" if args.warm else ", no index kept yet"
    if args.json:
        print(msgspec.json.encode(rows).decode())
        return 0
    print(f"UI-thread stalls (probe every {INTERVAL_MS} ms; offscreen; {title})")
    print(table(rows))
    starts = [
        max((r.stall or 0.0) for r in run if r.scenario == label and r.phase.startswith("1 "))
        for run in runs
    ]
    load = statistics.median(starts)
    save = max(r.blocking for r in rows if r.scenario == label and r.phase.startswith("2 "))
    each = f" (each run: {', '.join(f'{s:.0f}' for s in starts)})" if len(starts) > 1 else ""
    print(
        f"targets ({label}): start-up stall {load:.0f} ms{each} (<= 50): "
        f"{'met' if load <= STALL_MS else 'MISSED'}; autosave UI cost {save:.1f} ms (<= 5): "
        f"{'met' if save <= 5 else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
