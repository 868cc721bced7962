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

import strawberry
from strawberry import relay
from strawberry.types import Info

from gateway.context import Context
from gateway.job_records import ContactRecord, VacancyRecord
from resolvers import ictergezocht, onderwijsloket
from schema.node import FederatedNode, ordered
from schema.training_program import NearbyTrainingProgram, program_selection, selections_at
from schema.wrap import register

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

    @classmethod
    def from_record(cls, record: ContactRecord | None) -> VacancyContact | None:
        return None if record is None else cls(name=record.name, email=record.email)


def _status(value: int | None) -> VacancyStatus | None:
    """``None`` for a status code this API does not document."""
    try:
        return VacancyStatus(value) if value is not None else None
    except ValueError:
        return None


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
    def from_record(cls, record: VacancyRecord) -> Vacancy:
        return cls(
            node_id=ictergezocht.vacancy_node_id(record),
            source_id=strawberry.ID(str(record.vacancy_id)),
            reference_number=record.reference_number,
            title=record.title,
            city=record.city,
            publish_date=record.publish_date,
            status=_status(record.status),
            runtime=record.runtime,
            campaign=record.campaign,
            function_group=record.function_group,
            contact=VacancyContact.from_record(record.contact),
            clicks=record.clicks,
            applications=record.applications,
            cpc=record.cpc,
            cost=record.cost,
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
        onderwijsloket.check_nearby(radius_km, first)
        selection = program_selection(selections_at(info, ("program",)))
        found = await onderwijsloket.nearby_programs(info.context, self.city, radius_km, first, selection)
        return [NearbyTrainingProgram.from_record(record) for record in found]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Vacancy | None]:
        wanted = list(node_ids)
        found = await ictergezocht.vacancies_by_node_id(info.context, wanted)
        return ordered(wanted, {k: cls.from_record(v) for k, v in found.items()}, required=required)


register(VacancyRecord, Vacancy.from_record)
