"""Only regular files are read: a FIFO, a device or a folder is refused at once, never waited on.

Every test that opens a FIFO has a short timeout: before, such an open waited for
a writer forever.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from companion.regular_files import NotRegularFile, read_regular, regular_target
from tests.hostile_text import link_out

HANG_GUARD_S = 20


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "t.notes.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.timeout(HANG_GUARD_S)
def test_a_fifo_is_refused_without_waiting_for_a_writer(fifo: Path) -> None:
    with pytest.raises(NotRegularFile) as refused:
        read_regular(fifo)
    assert refused.value.strerror is not None
    assert refused.value.strerror.startswith("it is a named pipe (FIFO), not a regular file")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # left as it is
    with pytest.raises(NotRegularFile):
        regular_target(fifo)


@pytest.mark.timeout(HANG_GUARD_S)
@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_device_is_refused(device: str) -> None:
    with pytest.raises(NotRegularFile, match="character device"):
        read_regular(Path(device), linked_anywhere=True)
    with pytest.raises(NotRegularFile, match="character device"):
        regular_target(Path(device))


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotRegularFile, match="it is a folder"):
        read_regular(tmp_path)


def test_a_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "gone.yaml")
    assert regular_target(tmp_path / "gone.yaml") == tmp_path / "gone.yaml"  # may be made


def test_a_link_to_a_file_in_its_folder_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "t.notes.v2.yaml"
    real.write_bytes(b"notes")
    link = tmp_path / "t.notes.yaml"
    link.symlink_to(real.name)
    assert read_regular(link) == b"notes"
    assert regular_target(link) == real


def test_a_link_out_of_its_folder_is_refused_unless_the_learner_named_it(
    tmp_path: Path,
) -> None:
    link = tmp_path / "bundles" / "t.notes.yaml"
    secret = link_out(link, b"PRIVATE KEY", tmp_path / "elsewhere")
    with pytest.raises(NotRegularFile, match=f"a symbolic link to {secret}, outside its folder"):
        read_regular(link)
    with pytest.raises(NotRegularFile):
        regular_target(link)
    assert read_regular(link, linked_anywhere=True) == b"PRIVATE KEY"  # a file to import, say


@pytest.mark.timeout(HANG_GUARD_S)
def test_a_link_to_a_fifo_is_refused_without_waiting(fifo: Path) -> None:
    link = fifo.with_name("link.yaml")
    link.symlink_to(fifo.name)
    with pytest.raises(NotRegularFile, match="named pipe"):
        read_regular(link)
    with pytest.raises(NotRegularFile, match="named pipe"):
        read_regular(link, linked_anywhere=True)
