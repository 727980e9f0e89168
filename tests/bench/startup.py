"""Start-up benchmark: process start to first paint of Companion against a bare-Qt floor.

Run from anywhere: ``python3 tests/bench/startup.py [--runs N] [--xvfb]``.

Each run spawns ``tests/bench/bare_window.py`` (the floor: a QMainWindow with four QTextEdit
tabs) and ``python -m companion`` on the shipped bundle, alternately, so noise spreads over
both. Both print ``first-paint`` at their window's first paint event (Companion does so when
``COMPANION_BENCH_FIRST_PAINT=1``) and then quit. The time is measured from just before the
process is spawned to reading that line; peak memory is the child's ``ru_maxrss``. Every run
gets a fresh, empty home folder, so no real settings are read. ``python -c pass`` is timed too,
for context. One warm-up of each is not counted.

By default Qt renders offscreen; ``--xvfb`` starts a private Xvfb and uses the xcb platform.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import compileall
import os
import selectors
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from tests.xvfb import XvfbError, private_xvfb  # noqa: E402  (the repo goes on the path first)

MARKER = b"first-paint"
TIMEOUT_S = 60.0

FLOOR = [sys.executable, str(REPO / "tests" / "bench" / "bare_window.py")]
APP = [sys.executable, "-m", "companion"]
NOTHING = [sys.executable, "-c", "pass"]


class BenchError(Exception):
    """A child process failed or never painted."""


@dataclass
class Samples:
    label: str
    ms: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    def add(self, ms: float, rss_kib: int) -> None:
        self.ms.append(ms)
        self.rss_mb.append(rss_kib / 1024)


def _read_until(fd: int, needle: bytes | None, deadline: float) -> bytes:
    """Read ``fd`` until ``needle`` is seen (or, for None, EOF); give up at ``deadline``.

    Returns everything read; the caller checks whether ``needle`` is in it (EOF came first).
    """
    data = b""
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while needle is None or needle not in data:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                what = f"{needle.decode()!r}" if needle else "exit"
                raise BenchError(f"no {what} within {TIMEOUT_S:.0f} s")
            if not selector.select(remaining):
                continue
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            data += chunk
    return data


def _child_env(base: Mapping[str, str], home: Path) -> dict[str, str]:
    env = dict(base)
    env["HOME"] = str(home)
    for var, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        if var in env and var == "XDG_CACHE_HOME":
            continue  # a shared cache: the parsed bundle survives between runs (warm start)
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    return env


def _tail(stderr: BinaryIO) -> str:
    stderr.seek(0)
    return stderr.read().decode(errors="replace")[-2000:]


def _peak_rss_kib(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), or 0 where /proc has none."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_once(
    cmd: list[str],
    base_env: Mapping[str, str],
    *,
    wait_for_paint: bool,
    setup: Callable[[Path], None] | None = None,
) -> tuple[float, int]:
    """Spawn ``cmd``; return (ms to first paint, or to exit; the child's peak RSS in KiB).

    ``setup(home)`` may put files (a notes file, say) into the child's fresh home first.
    """
    with tempfile.TemporaryDirectory(prefix="companion-bench-") as tmp:
        home = Path(tmp)
        env = _child_env(base_env, home)
        if setup is not None:
            setup(home)
        with (home / "stderr.txt").open("w+b") as stderr:
            start = time.perf_counter()
            proc = subprocess.Popen(
                cmd,
                cwd=REPO,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=stderr,
            )
            assert proc.stdout is not None
            try:
                fd = proc.stdout.fileno()
                if wait_for_paint and MARKER not in _read_until(fd, MARKER, start + TIMEOUT_S):
                    raise BenchError("exited before its first paint")
                painted = time.perf_counter()
                peak = _peak_rss_kib(proc.pid)
                _read_until(fd, None, start + TIMEOUT_S)
                # wait4 rather than proc.wait(): it also returns the child's resource usage.
                _, status, usage = os.wait4(proc.pid, 0)
                exited = time.perf_counter()
                proc.returncode = os.waitstatus_to_exitcode(status)
                if proc.returncode != 0:
                    raise BenchError(f"exit code {proc.returncode}")
            except BenchError as exc:
                message = f"{' '.join(cmd)}: {exc}\n--- stderr ---\n{_tail(stderr)}"
                raise BenchError(message) from exc
            finally:
                proc.stdout.close()
                if proc.returncode is None:
                    proc.kill()
                    proc.wait()
    # ru_maxrss would also count the pages a large parent shares with the child
    # before exec; /proc's high-water mark belongs to the new program alone.
    return ((painted if wait_for_paint else exited) - start) * 1000, peak or usage.ru_maxrss


def bench(runs: int, base_env: Mapping[str, str]) -> tuple[Samples, Samples, Samples]:
    floor, app, nothing = Samples("bare Qt window"), Samples("Companion"), Samples("python -c pass")
    run_once(FLOOR, base_env, wait_for_paint=True)  # warm-ups: caches, .pyc files
    run_once(APP, base_env, wait_for_paint=True)
    run_once(NOTHING, base_env, wait_for_paint=False)
    for index in range(runs):
        # Alternate which goes first so drift in machine load hits both alike.
        order = [(floor, FLOOR), (app, APP)]
        for samples, cmd in order if index % 2 == 0 else reversed(order):
            samples.add(*run_once(cmd, base_env, wait_for_paint=True))
        nothing.add(*run_once(NOTHING, base_env, wait_for_paint=False))
    return floor, app, nothing


def report(floor: Samples, app: Samples, nothing: Samples, platform: str, runs: int) -> str:
    med, low = statistics.median, min
    rows = [
        f"Process start -> first paint, {platform}, {runs} runs each after one warm-up",
        f"{'':<24}{'median ms':>11}{'min ms':>10}{'peak RSS MB':>13}",
    ]
    for s in (floor, app):
        name = f"{s.label} (floor)" if s is floor else f"{s.label} (shipped)"
        rows.append(f"{name:<24}{med(s.ms):>11.1f}{low(s.ms):>10.1f}{med(s.rss_mb):>13.1f}")
    rows.append(
        f"{'Companion / floor':<24}{med(app.ms) / med(floor.ms):>10.2f}x"
        f"{low(app.ms) / low(floor.ms):>9.2f}x{med(app.rss_mb) / med(floor.rss_mb):>12.2f}x"
    )
    rows.append(f"{'python -c pass':<24}{med(nothing.ms):>11.1f}{low(nothing.ms):>10.1f}")
    return "\n".join(rows)


def compile_sources() -> None:
    """Byte-compile as ``pip install`` does, even where PYTHONDONTWRITEBYTECODE is set.

    Otherwise every run would compile Companion's modules from source, a cost no
    installed copy pays.
    """
    for folder in (REPO / "companion", REPO / "tests" / "bench"):
        compileall.compile_dir(folder, quiet=1)


def bench_environment() -> dict[str, str]:
    """This process's environment for the children: the first-paint marker on, no display,
    no platform and no cache chosen (each caller picks them)."""
    env = dict(os.environ)
    env["COMPANION_BENCH_FIRST_PAINT"] = "1"
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_CACHE_HOME"):
        env.pop(var, None)
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=9, help="measured runs of each (default 9)")
    parser.add_argument(
        "--xvfb", action="store_true", help="use a private Xvfb (xcb) instead of offscreen"
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="give every run an empty cache (a first start); default: warm, as for a learner",
    )
    args = parser.parse_args(argv)
    compile_sources()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    base_env = bench_environment()
    shared_cache = tempfile.TemporaryDirectory(prefix="companion-bench-cache-")
    if not args.cold:
        base_env["XDG_CACHE_HOME"] = shared_cache.name
    try:
        if args.xvfb:
            with private_xvfb() as display:
                base_env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display)
                results = bench(args.runs, base_env)
            platform = f"xcb on Xvfb {display}"
        else:
            base_env["QT_QPA_PLATFORM"] = "offscreen"
            results = bench(args.runs, base_env)
            platform = "offscreen"
    except (BenchError, XvfbError) as exc:
        print(f"startup.py: error: {exc}", file=sys.stderr)
        return 1
    finally:
        shared_cache.cleanup()
    platform += ", cold cache" if args.cold else ", warm cache"
    print(report(*results, platform=platform, runs=args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
