"""Start-up counted in instructions: process start to first paint, Companion against the floor.

Run from anywhere: ``python3 tests/bench/startup_instructions.py`` (needs valgrind).

Wall-clock start-up on a shared machine moves by tens of per cent from run to run, and
``startup.py``'s ratio with it; the number of instructions a process executes barely moves
(two runs agree within 0.1%). Each program runs once under valgrind's callgrind, offscreen,
in a fresh home, up to its first paint (``to_first_paint.py``): the bare window
(``bare_window.py``) and ``python -m companion`` on the shipped bundle, its parsed-bundle
cache warmed first as a learner's is. Instructions are not time (waits for the disk and the
kernel's work are not counted), so read this beside ``startup.py``, not instead of it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from tests.bench.startup import (  # noqa: E402  (the repo goes on the path first)
    APP,
    FLOOR,
    BenchError,
    _child_env,
    bench_environment,
    compile_sources,
    run_once,
)

TO_FIRST_PAINT = [sys.executable, str(REPO / "tests" / "bench" / "to_first_paint.py")]
COUNTED_FLOOR = [*TO_FIRST_PAINT, str(REPO / "tests" / "bench" / "bare_window.py")]
COUNTED_APP = [*TO_FIRST_PAINT, "-m", "companion"]
NOTHING = [sys.executable, "-c", "pass"]
TIMEOUT_S = 600.0
COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(
    cmd: list[str], base_env: Mapping[str, str], valgrind: str, *, paints: bool = True
) -> int:
    """Instructions ``cmd`` executes up to its first paint (``paints``) or to its end."""
    with tempfile.TemporaryDirectory(prefix="companion-bench-") as tmp:
        env = _child_env(base_env, Path(tmp))
        counted = [valgrind, "--tool=callgrind", f"--callgrind-out-file={tmp}/callgrind.out"]
        done = subprocess.run(
            [*counted, *cmd], cwd=REPO, env=env, capture_output=True, text=True, timeout=TIMEOUT_S
        )
    found = COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise BenchError(f"{' '.join(cmd)}: exit {done.returncode}\n{done.stderr[-2000:]}")
    if paints and "first-paint" not in done.stdout:
        raise BenchError(f"{' '.join(cmd)}: ended before its first paint")
    return int(found.group(1))


def main() -> int:
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("startup_instructions.py: error: valgrind is not installed", file=sys.stderr)
        return 1
    compile_sources()
    base_env = bench_environment()
    base_env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="companion-bench-cache-") as cache:
        base_env["XDG_CACHE_HOME"] = cache  # shared: the parsed bundle stays warm
        try:
            run_once(FLOOR, base_env, wait_for_paint=True)  # .pyc files, the bundle cache
            run_once(APP, base_env, wait_for_paint=True)
            floor = instructions(COUNTED_FLOOR, base_env, valgrind)
            app = instructions(COUNTED_APP, base_env, valgrind)
            nothing = instructions(NOTHING, base_env, valgrind, paints=False)
        except (BenchError, subprocess.TimeoutExpired) as exc:
            print(f"startup_instructions.py: error: {exc}", file=sys.stderr)
            return 1
    print("Process start -> first paint, offscreen, warm cache, instructions (callgrind)")
    print(f"{'bare Qt window (floor)':<26}{floor / 1e6:>10.1f} M")
    print(f"{'Companion (shipped)':<26}{app / 1e6:>10.1f} M")
    print(f"{'Companion / floor':<26}{app / floor:>10.3f}x")
    print(f"{'python -c pass':<26}{nothing / 1e6:>10.1f} M")
    return 0


if __name__ == "__main__":
    sys.exit(main())
