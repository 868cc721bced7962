"""Filtering, ordering and paging of records the gateway holds in full.

Informat's lists take no filter, and some Loket lists (employments with their job titles,
absences from the absence and leave calendars) are assembled from several calls, so
these are filtered, ordered and paged here after the fetch; ``totalCount`` is the length
of the filtered list. Records are read by attribute (``gateway.records``): the tree's
paths are record attribute names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Protocol, TypeVar

from gateway.dialects.evaluate import matches, sort_records
from gateway.dialects.filters import Filter
from gateway.dialects.loket import OrderKey
from gateway.exceptions import InputError
from gateway.paging import Page, Window

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


def local_page(records: Sequence[R], tree: Filter | None, order: Sequence[OrderKey], win: Window) -> Page[R]:
    """Filter, order and page records the gateway holds in full."""
    kept = (
        [record for record in records if matches(tree, _lookup(record))]
        if tree is not None
        else list(records)
    )
    if order:
        kept = sort_records(kept, order, _attribute)
    return Page(kept[win.offset : win.offset + win.limit], win, len(kept))


def overlaps(record: Dated, first: date | None, last: date | None) -> bool:
    if first is not None and record.end_date is not None and record.end_date < first:
        return False
    return not (last is not None and record.start_date is not None and record.start_date > last)


def check_period(first: date | None, last: date | None) -> None:
    if first is not None and last is not None and last < first:
        raise InputError("'to' may not be before 'from'", argument="to")
