"""``Person``: a Loket employee or an Informat staff member, behind one type.

The global id says which: ``loket:<employerId>:<employeeId>`` (the employer is where the
bulk lists live) or ``informat:<instituteNo>:<personId>``. An Informat person also
remembers the school year it was listed for, the default for its employments and
absences; a Loket person's employments use a reference date (default today) and its
absences a period (default the twelve months up to today). The record's key
(``gateway.records.PersonKey``) is what the loaders batch on, whatever the upstream.
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
from gateway.dialects.loket import OrderKey
from gateway.names import Upstream
from gateway.records import AbsenceQuery, EmploymentQuery, InstituteRecord, PersonRecord
from resolvers import ids, people
from schema.absence import ABSENCE_PATHS, Absence, AbsenceFilter, AbsenceOrder, absence_key
from schema.employment import (
    EMPLOYMENT_PATHS,
    Employment,
    EmploymentFilter,
    EmploymentOrder,
    employment_key,
)
from schema.filters import DateFilter, IntFilter, StringFilter, filter_tree, order_keys
from schema.node import FederatedNode, Source, ordered
from schema.pagination import Connection, connection, window
from schema.scalars import SchoolYearValue
from schema.wrap import register, wrap

if TYPE_CHECKING:
    from schema.employer import Employer
    from schema.institute import Institute


@strawberry.federation.type(keys=["id"], description="Someone who works: a Loket employee or Informat staff.")
class Person(FederatedNode):
    node_id: relay.NodeID[str]
    source: Source
    source_id: strawberry.ID = strawberry.field(description="The person's id in its upstream.")
    first_name: str | None
    last_name: str | None
    last_name_prefix: str | None = strawberry.field(description="Loket: 'van', 'de', ... (tussenvoegsel).")
    initials: str | None
    date_of_birth: date | None
    emails: list[str]
    employee_number: int | None = strawberry.field(description="Loket: the employee number.")
    record: strawberry.Private[PersonRecord]

    @strawberry.field(description="Loket: the employer this employee belongs to.")
    async def employer(
        self, info: Info[Context, None]
    ) -> Annotated[Employer, strawberry.lazy("schema.employer")] | None:
        key = self.record.key
        return wrap(await people.employer_of(info.context, key.upstream, key.scope))  # type: ignore[no-any-return]

    @strawberry.field(description="Informat: the school this staff member was found at.")
    def institute(self) -> Annotated[Institute, strawberry.lazy("schema.institute")] | None:
        if self.record.key.upstream is not Upstream.INFORMAT:
            return None
        return wrap(InstituteRecord(self.record.key.scope))  # type: ignore[no-any-return]

    @strawberry.field(
        description="Loket employments (job title on referenceDate, default today) or Informat "
        "assignments of a school year (default the one the person was listed for)."
    )
    async def employments(
        self,
        info: Info[Context, None],
        reference_date: date | None = None,
        school_year: SchoolYearValue | None = None,
        filter: EmploymentFilter | None = None,
        order_by: list[EmploymentOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Employment] | None:
        page = await people.person_employments(
            info.context,
            self.record.key,
            EmploymentQuery(reference_date, school_year),
            filter_tree(filter, EMPLOYMENT_PATHS),
            order_keys(order_by, employment_key),
            window(first, after, max_first=info.context.settings.limits.max_first),
        )
        return connection(page, Employment.from_record)

    @strawberry.field(
        description="Loket absences and leave overlapping from..to (default the last twelve months), or "
        "Informat interruptions of a school year (default the one the person was listed for)."
    )
    async def absences(
        self,
        info: Info[Context, None],
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
        school_year: SchoolYearValue | None = None,
        filter: AbsenceFilter | None = None,
        order_by: list[AbsenceOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Absence] | None:
        page = await people.person_absences(
            info.context,
            self.record.key,
            AbsenceQuery(from_, to, school_year),
            filter_tree(filter, ABSENCE_PATHS),
            order_keys(order_by, absence_key),
            window(first, after, max_first=info.context.settings.limits.max_first),
        )
        return connection(page, Absence.from_record)

    @classmethod
    def from_record(cls, record: PersonRecord) -> Person:
        return cls(
            node_id=ids.person_id(record),
            source=record.key.upstream,
            source_id=strawberry.ID(record.key.person_id),
            first_name=record.first_name,
            last_name=record.last_name,
            last_name_prefix=record.last_name_prefix,
            initials=record.initials,
            date_of_birth=record.date_of_birth,
            emails=list(record.emails),
            employee_number=record.employee_number,
            record=record,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Person | None]:
        wanted = list(node_ids)
        found = await people.persons_by_node_id(info.context, wanted)
        return ordered(wanted, {k: cls.from_record(v) for k, v in found.items()}, required=required)


register(PersonRecord, Person.from_record)


@strawberry.input(description="Which persons to list; fields are ANDed, 'and'/'or' combine filters.")
class PersonFilter:
    first_name: StringFilter | None = None
    last_name: StringFilter | None = None
    initials: StringFilter | None = None
    date_of_birth: DateFilter | None = None
    employee_number: IntFilter | None = None
    and_: list[PersonFilter] | None = strawberry.field(default=None, name="and")
    or_: list[PersonFilter] | None = strawberry.field(default=None, name="or")


# PersonFilter attribute -> record attribute; Loket's source renders them as its own field paths
PERSON_PATHS = {
    name: (name,) for name in ("first_name", "last_name", "initials", "date_of_birth", "employee_number")
}


@strawberry.enum
class PersonOrder(Enum):
    LAST_NAME_ASC = ("last_name", False)
    LAST_NAME_DESC = ("last_name", True)
    FIRST_NAME_ASC = ("first_name", False)
    FIRST_NAME_DESC = ("first_name", True)
    DATE_OF_BIRTH_ASC = ("date_of_birth", False)
    DATE_OF_BIRTH_DESC = ("date_of_birth", True)
    EMPLOYEE_NUMBER_ASC = ("employee_number", False)
    EMPLOYEE_NUMBER_DESC = ("employee_number", True)


def person_key(value: PersonOrder) -> OrderKey:
    path, descending = value.value
    return OrderKey((path,), descending)
