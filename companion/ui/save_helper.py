"""Big saves in a helper process, so the UI never waits for the interpreter lock.

The C YAML emitter holds Python's lock for a whole document (about 130 ms for
10,000 notes), so even a save on a worker thread makes the UI stutter. The
helper is ``python -m companion.ui.save_helper``: no Qt, no re-run of the
app's main module. The worker thread sends it one request at a time through
a pipe (waiting on a pipe releases the lock) and reads the answer.

Messages are MessagePack, each behind a 4-byte length. A request is
``[path, expected, packed]`` (``packed``: the NotesFile as MessagePack); the
answer ``["saved", raw]``, ``["changed"]`` or ``["oserror", errno, text]``.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import msgspec

import companion

if TYPE_CHECKING:
    import subprocess

_HEADER = struct.Struct(">I")


class HelperFailed(Exception):
    """The helper could not be started, or stopped answering."""


def _send(stream: IO[bytes], message: Any) -> None:
    payload = msgspec.msgpack.encode(message)
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(head)
    payload = stream.read(size)
    if len(payload) < size:
        return None
    return msgspec.msgpack.decode(payload)


class SaveHelper:
    """The parent's side: start the helper on first use, ask it to save, stop it."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        import subprocess  # only when a big save first needs the helper

        env = dict(os.environ)
        # The helper imports companion from wherever this process did (a checkout too).
        root = str(Path(companion.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        try:
            return subprocess.Popen(
                [sys.executable, "-m", "companion.ui.save_helper"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
            )
        except OSError as exc:
            raise HelperFailed(f"cannot start the save helper: {exc}") from exc

    def save(self, path: Path, packed: bytes, expected: bytes | None) -> bytes | None:
        """Save through the helper: the bytes written, or None if the file had changed."""
        if self._process is None or self._process.poll() is not None:
            self._process = self._start()
        process = self._process
        assert process.stdin is not None and process.stdout is not None
        try:
            _send(process.stdin, [str(path), expected, packed])
            answer = _receive(process.stdout)
        except OSError as exc:
            raise HelperFailed(f"the save helper stopped: {exc}") from exc
        if not isinstance(answer, list) or not answer:
            raise HelperFailed("the save helper stopped answering")
        if answer[0] == "saved":
            return bytes(answer[1])
        if answer[0] == "changed":
            return None
        if answer[0] == "oserror":
            raise OSError(int(answer[1]), str(answer[2]))
        raise HelperFailed(f"the save helper failed: {answer[1:]}")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        import subprocess

        if process.stdin is not None:
            process.stdin.close()  # end of requests: the helper exits
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def main() -> int:
    """The helper: answer save requests until the pipe closes."""
    from companion.ui.notes_disk import save_packed

    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    while (request := _receive(requests)) is not None:
        path, expected, packed = request
        try:
            raw = save_packed(path, packed, expected)
            answer: list[Any] = ["changed"] if raw is None else ["saved", raw]
        except OSError as exc:
            answer = ["oserror", exc.errno or 0, exc.strerror or str(exc)]
        except Exception as exc:  # reported to the parent, which saves in-process instead
            answer = ["failed", repr(exc)]
        _send(answers, answer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
