"""Run a program and end its process the moment it reports its first paint.

``python3 to_first_paint.py SCRIPT.py`` or ``python3 to_first_paint.py -m MODULE [ARGS]``
runs it as ``__main__``; when it prints ``first-paint`` (the bare window always does,
Companion when ``COMPANION_BENCH_FIRST_PAINT=1``) the process ends there and then, so a
count of its work (``startup_instructions.py``) stops at the same point for both.
"""

from __future__ import annotations

import builtins
import os
import runpy
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    real_print = builtins.print

    def print_then_end(*args: Any, **kwargs: Any) -> None:
        real_print(*args, **kwargs)
        if args and args[0] == "first-paint":
            sys.stdout.flush()
            os._exit(0)  # no teardown: it is not part of start-up

    builtins.print = print_then_end
    if sys.argv[1] == "-m":
        sys.argv = sys.argv[2:]
        sys.path.insert(0, str(REPO))
        runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
    else:
        sys.argv = sys.argv[1:]
        runpy.run_path(sys.argv[0], run_name="__main__")


if __name__ == "__main__":
    main()
