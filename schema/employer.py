"""``Employer``: a Loket employer (werkgever) the caller's Loket user may see."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
from strawberry import relay
from strawberry.types import Info

from gateway.context import Context
from gateway.names import Upstream
from gateway.records import EmployerRecord
from resolvers import ids, people
from schema.filters import filter_tree, order_keys
from schema.node import FederatedNode, ordered
from schema.pagination import Connection, connection, window
from schema.person import PERSON_PATHS, Person, PersonFilter, PersonOrder, person_key
from schema.wrap import register


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
        page = await people.persons_page(
            info.context,
            people.Scope(Upstream.LOKET, str(self.source_id)),
            None,
            filter_tree(filter, PERSON_PATHS),
            order_keys(order_by, person_key),
            window(first, after, max_first=info.context.settings.limits.max_first),
        )
        return connection(page, Person.from_record)

    @classmethod
    def from_record(cls, record: EmployerRecord) -> Employer:
        return cls(
            node_id=ids.employer_id(record),
            source_id=strawberry.ID(record.employer_id),
            employer_number=record.employer_number,
            company_name=record.company_name,
            chamber_of_commerce_number=record.chamber_of_commerce_number,
            city=record.city,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Employer | None]:
        wanted = list(node_ids)
        found = await people.employers_by_node_id(info.context, wanted)
        return ordered(wanted, {k: cls.from_record(v) for k, v in found.items()}, required=required)


register(EmployerRecord, Employer.from_record)
