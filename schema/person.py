"""``Person``: a Loket employee or an Informat staff member, behind one type.

The global id says which: ``loket:<employerId>:<employeeId>`` (the employer is where the
bulk lists live) or ``informat:<instituteNo>:<personId>``. An Informat person also
remembers the school year it was listed for, the default for its employments and
absences; a Loket person's employments use a reference date (default today) and its
absences a period (default the twelve months up to today).
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
from schema.absence import Absence, AbsenceFilter, AbsenceOrder, day
from schema.employment import Employment, EmploymentFilter, EmploymentOrder, SchoolYearValue
from schema.filters import DateFilter, IntFilter, StringFilter
from schema.node import FederatedNode, Source, make_node_id, ordered
from schema.pagination import Connection, window

if TYPE_CHECKING:
    from schema.employer import Employer
    from schema.institute import Institute

Owner = tuple[Source, str, str, int | None]


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
    owner: strawberry.Private[Owner]

    @strawberry.field(description="Loket: the employer this employee belongs to.")
    async def employer(
        self, info: Info[Context, None]
    ) -> Annotated[Employer, strawberry.lazy("schema.employer")] | None:
        return await employer_of(info.context, self.owner)

    @strawberry.field(description="Informat: the school this staff member was found at.")
    def institute(self) -> Annotated[Institute, strawberry.lazy("schema.institute")] | None:
        return institute_of(self.owner)

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
        from resolvers import informat, loket

        win = window(first, after, max_first=info.context.settings.limits.max_first)
        if self.source is Source.LOKET:
            return await loket.person_employments(
                info.context, self.owner, reference_date, filter, order_by, win
            )
        return await informat.person_employments(info.context, self.owner, school_year, filter, order_by, win)

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
        from resolvers import informat, loket

        win = window(first, after, max_first=info.context.settings.limits.max_first)
        if self.source is Source.LOKET:
            return await loket.person_absences(info.context, self.owner, from_, to, filter, order_by, win)
        return await informat.person_absences(
            info.context, self.owner, from_, to, school_year, filter, order_by, win
        )

    @classmethod
    def from_loket(cls, row: dict[str, Any], employer_id: str) -> Person:
        details = row.get("personalDetails") or {}
        contact = row.get("contactInformation") or {}
        emails = [contact.get("emailAddress"), contact.get("businessEmailAddress")]
        return cls(
            node_id=make_node_id(Source.LOKET, employer_id, row["id"]),
            source=Source.LOKET,
            source_id=strawberry.ID(row["id"]),
            first_name=details.get("firstName"),
            last_name=details.get("lastName"),
            last_name_prefix=details.get("prefix"),
            initials=details.get("initials"),
            date_of_birth=day(details.get("dateOfBirth")),
            emails=[email for email in emails if email],
            employee_number=row.get("employeeNumber"),
            owner=(Source.LOKET, employer_id, row["id"], None),
        )

    @classmethod
    def from_informat(cls, row: dict[str, Any], institute: str, year: SchoolYear) -> Person:
        person_id = str(row["personId"]).lower()
        emails = [entry.get("email") for entry in row.get("emailadressen") or [] if isinstance(entry, dict)]
        return cls(
            node_id=make_node_id(Source.INFORMAT, institute, person_id),
            source=Source.INFORMAT,
            source_id=strawberry.ID(person_id),
            first_name=row.get("voornaam"),
            last_name=row.get("naam"),
            last_name_prefix=None,
            initials=row.get("initialen"),
            date_of_birth=day(row.get("geboortedatum")),
            emails=[email for email in emails if email],
            employee_number=None,
            owner=(Source.INFORMAT, institute, person_id, year.start_year),
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Person | None]:
        from resolvers import informat, loket

        ids = list(node_ids)
        found = await loket.persons_by_node_id(info.context, [i for i in ids if i.startswith("loket:")])
        found |= await informat.persons_by_node_id(
            info.context, [i for i in ids if i.startswith("informat:")]
        )
        return ordered(ids, found, required=required)


async def employer_of(context: Context, owner: Owner) -> Employer | None:
    """The Loket employer a person or employment belongs to (``None`` for Informat records)."""
    source, scope, _, _ = owner
    if source is not Source.LOKET:
        return None
    from resolvers.loket import employers_by_node_id

    node_id = make_node_id(Source.LOKET, scope)
    return (await employers_by_node_id(context, [node_id])).get(node_id)


def institute_of(owner: Owner) -> Institute | None:
    """The Informat school a person or employment belongs to (``None`` for Loket records)."""
    source, scope, _, _ = owner
    if source is not Source.INFORMAT:
        return None
    from schema.institute import Institute

    return Institute.numbered(scope)


async def person_of(context: Context, owner: Owner) -> Person | None:
    """The person an employment or absence belongs to (batched through the loaders)."""
    from resolvers import informat, loket

    source, scope, person_id, year = owner
    if source is Source.LOKET:
        node_id = make_node_id(Source.LOKET, scope, person_id)
        return (await loket.persons_by_node_id(context, [node_id])).get(node_id)
    return await informat.person_in_year(context, scope, person_id, year)


@strawberry.input(description="Which persons to list; fields are ANDed, 'and'/'or' combine filters.")
class PersonFilter:
    first_name: StringFilter | None = None
    last_name: StringFilter | None = None
    initials: StringFilter | None = None
    date_of_birth: DateFilter | None = None
    employee_number: IntFilter | None = None
    and_: list[PersonFilter] | None = strawberry.field(default=None, name="and")
    or_: list[PersonFilter] | None = strawberry.field(default=None, name="or")


# PersonFilter attribute -> Loket employee field path (translated into Loket's `filter`)
LOKET_PERSON_PATHS = {
    "first_name": ("personalDetails", "firstName"),
    "last_name": ("personalDetails", "lastName"),
    "initials": ("personalDetails", "initials"),
    "date_of_birth": ("personalDetails", "dateOfBirth"),
    "employee_number": ("employeeNumber",),
}
# ... and -> Person attribute, evaluated by the gateway on Informat staff
GATEWAY_PERSON_PATHS = {name: (name,) for name in LOKET_PERSON_PATHS}


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
    """The gateway-side key (Person attribute); Loket's is ``LOKET_PERSON_PATHS`` of it."""
    path, descending = value.value
    return OrderKey((path,), descending)
