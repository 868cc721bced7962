"""The request deadline: time left on a clock, carried to every task of the request."""

from __future__ import annotations

import asyncio

from gateway.resilience.deadline import Deadline, activate, bounded_by, current_deadline, unbounded
from tests.support.clock import FakeClock


def test_deadline_counts_down_and_never_goes_negative() -> None:
    clock = FakeClock()
    deadline = Deadline.after(2.0, clock=clock)
    assert deadline.remaining() == 2.0 and not deadline.expired
    clock.advance(1.5)
    assert deadline.remaining() == 0.5
    clock.advance(1.0)
    assert deadline.remaining() == 0.0 and deadline.expired


async def test_tasks_started_by_the_request_see_its_deadline_and_other_requests_do_not() -> None:
    async def request(seconds: float) -> list[float]:
        activate(Deadline.after(seconds))

        async def field() -> float:
            found = current_deadline()
            assert found is not None
            return found.seconds

        return list(await asyncio.gather(field(), field()))

    first, second = await asyncio.gather(request(1.0), request(7.0))
    assert first == [1.0, 1.0] and second == [7.0, 7.0]


def test_bounded_and_unbounded_blocks_restore_what_was_current() -> None:
    outer = Deadline.after(5.0)
    with bounded_by(outer):
        with unbounded():
            assert current_deadline() is None
        assert current_deadline() is outer
