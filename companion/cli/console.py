"""Standard output for the commands: a write it refuses is one line on stderr and exit 1.

``companion validate > /dev/full``, ``companion search … | head -1`` and a closed standard
output (``>&-``) would otherwise end in a traceback, or in Python's "Exception ignored"
and exit 120 when the interpreter flushes the stream on the way out.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

EXIT_FAILED = 1


class StdoutRefused(Exception):
    """Standard output refused a write. Not an OSError: argparse swallows those (--version)."""


class _Checked:
    """A stream whose failed writes raise StdoutRefused; ``None`` stands for a closed one."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def _call(self, method: str, *args: Any) -> Any:
        if self._stream is None:
            raise StdoutRefused("it is closed")
        try:
            return getattr(self._stream, method)(*args)
        except OSError as exc:
            raise StdoutRefused(exc.strerror or str(exc)) from None

    def write(self, data: Any) -> Any:
        return self._call("write", data)

    def flush(self) -> None:
        self._call("flush")

    @property
    def buffer(self) -> _Checked:
        """The byte stream below a text one (UTF-8 output), checked the same way."""
        if self._stream is None:
            return _Checked(None)
        return _Checked(self._stream.buffer)  # none there: AttributeError, as for the stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def stdout_checked(prog: str, run: Callable[[], int]) -> int:
    """``run()``'s exit code, or 1 after one line on stderr if standard output failed."""
    stream = sys.stdout
    sys.stdout = _Checked(stream)
    try:
        code = run()
        sys.stdout.flush()  # what is still buffered fails here, not at the interpreter's exit
        return code
    except StdoutRefused as exc:
        print(f"{prog}: error: cannot write to standard output: {exc}", file=sys.stderr)
        _drop_unwritten(stream)
        return EXIT_FAILED
    finally:
        sys.stdout = stream


def _drop_unwritten(stream: Any) -> None:
    """Point the stream's descriptor at /dev/null, so the exit's flush of what it still
    holds succeeds quietly (the Python documentation's advice for a broken pipe)."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # closed, or not a file (a test's capture)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)
