"""Relay connections over upstream paging: ``first``/``after`` -> an offset window.

Cursors are opaque (base64 of ``"cursor:<offset>"``); every connection carries
``totalCount`` (where the upstream reports one) and ``nodes`` besides ``edges``.
Each upstream maps the window onto its own paging (Loket page numbers, ICTerGezocht
offset/limit of at most 50, Directus limit/offset, Informat full arrays).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic

import strawberry
from strawberry import relay
from strawberry.relay.types import NodeType

from gateway.paging import DEFAULT_FIRST, MAX_FIRST, Page, Window, encode_cursor, window


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


def connection(page: Page[Any], wrap: Callable[[Any], NodeType]) -> Connection[NodeType]:
    """The connection for a page of records, each wrapped into its GraphQL type."""
    return build_connection(
        [wrap(item) for item in page.items], page.window, page.total, has_more=page.has_more
    )


__all__ = ["DEFAULT_FIRST", "MAX_FIRST", "Connection", "build_connection", "connection", "window"]
