"""Start-up work in steps: in order, the event loop turning between them."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from companion.ui.shell.steps import Steps


def test_steps_run_in_order_with_the_event_loop_turning_between(qtbot: QtBot) -> None:
    ran: list[str] = []

    def first() -> None:
        ran.append("first")
        QTimer.singleShot(0, lambda: ran.append("a click"))  # input waiting meanwhile

    steps = Steps([first, lambda: ran.append("second")])
    with qtbot.waitSignal(steps.sig_done):
        steps.start()
    assert ran == ["first", "a click", "second"] and steps.done


def test_run_all_finishes_at_once_and_only_once(qtbot: QtBot) -> None:
    ran: list[int] = []
    steps = Steps([lambda: ran.append(1), lambda: ran.append(2), lambda: ran.append(3)])
    steps.start()
    steps.run_all()
    assert ran == [1, 2, 3] and steps.done
    qtbot.wait(20)
    assert ran == [1, 2, 3]


def test_run_all_from_inside_a_step_keeps_the_order(qtbot: QtBot) -> None:
    ran: list[str] = []
    steps: Steps

    def impatient() -> None:
        ran.append("impatient")
        steps.run_all()  # returns at once: the rest follow this step
        ran.append("still impatient")

    steps = Steps([impatient, lambda: ran.append("next")])
    steps.run_all()
    assert ran == ["impatient", "still impatient", "next"]


def test_a_failing_step_does_not_stop_the_rest(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, exc, _tb: seen.append(exc))
    ran: list[str] = []

    def broken() -> None:
        raise RuntimeError("a step broke")

    steps = Steps([broken, lambda: ran.append("after")])
    steps.start()
    qtbot.waitUntil(lambda: steps.done)
    assert ran == ["after"] and [str(e) for e in seen] == ["a step broke"]


def test_a_step_built_in_parts_takes_one_part_a_turn(qtbot: QtBot) -> None:
    ran: list[str] = []

    def in_parts() -> Iterator[None]:
        for part in ("row 1", "row 2", "assembled"):
            ran.append(part)
            QTimer.singleShot(0, lambda: ran.append("a click"))  # input waiting meanwhile
            yield

    steps = Steps([in_parts, lambda: ran.append("next")])
    with qtbot.waitSignal(steps.sig_done):
        steps.start()
    assert ran == ["row 1", "a click", "row 2", "a click", "assembled", "a click", "next"]


def test_run_all_finishes_a_build_in_parts_in_order(qtbot: QtBot) -> None:
    ran: list[str] = []

    def in_parts() -> Iterator[None]:
        ran.append("part 1")
        yield
        ran.append("part 2")

    steps = Steps([in_parts, lambda: ran.append("next")])
    steps.start()
    steps.run_all()
    assert ran == ["part 1", "part 2", "next"] and steps.done
