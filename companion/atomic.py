"""The one atomic-save helper: readers see the old file or the new one, never half.

Plain Python (temp file + fsync + ``os.replace`` + fsync of the folder) so the
Qt-free core can use it; the previous generation is kept as ``NAME.bak``. Only a
regular file is ever replaced (``regular_files``): a device, a FIFO or a folder
is refused, and a symbolic link only leads to a file in its own folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
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
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
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
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(folder)
    _sweep_stale_temps(path)


#: A temporary file this old was left by a save that was killed; nothing will finish it.
STALE_TEMP_S = 3600.0


def _sweep_stale_temps(path: Path) -> None:
    now = time.time()
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_TEMP_S:
                leftover.unlink()
