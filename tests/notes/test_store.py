"""Where notes live and how they are read and written without ever losing any."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from companion.atomic import atomic_write, backup_path
from companion.notes.fileformat import NotesCorrupt, NotesTooNew, parse, serialize
from companion.notes.model import NOTES_SCHEMA_VERSION, Bookmark, Note, NotesFile, empty_file
from companion.notes.store import (
    DAILY_KEPT,
    WEEKLY_KEPT,
    NotesTooBig,
    NotesUnwritable,
    backups_dir,
    continue_in_data_folder,
    locate,
    open_notes,
    restore_backup,
    save_notes,
)
from companion.paths import MAX_YAML_BYTES, shipped_bundle_dir, user_data_dir

from ..conftest import need, read_only_folder
from ..hostile_text import link_out

REPO = Path(__file__).resolve().parents[2]
BUNDLE = "tp"


def _data(*bodies: str, bundle: str = BUNDLE) -> NotesFile:
    notes = [
        Note(
            id=f"n-{i}",
            item=f"item-{i}",
            body=body,
            created="2024-01-01T00:00:00.000Z",
            modified="2024-01-01T00:00:00.000Z",
        )
        for i, body in enumerate(bodies)
    ]
    bookmarks = [Bookmark(item="item-0", created="2024-01-01T00:00:00.000Z")]
    return NotesFile(
        schema_version=NOTES_SCHEMA_VERSION, bundle=bundle, bookmarks=bookmarks, notes=notes
    )


def _temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


@pytest.fixture
def notes_path(tmp_path: Path) -> Path:
    return tmp_path / f"{BUNDLE}.notes.yaml"


# -- where ------------------------------------------------------------------------------------


def _ordinary_process(code: str) -> dict[str, object]:
    """Run ``code`` in a child for which file modes apply, and return what it prints (JSON).

    Root ignores file modes (CAP_DAC_OVERRIDE), so as root the child runs without the
    capabilities that bypass them (util-linux ``setpriv``): a 0o555 folder is then really
    read-only for it, and ``os.access`` says so honestly.
    """
    command = [sys.executable, "-c", code]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        need(
            setpriv is not None,
            "running as root: setpriv (util-linux) is needed to drop the capabilities that "
            "let root write into read-only folders",
        )
        assert setpriv is not None
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    # The premise: this child really cannot create files in the read-only folder.
    need(result.pop("can_create") is False, "could not make a folder read-only here")
    return result


PROBE = """
import json, sys
from pathlib import Path
def can_create(folder):
    try:
        (folder / "probe").touch()
    except PermissionError:
        return False
    (folder / "probe").unlink()
    return True
"""


def test_notes_live_beside_a_bundle_in_a_writable_folder(tmp_path: Path) -> None:
    bundle = tmp_path / "programmes" / "tp"
    bundle.mkdir(parents=True)
    where = locate(bundle, "tp")
    assert where.path == tmp_path / "programmes" / "tp.notes.yaml"
    assert where.beside_bundle and where.reason == "beside the bundle"


def test_notes_beside_a_bundle_named_by_a_relative_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "tp").mkdir()
    monkeypatch.chdir(tmp_path / "tp")
    assert locate(Path("."), "tp").path == tmp_path / "tp.notes.yaml"


def test_the_shipped_bundle_keeps_notes_in_the_user_data_folder() -> None:
    shipped = shipped_bundle_dir()
    assert shipped.is_dir()
    where = locate(shipped, "touchpoint-7")
    assert where.path == user_data_dir() / "notes" / "touchpoint-7.notes.yaml"
    assert not where.beside_bundle
    assert "ships with Companion" in where.reason
    # Never inside the installed package, which an upgrade replaces.
    assert not where.path.resolve().is_relative_to(REPO / "companion")
    assert not where.path.resolve().is_relative_to(REPO / "content")


def test_a_parent_that_is_not_a_folder_sends_notes_to_the_user_data_folder(
    tmp_path: Path,
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    where = locate(not_a_folder / "tp", "tp")
    assert where.path == user_data_dir() / "notes" / "tp.notes.yaml"
    assert not where.beside_bundle and "read-only" in where.reason


def test_a_read_only_folder_sends_notes_to_the_user_data_folder(tmp_path: Path) -> None:
    parent = tmp_path / "readonly"
    (parent / "tp").mkdir(parents=True)
    parent.chmod(0o555)
    try:
        result = _ordinary_process(
            PROBE
            + """
from companion.notes.store import locate
from companion.paths import user_data_dir
where = locate(Path(sys.argv[1]) / "tp", "tp")
print(json.dumps({"can_create": can_create(Path(sys.argv[1])), "path": str(where.path),
                  "beside": where.beside_bundle, "reason": where.reason,
                  "data": str(user_data_dir())}))
""".replace("sys.argv[1]", repr(str(parent)))
        )
    finally:
        parent.chmod(0o755)
    assert result["path"] == str(Path(str(result["data"])) / "notes" / "tp.notes.yaml")
    assert result["data"] == str(user_data_dir())
    assert result["beside"] is False
    assert "data folder" in str(result["reason"]) and "read-only" in str(result["reason"])


def test_notes_already_beside_a_bundle_in_a_read_only_folder_are_the_ones_shown(
    tmp_path: Path,
) -> None:
    """They were ignored: 0 notes shown, and a second file started in the data folder."""
    bundle = tmp_path / "course" / "tp"
    bundle.mkdir(parents=True)
    beside = tmp_path / "course" / "tp.notes.yaml"
    save_notes(beside, _data("written on the course"))
    in_data = user_data_dir() / "notes" / "tp.notes.yaml"
    with read_only_folder(beside.parent):
        where = locate(bundle, "tp")
        assert where.path == beside and where.beside_bundle
        assert where.read_only == f"the folder {beside.parent} cannot be written"
        assert where.data_copy == in_data
        assert "read-only" in where.reason
        # Going on in the data folder copies them (the file beside stays as it is) ...
        before = beside.read_bytes()
        continue_in_data_folder(where, "tp")
        assert beside.read_bytes() == before
        assert [n.body for n in open_notes(in_data, "tp").data.notes] == ["written on the course"]
        # ... and from then on the copy is where they are.
        again = locate(bundle, "tp")
        assert again.path == in_data and again.read_only is None
        assert f"continued from a copy of {beside}" in again.reason
    assert locate(bundle, "tp").path == beside  # writable again: beside the bundle


def test_going_on_in_the_data_folder_keeps_notes_already_there(tmp_path: Path) -> None:
    """Companion used to start a second file there; its notes are merged, not replaced."""
    bundle = tmp_path / "course" / "tp"
    bundle.mkdir(parents=True)
    beside = tmp_path / "course" / "tp.notes.yaml"
    save_notes(beside, _data("beside"))
    in_data = user_data_dir() / "notes" / "tp.notes.yaml"
    save_notes(
        in_data,
        NotesFile(
            schema_version=2,
            bundle="tp",
            notes=[
                Note(
                    id="n-data",
                    item="x",
                    body="in the data folder",
                    created="2024-01-02T00:00:00Z",
                    modified="2024-01-02T00:00:00Z",
                )
            ],
        ),
    )
    with read_only_folder(beside.parent):
        continue_in_data_folder(locate(bundle, "tp"), "tp")
    bodies = {n.body for n in open_notes(in_data, "tp").data.notes}
    assert bodies == {"beside", "in the data folder"}


# -- opening ----------------------------------------------------------------------------------


def test_a_missing_file_opens_empty_and_writable(notes_path: Path) -> None:
    opened = open_notes(notes_path, BUNDLE)
    assert opened.data == empty_file(BUNDLE)
    assert opened.read_only is None and opened.problem is None
    assert not notes_path.exists()  # nothing written just by opening


def test_save_then_open(notes_path: Path) -> None:
    data = _data("one", "two")
    save_notes(notes_path, data)
    opened = open_notes(notes_path, BUNDLE)
    assert opened.data == data.normalised()
    assert opened.read_only is None and opened.notices == []


def test_a_file_for_another_bundle_says_so(notes_path: Path) -> None:
    save_notes(notes_path, _data("x", bundle="other"))
    opened = open_notes(notes_path, BUNDLE)
    assert opened.problem is None
    assert any("'other'" in notice for notice in opened.notices)


BROKEN = b"schema_version: 1\nbundle: tp\nnotes:\n- id: n-1\n  body: a: b\n  item: i\n"


def test_a_corrupt_file_is_kept_untouched_and_copied_aside(notes_path: Path) -> None:
    notes_path.write_bytes(BROKEN)
    before = notes_path.stat()
    opened = open_notes(notes_path, BUNDLE)

    assert isinstance(opened.problem, NotesCorrupt)
    assert opened.problem.file == notes_path and opened.problem.line == 5
    assert opened.read_only  # the session must not write over it
    assert opened.data == empty_file(BUNDLE)
    # The file itself: the same bytes, not even touched.
    assert notes_path.read_bytes() == BROKEN
    after = notes_path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    # A copy aside, byte for byte.
    assert opened.set_aside is not None
    assert opened.set_aside.parent == notes_path.parent
    assert opened.set_aside.name.startswith(f"{notes_path.name}.broken-")
    assert opened.set_aside.read_bytes() == BROKEN
    assert opened.backup is None  # there is none


def test_a_corrupt_file_opened_again_and_again_is_copied_aside_once(notes_path: Path) -> None:
    """Every open of a broken file made another full copy beside it."""
    notes_path.write_bytes(BROKEN)
    copies = {open_notes(notes_path, BUNDLE).set_aside for _ in range(5)}
    assert len(copies) == 1
    assert [p.name for p in notes_path.parent.iterdir() if ".broken-" in p.name] == [
        copies.pop().name  # type: ignore[union-attr]
    ]


def test_a_fifo_named_like_a_copy_aside_is_not_read(notes_path: Path) -> None:
    notes_path.write_bytes(b"")  # empty: unreadable, and as long as a FIFO says it is
    os.mkfifo(notes_path.with_name(f"{notes_path.name}.broken-20240101T000000Z"))
    opened = open_notes(notes_path, BUNDLE)  # would hang reading the FIFO
    assert opened.set_aside is not None and opened.set_aside.is_file()


def test_opening_a_corrupt_file_twice_never_overwrites_a_copy(notes_path: Path) -> None:
    notes_path.write_bytes(BROKEN)
    first = open_notes(notes_path, BUNDLE).set_aside
    notes_path.write_bytes(BROKEN + b"# edited\n")
    second = open_notes(notes_path, BUNDLE).set_aside
    assert first is not None and second is not None and first != second
    assert first.read_bytes() == BROKEN
    assert second.read_bytes() == BROKEN + b"# edited\n"


def test_a_corrupt_file_on_a_full_disk_still_opens_read_only(
    notes_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening never fails for a bad file, even when the copy aside cannot be made."""
    notes_path.write_bytes(BROKEN)

    def full(src: object, dst: object, **kwargs: object) -> None:
        Path(str(dst)).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copy2", full)
    opened = open_notes(notes_path, BUNDLE)
    assert opened.read_only and isinstance(opened.problem, NotesCorrupt)
    assert opened.set_aside is None
    assert notes_path.read_bytes() == BROKEN
    assert [p.name for p in notes_path.parent.iterdir()] == [notes_path.name]


def test_a_corrupt_file_offers_a_good_backup(notes_path: Path) -> None:
    good = save_notes(notes_path, _data("precious"))
    save_notes(notes_path, _data("precious", "newer"))
    notes_path.write_bytes(BROKEN)  # broken by hand after the last save
    opened = open_notes(notes_path, BUNDLE)
    assert opened.backup == backup_path(notes_path)
    assert opened.backup.read_bytes() == good
    assert notes_path.read_bytes() == BROKEN


def test_a_corrupt_backup_is_not_offered(notes_path: Path) -> None:
    notes_path.write_bytes(BROKEN)
    backup_path(notes_path).write_bytes(b"{{{")
    assert open_notes(notes_path, BUNDLE).backup is None


def test_restore_backup_takes_the_previous_generation(notes_path: Path) -> None:
    save_notes(notes_path, _data("precious"))
    save_notes(notes_path, _data("precious", "newer"))
    notes_path.write_bytes(BROKEN)
    opened = open_notes(notes_path, BUNDLE)
    assert opened.backup is not None and opened.set_aside is not None

    restored = restore_backup(notes_path, opened.backup, BUNDLE)
    assert restored.problem is None and restored.read_only is None
    assert [n.body for n in restored.data.notes] == ["precious"]
    reopened = open_notes(notes_path, BUNDLE)
    assert reopened.problem is None and reopened.data == restored.data
    # The broken file is still kept aside, as it was.
    assert opened.set_aside.read_bytes() == BROKEN


def test_an_unreadable_path_opens_read_only(notes_path: Path) -> None:
    notes_path.mkdir()  # a folder where the file should be
    opened = open_notes(notes_path, BUNDLE)
    assert opened.read_only and isinstance(opened.problem, NotesCorrupt)
    assert opened.data == empty_file(BUNDLE)
    assert notes_path.is_dir()


def test_a_newer_file_opens_read_only_and_stays_as_it_is(notes_path: Path) -> None:
    newer = (
        serialize(_data("from the future"))
        .replace(
            f"schema_version: {NOTES_SCHEMA_VERSION}".encode(),
            f"schema_version: {NOTES_SCHEMA_VERSION + 1}".encode(),
        )
        .replace(b"\nnotes:", b"\nflashcards:\n- id: f-1\n  colour: yellow\nnotes:")
    )
    assert b"\nflashcards:" in newer
    notes_path.write_bytes(newer)
    before = notes_path.stat()
    opened = open_notes(notes_path, BUNDLE)
    assert isinstance(opened.problem, NotesTooNew)
    assert opened.read_only and "newer Companion" in opened.read_only
    assert opened.set_aside is None and opened.backup is None
    assert notes_path.read_bytes() == newer
    assert notes_path.stat().st_mtime_ns == before.st_mtime_ns
    assert sorted(p.name for p in notes_path.parent.iterdir()) == [notes_path.name]


OLD = b"""\
# my notes
bundle: tp
notes:
- item: item-1
  body: written before ids existed
"""


def test_an_old_file_is_migrated_after_a_backup(notes_path: Path) -> None:
    notes_path.write_bytes(OLD)
    opened = open_notes(notes_path, BUNDLE)
    assert opened.problem is None and opened.read_only is None
    assert opened.migrated_from == 0
    assert [n.body for n in opened.data.notes] == ["written before ids existed"]
    kept = notes_path.with_name(f"{notes_path.name}.v0.bak")
    assert kept.read_bytes() == OLD
    assert any(kept.name in notice for notice in opened.notices)

    save_notes(notes_path, opened.data)
    again = open_notes(notes_path, BUNDLE)
    assert again.migrated_from is None and again.data == opened.data.normalised()
    assert kept.read_bytes() == OLD


def test_no_migration_without_a_copy_of_the_original(
    notes_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the old file cannot be kept, the session is read-only: nothing will replace it."""
    notes_path.write_bytes(OLD)

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", full)
        opened = open_notes(notes_path, BUNDLE)
    assert opened.read_only and "could not be kept" in opened.read_only
    assert [n.body for n in opened.data.notes] == ["written before ids existed"]
    assert notes_path.read_bytes() == OLD
    assert [p.name for p in notes_path.parent.iterdir()] == [notes_path.name]
    # Once the copy can be made, the migration goes ahead.
    again = open_notes(notes_path, BUNDLE)
    assert again.read_only is None and again.migrated_from == 0
    assert notes_path.with_name(f"{notes_path.name}.v0.bak").read_bytes() == OLD


def test_a_second_migration_never_overwrites_the_first_backup(notes_path: Path) -> None:
    notes_path.write_bytes(OLD)
    open_notes(notes_path, BUNDLE)
    notes_path.write_bytes(OLD.replace(b"written", b"rewritten"))
    open_notes(notes_path, BUNDLE)
    assert notes_path.with_name(f"{notes_path.name}.v0.bak").read_bytes() == OLD


# -- saving -----------------------------------------------------------------------------------


def test_notes_the_reader_would_refuse_are_never_written(notes_path: Path) -> None:
    """A notes file over the reader's 64 MiB limit opened read-only the next time."""
    first = save_notes(notes_path, _data("small"))
    body = ("a line of a very long note, " * 3 + "\n") * (MAX_YAML_BYTES // 2 // 85 + 1)
    with pytest.raises(NotesTooBig) as refused:
        save_notes(notes_path, _data("small", body, body))
    assert refused.value.size > MAX_YAML_BYTES
    assert "more than the 64 MiB Companion can read back" in str(refused.value)
    assert notes_path.read_bytes() == first  # the file as it was, and no temp left
    assert _temp_files(notes_path.parent) == []
    del body
    opened = open_notes(notes_path, BUNDLE)
    assert opened.read_only is None and [n.body for n in opened.data.notes] == ["small"]


def test_save_keeps_the_previous_generation(notes_path: Path) -> None:
    first = save_notes(notes_path, _data("one"))
    assert notes_path.read_bytes() == first
    assert not backup_path(notes_path).exists()
    second = save_notes(notes_path, _data("one", "two"))
    assert notes_path.read_bytes() == second
    assert backup_path(notes_path).read_bytes() == first
    third = save_notes(notes_path, _data("one", "two", "three"))
    assert backup_path(notes_path).read_bytes() == second
    assert notes_path.read_bytes() == third
    assert parse(backup_path(notes_path).read_bytes(), notes_path).data == _data("one", "two")


def test_save_creates_the_data_folder(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "tp.notes.yaml"
    save_notes(path, _data("x"))
    assert open_notes(path, BUNDLE).data == _data("x")


def test_save_keeps_the_files_permissions(notes_path: Path) -> None:
    save_notes(notes_path, _data("one"))
    notes_path.chmod(0o600)
    save_notes(notes_path, _data("two"))
    assert notes_path.stat().st_mode & 0o777 == 0o600


def test_a_new_file_is_readable_by_its_owner_and_not_private_temp_mode(notes_path: Path) -> None:
    save_notes(notes_path, _data("one"))
    assert notes_path.stat().st_mode & 0o777 == 0o644


def test_save_leaves_no_temp_files(notes_path: Path) -> None:
    for n in range(5):
        save_notes(notes_path, _data(*["x"] * n))
    assert _temp_files(notes_path.parent) == []
    assert sorted(p.name for p in notes_path.parent.iterdir()) == [
        notes_path.name,
        backup_path(notes_path).name,
    ]


def test_save_without_hard_links_still_keeps_a_backup(
    notes_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FAT and exFAT (USB sticks) and some network shares cannot make hard links."""

    def no_links(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    first = save_notes(notes_path, _data("one"))
    monkeypatch.setattr(os, "link", no_links)
    second = save_notes(notes_path, _data("one", "two"))
    assert notes_path.read_bytes() == second
    assert backup_path(notes_path).read_bytes() == first


def _days_path() -> Path:
    return user_data_dir() / "notes" / f"{BUNDLE}.notes.yaml"


def _saves_by_day(days: list[date]) -> dict[date, list[bytes]]:
    path = _days_path()
    saved: dict[date, list[bytes]] = {}
    for n, day in enumerate(days):
        for k in range(2):  # two saves a day
            saved.setdefault(day, []).append(save_notes(path, _data(f"save {n}.{k}"), today=day))
    return saved


def test_daily_copies_keep_the_last_seven_days() -> None:
    start = date(2024, 2, 20)
    days = [start + timedelta(days=n) for n in range(20)]  # across the end of February
    saved = _saves_by_day(days)
    folder = backups_dir(_days_path())
    daily = sorted(folder.glob("daily-*.yaml"))
    assert DAILY_KEPT == 7
    assert [p.name for p in daily] == [f"daily-{d.isoformat()}.yaml" for d in days[-7:]]
    for path, day in zip(daily, days[-7:], strict=True):
        assert path.read_bytes() in saved[day]
    assert _temp_files(folder) == []


def test_weekly_copies_keep_the_last_eight_weeks() -> None:
    start = date(2020, 11, 2)  # through ISO week 2020-W53 into 2021
    days = [start + timedelta(days=3 * n) for n in range(40)]
    saved = _saves_by_day(days)
    weekly = sorted(backups_dir(_days_path()).glob("weekly-*.yaml"))
    assert WEEKLY_KEPT == 8
    weeks = sorted({f"{d.isocalendar()[0]}-W{d.isocalendar()[1]:02d}" for d in days})
    assert [p.name for p in weekly] == [f"weekly-{w}.yaml" for w in weeks[-8:]]
    assert "weekly-2020-W53.yaml" not in [p.name for p in weekly]
    by_week: dict[str, list[bytes]] = {}
    for day, raws in saved.items():
        by_week.setdefault(f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}", []).extend(raws)
    for path in weekly:
        assert path.read_bytes() in by_week[path.stem.removeprefix("weekly-")]
        parse(path.read_bytes(), path)


def test_periodic_copies_are_per_notes_file_and_stay_in_the_data_folder(tmp_path: Path) -> None:
    for name in ("tp", "/", "..", "../../escape", "a/b", "nul\x00", "", "."):
        # A bundle id names the file; a hand-edited one must not name a folder elsewhere.
        folder = backups_dir(tmp_path / f"{name}.notes.yaml")
        assert folder.parent == user_data_dir() / "backups", name
        assert folder.name not in ("", ".", ".."), name
    path = tmp_path / "tp.notes.yaml"
    save_notes(path, _data("n"), today=date(2024, 1, 1))
    assert (backups_dir(path) / "daily-2024-01-01.yaml").is_file()


def test_two_notes_files_of_one_bundle_keep_their_own_copies(tmp_path: Path) -> None:
    """Two copies of a bundle (a course folder and a USB stick): each file its own copies.

    Keyed by the bundle id, the second file's saves were never copied: the day's copy
    was the first file's."""
    first, second = tmp_path / "a" / "tp.notes.yaml", tmp_path / "b" / "tp.notes.yaml"
    day = date(2024, 3, 1)
    saved_first = save_notes(first, _data("from the first"), today=day)
    saved_second = save_notes(second, _data("from the second"), today=day)
    assert backups_dir(first) != backups_dir(second)
    assert (backups_dir(first) / "daily-2024-03-01.yaml").read_bytes() == saved_first
    assert (backups_dir(second) / "daily-2024-03-01.yaml").read_bytes() == saved_second


def test_the_days_copy_is_the_days_last_save(notes_path: Path) -> None:
    """The first save of the day was all a day's copy held: a day's work had no copy."""
    day = date(2024, 3, 1)
    first = save_notes(notes_path, _data("morning"), today=day)
    last = save_notes(notes_path, _data("morning", "afternoon"), today=day)
    folder = backups_dir(notes_path)
    assert (folder / "daily-2024-03-01.yaml").read_bytes() == last
    # The week's copy stays as the week began: an older state to go back to.
    assert (folder / "weekly-2024-W09.yaml").read_bytes() == first


# -- atomic writes ----------------------------------------------------------------------------


def test_a_failed_rename_leaves_the_old_file_and_no_temp(
    notes_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = save_notes(notes_path, _data("old"))
    save_notes(notes_path, _data("old", "newer"))
    previous = backup_path(notes_path).read_bytes()
    current = notes_path.read_bytes()
    assert previous == old

    def refuse(*args: object) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="I/O error"):
        save_notes(notes_path, _data("lost?"))
    assert notes_path.read_bytes() == current
    assert parse(backup_path(notes_path).read_bytes(), notes_path).data.notes
    assert _temp_files(notes_path.parent) == []


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_a_full_disk_leaves_the_old_file_and_no_temp(
    notes_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    old = save_notes(notes_path, _data("old"))

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if failing == "fsync":
        monkeypatch.setattr(os, "fsync", full)
    else:
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, *args: object, **kwargs: object) -> None:
                self.handle = real_fdopen(*args, **kwargs)  # type: ignore[call-overload]

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, data: bytes) -> int:
                self.handle.write(data[: len(data) // 2])
                full()
                return 0

        monkeypatch.setattr(os, "fdopen", Full)
    with pytest.raises(OSError, match="No space left"):
        save_notes(notes_path, _data("new"))
    assert notes_path.read_bytes() == old
    assert _temp_files(notes_path.parent) == []


def test_an_interrupted_save_leaves_the_old_file(
    notes_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even a KeyboardInterrupt mid-save leaves the old file and cleans up."""
    old = save_notes(notes_path, _data("old"))

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        save_notes(notes_path, _data("new"))
    assert notes_path.read_bytes() == old
    assert _temp_files(notes_path.parent) == []


def test_atomic_write_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "nope" / "f.yaml", b"x")
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_into_a_read_only_folder_fails_and_keeps_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "f.yaml").write_bytes(b"old")
    folder.chmod(0o555)
    try:
        result = _ordinary_process(
            PROBE
            + """
from companion.atomic import atomic_write
folder = Path(FOLDER)
try:
    atomic_write(folder / "f.yaml", b"new", keep_backup=True)
    error = None
except OSError as exc:
    error = type(exc).__name__
print(json.dumps({"can_create": can_create(folder), "error": error}))
""".replace("FOLDER", repr(str(folder)))
        )
    finally:
        folder.chmod(0o755)
    assert result["error"] == "PermissionError"
    assert [p.name for p in folder.iterdir()] == ["f.yaml"]
    assert (folder / "f.yaml").read_bytes() == b"old"


def test_atomic_write_replaces_in_one_step(tmp_path: Path) -> None:
    """The new file is a different inode: a reader holding the old one sees it whole."""
    path = tmp_path / "f.yaml"
    atomic_write(path, b"old contents")
    with path.open("rb") as reader:
        atomic_write(path, b"new", keep_backup=True)
        assert reader.read() == b"old contents"
    assert path.read_bytes() == b"new"
    assert backup_path(path).read_bytes() == b"old contents"


def test_stale_temp_files_from_killed_saves_are_swept(tmp_path: Path) -> None:
    import time

    from companion.atomic import STALE_TEMP_S, atomic_write

    target = tmp_path / "t.notes.yaml"
    old = tmp_path / ".t.notes.yaml.abc123.tmp"
    fresh = tmp_path / ".t.notes.yaml.def456.tmp"
    for leftover in (old, fresh):
        leftover.write_bytes(b"half a save")
    long_ago = time.time() - STALE_TEMP_S - 60
    os.utime(old, (long_ago, long_ago))
    atomic_write(target, b"new")
    assert not old.exists()
    assert fresh.exists()  # it may belong to a save still running in another process


@pytest.mark.parametrize(
    "outside",
    [b"PRIVATE KEY\n-----END", None],  # a secret that is no notes file, and a good notes file
)
def test_a_notes_file_linked_out_of_its_folder_is_never_read_copied_or_replaced(
    tmp_path: Path, outside: bytes | None
) -> None:
    content = outside if outside is not None else serialize(_data("kept elsewhere"))
    folder = tmp_path / "bundles"
    link = folder / "t.notes.yaml"
    secret = link_out(link, content, tmp_path / "elsewhere")
    opened = open_notes(link, BUNDLE)
    assert opened.read_only is not None and "outside its folder" in opened.read_only
    assert opened.data.notes == []
    with pytest.raises(OSError, match="outside its folder"):
        save_notes(link, _data("new"))
    # Nothing of the outside file was read into a copy beside the bundle or in the backups.
    assert sorted(p.name for p in folder.iterdir()) == ["t.notes.yaml"]
    assert link.is_symlink() and secret.read_bytes() == content
    assert not (user_data_dir() / "backups").exists()


@pytest.mark.timeout(20)
def test_a_fifo_notes_file_opens_read_only_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "t.notes.yaml"
    os.mkfifo(fifo)
    opened = open_notes(fifo, BUNDLE)
    assert opened.read_only == (
        f"{fifo}: cannot read the file: it is a named pipe (FIFO), not a regular file "
        "(Companion reads and writes only regular files)"
    )
    with pytest.raises(OSError, match="named pipe"):
        save_notes(fifo, _data("new"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.notes.yaml"]


def test_a_note_too_long_without_a_space_is_not_saved(tmp_path: Path) -> None:
    path = tmp_path / "t.notes.yaml"
    save_notes(path, _data("kept"))
    before = path.read_bytes()
    with pytest.raises(NotesUnwritable, match="60,000 characters without a space"):
        save_notes(path, _data("x" * 60_000))
    assert path.read_bytes() == before  # the reader would refuse it: the last good file stays
