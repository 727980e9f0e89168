"""A process saving notes is killed at random moments; the file on disk always survives.

The child loads the notes, then adds a note and saves, over and over, printing the number of
notes after each completed save. The parent kills it with SIGKILL after a random delay, then
checks that the file loads and holds every note of the last completed save (one more is fine:
a save may complete just before the kill, without time to say so). Then the next child
carries on from that file.
"""

from __future__ import annotations

import os
import random
import re
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

from companion.atomic import backup_path
from companion.notes.fileformat import parse
from companion.notes.store import backups_dir, open_notes

REPO = Path(__file__).resolve().parents[2]
SEED = 20_240_601
ROUNDS = 25
#: The longest a child may run before its kill (it is usually killed far sooner).
MAX_DELAY_S = 0.25
DEADLINE_S = 30.0

SAVER = """
import sys
from pathlib import Path
from companion.notes.model import NotesModel
from companion.notes.store import open_notes, save_notes

path = Path(sys.argv[1])
opened = open_notes(path, "tp")
if opened.problem is not None:
    print("problem", opened.problem, flush=True)
    sys.exit(3)
model = NotesModel(opened.data)
print("start", len(opened.data.notes), flush=True)
n = len(opened.data.notes)
while True:
    n += 1
    body = f"# Note {n}\\n\\n" + "- *point* with **emphasis** and a : colon\\n" * (n % 9 + 1)
    model.add_note(f"item-{n % 37}", body, [f"tag-{n % 5}"])
    if n % 7 == 0:
        model.set_bookmark(f"item-{n % 37}", not model.is_bookmarked(f"item-{n % 37}"))
    save_notes(path, model.snapshot())
    print(model.counts()[0], flush=True)
"""


def _run_and_kill(path: Path, delay: float) -> tuple[int, list[int]]:
    """Start a saver, kill it ``delay`` seconds after it has loaded; (start count, saves)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.stdout is not None and proc.stderr is not None
    lines: list[str] = []
    buffer = b""
    kill_at: float | None = None
    deadline = time.monotonic() + DEADLINE_S
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(proc.stdout, selectors.EVENT_READ)
            while True:
                now = time.monotonic()
                assert now < deadline, f"the saver did not start: {lines}"
                if kill_at is not None and now >= kill_at:
                    break
                wait = (kill_at if kill_at is not None else deadline) - now
                if not selector.select(wait):
                    continue
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    break  # it died by itself
                buffer += chunk
                *done, buffer = buffer.split(b"\n")
                lines += [line.decode() for line in done]
                if kill_at is None and any(line.startswith("start") for line in lines):
                    kill_at = time.monotonic() + delay
    finally:
        proc.send_signal(signal.SIGKILL)
        rest, errors = proc.communicate(timeout=DEADLINE_S)
    # What it printed before it died was printed after completed saves: it counts too.
    lines += (buffer + rest).decode().splitlines()
    assert proc.returncode == -signal.SIGKILL, errors.decode()
    assert lines and lines[0].startswith("start "), (lines, errors.decode())
    return int(lines[0].split()[1]), [int(line) for line in lines[1:] if line]


def test_notes_survive_sigkill_at_random_moments(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    path = tmp_path / "tp.notes.yaml"
    temp_name = re.compile(rf"^\.{re.escape(path.name)}\.[^/]+\.tmp$")
    saved = 0  # notes in the last save known to have completed
    for round_ in range(ROUNDS):
        where = f"seed {SEED}, round {round_}"
        start, counts = _run_and_kill(path, rng.uniform(0, MAX_DELAY_S))
        assert start in (saved, saved + 1), where  # it loaded everything saved so far
        assert counts == list(range(start + 1, start + 1 + len(counts))), where
        if counts:
            saved = counts[-1]

        opened = open_notes(path, "tp")
        assert opened.problem is None, f"{where}: {opened.problem}"
        assert opened.read_only is None and opened.set_aside is None, where
        found = len(opened.data.notes)
        assert found in (saved, saved + 1), f"{where}: {found} notes on disk, {saved} saved"
        assert len({n.id for n in opened.data.notes}) == found, where
        saved = found

        # Everything else the saver writes is complete too, when it is there at all.
        previous = backup_path(path)
        if previous.exists():
            assert len(parse(previous.read_bytes(), previous).data.notes) in (found, found - 1)
        for copy in backups_dir(path).glob("*.yaml"):
            parse(copy.read_bytes(), copy)
        # A killed save may leave its hidden temp file; nothing else may appear.
        others = {
            p.name
            for p in tmp_path.iterdir()
            if p.name not in {path.name, previous.name} and not temp_name.match(p.name)
        }
        assert others == set(), where
    # The savers really did save, so the kills fell among saves, not only before them.
    assert saved >= ROUNDS, saved
