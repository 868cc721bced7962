"""Filtering, ordering and paging of records the gateway holds in full.

Informat's lists take no filter, and some Loket lists (employments with their job titles,
absences from the absence and leave calendars) are assembled from several calls, so
these are filtered, ordered and paged here after the fetch; ``totalCount`` is the length
of the filtered list. Records are read by attribute (``gateway.records``): the tree's
paths are record attribute names.

How long a list is depends on the upstream, not on the caller, so the work is bounded per
record (``gateway.dialects.evaluate.comparisons``, which the request limits bound) and done
in chunks of about ``CHUNK_COMPARISONS`` comparisons. Every turn of the event loop has
room for that much gateway-side filtering, all requests and fields together (``Turns``):
a chunk that finds the turn full waits for the next one (``asyncio.sleep(0)``), so other
requests' I/O and callbacks run in between however many fields filter at once — 200
persons' absences resuming together after one batch as much as one list of 20,000 staff.
Before each chunk the request's deadline is checked: once it has passed the work stops
with ``UPSTREAM_TIMEOUT``, as a field waiting for an upstream would, instead of going on
for an answer nobody will read. Ordering the kept records is one step (a C sort per
distinct key), counted into the turn as a pass over them per key.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Protocol, TypeVar

from gateway.dialects.evaluate import (
    CHUNK_COMPARISONS,
    chunk_size,
    comparisons,
    distinct_keys,
    matches,
    sort_records,
)
from gateway.dialects.filters import Filter
from gateway.dialects.loket import OrderKey
from gateway.exceptions import InputError, UpstreamTimeout
from gateway.paging import Page, Window
from gateway.resilience.deadline import current_deadline

# what ``extensions.upstream`` says when the gateway's own work outlasts the deadline
GATEWAY = "gateway"

R = TypeVar("R")


class Dated(Protocol):
    @property
    def start_date(self) -> date | None: ...

    @property
    def end_date(self) -> date | None: ...


def _attribute(record: Any, path: tuple[str, ...]) -> Any:
    return getattr(record, path[0], None)


def _lookup(record: Any) -> Callable[[tuple[str, ...]], Any]:
    return lambda path: _attribute(record, path)


async def local_page(
    records: Sequence[R], tree: Filter | None, order: Sequence[OrderKey], win: Window
) -> Page[R]:
    """Filter, order and page records the gateway holds in full (in chunks: the module docstring)."""
    kept = await filter_records(records, tree) if tree is not None else list(records)
    if order:
        turns = Turns.of_running_loop()
        await turns.room()
        _check_deadline(len(kept))
        kept = sort_records(kept, order, _attribute)
        turns.spend(len(kept) * len(distinct_keys(order)))  # a pass per distinct key
    return Page(kept[win.offset : win.offset + win.limit], win, len(kept))


async def filter_records(records: Sequence[R], tree: Filter | None) -> list[R]:
    """The records ``tree`` keeps, ``chunk_size(tree)`` at a time, each chunk in a turn with room."""
    step, per_record = chunk_size(tree), comparisons(tree)
    turns = Turns.of_running_loop()
    kept: list[R] = []
    for start in range(0, len(records), step):
        await turns.room()
        _check_deadline(len(records))
        chunk = records[start : start + step]
        kept.extend(record for record in chunk if matches(tree, _lookup(record)))
        turns.spend(len(chunk) * per_record)
    return kept


class Turns:
    """The gateway-side filtering done in the current turn of one event loop, all requests together.

    ``spend`` counts comparisons; the first spend of a turn schedules the count's reset with
    ``call_soon``, which runs at the start of the next turn (before the tasks that yield after
    it). ``room`` waits while the turn is full. So a turn holds at most ``CHUNK_COMPARISONS``
    plus one chunk (a chunk is at most ``CHUNK_COMPARISONS``, or one record), and between two
    turns the loop polls its sockets and runs everyone else's callbacks.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.used = 0
        self.turns = 0  # turns that did filtering: the measure tests read

    @classmethod
    def of_running_loop(cls) -> Turns:
        loop = asyncio.get_running_loop()
        turns = _TURNS.get(loop)
        if turns is None:
            turns = _TURNS[loop] = cls(loop)
        return turns

    async def room(self) -> None:
        while self.used >= CHUNK_COMPARISONS:
            await asyncio.sleep(0)  # the next turn: other requests run first

    def spend(self, work: int) -> None:
        if work <= 0:
            return
        if self.used == 0:
            self.turns += 1
            self.loop.call_soon(self._next_turn)
        self.used += work

    def _next_turn(self) -> None:
        self.used = 0


_TURNS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Turns] = weakref.WeakKeyDictionary()


def _check_deadline(count: int) -> None:
    deadline = current_deadline()
    if deadline is not None and deadline.expired:
        raise UpstreamTimeout(
            f"The request deadline ({deadline.seconds:g} s) passed while the gateway filtered and ordered "
            f"{count} records; narrow the list (a filter the upstream applies, a shorter period)",
            upstream=GATEWAY,
        )


def overlaps(record: Dated, first: date | None, last: date | None) -> bool:
    if first is not None and record.end_date is not None and record.end_date < first:
        return False
    return not (last is not None and record.start_date is not None and record.start_date > last)


def check_period(first: date | None, last: date | None) -> None:
    if first is not None and last is not None and last < first:
        raise InputError("'to' may not be before 'from'", argument="to")
