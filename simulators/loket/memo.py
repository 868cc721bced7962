"""Rows derived from the seeded data, kept across requests so a list costs one pass, not one build.

Employer-wide views (leave requests of an employer, the calendar's employment references,
leave balances on a reference date) are built from data that never changes, so they are
built once and kept. Views that depend on a query parameter (a reference date) are kept in
a small least-recently-used cache instead, so a client walking through many dates cannot
grow the memory without bound. Nothing derived from absences (the one table that writes
change) is kept here.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

RECENT_LIMIT = 64  # (view, employer, reference date, ...) combinations kept


class Memo:
    def __init__(self, recent_limit: int = RECENT_LIMIT) -> None:
        self._kept: dict[Hashable, Any] = {}
        self._recent: OrderedDict[Hashable, Any] = OrderedDict()
        self._limit = recent_limit

    def keep(self, key: Hashable, build: Callable[[], T]) -> T:
        """The value for ``key``, built on first use and kept for good (one per employer or row)."""
        try:
            return self._kept[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._kept[key] = build()
            return value

    def recent(self, key: Hashable, build: Callable[[], T]) -> T:
        """The value for ``key`` from the bounded cache, building it (and evicting the oldest) if needed."""
        recent = self._recent
        if key in recent:
            recent.move_to_end(key)
            return recent[key]  # type: ignore[no-any-return]
        value = recent[key] = build()
        if len(recent) > self._limit:
            recent.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._kept) + len(self._recent)
