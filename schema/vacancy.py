"""``Vacancy``: an ICTerGezocht.nl vacancy with its insight figures, and training programs nearby.

ICTerGezocht has no single-vacancy read: ``GET /vacancy/insight`` is the only way to see a
vacancy. The global id therefore carries the publish date with the vacancy id
(``ictergezocht:<vacancyId>:<publishDate>``), so ``node(id:)`` asks for that one day
(``startDate = endDate``) instead of paging through the whole account; the publish date
never changes once a vacancy exists (a PUT keeps it).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import IntEnum
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from gateway.context import Context
from schema.node import FederatedNode, Source, make_node_id, ordered
from schema.training_program import NearbyTrainingProgram, program_fields, selections_at

DEFAULT_RADIUS_KM = 40.0
DEFAULT_NEARBY = 5


@strawberry.enum(description="Where a vacancy stands on ICTerGezocht.nl.")
class VacancyStatus(IntEnum):
    OFFLINE = 0  # taken offline by the customer
    ONLINE = 1
    EXPIRED = 2  # its runtime since the publish date has passed


@strawberry.type(description="The recruiter who handles a vacancy.")
class VacancyContact:
    name: str | None
    email: str | None


def _status(value: Any) -> VacancyStatus | None:
    try:
        return VacancyStatus(value)
    except ValueError:
        return None


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def vacancy_node_id(vacancy_id: int, publish_date: date) -> str:
    return make_node_id(Source.ICTERGEZOCHT, str(vacancy_id), publish_date.isoformat())


@strawberry.federation.type(
    keys=["id"], description="A vacancy on ICTerGezocht.nl, with its figures to date."
)
class Vacancy(FederatedNode):
    node_id: relay.NodeID[str]
    source_id: strawberry.ID = strawberry.field(description="The vacancyId in ICTerGezocht.")
    reference_number: str | None
    title: str | None
    city: str | None
    publish_date: date | None
    status: VacancyStatus | None = strawberry.field(description="null for a status this API does not know.")
    runtime: int | None = strawberry.field(description="Days it stays online after the publish date.")
    campaign: str | None
    function_group: str | None
    contact: VacancyContact | None
    clicks: int = strawberry.field(description="Clicks to date.")
    applications: int = strawberry.field(description="Applications to date.")
    cpc: float | None = strawberry.field(description="Price per click in euros.")
    cost: float = strawberry.field(description="What its clicks cost to date, in euros.")

    @classmethod
    def from_insight(cls, row: dict[str, Any]) -> Vacancy:
        published = _day(row.get("publishDate"))
        vacancy_id = int(row["vacancyId"])
        user = row.get("companyUser")
        contact = (
            VacancyContact(name=user.get("name"), email=user.get("email")) if isinstance(user, dict) else None
        )
        return cls(
            # without a publish date the id cannot be looked up again; day 1 keeps it well-formed
            node_id=vacancy_node_id(vacancy_id, published or date.min),
            source_id=strawberry.ID(str(vacancy_id)),
            reference_number=row.get("referenceNumber"),
            title=row.get("title"),
            city=row.get("city"),
            publish_date=published,
            status=_status(row.get("status")),
            runtime=row.get("runtime"),
            campaign=row.get("campaign"),
            function_group=row.get("functionGroup"),
            contact=contact,
            clicks=int(_number(row.get("clicks"))),
            applications=int(_number(row.get("applications"))),
            cpc=row.get("cpc"),
            cost=_number(row.get("cost")),
        )

    @strawberry.field(
        description=(
            "Onderwijsloket training programs taught within radiusKm of the vacancy's city, nearest "
            "first. The city is placed at the centre of the Onderwijsloket locations whose own address "
            "data puts them in that town; distances are great-circle (haversine) to each program's "
            "nearest location. A city with no Onderwijsloket location cannot be placed: then this "
            "field is null with a PLACE_UNKNOWN error naming the city (the rest of the vacancy "
            "still arrives). Empty when nothing is taught within the radius."
        )
    )
    async def training_programs(
        self,
        info: Info[Context, None],
        radius_km: float = DEFAULT_RADIUS_KM,
        first: int = DEFAULT_NEARBY,
    ) -> list[NearbyTrainingProgram] | None:
        from resolvers.onderwijsloket import check_nearby, nearby_programs

        check_nearby(radius_km, first)
        fields = program_fields(selections_at(info, ("program",)))
        return await nearby_programs(info.context, self.city, radius_km, first, fields)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Vacancy | None]:
        from resolvers.ictergezocht import vacancies_by_node_id

        ids = list(node_ids)
        found = await vacancies_by_node_id(info.context, ids)
        return ordered(ids, found, required=required)
