"""Root fields over people and their work (Loket, Informat).

``persons``, ``employments`` and ``absences`` are scoped to exactly one source: a Loket
employer (``employerId``, an ``Employer`` id from ``employers``) or an Informat school
(``instituteNo``, a number such as ``"032912"`` or an ``Institute`` id, with an optional
``schoolYear``, default the current one). Neither or both is ``BAD_USER_INPUT`` naming
the argument, as is an argument of the other source (``schoolYear`` with ``employerId``,
``referenceDate`` with ``instituteNo``) — all before any upstream call.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from gateway.context import Context
from gateway.dialects.loket import OrderKey
from gateway.ids import decode_global_id
from gateway.records import AbsenceQuery, EmploymentQuery
from resolvers import people
from schema.absence import ABSENCE_PATHS, Absence, AbsenceFilter, AbsenceOrder, absence_key
from schema.employer import Employer
from schema.employment import (
    EMPLOYMENT_PATHS,
    Employment,
    EmploymentFilter,
    EmploymentOrder,
    employment_key,
)
from schema.filters import IntFilter, StringFilter, filter_tree, order_keys
from schema.institute import Institute
from schema.pagination import Connection, connection, window
from schema.person import PERSON_PATHS, Person, PersonFilter, PersonOrder, person_key
from schema.scalars import SchoolYearValue


@strawberry.input(description="Which employers to list; fields are ANDed, 'and'/'or' combine filters.")
class EmployerFilter:
    company_name: StringFilter | None = None
    city: StringFilter | None = None
    employer_number: IntFilter | None = None
    and_: list[EmployerFilter] | None = strawberry.field(default=None, name="and")
    or_: list[EmployerFilter] | None = strawberry.field(default=None, name="or")


EMPLOYER_PATHS = {name: (name,) for name in ("company_name", "city", "employer_number")}


@strawberry.enum
class EmployerOrder(Enum):
    COMPANY_NAME_ASC = ("company_name", False)
    COMPANY_NAME_DESC = ("company_name", True)
    EMPLOYER_NUMBER_ASC = ("employer_number", False)
    EMPLOYER_NUMBER_DESC = ("employer_number", True)


def _employer_key(value: EmployerOrder) -> OrderKey:
    path, descending = value.value
    return OrderKey((path,), descending)


def scope(
    employer_id: strawberry.ID | None,
    institute_no: str | None,
    *,
    school_year: object = None,
    reference_date: date | None = None,
) -> people.Scope:
    """Exactly one of ``employerId`` (an Employer id) and ``instituteNo`` (a number or an Institute id)."""
    employer = None
    if employer_id is not None:
        employer = decode_global_id(str(employer_id), type_name="Employer", argument="employerId")
    institute = None
    if institute_no is not None:
        text = institute_no.strip()
        decoded = None
        if not (text.isascii() and text.isdigit()):
            decoded = decode_global_id(text, type_name="Institute", argument="instituteNo")
        institute = people.institute_argument(text, decoded)
    return people.scope(
        employer,
        institute,
        school_year=school_year,  # type: ignore[arg-type]
        reference_date=reference_date,
    )


@strawberry.type
class PeopleQuery:
    @strawberry.field(description="Loket employers the caller's Loket user may see.")
    async def employers(
        self,
        info: Info[Context, None],
        first: int | None = None,
        after: str | None = None,
        filter: EmployerFilter | None = None,
        order_by: list[EmployerOrder] | None = None,
    ) -> Connection[Employer] | None:
        win = window(first, after, max_first=info.context.settings.limits.max_first)
        tree = filter_tree(filter, EMPLOYER_PATHS)
        page = await people.employers_page(info.context, tree, order_keys(order_by, _employer_key), win)
        return connection(page, Employer.from_record)

    @strawberry.field(description="Loket employees of one employer, or Informat staff of one school year.")
    async def persons(
        self,
        info: Info[Context, None],
        employer_id: strawberry.ID | None = None,
        institute_no: str | None = None,
        school_year: SchoolYearValue | None = None,
        filter: PersonFilter | None = None,
        order_by: list[PersonOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Person] | None:
        where = scope(employer_id, institute_no, school_year=school_year)
        win = window(first, after, max_first=info.context.settings.limits.max_first)
        page = await people.persons_page(
            info.context,
            where,
            school_year,
            filter_tree(filter, PERSON_PATHS),
            order_keys(order_by, person_key),
            win,
        )
        return connection(page, Person.from_record)

    @strawberry.field(description="One person by id (as 'node', typed).")
    async def person(self, info: Info[Context, None], id: strawberry.ID) -> Person | None:
        node_id = decode_global_id(str(id), type_name="Person")
        return next(iter(await Person.resolve_nodes(info=info, node_ids=[node_id])))

    @strawberry.field(
        description="Loket employments of one employer (job titles on referenceDate, default today), or "
        "Informat assignments of one school year."
    )
    async def employments(
        self,
        info: Info[Context, None],
        employer_id: strawberry.ID | None = None,
        institute_no: str | None = None,
        school_year: SchoolYearValue | None = None,
        reference_date: date | None = None,
        filter: EmploymentFilter | None = None,
        order_by: list[EmploymentOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Employment] | None:
        where = scope(employer_id, institute_no, school_year=school_year, reference_date=reference_date)
        win = window(first, after, max_first=info.context.settings.limits.max_first)
        page = await people.employments_page(
            info.context,
            where,
            EmploymentQuery(reference_date, school_year),
            filter_tree(filter, EMPLOYMENT_PATHS),
            order_keys(order_by, employment_key),
            win,
        )
        return connection(page, Employment.from_record)

    @strawberry.field(
        description="Loket absences and leave of one employer overlapping from..to (default the last twelve "
        "months), or Informat interruptions of one school year (optionally narrowed to from..to)."
    )
    async def absences(
        self,
        info: Info[Context, None],
        employer_id: strawberry.ID | None = None,
        institute_no: str | None = None,
        school_year: SchoolYearValue | None = None,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
        filter: AbsenceFilter | None = None,
        order_by: list[AbsenceOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Absence] | None:
        where = scope(employer_id, institute_no, school_year=school_year)
        win = window(first, after, max_first=info.context.settings.limits.max_first)
        page = await people.absences_page(
            info.context,
            where,
            AbsenceQuery(from_, to, school_year),
            filter_tree(filter, ABSENCE_PATHS),
            order_keys(order_by, absence_key),
            win,
        )
        return connection(page, Absence.from_record)

    @strawberry.field(description="Informat schools the gateway's Informat credential may read.")
    async def institutes(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[Institute] | None:
        page = await people.institutes_page(
            info.context, window(first, after, max_first=info.context.settings.limits.max_first)
        )
        return connection(page, Institute.numbered)
