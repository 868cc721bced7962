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
from gateway.names import Upstream
from gateway.records import InstituteRecord
from resolvers import ids, people
from schema.filters import filter_tree, order_keys
from schema.node import FederatedNode, ordered
from schema.pagination import Connection, connection, window
from schema.person import PERSON_PATHS, Person, PersonFilter, PersonOrder, person_key
from schema.scalars import SchoolYearValue
from schema.wrap import register


@strawberry.federation.type(keys=["id"], description="A Flemish school in Informat.")
class Institute(FederatedNode):
    node_id: relay.NodeID[str]
    number: str = strawberry.field(description="The institute number (instellingsnummer), e.g. '032912'.")

    @classmethod
    def numbered(cls, number: str) -> Institute:
        return cls(node_id=ids.institute_id(number), number=number)

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
        page = await people.persons_page(
            info.context,
            people.Scope(Upstream.INFORMAT, self.number),
            school_year,
            filter_tree(filter, PERSON_PATHS),
            order_keys(order_by, person_key),
            window(first, after, max_first=info.context.settings.limits.max_first),
        )
        return connection(page, Person.from_record)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Institute | None]:
        wanted = list(node_ids)
        found = await people.institutes_by_node_id(info.context, wanted)
        return ordered(wanted, {k: cls.numbered(v) for k, v in found.items()}, required=required)


register(InstituteRecord, lambda record: Institute.numbered(record.number))
