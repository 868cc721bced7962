"""Resolvers over Loket.nl: employers (and, with the HR work, employees, employments, absences)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gateway.context import Context
from gateway.dialects import loket as dialect
from gateway.dialects.filters import Filter
from gateway.dialects.loket import OrderKey
from resolvers.loaders.loket import VisibleEmployersLoader
from schema.employer import Employer
from schema.node import Source, split_node_id
from schema.pagination import Connection, Window, build_connection


async def employers_page(
    context: Context, win: Window, tree: Filter | None, order: list[OrderKey]
) -> Connection[Employer]:
    """One page of the employers the caller's Loket user may see, filtered and ordered by Loket."""
    token = context.credential("loket")
    if win.limit == 0:
        page = await context.upstreams.loket.employers(
            token, page_size=1, filter=dialect.render_filter(tree) if tree else None
        )
        return build_connection([], win, page.total)
    plan = dialect.page_plan(win.offset, win.limit)
    rows: list[dict[str, Any]] = []
    total = 0
    for number, size in plan.pages:
        page = await context.upstreams.loket.employers(
            token,
            page_number=number,
            page_size=size,
            filter=dialect.render_filter(tree) if tree else None,
            order_by=dialect.render_order(order),
        )
        rows.extend(page.items)
        total = page.total
    chosen = rows[plan.skip : plan.skip + win.limit]
    return build_connection([Employer.from_loket(row) for row in chosen], win, total)


async def employers_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, Employer]:
    loader = context.loader(VisibleEmployersLoader)
    wanted = {node_id: split_node_id(node_id, sources=[Source.LOKET], parts=1)[1][0] for node_id in node_ids}
    rows = await loader.load_many(list(wanted.values()))
    return {node_id: Employer.from_loket(row) for node_id, row in zip(wanted, rows, strict=True) if row}
