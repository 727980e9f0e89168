"""Slow work off the UI thread: results come back on it, or are dropped if nobody is left."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from companion.qt.app import make_app
from companion.ui.kit.background import Background, BackgroundWork


def test_the_result_comes_back_on_the_ui_thread(qtbot: QtBot) -> None:
    make_app()
    background = Background()
    heard: list[tuple[int, bool]] = []

    def done(future: Future[int]) -> None:
        heard.append((future.result(), threading.current_thread() is threading.main_thread()))

    background.submit(lambda: 6 * 7, done)
    qtbot.waitUntil(lambda: heard == [(42, True)])
    background.shutdown()


def test_a_job_that_ends_after_its_owner_is_gone_is_dropped_quietly(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    make_app()
    background = Background()
    release = threading.Event()
    heard: list[object] = []
    future = background.submit(release.wait, heard.append)
    called_back = threading.Event()
    future.add_done_callback(lambda _: called_back.set())  # runs after Background's own
    shiboken6.delete(background)  # as a window taken down mid-job takes its helper
    with caplog.at_level(logging.ERROR, logger="concurrent.futures"):
        release.set()
        assert called_back.wait(timeout=10)
    QApplication.processEvents()  # anything queued for the UI thread arrives
    assert heard == [] and caplog.records == []


def test_lanes_of_one_owner_share_its_threads_and_wait_only_for_their_own_jobs(
    qtbot: QtBot,
) -> None:
    make_app()
    work = BackgroundWork()
    notes, again, search = work.lane("notes"), work.lane("notes"), work.lane("search")
    assert work.threads == 2
    names: list[str] = []
    release = threading.Event()
    search.submit(release.wait, lambda _f: None)  # the index lane is busy...
    notes.submit(lambda: names.append(threading.current_thread().name), lambda _f: None)
    notes.shutdown()  # ...which a notes session closing does not wait for
    again.submit(lambda: names.append(threading.current_thread().name), lambda _f: None)
    again.shutdown()  # the lane goes on after one of its users shut down
    assert len(set(names)) == 1 and names[0].startswith("companion-notes")
    release.set()
    search.shutdown()
    work.close()
    assert not work.worker.running and work.worker.started == 0  # never needed, never started
