"""The one atomic save replaces only regular files: never a device, a FIFO, a folder or a link out.

``companion export -o /dev/full``, run as root, once turned the machine's /dev/full
into a regular file; a FIFO was replaced too. These run as they are (as root here)
and check the node is still what it was.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from companion.atomic import atomic_fill, atomic_write
from companion.regular_files import NotRegularFile
from tests.hostile_text import link_out

DEV_FULL = Path("/dev/full")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_dev_full_is_never_replaced() -> None:
    assert stat.S_ISCHR(os.stat(DEV_FULL).st_mode)
    with pytest.raises(NotRegularFile, match="it is a character device, not a regular file"):
        atomic_write(DEV_FULL, b"summary")
    assert stat.S_ISCHR(os.lstat(DEV_FULL).st_mode)
    assert leftovers(DEV_FULL.parent) == []


@pytest.mark.timeout(20)
def test_a_fifo_is_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile, match="named pipe"):
        atomic_write(fifo, b"notes", keep_backup=True)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]  # no temp file, no .bak


def test_a_folder_is_never_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "out.md"
    folder.mkdir()
    (folder / "inside").write_bytes(b"kept")
    with pytest.raises(NotRegularFile, match="it is a folder"):
        atomic_write(folder, b"notes")
    assert (folder / "inside").read_bytes() == b"kept"


def test_a_link_out_of_its_folder_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    link = folder / "export.md"
    secret = link_out(link, b"root:x:0:0", tmp_path / "elsewhere")
    with pytest.raises(NotRegularFile, match="outside its folder"):
        atomic_write(link, b"notes", keep_backup=True)
    assert secret.read_bytes() == b"root:x:0:0"
    assert link.is_symlink()
    assert sorted(p.name for p in folder.iterdir()) == ["export.md"]


def test_a_link_within_its_folder_writes_its_target_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "t.notes.2026.yaml"
    real.write_bytes(b"old")
    link = tmp_path / "t.notes.yaml"
    link.symlink_to(real.name)
    atomic_write(link, b"new", keep_backup=True)
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert (tmp_path / "t.notes.2026.yaml.bak").read_bytes() == b"old"


def test_a_filled_file_appears_whole_under_the_name_its_filler_gives(tmp_path: Path) -> None:
    def fill(tmp: Path) -> str:
        assert tmp.parent == tmp_path and tmp.name.startswith(".entry.")
        tmp.write_bytes(b"index pages")
        return "entry.1234abcd.sqlite"

    path = atomic_fill(tmp_path, "entry", fill)
    assert path == tmp_path / "entry.1234abcd.sqlite"
    assert path.read_bytes() == b"index pages"
    assert leftovers(tmp_path) == []


def test_a_fill_that_fails_leaves_nothing_and_the_old_file_untouched(tmp_path: Path) -> None:
    old = tmp_path / "entry.sqlite"
    old.write_bytes(b"old")

    def fill(tmp: Path) -> str:
        tmp.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        atomic_fill(tmp_path, "entry", fill)
    assert old.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


@pytest.mark.timeout(20)
def test_a_fill_never_replaces_a_fifo_of_the_name_it_chose(tmp_path: Path) -> None:
    fifo = tmp_path / "entry.sqlite"
    os.mkfifo(fifo)

    def fill(tmp: Path) -> str:
        tmp.write_bytes(b"pages")
        return fifo.name

    with pytest.raises(NotRegularFile, match="named pipe"):
        atomic_fill(tmp_path, "entry", fill)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert leftovers(tmp_path) == []
