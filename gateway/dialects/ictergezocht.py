"""Relay paging and typed filters -> ICTerGezocht's ``GET /vacancy/insight`` parameters.

A GraphQL page of ``first`` items starting at ``offset`` becomes the fewest upstream
requests that cover it, each asking for no more than the upstream's fixed limit of 50.
The API selects vacancies by publish period only (``startDate``/``endDate``), and cannot
sort: ``split_period`` takes what it can select out of a filter tree; ``gateway.dialects.evaluate``
applies the rest to the fetched items in the gateway.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from gateway.dialects.filters import AllOf, Condition, Filter, Op, all_of

MAX_LIMIT = 50
R = TypeVar("R", bound=Mapping[str, Any])


@dataclass(frozen=True)
class PageRequest:
    offset: int
    limit: int

    def params(self) -> dict[str, str]:
        return {"offset": str(self.offset), "limit": str(self.limit)}


def page_requests(offset: int, count: int, max_limit: int = MAX_LIMIT) -> list[PageRequest]:
    """The ``offset``/``limit`` requests covering items ``offset .. offset + count - 1``."""
    if offset < 0 or count < 0:
        raise ValueError("offset and count must not be negative")
    requests = []
    position, remaining = offset, count
    while remaining > 0:
        size = min(max_limit, remaining)
        requests.append(PageRequest(position, size))
        position += size
        remaining -= size
    return requests


def page_of_link(link: str) -> PageRequest:
    """The ``offset``/``limit`` a ``rel.next``/``rel.prev`` link asks for (ValueError if it has none)."""
    query = parse_qs(urlsplit(link).query)
    try:
        offset = int(query["offset"][0])
        limit = int(query.get("limit", [str(MAX_LIMIT)])[0])
    except (KeyError, IndexError, ValueError):
        raise ValueError("the link has no usable offset/limit") from None
    if offset < 0 or limit < 1:
        raise ValueError("the link has a negative offset or an empty limit")
    return PageRequest(offset, min(limit, MAX_LIMIT))


@dataclass(frozen=True)
class Period:
    """Publish dates ``start .. end``, both inclusive: ICTerGezocht's ``startDate``/``endDate``.

    The API reads a bare ``endDate`` as the whole day, so day bounds map one to one.
    """

    start: date | None = None
    end: date | None = None

    @property
    def empty(self) -> bool:
        return self.start is not None and self.end is not None and self.end < self.start

    def params(self) -> dict[str, str]:
        params = {}
        if self.start is not None:
            params["startDate"] = self.start.isoformat()
        if self.end is not None:
            params["endDate"] = self.end.isoformat()
        return params


PUBLISH_DATE = ("publishDate",)
_ONE_DAY = timedelta(days=1)


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def split_period(tree: Filter | None) -> tuple[Period, Filter | None]:
    """The publish period ICTerGezocht can select, and the rest of ``tree`` the gateway must apply.

    ``GET /vacancy/insight`` selects only by publish date (``startDate``/``endDate``), so
    ``publishDate`` conditions ANDed at the top level (``eq``/``gt``/``gte``/``lt``/``lte``)
    become the period; every other condition (and a ``publishDate`` inside an ``or``)
    is returned to be evaluated by ``evaluate.matches`` on the fetched rows, never dropped.
    """
    parts = tree.parts if isinstance(tree, AllOf) else (() if tree is None else (tree,))
    start: date | None = None
    end: date | None = None
    rest: list[Filter | None] = []
    for part in parts:
        day = _day(part.value) if isinstance(part, Condition) and part.path == PUBLISH_DATE else None
        if day is None or not isinstance(part, Condition):
            rest.append(part)
            continue
        low = {Op.EQ: day, Op.GTE: day, Op.GT: day + _ONE_DAY}.get(part.op)
        high = {Op.EQ: day, Op.LTE: day, Op.LT: day - _ONE_DAY}.get(part.op)
        if low is None and high is None:
            rest.append(part)
            continue
        if low is not None:
            start = low if start is None else max(start, low)
        if high is not None:
            end = high if end is None else min(end, high)
    return Period(start, end), all_of(rest)
