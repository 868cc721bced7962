"""``Employer``: a Loket employer (werkgever) the caller's Loket user may see."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from gateway.context import Context
from schema.node import FederatedNode, Source, make_node_id, ordered
from schema.pagination import Connection, window
from schema.person import Person, PersonFilter, PersonOrder


@strawberry.federation.type(keys=["id"], description="A Dutch employer in Loket.nl.")
class Employer(FederatedNode):
    node_id: relay.NodeID[str]
    source_id: strawberry.ID = strawberry.field(description="The employer's id in Loket.")
    employer_number: int | None
    company_name: str
    chamber_of_commerce_number: str | None
    city: str | None

    @strawberry.field(description="The employer's employees, filtered, ordered and paged by Loket.")
    async def persons(
        self,
        info: Info[Context, None],
        filter: PersonFilter | None = None,
        order_by: list[PersonOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Person] | None:
        from resolvers.loket import persons_page

        return await persons_page(
            info.context,
            str(self.source_id),
            filter,
            order_by,
            window(first, after, max_first=info.context.settings.limits.max_first),
        )

    @classmethod
    def from_loket(cls, row: dict[str, Any]) -> Employer:
        address = row.get("address") or {}
        return cls(
            node_id=make_node_id(Source.LOKET, row["id"]),
            source_id=strawberry.ID(row["id"]),
            employer_number=row.get("employerNumber"),
            company_name=row.get("companyName") or "",
            chamber_of_commerce_number=row.get("chamberOfCommerceNumber"),
            city=address.get("city"),
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Employer | None]:
        from resolvers.loket import employers_by_node_id

        ids = list(node_ids)
        found = await employers_by_node_id(info.context, ids)
        return ordered(ids, found, required=required)
