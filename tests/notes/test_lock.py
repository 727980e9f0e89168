"""One writer at a time: the notes lock between real processes, and stale-lock recovery."""

from __future__ import annotations

import os
import selectors
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.notes.lock import UNREADABLE_STALE_S, NotesLock, Owner, boot_id, start_time
from tests.conftest import need_program

REPO = Path(__file__).resolve().parents[2]
DEADLINE_S = 30.0

#: Takes the lock, says whether it got it, and holds it until stdin closes.
HOLDER = """
import sys
from pathlib import Path
from companion.notes.lock import NotesLock
lock = NotesLock(Path(sys.argv[1]))
print("held" if lock.try_acquire() else "refused", flush=True)
sys.stdin.read()
lock.release()
print("released", flush=True)
"""


class Child:
    def __init__(self, notes: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(notes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )

    def line(self) -> str:
        """The child's next line, waiting at most DEADLINE_S."""
        assert self.proc.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.proc.stdout, selectors.EVENT_READ)
            if not selector.select(DEADLINE_S):
                pytest.fail(f"child {self.proc.pid} said nothing within {DEADLINE_S} s")
        return self.proc.stdout.readline().decode().strip()

    def finish(self) -> str:
        """Close stdin (the child releases and exits) and return what it said last."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        said = self.line()
        self.proc.wait(DEADLINE_S)
        return said

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(DEADLINE_S)  # reaped: a zombie would still count as alive


@pytest.fixture
def children() -> Iterator[list[Child]]:
    started: list[Child] = []
    yield started
    for child in started:
        if child.proc.poll() is None:
            child.kill()
        for stream in (child.proc.stdin, child.proc.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    return tmp_path / "tp.notes.yaml"


def _start(children: list[Child], notes: Path) -> Child:
    child = Child(notes)
    children.append(child)
    return child


def test_a_second_process_cannot_take_a_held_lock(children: list[Child], notes: Path) -> None:
    first = _start(children, notes)
    assert first.line() == "held"
    second = _start(children, notes)
    assert second.line() == "refused"
    # Nor can this process, and it can say who has it.
    here = NotesLock(notes)
    assert not here.try_acquire() and not here.held
    assert f"process {first.proc.pid} on {socket.gethostname()}" in here.holder()
    # The refused one exits without removing the holder's lock.
    assert second.finish() == "released"
    assert not NotesLock(notes).try_acquire()

    assert first.finish() == "released"
    assert not NotesLock(notes).path.exists()
    third = _start(children, notes)
    assert third.line() == "held"


def test_a_lock_left_by_a_killed_process_is_recovered(children: list[Child], notes: Path) -> None:
    first = _start(children, notes)
    assert first.line() == "held"
    lock = NotesLock(notes)
    assert not lock.is_stale()
    first.kill()
    assert lock.path.exists()  # SIGKILL left it behind
    assert lock.is_stale()
    second = _start(children, notes)
    assert second.line() == "held"
    assert lock.path.read_text().splitlines()[0] == str(second.proc.pid)
    assert not lock.try_acquire()


def test_the_lock_file_names_its_holder(notes: Path) -> None:
    lock = NotesLock(notes)
    assert lock.path == notes.with_name("tp.notes.yaml.lock")
    assert lock.try_acquire() and lock.held
    assert lock.try_acquire()  # again: still ours
    pid, app, host, boot, started = lock.path.read_text().splitlines()
    assert (int(pid), app, host) == (os.getpid(), "companion", socket.gethostname())
    # What tells this process from a later one given the same id (Linux /proc).
    assert boot == Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    assert started == Path(f"/proc/{os.getpid()}/stat").read_text().rpartition(")")[2].split()[19]
    lock.release()
    assert not lock.path.exists() and not lock.held


def test_a_second_lock_in_the_same_process_is_refused(notes: Path) -> None:
    first = NotesLock(notes)
    assert first.try_acquire()
    assert not NotesLock(notes).try_acquire()
    first.release()
    assert NotesLock(notes).try_acquire()


def _unreadable_lock(notes: Path, age_s: float) -> NotesLock:
    lock = NotesLock(notes)
    lock.path.write_bytes(b"\x00garbage")  # a crash between create and write
    stamp = time.time() - age_s
    os.utime(lock.path, (stamp, stamp))
    return lock


@pytest.mark.parametrize("pid", ["0", "-1"])
def test_a_lock_naming_a_process_group_is_not_taken_for_a_live_writer(
    notes: Path, pid: str
) -> None:
    """kill(0, 0) and kill(-1, 0) always succeed: such a lock blocked the notes for good."""
    lock = _unreadable_lock(notes, UNREADABLE_STALE_S + 5)
    lock.path.write_text(f"{pid}\ncompanion\n{socket.gethostname()}\n")
    stamp = time.time() - UNREADABLE_STALE_S - 5
    os.utime(lock.path, (stamp, stamp))
    assert lock.is_stale() and lock.try_acquire()


def test_an_old_unreadable_lock_is_stale(notes: Path) -> None:
    lock = _unreadable_lock(notes, UNREADABLE_STALE_S + 5)
    assert lock.is_stale()
    assert lock.try_acquire()
    assert lock.path.read_text().splitlines()[0] == str(os.getpid())


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00garbage",
        b"not-a-pid\ncompanion\nhost\n",
        b"0\ncompanion\nhost\n",
        b"-1\ncompanion\nhost\n",
    ],
)
def test_a_fresh_unreadable_lock_is_respected(notes: Path, content: bytes) -> None:
    """It may be another process that has created the file and not yet written it."""
    lock = _unreadable_lock(notes, UNREADABLE_STALE_S - 5)
    lock.path.write_bytes(content)
    assert not lock.is_stale()
    assert not lock.try_acquire()
    assert lock.path.read_bytes() == content


def test_another_machines_lock_is_never_stale(notes: Path) -> None:
    """A shared folder: the other machine's process cannot be checked, so it is respected."""
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    lock = NotesLock(notes)
    lock.path.write_text(f"{gone.stdout.strip()}\ncompanion\nnot-{socket.gethostname()}\n")
    stamp = time.time() - 10 * UNREADABLE_STALE_S
    os.utime(lock.path, (stamp, stamp))
    assert not lock.is_stale()
    assert not lock.try_acquire()
    assert "not-" in lock.holder()


def test_release_removes_only_our_own_lock(notes: Path) -> None:
    lock = NotesLock(notes)
    assert lock.try_acquire()
    # Meanwhile another Companion judged ours stale and took over.
    theirs = f"{os.getpid() + 1}\ncompanion\n{socket.gethostname()}\n"
    lock.path.write_text(theirs)
    lock.release()
    assert lock.path.read_text() == theirs and not lock.held


def test_release_leaves_a_lock_being_written_by_someone_else(notes: Path) -> None:
    lock = NotesLock(notes)
    assert lock.try_acquire()
    lock.path.write_bytes(b"")  # re-created, its owner not yet written
    lock.release()
    assert lock.path.exists()


def test_release_without_holding_removes_nothing(notes: Path) -> None:
    holder = NotesLock(notes)
    assert holder.try_acquire()
    other = NotesLock(notes)
    other.release()
    assert holder.path.exists()
    holder.release()
    assert not holder.path.exists()


def test_the_lock_folder_is_created(tmp_path: Path) -> None:
    lock = NotesLock(tmp_path / "new" / "folder" / "tp.notes.yaml")
    assert lock.try_acquire()
    lock.release()


# -- process ids that now name another process -------------------------------------
@pytest.fixture
def stranger() -> Iterator[subprocess.Popen[bytes]]:
    """A live process that is not Companion: what the id of one that has ended may name now."""
    proc = subprocess.Popen([need_program("sleep"), "300"])
    yield proc
    proc.kill()
    proc.wait()


def _host() -> str:
    return socket.gethostname()


def test_an_older_lock_naming_another_live_program_is_stale(
    notes: Path, stranger: subprocess.Popen[bytes]
) -> None:
    """A lock written without stamps whose process id went to another program after a
    crash and a restart: it kept the notes read-only for good."""
    lock = NotesLock(notes)
    lock.path.write_text(f"{stranger.pid}\ncompanion\n{_host()}\n")
    assert lock.is_stale()
    assert lock.try_acquire()
    assert lock.owner() == Owner(
        os.getpid(), "companion", _host(), boot_id(), start_time(os.getpid())
    )


def test_a_lock_whose_process_id_now_names_a_later_process_is_stale(
    notes: Path, stranger: subprocess.Popen[bytes]
) -> None:
    """The process with that id started after the lock was written: not its writer."""
    lock = NotesLock(notes)
    started = start_time(stranger.pid)
    assert started  # /proc is there (Linux)
    lock.path.write_text(f"{stranger.pid}\ncompanion\n{_host()}\n{boot_id()}\n{int(started) - 1}\n")
    assert lock.is_stale()
    lock.path.write_text(f"{stranger.pid}\ncompanion\n{_host()}\n{boot_id()}\n{started}\n")
    assert not lock.is_stale()  # the very process that wrote it, whatever it is called


def test_a_lock_from_before_the_machine_restarted_is_stale(
    notes: Path, stranger: subprocess.Popen[bytes]
) -> None:
    lock = NotesLock(notes)
    started = start_time(stranger.pid)
    lock.path.write_text(f"{stranger.pid}\ncompanion\n{_host()}\nan-earlier-boot\n{started}\n")
    assert lock.is_stale()


def test_an_older_lock_of_a_running_companion_is_respected(
    children: list[Child], notes: Path
) -> None:
    holder = _start(children, notes)
    assert holder.line() == "held"
    lock = NotesLock(notes)
    lock.path.write_text(f"{holder.proc.pid}\ncompanion\n{_host()}\n")  # as an older one wrote
    assert not lock.is_stale() and not lock.try_acquire()


def test_another_computers_lock_is_taken_over_only_as_it_was_seen(notes: Path) -> None:
    lock = NotesLock(notes)
    lock.path.write_text("4242\ncompanion\nlibrary-pc\n")
    seen = lock.owner()
    assert seen is not None and lock.other_host() == "library-pc"
    # Meanwhile that Companion saved and wrote its lock again (another start): left alone.
    lock.path.write_text("4343\ncompanion\nlibrary-pc\n")
    assert not lock.take_over(seen)
    assert lock.path.read_text() == "4343\ncompanion\nlibrary-pc\n"
    seen = lock.owner()
    assert seen is not None and lock.take_over(seen)
    assert lock.held and lock.owner() is not None and lock.owner().pid == os.getpid()  # type: ignore[union-attr]


@pytest.mark.timeout(20)  # reading who holds it waited for a writer forever
def test_a_fifo_where_the_lock_goes_is_never_waited_on(tmp_path: Path) -> None:
    notes = tmp_path / "t.notes.yaml"
    lock = NotesLock(notes)
    os.mkfifo(lock.path)
    assert lock.holder() == "another Companion"
    assert not lock.try_acquire()  # not known to be stale yet: the notes open read-only
    old = time.time() - UNREADABLE_STALE_S - 60
    os.utime(lock.path, (old, old))
    assert lock.try_acquire()  # an unreadable lock this old is stale, as any other
    lock.release()
    assert not lock.path.exists()
