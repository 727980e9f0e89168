"""The one atomic-save helper: readers see the old file or the new one, never half.

Plain Python (temp file + fsync + ``os.replace`` + fsync of the folder) so the
Qt-free core can use it; the previous generation is kept as ``NAME.bak``. Only a
regular file is ever replaced (``regular_files``): a device, a FIFO or a folder
is refused, and a symbolic link only leads to a file in its own folder.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from companion import side_files
from companion.regular_files import regular_target


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not every platform can open a folder.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def backup_path(path: Path) -> Path:
    return side_files.beside(path, side_files.BACKUP)


def atomic_write(path: Path, data: bytes, *, keep_backup: bool = False) -> None:
    """Replace ``path`` with ``data`` atomically; on any error the old file is untouched.

    With ``keep_backup`` the file being replaced becomes ``NAME.bak`` (a hard
    link, so there is never a moment without a complete ``NAME``). Raises
    ``NotRegularFile`` (an OSError) when ``path`` is not a regular file.
    """
    path = regular_target(path)  # a link: the file it leads to, which stays a link's target
    fd, tmp = _temp_in(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp makes the file private; keep the mode the user's file had.
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        if keep_backup and path.exists():
            backup = backup_path(path)
            backup.unlink(missing_ok=True)
            try:
                os.link(path, backup)
            except OSError:
                # No hard links on this file system (FAT, exFAT, some network shares).
                shutil.copy2(path, backup)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _put_in_place(tmp, path, path.name)


def atomic_fill(folder: Path, stem: str, fill: Callable[[Path], str]) -> Path:
    """A new file in ``folder``, there whole or not at all; returns its path.

    ``fill`` writes the (empty) temporary file whose path it is given, by any means
    (SQLite's backup writes a database page by page without holding Python's lock),
    and returns the name the file takes, which may depend on what was written (a
    checksum). The temporary file is ``.STEM.*.tmp``. Raises ``NotRegularFile`` when
    that name is taken by anything but a regular file.
    """
    fd, tmp = _temp_in(folder, stem)
    os.close(fd)
    try:
        os.chmod(tmp, 0o644)
        path = regular_target(folder / fill(tmp))
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _put_in_place(tmp, path, stem)
    return path


def _temp_in(folder: Path, name: str) -> tuple[int, Path]:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    return fd, Path(tmp_name)


def _put_in_place(tmp: Path, path: Path, stem: str) -> None:
    """Make ``tmp``'s bytes durable, then let it replace ``path`` (``tmp`` is gone after)."""
    try:
        fd = os.open(tmp, os.O_RDWR)  # some systems sync only what may be written
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    _sweep_stale_temps(path.parent, stem)


#: A temporary file this old was left by a save that was killed; nothing will finish it.
STALE_TEMP_S = 3600.0


def _sweep_stale_temps(folder: Path, stem: str) -> None:
    now = time.time()
    for leftover in folder.glob(f".{glob.escape(stem)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_TEMP_S:
                leftover.unlink()
