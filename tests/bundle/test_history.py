"""Back and forward through visited items, as a browser does."""

from __future__ import annotations

from companion.bundle.history import LIMIT, History


def test_back_and_forward_retrace_the_visits() -> None:
    history = History()
    for item in ("a", "b", "c"):
        history.visit(item)
    history.visit("c")  # the same item again is no new step
    assert history.back() == "b" and history.back() == "a" and history.back() is None
    assert history.forward() == "b"
    history.visit("d")  # a new visit drops what was ahead
    assert not history.can_go_forward() and history.back() == "b"


def test_the_oldest_steps_fall_off_the_back() -> None:
    history = History()
    for n in range(LIMIT + 50):
        history.visit(str(n))
    assert len(history.back_stack) == LIMIT and history.back_stack[0] == "49"
