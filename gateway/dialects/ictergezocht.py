"""Relay paging -> ICTerGezocht's ``offset``/``limit`` (at most 50 items per request).

A GraphQL page of ``first`` items starting at ``offset`` becomes the fewest upstream
requests that cover it, each asking for no more than the upstream's fixed limit.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_LIMIT = 50


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
