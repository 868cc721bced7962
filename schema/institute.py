"""``Institute``: an Informat school (instelling) the gateway's Informat credential may read.

Informat has no call that lists schools: the ones listed are those configured in
``STAFFGRAPH_INFORMAT_INSTITUTES`` (with their names), else those in the token's scopes.
"""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
from strawberry import relay
from strawberry.types import Info

from gateway.context import Context
from schema.employment import SchoolYearValue
from schema.node import FederatedNode, Source, make_node_id, ordered
from schema.pagination import Connection, window
from schema.person import Person, PersonFilter, PersonOrder


@strawberry.federation.type(keys=["id"], description="A Flemish school in Informat.")
class Institute(FederatedNode):
    node_id: relay.NodeID[str]
    number: str = strawberry.field(description="The institute number (instellingsnummer), e.g. '032912'.")

    @classmethod
    def numbered(cls, number: str) -> Institute:
        return cls(node_id=make_node_id(Source.INFORMAT, number), number=number)

    @strawberry.field(description="The school's name, where the gateway is configured with it.")
    def name(self, info: Info[Context, None]) -> str | None:
        return dict(info.context.settings.informat_institutes).get(self.number)

    @strawberry.field(description="Staff of one school year (default: the current one).")
    async def staff(
        self,
        info: Info[Context, None],
        school_year: SchoolYearValue | None = None,
        filter: PersonFilter | None = None,
        order_by: list[PersonOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Person] | None:
        from resolvers import informat

        win = window(first, after, max_first=info.context.settings.limits.max_first)
        return await informat.staff_page(info.context, self.number, school_year, filter, order_by, win)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Institute | None]:
        from resolvers import informat

        ids = list(node_ids)
        return ordered(ids, await informat.institutes_by_node_id(info.context, ids), required=required)
