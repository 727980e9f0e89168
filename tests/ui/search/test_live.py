"""The live index: kept on disk between runs, made again when it cannot be used, and every
kind of record kept current; the window's background work has one owner."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from companion.bundle.cache import load_bundle_cached
from companion.notes import disk, store
from companion.notes.records import Rating
from companion.qt.app import make_app
from companion.search import cache
from companion.ui.search import live as search_live
from companion.ui.search.live import LiveIndex
from companion.ui.shell.settings import Settings
from companion.ui.shell.window import MainWindow
from tests.notes.support import copy_bundle, note, notes_file, with_records

Open = Callable[[Path], MainWindow]


@pytest.fixture
def open_warm(qtbot: QtBot, settings_file: Path) -> Open:
    """A window on ``folder`` as the app opens it (through the parsed-bundle cache), its
    notes read and its index all there."""
    make_app()

    def open_it(folder: Path) -> MainWindow:
        store_ = QSettings(str(settings_file), QSettings.Format.IniFormat)
        window = MainWindow(load_bundle_cached(folder), folder, Settings(store_))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        live = window.search.live
        session = window.notes.session
        assert session is not None
        qtbot.waitUntil(lambda: session.loaded and live.index is not None and not live.building)
        return window

    return open_it


def kept_entries() -> list[Path]:
    return sorted(cache.index_dir().glob("*.sqlite"))


def settled(qtbot: QtBot, live: LiveIndex) -> None:
    """The index is all there and kept on disk (if it is to be)."""
    qtbot.waitUntil(lambda: not live._saving and not live.building and bool(kept_entries()))


def first_run(qtbot: QtBot, open_warm: Open, folder: Path) -> Path:
    """Open ``folder`` for the first time (its index is made and kept), then close it;
    returns the index kept."""
    window = open_warm(folder)
    assert window.search.live.origin == "built"
    settled(qtbot, window.search.live)
    [entry] = kept_entries()
    window.close()
    return entry


def found(live: LiveIndex, word: str) -> list[str]:
    assert live.index is not None
    return [hit.key for hit in live.index.search(word)]


def test_a_warm_start_uses_the_index_kept_and_puts_in_only_what_changed(
    qtbot: QtBot, tmp_path: Path, open_warm: Open
) -> None:
    folder = copy_bundle(tmp_path)
    store.save_notes(
        notes_file(folder),
        with_records(note("n-1", "ways-of-being", "wombat"), note("n-2", "ways-of-being", "emu")),
    )
    entry = first_run(qtbot, open_warm, folder)
    kept, inode = entry.read_bytes(), entry.stat().st_ino
    # Between the runs another program edits the notes: one changed, one gone, one new.
    store.save_notes(
        notes_file(folder),
        with_records(
            note("n-1", "ways-of-being", "wombat and quokka"), note("n-3", "ways-of-doing", "bilby")
        ),
    )
    second = open_warm(folder)
    live = second.search.live
    assert live.origin == "cache"  # not made again...
    assert kept_entries() == [entry] and entry.stat().st_ino == inode  # ...nor written again
    assert entry.read_bytes() == kept
    assert found(live, "quokka") == ["note:n-1"]
    assert found(live, "bilby") == ["note:n-3"]
    assert found(live, "emu") == []
    assert found(live, "balcony dance")[0] == "item:ways-of-perceiving"


def test_one_byte_changed_in_the_bundle_makes_the_index_again(
    qtbot: QtBot, tmp_path: Path, open_warm: Open
) -> None:
    folder = copy_bundle(tmp_path)
    old = first_run(qtbot, open_warm, folder)
    yaml = folder / "bundle.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(text.replace("Ways of being", "Ways of beinG", 1), encoding="utf-8")
    second = open_warm(folder)
    live = second.search.live
    assert live.origin == "built"
    qtbot.waitUntil(lambda: len(kept_entries()) == 2)  # the old one ages out (caches.prune)
    assert old.exists()
    assert found(live, "beinG")[0] == "item:ways-of-being"


def test_a_damaged_index_is_discarded_and_made_again(
    qtbot: QtBot, tmp_path: Path, open_warm: Open
) -> None:
    folder = copy_bundle(tmp_path)
    entry = first_run(qtbot, open_warm, folder)
    raw = bytearray(entry.read_bytes())
    raw[len(raw) // 3] ^= 0xFF
    entry.write_bytes(bytes(raw))
    second = open_warm(folder)
    live = second.search.live
    assert live.origin == "built" and not live.error
    assert found(live, "balcony dance")[0] == "item:ways-of-perceiving"
    settled(qtbot, live)
    [again] = kept_entries()
    assert cache.load(again.name.split(".sqlite")[0].rsplit(".", 1)[0]) is not None


def test_a_cache_that_cannot_be_written_leaves_search_working(
    qtbot: QtBot, tmp_path: Path, open_warm: Open
) -> None:
    folder = copy_bundle(tmp_path)
    cache.index_dir().parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(cache.index_dir())  # where the index would be kept
    window = open_warm(folder)
    live = window.search.live
    qtbot.waitUntil(lambda: not live._saving and live._unsaved == 0)  # tried, and let be
    assert found(live, "balcony dance")[0] == "item:ways-of-perceiving"
    assert live.origin == "built" and not live.error


def test_assessments_and_challenges_are_kept_current(
    qtbot: QtBot, tmp_path: Path, open_warm: Open
) -> None:
    window = open_warm(copy_bundle(tmp_path))
    live = window.search.live
    session = window.notes.session
    assert session is not None
    model = session.model
    assessment = model.add_assessment([Rating(dimension="ways-of-being", evidence="dugong")])
    qtbot.waitUntil(lambda: len(found(live, "dugong")) == 1)
    model.set_rating(assessment.id, "ways-of-being", evidence="manatee")
    qtbot.waitUntil(lambda: found(live, "dugong") == [] and len(found(live, "manatee")) == 1)
    model.delete_assessment(assessment.id)
    qtbot.waitUntil(lambda: found(live, "manatee") == [])
    challenge = model.add_challenge("Merging two teams", note="platypus")
    qtbot.waitUntil(lambda: len(found(live, "platypus")) == 1)
    model.update_challenge(challenge.id, note="echidna")
    qtbot.waitUntil(lambda: found(live, "platypus") == [] and len(found(live, "echidna")) == 1)
    model.delete_challenge(challenge.id)
    qtbot.waitUntil(lambda: found(live, "echidna") == [])


def test_start_up_starts_one_worker_process_for_the_notes_and_the_index(
    qtbot: QtBot, tmp_path: Path, open_warm: Open, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(disk, "WORKER_BYTES", 1)  # the notes are read in the worker process
    monkeypatch.setattr(search_live, "WORKER_FROM", 0)  # and the index made there
    folder = copy_bundle(tmp_path)
    store.save_notes(notes_file(folder), with_records(note("n-1", "ways-of-being", "wombat")))
    window = open_warm(folder)
    work = window.background
    session, live = window.notes.session, window.search.live
    assert session is not None
    assert session._worker is work.worker is live._worker.process
    assert live.origin == "built" and not live._worker.failed and found(live, "wombat")
    assert work.worker.started == 1
    assert work.threads == 2  # the notes' lane and the index's
