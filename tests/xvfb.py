"""A private Xvfb for the end-to-end test and the start-up benchmark."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager


class XvfbError(RuntimeError):
    """Xvfb is missing or did not start."""


def _display_number(fd: int, proc: subprocess.Popen[bytes], timeout: float) -> str:
    """Read the ``N\\n`` Xvfb writes to its ``-displayfd`` once it accepts connections."""
    deadline = time.monotonic() + timeout
    data = b""
    os.set_blocking(fd, False)
    while not data.endswith(b"\n") and time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 64)
        except BlockingIOError:
            if proc.poll() is not None:
                break
            time.sleep(0.02)  # polling a pipe under a deadline
            continue
        if not chunk:
            break
        data += chunk
    return data.strip().decode(errors="replace")


@contextmanager
def private_xvfb(timeout: float = 60.0) -> Iterator[str]:
    """Start Xvfb on a free display; yield ``:N``; stop it afterwards."""
    exe = shutil.which("Xvfb")
    if exe is None:
        raise XvfbError("Xvfb is not installed (apt-get install xvfb)")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [exe, "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_fd)
    try:
        number = _display_number(read_fd, proc, timeout)
        if not number.isdigit():
            proc.kill()
            _, err = proc.communicate()
            raise XvfbError(f"Xvfb did not start (read {number!r}):\n{err.decode()[-2000:]}")
        yield f":{number}"
    finally:
        os.close(read_fd)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()
