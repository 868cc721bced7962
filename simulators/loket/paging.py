"""List queries (``filter``, ``orderBy``, ``pageNumber``, ``pageSize``) and the paged envelope.

The envelope is the document's 200 example: ``totalSize``, ``pageSize``, ``totalPages``,
``currentPage``, ``version``, ``messages`` and the rows under ``_embedded``.

Choice: ``MAX_PAGE_SIZE`` is 1000 (the document gives the default 250 and no maximum;
the gateway fetches employer-wide lists in few calls). A ``pageSize`` outside
1..1000 or a ``pageNumber`` below 1 is a 400, not silently clamped, so a client
never mistakes a short page for the end of the list.
Choice: a page past the end is a 200 with an empty ``_embedded`` and the requested
``currentPage``; an empty list has ``totalPages`` 0.
Choice: an empty ``filter=`` or ``orderBy=`` means none (ASP.NET binds it as empty).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from simulators.loket.errors import CODE_INVALID_FILTER, CODE_INVALID_ORDER_BY, CODE_INVALID_PAGING, broken
from simulators.loket.fields import Schema
from simulators.loket.filter_eval import FilterFieldError, Predicate, compile_filter
from simulators.loket.filter_parser import FilterSyntaxError
from simulators.loket.ordering import OrderByError, Sorter, compile_order_by
from simulators.loket.query import QueryArgs, parse_int32
from simulators.loket.versions import ResourceVersion

DEFAULT_PAGE_SIZE = 250
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True)
class ListQuery:
    predicate: Predicate | None = None
    sorter: Sorter | None = None
    page_number: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


def parse_list_query(args: QueryArgs, schema: Schema) -> ListQuery:
    page_number = _paging(args, "pageNumber", 1, 1, 2**31 - 1)
    page_size = _paging(args, "pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    predicate: Predicate | None = None
    text = args.single("filter")
    if text is not None and text.strip():
        try:
            predicate = compile_filter(text, schema)
        except (FilterSyntaxError, FilterFieldError) as error:
            raise broken(CODE_INVALID_FILTER, f"Invalid filter '{text}': {error}") from None
    sorter: Sorter | None = None
    text = args.single("orderBy")
    if text is not None and text.strip():
        try:
            sorter = compile_order_by(text.strip(), schema)
        except OrderByError as error:
            raise broken(CODE_INVALID_ORDER_BY, f"Invalid orderBy: {error}") from None
    return ListQuery(predicate, sorter, page_number, page_size)


def _paging(args: QueryArgs, name: str, default: int, low: int, high: int) -> int:
    text = args.single(name)
    if text is None or not text.strip():
        return default
    value = parse_int32(name, text, CODE_INVALID_PAGING)
    if not low <= value <= high:
        raise broken(CODE_INVALID_PAGING, f"{name} must be between {low} and {high}, got {value}")
    return value


def list_body(
    query: ListQuery,
    rows: Sequence[Mapping[str, Any]],
    version: ResourceVersion,
    messages: list[dict[str, Any]],
) -> dict[str, Any]:
    selected: Sequence[Mapping[str, Any]] = rows
    if query.predicate is not None:
        predicate = query.predicate
        selected = [row for row in rows if predicate(row)]
    if query.sorter is not None:
        selected = query.sorter(selected)
    total = len(selected)
    start = (query.page_number - 1) * query.page_size
    return {
        "totalSize": total,
        "pageSize": query.page_size,
        "totalPages": -(-total // query.page_size),
        "currentPage": query.page_number,
        "version": version.as_json(),
        "messages": messages,
        "_embedded": list(selected[start : start + query.page_size]),
    }
