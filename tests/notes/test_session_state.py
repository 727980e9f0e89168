"""The notes session's state machine without a window: saving, merging, locking, closing.

The jobs it hands out run here, on this thread, on real files; what it tells its owner
is written down by ``Heard``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.notes import disk, store
from companion.notes.merge import MergeResult
from companion.notes.model import NotesModel
from companion.notes.read_only import Why
from companion.notes.session_state import AutosaveRule, CheckJob, Phase, SaveJob, SessionState
from tests.conftest import read_only_folder
from tests.notes.support import BUNDLE_ID, note, on_disk, with_records


class Heard:
    """An ``Outlet`` that writes down what it is told."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.reloads: list[str] = []
        self.read_only_changes = 0
        self.edits = 0
        self.retries = 0
        self.moved_to: list[Path] = []
        self.removed: list[MergeResult] = []

    def tell(self, text: str) -> None:
        self.messages.append(text)

    def model_reloaded(self, summary: str) -> None:
        self.reloads.append(summary)

    def read_only_set(self, changed: bool) -> None:
        self.read_only_changes += changed

    def status_changed(self) -> None:
        pass

    def edited(self) -> None:
        self.edits += 1

    def retry_later(self) -> None:
        self.retries += 1

    def notes_moved(self, path: Path) -> None:
        self.moved_to.append(path)

    def keep_removed(self, result: MergeResult) -> None:
        self.removed.append(result)


def phase(state: SessionState) -> Phase:
    """The phase now (a call, so a type checker does not hold on to an earlier one)."""
    return state.phase


def bundle_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "bundles" / BUNDLE_ID
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def opened(tmp_path: Path) -> tuple[SessionState, Heard]:
    """A session on the notes beside ``tmp_path``'s bundle, read as the window reads them."""
    heard = Heard()
    state = SessionState(bundle_dir(tmp_path), BUNDLE_ID, heard)
    state.take_lock()
    state.loaded_from(disk.load(state.path, BUNDLE_ID, None, writer=state.lock.held))
    return state, heard


def run_jobs(state: SessionState) -> list[CheckJob | SaveJob]:
    """Run every job the state hands out, as the window's disk thread would."""
    ran: list[CheckJob | SaveJob] = []
    while (job := state.next_job()) is not None:
        ran.append(job)
        if isinstance(job, CheckJob):
            state.checked(disk.check(job.path, job.expected))
            continue
        try:
            result = disk.save_if_unchanged(job.path, job.data, job.expected)
        except Exception as exc:
            state.save_failed(exc)
        else:
            state.saved(result, job.data, job.revision)
    return ran


def test_an_edit_makes_it_dirty_and_the_save_it_hands_out_makes_it_clean(
    tmp_path: Path,
) -> None:
    state, heard = opened(tmp_path)
    # Nothing written yet: never "saved" before there is a file.
    assert phase(state) is Phase.CLEAN and state.writable
    assert state.status()[0] == "Notes: none yet"
    state.model.set_bookmark("ways-of-being", True)
    assert phase(state) is Phase.DIRTY and heard.edits == 1
    assert state.next_job() is None  # nothing until the autosave asks
    state.request_save()
    job = state.next_job()
    assert isinstance(job, SaveJob) and phase(state) is Phase.SAVING
    state.saved(disk.save_if_unchanged(job.path, job.data, job.expected), job.data, job.revision)
    assert phase(state) is Phase.CLEAN and state.status()[0] == "✓ Saved"
    assert [b.item for b in on_disk(state.path).bookmarks] == ["ways-of-being"]


def test_autosave_waits_for_a_pause_but_never_longer_than_the_max_wait() -> None:
    rule = AutosaveRule(pause_ms=1000, max_wait_ms=4000)
    # Typing on, an edit every half second: the save comes 4 s after the first edit.
    due = [at + rule.edited(at) for at in range(0, 4000, 500)]
    assert due == [1000, 1500, 2000, 2500, 3000, 3500, 4000, 4000]
    assert rule.edited(4100) == 0  # overdue: at once
    rule.reset()  # the save started: the next edit waits a pause again
    assert rule.edited(9000) == 1000


def test_a_change_on_disk_is_merged_in_before_the_next_save(tmp_path: Path) -> None:
    state, heard = opened(tmp_path)
    state.model.add_note("ways-of-doing", "mine")
    state.request_save()
    run_jobs(state)
    # Another device's sync tool writes the file: its note and ours.
    theirs = NotesModel(on_disk(state.path))
    theirs.add_note("ways-of-being", "theirs")
    store.save_notes(state.path, theirs.snapshot())
    state.model.add_note("ways-of-knowing", "mine, unsaved")
    state.request_save()
    state.disk_touched()
    ran = run_jobs(state)
    assert isinstance(ran[0], CheckJob), "a check comes before the save"
    assert heard.reloads and any("changed on disk" in m for m in heard.messages)
    bodies = sorted(n.body for n in on_disk(state.path).notes)
    assert bodies == ["mine", "mine, unsaved", "theirs"]
    assert phase(state) is Phase.CLEAN


def test_a_save_that_finds_the_file_changed_checks_merges_and_saves_again(
    tmp_path: Path,
) -> None:
    state, _ = opened(tmp_path)
    state.model.add_note("ways-of-doing", "mine")
    state.request_save()
    job = state.next_job()
    assert isinstance(job, SaveJob)
    store.save_notes(state.path, with_records(note("n-theirs", "ways-of-being", "theirs")))
    state.saved(disk.save_if_unchanged(job.path, job.data, job.expected), job.data, job.revision)
    assert state.dirty and not state.saving
    run_jobs(state)
    assert sorted(n.body for n in on_disk(state.path).notes) == ["mine", "theirs"]


def test_records_removed_elsewhere_are_handed_over_to_be_kept(tmp_path: Path) -> None:
    state, heard = opened(tmp_path)
    state.model.set_bookmark("ways-of-being", True)
    state.request_save()
    run_jobs(state)
    store.save_notes(state.path, with_records())  # an older copy put back: no bookmark
    state.disk_touched()
    run_jobs(state)
    [result] = heard.removed
    assert [b.item for b in result.removed_bookmarks] == ["ways-of-being"]


def test_a_second_session_is_read_only_until_the_writer_closes(tmp_path: Path) -> None:
    writer, _ = opened(tmp_path)
    reader, heard = opened(tmp_path)
    assert reader.read_only is not None and reader.read_only.why is Why.LOCKED
    assert phase(reader) is Phase.READ_ONLY and reader.lock_owner is not None
    reader.model.set_bookmark("ways-of-being", True)  # a view would refuse; the rule holds anyway
    assert heard.edits == 0
    assert not reader.retry_lock()  # the writer still holds it
    writer.flush()
    writer.close()
    assert reader.retry_lock() and reader.writable and reader.want_check


def test_flush_saves_on_this_thread_and_close_gives_up_the_lock(tmp_path: Path) -> None:
    state, _ = opened(tmp_path)
    state.model.add_note("ways-of-doing", "typed just before closing")
    assert state.flush() and not state.dirty
    assert [n.body for n in on_disk(state.path).notes] == ["typed just before closing"]
    state.close()
    assert phase(state) is Phase.CLOSED and not state.lock.held
    assert state.next_job() is None
    again, _ = opened(tmp_path)
    assert again.writable


def test_a_file_broken_on_disk_is_left_alone_and_unsaved_edits_are_kept_aside(
    tmp_path: Path,
) -> None:
    state, heard = opened(tmp_path)
    state.model.set_bookmark("ways-of-being", True)
    state.request_save()
    run_jobs(state)
    good = state.path.read_bytes()
    state.model.add_note("ways-of-doing", "unsaved")
    state.path.write_bytes(b"schema_version: [\n")  # a half-written file from elsewhere
    state.disk_touched()
    run_jobs(state)
    assert state.read_only is not None and state.read_only.why is Why.BROKEN_ON_DISK
    assert any("cannot be read" in m for m in heard.messages)
    assert state.path.read_bytes() == b"schema_version: [\n"  # never written over
    [kept] = state.rescued
    assert [n.body for n in on_disk(kept).notes] == ["unsaved"]
    assert not state.flush()  # still nowhere to write it: kept aside, not lost
    state.path.write_bytes(good)  # put back as it was
    state.disk_touched()
    run_jobs(state)
    assert state.writable and not state.dirty


def test_a_save_that_fails_is_retried_and_says_so(tmp_path: Path) -> None:
    state, heard = opened(tmp_path)
    state.model.add_note("ways-of-doing", "x")
    state.request_save()
    with read_only_folder(state.path.parent):
        run_jobs(state)
    assert phase(state) is Phase.SAVE_FAILED and heard.retries == 1
    assert "trying again" in state.status()[0]
    state.request_save()  # the retry timer's turn
    run_jobs(state)
    assert phase(state) is Phase.CLEAN and "trying again" not in state.status()[0]


def test_a_save_refused_as_unwritable_is_not_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from companion import yamlio

    state, heard = opened(tmp_path)
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 300)
    state.model.add_note("ways-of-doing", "x" * 400)
    state.request_save()
    run_jobs(state)
    assert phase(state) is Phase.SAVE_FAILED and heard.retries == 0
    assert any("NOT saved" in m for m in heard.messages)
    assert not state.path.exists()


def test_a_removed_file_is_written_again(tmp_path: Path) -> None:
    state, heard = opened(tmp_path)
    state.model.set_bookmark("ways-of-being", True)
    state.request_save()
    run_jobs(state)
    state.path.unlink()
    state.disk_touched()
    run_jobs(state)
    assert any("removed outside Companion" in m for m in heard.messages)
    assert [b.item for b in on_disk(state.path).bookmarks] == ["ways-of-being"]
