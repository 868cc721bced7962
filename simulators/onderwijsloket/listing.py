"""One query applied to a list of rows: filter, search, sort, then the page.

Used for the top-level collection and, through ``deep``, for nested one-to-many lists.
Paging follows Directus: ``limit`` (``-1`` = all), ``offset``, and ``page`` (1-based)
which, given a limit, replaces the offset with ``limit * (page - 1)``; ``page=0`` is
ignored.

Choice: the default ``limit`` is 100 (Directus's ``QUERY_LIMIT_DEFAULT``, which the
Onderwijsloket document confirms: "By default the query limit is set to 100") and
there is no maximum (Directus's default), so ``limit=-1`` returns everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simulators.onderwijsloket.evaluator import compile_filter
from simulators.onderwijsloket.query import Query
from simulators.onderwijsloket.search import compile_search
from simulators.onderwijsloket.sorting import SortKey, apply_sort, compile_sort
from simulators.onderwijsloket.store import View

Row = dict[str, Any]
DEFAULT_LIMIT = 100
RELATIONAL_LIMIT = 100  # nested one-to-many lists, unless ``deep`` says otherwise


@dataclass
class Plan:
    """A query compiled against one collection of one view."""

    predicate: Callable[[Row], bool] | None
    sort: list[SortKey]
    limit: int
    offset: int

    def matching(self, rows: list[Row]) -> list[Row]:
        return rows if self.predicate is None else [row for row in rows if self.predicate(row)]

    def page(self, rows: list[Row]) -> list[Row]:
        ordered = apply_sort(rows, self.sort) if self.sort else rows
        if self.limit == -1:
            return ordered[self.offset :]
        return ordered[self.offset : self.offset + self.limit]


def compile_plan(
    query: Query,
    view: View,
    collection: str,
    default_limit: int = DEFAULT_LIMIT,
    extra: dict[str, Any] | None = None,
) -> Plan:
    """``extra`` is ANDed with the query's filter (the primary key of a single-item read)."""
    tests: list[Callable[[Row], bool]] = []
    for node in (query.filter, extra):
        if node:
            tests.append(compile_filter(node, view, collection))
    if query.search:
        tests.append(compile_search(query.search, view, collection))
    predicate = None
    if len(tests) == 1:
        predicate = tests[0]
    elif tests:
        predicate = lambda row: all(test(row) for test in tests)  # noqa: E731
    sort = compile_sort(query.sort, view, collection) if query.sort else []
    limit = int(query.limit) if query.limit is not None else default_limit
    offset = int(query.offset or 0)
    if query.page and limit not in (0, -1):
        offset = limit * (int(query.page) - 1)
    return Plan(predicate, sort, limit, offset)
