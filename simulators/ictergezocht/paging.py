"""The documented paging: ``offset``/``limit``, at most 50 items, and the block
``{count, offset, limit, rel: {prev, next}}`` with links that keep every parameter.

The document says only "de limiet staat vast op 50 items"; the rest is chosen:
- Choice: ``limit`` above 50 (``limit=80``) is capped to 50, not refused: the limit is "fixed",
  so asking for more is not an error; the block's ``limit`` then says 50.
- Choice: ``limit=0`` or a negative limit is a 400 on ``limit``: it cannot mean a page of items.
- Choice: a negative ``offset`` is a 400 on ``offset``; an offset past the end gives an empty
  ``items`` with the real ``count`` (and a ``prev`` link, since offset > 0).
- Choice: ``count`` is the total number of items matching the request over all pages, not the
  number on this page: ``len(items)`` already tells the latter, and only a total lets a
  client size its paging.
- Choice: ``rel`` is always present (``{}`` when there is no other page); ``prev`` appears when
  offset > 0 and points at ``max(0, offset - limit)``; ``next`` when items remain after
  this page. Links are absolute, built from the request's own URL, with all query
  parameters as sent (repeats and unknown ones included) and only ``offset`` changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request

from simulators.ictergezocht.query import QueryReader

MAX_LIMIT = 50


@dataclass(frozen=True)
class PageRequest:
    offset: int
    limit: int

    def slice(self, rows: Sequence[Any]) -> Sequence[Any]:
        return rows[self.offset : self.offset + self.limit]


def read_page(reader: QueryReader) -> PageRequest:
    offset = reader.integer("offset", minimum=0)
    limit = reader.integer("limit", minimum=1)
    return PageRequest(offset or 0, MAX_LIMIT if limit is None else min(limit, MAX_LIMIT))


def page_body(request: Request, page: PageRequest, count: int, items: list[Any]) -> dict[str, Any]:
    rel: dict[str, str] = {}
    if page.offset > 0:
        rel["prev"] = _link(request, max(0, page.offset - page.limit))
    if page.offset + page.limit < count:
        rel["next"] = _link(request, page.offset + page.limit)
    return {"count": count, "offset": page.offset, "limit": page.limit, "rel": rel, "items": items}


def _link(request: Request, offset: int) -> str:
    pairs: list[tuple[str, str]] = []
    placed = False
    for key, value in request.query_params.multi_items():
        if key != "offset":
            pairs.append((key, value))
        elif not placed:
            pairs.append(("offset", str(offset)))
            placed = True
    if not placed:
        pairs.append(("offset", str(offset)))
    return str(request.url.replace(query=urlencode(pairs)))
