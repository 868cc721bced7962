"""Root fields over people and their work (Loket, Informat).

``persons``, ``employments`` and ``absences`` are scoped to exactly one source: a Loket
employer (``employerId``, an ``Employer`` id from ``employers``) or an Informat school
(``instituteNo``, a number such as ``"032912"`` or an ``Institute`` id, with an optional
``schoolYear``, default the current one). Neither or both is ``BAD_USER_INPUT`` naming
the argument, as is an argument of the other source (``schoolYear`` with ``employerId``,
``referenceDate`` with ``instituteNo``) — all before any upstream call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from gateway.context import Context
from gateway.dialects.informat import SchoolYear
from gateway.dialects.loket import OrderKey
from gateway.exceptions import InputError
from resolvers import informat, loket
from schema.absence import Absence, AbsenceFilter, AbsenceOrder
from schema.employer import Employer
from schema.employment import Employment, EmploymentFilter, EmploymentOrder, SchoolYearValue
from schema.filters import IntFilter, StringFilter, filter_tree, order_keys
from schema.institute import Institute
from schema.node import decode_global_id
from schema.pagination import Connection, window
from schema.person import Person, PersonFilter, PersonOrder


@strawberry.input(description="Which employers to list; fields are ANDed, 'and'/'or' combine filters.")
class EmployerFilter:
    company_name: StringFilter | None = None
    city: StringFilter | None = None
    employer_number: IntFilter | None = None
    and_: list[EmployerFilter] | None = strawberry.field(default=None, name="and")
    or_: list[EmployerFilter] | None = strawberry.field(default=None, name="or")


EMPLOYER_PATHS = {
    "company_name": ("companyName",),
    "city": ("address", "city"),
    "employer_number": ("employerNumber",),
}


@strawberry.enum
class EmployerOrder(Enum):
    COMPANY_NAME_ASC = ("companyName", False)
    COMPANY_NAME_DESC = ("companyName", True)
    EMPLOYER_NUMBER_ASC = ("employerNumber", False)
    EMPLOYER_NUMBER_DESC = ("employerNumber", True)


def _employer_key(value: EmployerOrder) -> OrderKey:
    path, descending = value.value
    return OrderKey((path,), descending)


@dataclass(frozen=True)
class Scope:
    """Where a root list reads: one Loket employer or one Informat school."""

    employer_id: str | None
    institute: str | None


def scope(
    employer_id: strawberry.ID | None,
    institute_no: str | None,
    *,
    school_year: SchoolYear | None = None,
    reference_date: date | None = None,
) -> Scope:
    if employer_id is not None and institute_no is not None:
        raise InputError(
            "give 'employerId' (Loket) or 'instituteNo' (Informat), not both", argument="instituteNo"
        )
    if employer_id is None and institute_no is None:
        raise InputError("give 'employerId' (Loket) or 'instituteNo' (Informat)", argument="employerId")
    if employer_id is not None:
        if school_year is not None:
            raise InputError("'schoolYear' is for Informat; Loket lists take dates", argument="schoolYear")
        return Scope(loket.employer_argument(str(employer_id)), None)
    assert institute_no is not None
    if reference_date is not None:
        raise InputError("'referenceDate' is for Loket employments", argument="referenceDate")
    return Scope(None, informat.institute_argument(institute_no))


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
        return await loket.employers_page(info.context, win, tree, order_keys(order_by, _employer_key))

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
        if where.employer_id is not None:
            return await loket.persons_page(info.context, where.employer_id, filter, order_by, win)
        assert where.institute is not None
        return await informat.staff_page(info.context, where.institute, school_year, filter, order_by, win)

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
        if where.employer_id is not None:
            return await loket.employments_page(
                info.context, where.employer_id, reference_date, filter, order_by, win
            )
        assert where.institute is not None
        return await informat.employments_page(
            info.context, where.institute, school_year, filter, order_by, win
        )

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
        if where.employer_id is not None:
            return await loket.absences_page(
                info.context, where.employer_id, from_, to, filter, order_by, win
            )
        assert where.institute is not None
        return await informat.absences_page(
            info.context, where.institute, school_year, from_, to, filter, order_by, win
        )

    @strawberry.field(description="Informat schools the gateway's Informat credential may read.")
    async def institutes(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[Institute] | None:
        return await informat.institutes_page(
            info.context, window(first, after, max_first=info.context.settings.limits.max_first)
        )
