"""Companion's benchmark suite: one command, one table, every figure next to its floor.

    python3 tests/bench/suite.py [--runs N] [--quick]

Generates synthetic bundles (100, 1,000 and 10,000 items) and notes files (200 and
10,000 notes and highlights) in a temporary folder, then measures medians, each
beside a floor measured in the same run:

- process start to first paint and peak memory, against a bare PySide6 window;
- bundle load (YAML, validated), warm load (parsed-bundle cache) and notes load,
  against raw C-loader YAML parsing of the same files;
- the longest UI-thread stall (event-loop latency) while starting, autosaving and
  opening a long reading with hundreds of highlights (tests/bench/stalls.py);
- search latency, one-page summary printing and My profile with 200 assessments
  (tests/bench/search.py, summary.py, profile.py);
- launch to the notes answering and to search answering (``to_ready.py``), with empty
  caches (cold) and with the caches a previous run left (warm).

Not part of the test suite; no figure here is asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "tests" / "bench"
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

from companion.bundle.cache import load_bundle_cached  # noqa: E402
from companion.bundle.loader import load_bundle  # noqa: E402
from companion.notes.fileformat import parse, serialize  # noqa: E402
from companion.paths import shipped_bundle_dir  # noqa: E402
from tests.bench import startup, synth  # noqa: E402


@dataclass
class Row:
    what: str
    value: float
    unit: str
    floor_name: str = ""
    floor: float = 0.0
    target: str = ""

    def ratio(self) -> str:
        return f"{self.value / self.floor:.2f}x" if self.floor else ""


def median_ms(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def raw_yaml(path: Path) -> Callable[[], object]:
    raw = path.read_bytes()
    return lambda: yaml.load(raw, Loader=yaml.CSafeLoader)


def loading_rows(work: Path, sizes: list[int], runs: int) -> list[Row]:
    rows: list[Row] = []
    for items in sizes:
        folder = synth.make_bundle(work / f"bundle-{items}", items)
        file = folder / "bundle.yaml"
        floor = median_ms(raw_yaml(file), runs)
        cold = median_ms(lambda f=folder: load_bundle(f), runs)  # type: ignore[misc]
        cache = work / f"cache-{items}"
        load_bundle_cached(folder, cache)
        warm = median_ms(lambda f=folder, c=cache: load_bundle_cached(f, c), runs)  # type: ignore[misc]
        size = f"{file.stat().st_size / 2**20:.1f} MiB"
        rows.append(Row(f"bundle load, {items:,} items ({size})", cold, "ms", "raw YAML", floor))
        rows.append(
            Row(f"bundle warm load (cache), {items:,} items", warm, "ms", "raw YAML", floor)
        )
    return rows


def notes_rows(work: Path, counts: list[int], runs: int) -> list[Row]:
    rows: list[Row] = []
    bundle = load_bundle(synth.make_bundle(work / "bundle-notes", 1000))
    for count in counts:
        data = synth.make_notes(bundle, count)
        path = work / f"notes-{count}.yaml"
        raw = serialize(data, path.name)
        path.write_bytes(raw)
        floor = median_ms(raw_yaml(path), runs)
        ours = median_ms(lambda r=raw, p=path: parse(r, p), runs)  # type: ignore[misc]
        rows.append(Row(f"notes load, {count:,} records", ours, "ms", "raw YAML", floor))
    return rows


def startup_rows(work: Path, runs: int) -> list[Row]:
    """First paint and peak memory: shipped bundle with 200 notes; 10,000 + 10,000 warm."""
    shipped = load_bundle(shipped_bundle_dir())
    shipped_notes = serialize(synth.make_notes(shipped, 200))
    big_folder = synth.make_bundle(work / "big" / "synthetic-10000", 10_000)
    big = load_bundle(big_folder)
    (big_folder.parent / f"{big.id}.notes.yaml").write_bytes(
        serialize(synth.make_notes(big, 10_000))
    )
    startup.compile_sources()
    env = dict(os.environ)
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_CACHE_HOME"):
        env.pop(var, None)
    env.update(QT_QPA_PLATFORM="offscreen", COMPANION_BENCH_FIRST_PAINT="1")
    cache = tempfile.mkdtemp(prefix="companion-suite-cache-")
    env["XDG_CACHE_HOME"] = cache

    def with_shipped_notes(home: Path) -> None:
        folder = home / ".local" / "share" / "Companion" / "notes"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{shipped.id}.notes.yaml").write_bytes(shipped_notes)

    cases: list[tuple[str, list[str], Callable[[Path], None] | None]] = [
        ("floor", startup.FLOOR, None),
        ("shipped + 200 notes", startup.APP, with_shipped_notes),
        ("10,000 items + 10,000 notes, warm", [*startup.APP, str(big_folder)], None),
    ]
    results: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name, _, _ in cases}
    for _, cmd, setup in cases:  # warm-ups (and the 10,000-item cache)
        startup.run_once(cmd, env, wait_for_paint=True, setup=setup)
    for index in range(runs):
        order = cases if index % 2 == 0 else list(reversed(cases))
        for name, cmd, setup in order:
            ms, rss = startup.run_once(cmd, env, wait_for_paint=True, setup=setup)
            results[name][0].append(ms)
            results[name][1].append(rss / 1024)
    floor_ms = statistics.median(results["floor"][0])
    floor_mb = statistics.median(results["floor"][1])
    rows = [Row("first paint: bare Qt window (floor)", floor_ms, "ms")]
    for name, target_ms, target_mb in (
        ("shipped + 200 notes", "1.5x", "1.5x"),
        ("10,000 items + 10,000 notes, warm", "3x", ""),
    ):
        ms, mb = (statistics.median(v) for v in results[name])
        rows.append(Row(f"first paint: {name}", ms, "ms", "bare window", floor_ms, target_ms))
        rows.append(Row(f"peak memory: {name}", mb, "MB", "bare window", floor_mb, target_mb))
    return rows


READY = [sys.executable, str(BENCH / "to_ready.py")]


def time_to_ready(
    cmd: list[str], env: dict[str, str], setup: Callable[[Path], None] | None
) -> tuple[float, float]:
    """Spawn ``to_ready.py``: ms until the notes answer, and until search answers."""
    with tempfile.TemporaryDirectory(prefix="companion-ready-") as tmp:
        home = Path(tmp)
        child_env = startup._child_env(env, home)
        if setup is not None:
            setup(home)
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=REPO,
            env=child_env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert proc.stdout is not None
        seen: dict[bytes, float] = {}
        data = b""
        try:
            fd = proc.stdout.fileno()
            deadline = start + 300
            while len(seen) < 2:
                chunk = startup._read_until(fd, b"\n", deadline)
                if not chunk:
                    raise startup.BenchError(f"{' '.join(cmd)} exited before both were ready")
                data += chunk
                now = time.perf_counter()
                for marker in (b"notes-ready", b"search-ready"):
                    if marker in data and marker not in seen:
                        seen[marker] = now
                data = data.rsplit(b"\n", 1)[-1]
        finally:
            proc.stdout.close()
            proc.wait(timeout=60)
    return ((seen[b"notes-ready"] - start) * 1000, (seen[b"search-ready"] - start) * 1000)


def ready_rows(work: Path, runs: int, *, big: bool) -> list[Row]:
    """Launch to notes answering and to search answering, cold (empty caches) and warm,
    on the shipped bundle with 200 notes and (``big``) 10,000 items + 10,000 notes."""
    shipped = load_bundle(shipped_bundle_dir())
    shipped_notes = serialize(synth.make_notes(shipped, 200))

    def with_shipped_notes(home: Path) -> None:
        folder = home / ".local" / "share" / "Companion" / "notes"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{shipped.id}.notes.yaml").write_bytes(shipped_notes)

    cases: list[tuple[str, list[str], Callable[[Path], None] | None]] = [
        ("shipped + 200 notes", READY, with_shipped_notes)
    ]
    if big:
        folder = work / "big" / "synthetic-10000"
        if not folder.exists():
            synth.make_bundle(folder, 10_000)
        notes = folder.parent / "synthetic-10000.notes.yaml"
        if not notes.exists():
            notes.write_bytes(serialize(synth.make_notes(load_bundle(folder), 10_000)))
        cases.append(("10,000 items + 10,000 notes", [*READY, str(folder)], None))
    startup.compile_sources()
    env = startup.bench_environment()
    env["QT_QPA_PLATFORM"] = "offscreen"
    floor = [startup.run_once(startup.FLOOR, env, wait_for_paint=True)[0] for _ in range(runs)]
    env.pop("COMPANION_BENCH_FIRST_PAINT")  # Companion runs on until it is ready
    floor_ms = statistics.median(floor)
    rows = [Row("first paint: bare Qt window (floor)", floor_ms, "ms")]
    for name, cmd, setup in cases:
        for warm in (False, True):
            notes_ms, search_ms = [], []
            shared = tempfile.mkdtemp(prefix="companion-ready-cache-")
            env["XDG_CACHE_HOME"] = shared
            if warm:
                time_to_ready(cmd, env, setup)  # fills the caches
            for _ in range(runs):
                if not warm:
                    for entry in Path(shared).glob("companion/*/*"):
                        entry.unlink()
                n, q = time_to_ready(cmd, env, setup)
                notes_ms.append(n)
                search_ms.append(q)
            shutil.rmtree(shared, ignore_errors=True)
            how = "warm" if warm else "cold"
            target = ("2 s" if "10,000" in name else "0.5 s") if warm else ""
            for what, samples in (("notes answer", notes_ms), ("search answers", search_ms)):
                rows.append(
                    Row(
                        f"time until {what}: {name}, {how}",
                        statistics.median(samples),
                        "ms",
                        "bare window",
                        floor_ms,
                        target,
                    )
                )
    env.pop("XDG_CACHE_HOME", None)
    return rows


def script_rows() -> list[str]:
    """The search and summary benchmarks print their own tables; include them as they are."""
    out = []
    for script in ("search.py", "summary.py", "stalls.py", "profile.py"):
        path = BENCH / script
        if not path.exists():
            out.append(f"({script} not present)")
            continue
        result = subprocess.run(
            [sys.executable, str(path)], capture_output=True, text=True, cwd=REPO, check=False
        )
        out.append(f"--- {script} ---\n{result.stdout.strip() or result.stderr.strip()[-800:]}")
    return out


def table(rows: list[Row]) -> str:
    lines = [f"{'what':<64}{'value':>12}  {'floor':<12}{'ratio':>8}  {'target':>6}"]
    for row in rows:
        value = f"{row.value:,.1f} {row.unit}"
        lines.append(
            f"{row.what:<64}{value:>12}  {row.floor_name:<12}{row.ratio():>8}  {row.target:>6}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="runs per median (default 5)")
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-item sizes")
    parser.add_argument("--ready-only", action="store_true", help="only the time-until-ready rows")
    args = parser.parse_args()
    sizes = [100, 1000] if args.quick else [100, 1000, 10_000]
    counts = [200] if args.quick else [200, 10_000]
    with tempfile.TemporaryDirectory(prefix="companion-suite-") as tmp:
        work = Path(tmp)
        rows = [] if args.ready_only else loading_rows(work, sizes, args.runs)
        if not args.ready_only:
            rows += notes_rows(work, counts, args.runs)
        if not (args.quick or args.ready_only):
            rows += startup_rows(work, args.runs)
        rows += ready_rows(work, min(args.runs, 3), big=not args.quick)
    print(table(rows))
    if args.ready_only:
        return 0
    for block in script_rows():
        print()
        print(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
