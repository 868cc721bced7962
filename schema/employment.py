"""``Employment``: a Loket employment (dienstverband) or an Informat assignment (opdracht).

A Loket employment's job title and department are those of its organizational entity
valid on a reference date (default today): the entity's ``deviatingFunctionDescription``,
else its function's description. An Informat assignment carries its own function (ambt),
hours (``prestatieUren`` over the full-time ``prestatieNoemer``: the FTE fraction),
institute and school year. Records come from ``gateway.sources``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from gateway.context import Context
from gateway.dialects.informat import SchoolYear
from gateway.dialects.loket import OrderKey
from gateway.names import Upstream
from gateway.records import EmploymentRecord, InstituteRecord
from resolvers import ids, people
from schema.filters import DateFilter, FloatFilter, StringFilter
from schema.node import FederatedNode, Source, ordered
from schema.scalars import SchoolYearValue
from schema.wrap import register, wrap

if TYPE_CHECKING:
    from schema.employer import Employer
    from schema.institute import Institute
    from schema.person import Person


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
    record: strawberry.Private[EmploymentRecord]

    @strawberry.field(description="Who holds this job.")
    async def person(
        self, info: Info[Context, None]
    ) -> Annotated[Person, strawberry.lazy("schema.person")] | None:
        r = self.record
        return wrap(await people.person_of(info.context, r.upstream, r.scope, r.person_id, r.school_year))  # type: ignore[no-any-return]

    @strawberry.field(description="Loket: the employer.")
    async def employer(
        self, info: Info[Context, None]
    ) -> Annotated[Employer, strawberry.lazy("schema.employer")] | None:
        return wrap(await people.employer_of(info.context, self.record.upstream, self.record.scope))  # type: ignore[no-any-return]

    @strawberry.field(description="Informat: the school.")
    def institute(self) -> Annotated[Institute, strawberry.lazy("schema.institute")] | None:
        if self.record.upstream is not Upstream.INFORMAT:
            return None
        return wrap(InstituteRecord(self.record.scope))  # type: ignore[no-any-return]

    @classmethod
    def from_record(cls, record: EmploymentRecord) -> Employment:
        return cls(
            node_id=ids.employment_id(record),
            source=record.upstream,
            source_id=strawberry.ID(record.employment_id),
            start_date=record.start_date,
            end_date=record.end_date,
            job_title=record.job_title,
            department=record.department,
            hours_per_week=record.hours_per_week,
            fte=record.fte,
            payroll_id=record.payroll_id,
            structure=record.structure,
            subject=record.subject,
            school_year=SchoolYear(record.school_year) if record.school_year is not None else None,
            record=record,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Employment | None]:
        wanted = list(node_ids)
        found = await people.employments_by_node_id(info.context, wanted)
        return ordered(wanted, {k: cls.from_record(v) for k, v in found.items()}, required=required)


register(EmploymentRecord, Employment.from_record)


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
