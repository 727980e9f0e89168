"""Standard output that refuses writes: one line on stderr and exit 1, for every command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from companion.cli import main
from companion.notes.export import export_w3c
from tests.notes.known_notes import known_notes, shipped

#: Every way of running companion that prints to standard output ({tmp}: the test's folder).
COMMANDS = {
    "validate": ["validate"],
    "check": ["check"],
    "export": ["export"],
    "export w3c": ["export", "--format", "w3c"],
    "import": ["import", "{tmp}/annotations.jsonld"],
    "print-summary": ["print-summary", "-o", "{tmp}/summary.pdf"],
    "search": ["search", "leadership", "--limit", "1000"],
    "cache": ["cache"],
    "version": ["--version"],
    "help": ["--help"],
    "command help": ["search", "--help"],
}


def command_line(command: str, tmp_path: Path) -> list[str]:
    annotations = tmp_path / "annotations.jsonld"
    one = export_w3c(shipped(), known_notes())["first"]["items"][:1]
    annotations.write_text(json.dumps(one), encoding="utf-8")
    return [arg.format(tmp=tmp_path) for arg in COMMANDS[command]]


@pytest.fixture(params=["/dev/full", "a pipe nobody reads", "closed"])
def refusing_stdout(request: pytest.FixtureRequest) -> Iterator[tuple[IO[str] | None, str]]:
    """A real standard output that refuses writes, and the reason the error must give."""
    if request.param == "closed":  # what Python makes of a closed descriptor 1 (>&-)
        yield None, "it is closed"
        return
    if request.param == "/dev/full":
        stream = open("/dev/full", "w", encoding="utf-8")  # noqa: SIM115
        reason = "No space left on device"
    else:
        reader, writer = os.pipe()
        os.close(reader)
        stream = open(writer, "w", encoding="utf-8")  # noqa: SIM115
        reason = "Broken pipe"
    try:
        yield stream, reason
    finally:
        stream.close()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_refused_write_is_one_line_and_exit_1(
    command: str,
    refusing_stdout: tuple[IO[str] | None, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = command_line(command, tmp_path)
    stream, reason = refusing_stdout
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(argv) == 1
    monkeypatch.undo()
    [line] = capsys.readouterr().err.splitlines()
    prog = "companion" if argv[0].startswith("-") else f"companion {argv[0]}"
    assert line == f"{prog}: error: cannot write to standard output: {reason}"


# -- the same in a real process, whose exit would flush what is still buffered -----------
@pytest.mark.parametrize(
    ("argv", "stdout", "reason"),
    [
        (["validate"], "/dev/full", "No space left on device"),
        (["--version"], "/dev/full", "No space left on device"),
        (["search", "leadership", "--limit", "1000"], "a pipe nobody reads", "Broken pipe"),
        (["export", "--format", "w3c"], "closed", "it is closed"),
    ],
    ids=["validate >/dev/full", "--version >/dev/full", "search | (gone)", "export >&-"],
)
def test_the_process_says_one_line_and_exits_1(
    argv: list[str], stdout: str, reason: str, repo_root: Path, tmp_path: Path
) -> None:
    command = [sys.executable, "-m", "companion", *argv]
    target: int | None = None
    if stdout == "closed":
        command = ["sh", "-c", 'exec "$@" >&-', "sh", *command]
    elif stdout == "/dev/full":
        target = os.open("/dev/full", os.O_WRONLY)
    else:
        reader, target = os.pipe()
        os.close(reader)
    try:
        done = subprocess.run(
            command,
            env={**os.environ, "PYTHONPATH": str(repo_root)},
            cwd=tmp_path,
            stdout=target,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        if target is not None:
            os.close(target)
    prog = "companion" if argv[0].startswith("-") else f"companion {argv[0]}"
    assert done.stderr == f"{prog}: error: cannot write to standard output: {reason}\n"
    assert done.returncode == 1
