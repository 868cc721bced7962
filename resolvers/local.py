"""Filtering, ordering and paging of records the gateway holds in full.

Informat's lists take no filter, and some Loket lists (employments with their job titles,
the absence calendar) are assembled from several calls, so these are filtered, ordered
and paged here after the bulk fetch; ``totalCount`` is the length of the filtered list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from strawberry import relay

from gateway.dialects.evaluate import matches, sort_records
from gateway.dialects.filters import Filter
from gateway.dialects.loket import OrderKey
from gateway.exceptions import InputError
from schema.absence import Absence
from schema.pagination import Connection, Window, build_connection

N = TypeVar("N", bound=relay.Node)


def _attribute(record: Any, path: tuple[str, ...]) -> Any:
    return getattr(record, path[0], None)


def _lookup(record: Any) -> Callable[[tuple[str, ...]], Any]:
    return lambda path: _attribute(record, path)


def local_page(
    records: Sequence[N], tree: Filter | None, order: list[OrderKey], win: Window
) -> Connection[N]:
    """Filter, order and page records the gateway holds in full."""
    kept = [record for record in records if matches(tree, _lookup(record))]
    kept = sort_records(kept, order, _attribute)
    return build_connection(kept[win.offset : win.offset + win.limit], win, len(kept))


def overlaps(record: Absence, first: date | None, last: date | None) -> bool:
    if first is not None and record.end_date is not None and record.end_date < first:
        return False
    return not (last is not None and record.start_date is not None and record.start_date > last)


def check_period(first: date | None, last: date | None) -> None:
    if first is not None and last is not None and last < first:
        raise InputError("'to' may not be before 'from'", argument="to")
