"""Gateway-side filtering never holds the event loop: chunks, turns of the loop and the deadline.

Measured by counts that do not depend on the machine's speed: records looked at, turns of
the loop in which filtering ran (``Turns.turns``), and how often another task got to run
meanwhile (a ticker that counts its own turns).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from gateway.dialects.evaluate import CHUNK_COMPARISONS, comparisons
from gateway.dialects.filters import AnyOf, Condition, Op
from gateway.dialects.loket import OrderKey
from gateway.exceptions import UpstreamTimeout
from gateway.paging import Window
from gateway.resilience.deadline import Deadline, bounded_by, unbounded
from resolvers.local import Turns, local_page
from tests.support.clock import FakeClock

# 50 conditions, none of which match: every record costs exactly 50 comparisons
NO_MATCH = AnyOf(tuple(Condition(("name",), Op.EQ, f"nobody-{i}") for i in range(50)))
KEEP_EVEN = Condition(("even",), Op.EQ, True)


class Looked:
    """How many times a record's ``name`` was read (once per condition on it)."""

    count = 0


@dataclass
class Row:
    index: int

    @property
    def name(self) -> str:
        Looked.count += 1
        return f"row-{self.index}"

    @property
    def even(self) -> bool:
        return self.index % 2 == 0


def rows(n: int) -> list[Row]:
    return [Row(i) for i in range(n)]


WINDOW = Window(offset=0, limit=10)


async def while_ticking(work: Awaitable[Any]) -> tuple[Any, int]:
    """``work``'s result, and how many turns of the loop another task got while it ran."""
    ticks = 0
    done = False

    async def ticker() -> None:
        nonlocal ticks
        while not done:
            await asyncio.sleep(0)
            ticks += 1

    task = asyncio.create_task(ticker())
    await asyncio.sleep(0)  # the ticker is running
    ticks = 0
    try:
        result = await work
    finally:
        done = True
        await task
    return result, ticks


@pytest.fixture(autouse=True)
def no_deadline() -> Iterator[None]:
    """No request's deadline here (an earlier test's request may have left one in this context)."""
    with unbounded():
        yield


async def test_a_long_list_is_filtered_over_many_turns_while_others_run() -> None:
    records = rows(4000)
    work = len(records) * comparisons(NO_MATCH)  # 200,000 comparisons
    turns = Turns.of_running_loop()
    before, Looked.count = turns.turns, 0
    page, ticks = await while_ticking(local_page(records, NO_MATCH, [], WINDOW))
    assert page.total == 0
    assert Looked.count == work  # each record once per condition: comparisons(tree) each, no more
    # a turn holds at most CHUNK_COMPARISONS plus one chunk: at least work / (2 * chunk) turns
    assert turns.turns - before >= work // (2 * CHUNK_COMPARISONS) == 20
    assert ticks >= 20  # and the other task ran in between, every turn


async def test_many_small_lists_at_once_share_the_turns_too() -> None:
    """200 persons' absences resume together after one batch: each list is below one chunk, yet
    together they are spread over turns (one turn would hold all 200 x 20 x 50 comparisons)."""
    calls = [local_page(rows(20), NO_MATCH, [], WINDOW) for _ in range(200)]
    work = 200 * 20 * comparisons(NO_MATCH)  # 200,000
    turns = Turns.of_running_loop()
    before = turns.turns
    pages, ticks = await while_ticking(asyncio.gather(*calls))
    assert all(page.total == 0 for page in pages)
    assert turns.turns - before >= work // (2 * CHUNK_COMPARISONS) == 20
    assert ticks >= 20


async def test_filtering_and_ordering_give_the_same_page_as_before() -> None:
    page = await local_page(rows(30), KEEP_EVEN, [OrderKey(("index",), descending=True)], Window(2, 3))
    assert [row.index for row in page.items] == [24, 22, 20]
    assert page.total == 15


async def test_once_the_deadline_has_passed_filtering_stops_with_upstream_timeout() -> None:
    clock = FakeClock()
    deadline = Deadline.after(10, clock=clock)
    step = CHUNK_COMPARISONS // comparisons(NO_MATCH)  # 100 records a chunk

    class Slow(Row):
        @property
        def name(self) -> str:
            clock.advance(0.01 / 50)  # 10 ms a record (50 reads): the deadline passes at the 1000th
            return super().name

    records = [Slow(i) for i in range(4000)]
    Looked.count = 0
    with bounded_by(deadline), pytest.raises(UpstreamTimeout) as raised:
        await local_page(records, NO_MATCH, [], WINDOW)
    assert raised.value.code == "UPSTREAM_TIMEOUT" and raised.value.upstream == "gateway"
    assert "deadline (10 s)" in str(raised.value)
    # it stopped at the first chunk boundary after the deadline, not after all 4000 records
    looked_at = Looked.count // comparisons(NO_MATCH)
    assert 1000 <= looked_at <= 1000 + step


async def test_an_expired_deadline_stops_even_a_short_list_before_it_is_looked_at() -> None:
    clock = FakeClock()
    deadline = Deadline.after(1, clock=clock)
    clock.advance(2)
    Looked.count = 0
    with bounded_by(deadline), pytest.raises(UpstreamTimeout):
        await local_page(rows(10), NO_MATCH, [], WINDOW)
    assert Looked.count == 0


async def test_without_a_deadline_or_a_filter_nothing_changes() -> None:
    page = await local_page(rows(5), None, [], WINDOW)
    assert [row.index for row in page.items] == [0, 1, 2, 3, 4] and page.total == 5
