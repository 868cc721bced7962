"""Relay connections over upstream paging: ``first``/``after`` -> an offset window.

Cursors are opaque (base64 of ``"cursor:<offset>"``); every connection carries
``totalCount`` (where the upstream reports one) and ``nodes`` besides ``edges``.
Each upstream maps the window onto its own paging (Loket page numbers, ICTerGezocht
offset/limit of at most 50, Directus limit/offset, Informat full arrays).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic

import strawberry
from strawberry import relay
from strawberry.relay.types import NodeType

from gateway.exceptions import InputError
from gateway.settings import DEFAULT_LIMITS

DEFAULT_FIRST = 20
MAX_FIRST = DEFAULT_LIMITS.max_first  # the default; STAFFGRAPH_MAX_FIRST sets the running value
_PREFIX = "cursor:"


def encode_cursor(offset: int) -> str:
    return base64.b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.b64decode(cursor.encode(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InputError("'after' is not a cursor from this API", argument="after") from None
    if not text.startswith(_PREFIX) or not text[len(_PREFIX) :].isdigit():
        raise InputError("'after' is not a cursor from this API", argument="after")
    return int(text[len(_PREFIX) :])


@dataclass(frozen=True)
class Window:
    """Items ``offset .. offset + limit - 1`` of the full list."""

    offset: int
    limit: int


def window(first: int | None, after: str | None, *, max_first: int = MAX_FIRST) -> Window:
    """Validate ``first``/``after`` before any upstream call."""
    if first is None:
        first = DEFAULT_FIRST
    if first < 0:
        raise InputError("'first' must not be negative", argument="first")
    if first > max_first:
        raise InputError(f"'first' may be at most {max_first}", argument="first")
    offset = decode_cursor(after) + 1 if after is not None else 0
    return Window(offset, first)


@strawberry.type(description="A page of results, with the total where the upstream reports it.")
class Connection(relay.Connection[NodeType], Generic[NodeType]):
    total_count: int | None = strawberry.field(description="Items in the whole list (all pages).")

    @strawberry.field(description="The nodes of this page, without edges.")
    def nodes(self) -> list[NodeType]:
        return [edge.node for edge in self.edges]


def build_connection(
    nodes: Sequence[NodeType], win: Window, total: int | None, *, has_more: bool | None = None
) -> Connection[NodeType]:
    """A connection for ``nodes`` found at ``win.offset``; ``has_more`` when the total is unknown."""
    edges = [
        relay.Edge(node=node, cursor=encode_cursor(win.offset + index)) for index, node in enumerate(nodes)
    ]
    if has_more is None:
        has_more = total is not None and win.offset + len(nodes) < total
    page_info = relay.PageInfo(
        has_next_page=has_more,
        has_previous_page=win.offset > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(edges=edges, page_info=page_info, total_count=total)
