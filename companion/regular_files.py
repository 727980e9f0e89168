"""Companion reads and writes only regular files: never a device, a FIFO, a folder or a socket.

Opening a named pipe (FIFO) to read it waits for a writer that never comes
(``companion check`` hung on one); replacing a device or a pipe with a saved
file swaps the system's node for a file (``-o /dev/full`` as root did). So a
file is opened without waiting and refused unless it is a regular file, and a
save replaces only a regular file (or makes a new one).

A symbolic link is followed only to a file in the link's own folder. A notes
file linked to a file elsewhere (``~/.ssh/id_rsa``, ``/etc/shadow``) is refused:
it is never read, never backed up or set aside beside the bundle, never
replaced. Files the learner names themselves (a bundle, a file to import or to
attach) may be links to anywhere (``linked_anywhere``), but still only to
regular files.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


class NotRegularFile(OSError):
    """A path Companion will not read or replace; ``strerror`` says why, in plain words."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(
            errno.EINVAL,
            f"{why}, not a regular file (Companion reads and writes only regular files)",
            str(path),
        )


_KINDS = (
    (stat.S_ISREG, "a regular file"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
)


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words."""
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def regular_target(path: Path) -> Path:
    """The regular file ``path`` names, to read or replace (it need not exist yet).

    ``path`` itself, or for a symbolic link the file it leads to, which must be in
    the same folder. Raises NotRegularFile for anything else.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path
    if stat.S_ISLNK(info.st_mode):
        target = Path(os.path.realpath(path))
        if target.parent != Path(os.path.realpath(path.parent)):
            raise NotRegularFile(path, f"it is a symbolic link to {target}, outside its folder")
        try:
            info = os.lstat(target)
        except FileNotFoundError:
            return target  # a link to a file not made yet, in the same folder
        path = target
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(path, f"it is {kind_of(info.st_mode)}")
    return path


def read_regular(path: Path, *, linked_anywhere: bool = False) -> bytes:
    """The bytes of the regular file ``path``, never waiting on a pipe or a device.

    Raises FileNotFoundError when there is no file, NotRegularFile for anything but
    a regular file, and OSError when it cannot be read.
    """
    target = path if linked_anywhere else regular_target(path)
    nofollow = 0 if linked_anywhere else getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(target, _READ_FLAGS | nofollow)
    with open(fd, "rb", closefd=True) as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(path, f"it is {kind_of(mode)}")
        return handle.read()
