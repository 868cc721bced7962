"""``Employment``: a Loket employment (dienstverband) or an Informat assignment (opdracht).

A Loket employment's job title and department come from its organizational entity
valid on a reference date (``actualorganizationalentities``): the entity's
``deviatingFunctionDescription``, else its ``function.description``. An Informat
assignment carries its own function (ambt), hours (``prestatieUren`` over the
full-time ``prestatieNoemer``: the FTE fraction), institute and school year.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from gateway.context import Context
from gateway.dialects.informat import SchoolYear
from gateway.dialects.loket import OrderKey
from schema.absence import day
from schema.filters import DateFilter, FloatFilter, StringFilter
from schema.node import FederatedNode, Source, make_node_id, ordered
from schema.scalars import SchoolYearScalar

if TYPE_CHECKING:
    from schema.employer import Employer
    from schema.institute import Institute
    from schema.person import Person

    SchoolYearValue = SchoolYear
else:
    # the GraphQL scalar; mypy sees the value it parses to (a variable is not a type to mypy)
    SchoolYearValue = SchoolYearScalar


def job_title(entity: dict[str, Any] | None) -> str | None:
    if not entity:
        return None
    return entity.get("deviatingFunctionDescription") or (entity.get("function") or {}).get("description")


@strawberry.federation.type(keys=["id"], description="A job someone holds: an employment or an assignment.")
class Employment(FederatedNode):
    node_id: relay.NodeID[str]
    source: Source
    source_id: strawberry.ID = strawberry.field(description="The record's id in its upstream.")
    start_date: date | None
    end_date: date | None = strawberry.field(description="Last day; null for an open-ended employment.")
    job_title: str | None = strawberry.field(
        description="Loket: the function on the reference date (null when no organizational entity is "
        "valid then); Informat: the assignment's function (ambt)."
    )
    department: str | None = strawberry.field(description="Loket: the department on the reference date.")
    hours_per_week: float | None = strawberry.field(
        description="Informat: the assignment's hours (or lesson periods) per week; Loket: not available "
        "from the employment lists, null."
    )
    fte: float | None = strawberry.field(description="Informat: hours over the full-time denominator.")
    payroll_id: int | None = strawberry.field(description="Loket: the employment's payroll id.")
    structure: str | None = strawberry.field(description="Informat: the main structure (hfd), e.g. '311'.")
    subject: str | None = strawberry.field(description="Informat: the subject taught (vak), if any.")
    school_year: SchoolYearValue | None = strawberry.field(description="Informat: the assignment's year.")
    owner: strawberry.Private[tuple[Source, str, str, int | None]]

    @strawberry.field(description="Who holds this job.")
    async def person(
        self, info: Info[Context, None]
    ) -> Annotated[Person, strawberry.lazy("schema.person")] | None:
        from schema.person import person_of

        return await person_of(info.context, self.owner)

    @strawberry.field(description="Loket: the employer.")
    async def employer(
        self, info: Info[Context, None]
    ) -> Annotated[Employer, strawberry.lazy("schema.employer")] | None:
        from schema.person import employer_of

        return await employer_of(info.context, self.owner)

    @strawberry.field(description="Informat: the school.")
    def institute(self) -> Annotated[Institute, strawberry.lazy("schema.institute")] | None:
        from schema.person import institute_of

        return institute_of(self.owner)

    @classmethod
    def from_loket(cls, row: dict[str, Any], employer_id: str, entity: dict[str, Any] | None) -> Employment:
        employee_id = str((row.get("employee") or {}).get("id") or "")
        return cls(
            node_id=make_node_id(Source.LOKET, employer_id, row["id"]),
            source=Source.LOKET,
            source_id=strawberry.ID(row["id"]),
            start_date=day(row.get("startDate")),
            end_date=day(row.get("endDate")),
            job_title=job_title(entity),
            department=((entity or {}).get("department") or {}).get("description"),
            hours_per_week=None,
            fte=None,
            payroll_id=row.get("payrollId"),
            structure=None,
            subject=None,
            school_year=None,
            owner=(Source.LOKET, employer_id, employee_id, None),
        )

    @classmethod
    def from_informat(cls, row: dict[str, Any], institute: str, year: int) -> Employment:
        hours = row.get("prestatieUren")
        denominator = row.get("prestatieNoemer")
        return cls(
            node_id=make_node_id(Source.INFORMAT, institute, str(year), str(row["id"]).lower()),
            source=Source.INFORMAT,
            source_id=strawberry.ID(str(row["id"]).lower()),
            start_date=day(row.get("begindatum")),
            end_date=day(row.get("einddatum")),
            job_title=row.get("ambt"),
            department=None,
            hours_per_week=float(hours) if hours is not None else None,
            fte=round(float(hours) / float(denominator), 4) if hours is not None and denominator else None,
            payroll_id=None,
            structure=row.get("hfd"),
            subject=row.get("vak"),
            school_year=SchoolYear(year),
            owner=(Source.INFORMAT, institute, str(row.get("personId") or "").lower(), year),
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Employment | None]:
        from resolvers import informat, loket

        ids = list(node_ids)
        found = await loket.employments_by_node_id(info.context, [i for i in ids if i.startswith("loket:")])
        found |= await informat.employments_by_node_id(
            info.context, [i for i in ids if i.startswith("informat:")]
        )
        return ordered(ids, found, required=required)


@strawberry.input(
    description="Which employments to list; applied by the gateway after the bulk fetch (job title and "
    "department come from another Loket list than the employments, and Informat filters nothing)."
)
class EmploymentFilter:
    start_date: DateFilter | None = None
    end_date: DateFilter | None = None
    job_title: StringFilter | None = None
    department: StringFilter | None = None
    hours_per_week: FloatFilter | None = None
    fte: FloatFilter | None = None
    structure: StringFilter | None = None
    and_: list[EmploymentFilter] | None = strawberry.field(default=None, name="and")
    or_: list[EmploymentFilter] | None = strawberry.field(default=None, name="or")


EMPLOYMENT_PATHS = {
    name: (name,)
    for name in ("start_date", "end_date", "job_title", "department", "hours_per_week", "fte", "structure")
}


@strawberry.enum
class EmploymentOrder(Enum):
    START_DATE_ASC = ("start_date", False)
    START_DATE_DESC = ("start_date", True)
    END_DATE_ASC = ("end_date", False)
    END_DATE_DESC = ("end_date", True)
    JOB_TITLE_ASC = ("job_title", False)
    JOB_TITLE_DESC = ("job_title", True)


def employment_key(value: EmploymentOrder) -> OrderKey:
    path, descending = value.value
    return OrderKey((path,), descending)
