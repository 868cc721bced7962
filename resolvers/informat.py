"""Resolvers over Informat Personeel: staff of a school year, their assignments and interruptions.

Informat filters nothing but school year and structure, so ``PersonFilter``,
``EmploymentFilter``, ``AbsenceFilter`` and every ``orderBy`` are applied here, after the
bulk fetch of a whole school (one call per list, see ``resolvers.loaders.informat``);
paging is a slice of the filtered list, and ``totalCount`` is its length. Paging of
lists held in full is ``resolvers.local.local_page``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import TypeVar

from strawberry import relay

from gateway.context import Context
from gateway.dialects.informat import SchoolYear, current_school_year
from gateway.tokens import jwt_institutes
from resolvers.loaders.informat import (
    AssignmentsLoader,
    EmployeeLoader,
    InterruptionsLoader,
    StaffLoader,
    informat_token,
)
from resolvers.local import check_period, local_page, overlaps
from schema.absence import ABSENCE_PATHS, Absence, AbsenceFilter, AbsenceOrder, absence_key
from schema.employment import EMPLOYMENT_PATHS, Employment, EmploymentFilter, EmploymentOrder, employment_key
from schema.filters import filter_tree, order_keys
from schema.institute import Institute
from schema.node import Source, decode_global_id, split_node_id
from schema.pagination import Connection, Window, build_connection
from schema.person import GATEWAY_PERSON_PATHS, Owner, Person, PersonFilter, PersonOrder, person_key

N = TypeVar("N", bound=relay.Node)
E = TypeVar("E", bound=Enum)


def school_year(context: Context, given: SchoolYear | None) -> SchoolYear:
    """The year asked for, else the current one (1 September - 31 August) by the gateway's today."""
    return given or current_school_year(context.today())


async def staff_page(
    context: Context,
    institute: str,
    year: SchoolYear | None,
    given: PersonFilter | None,
    order_by: list[PersonOrder] | None,
    win: Window,
) -> Connection[Person]:
    tree = filter_tree(given, GATEWAY_PERSON_PATHS)
    chosen = school_year(context, year)
    rows = await context.loader(StaffLoader).load((institute, chosen))
    persons = [Person.from_informat(row, institute, chosen) for row in rows]
    return local_page(persons, tree, order_keys(order_by, person_key), win)


async def person_in_year(context: Context, institute: str, person_id: str, year: int | None) -> Person | None:
    """One staff member: from the school year's staff list when listed there, else one GET."""
    chosen = SchoolYear(year) if year is not None else school_year(context, None)
    rows = await context.loader(StaffLoader).load((institute, chosen))
    row = next((r for r in rows if str(r.get("personId")).lower() == person_id), None)
    if row is None:
        row = await context.loader(EmployeeLoader).load((institute, person_id, chosen))
    return Person.from_informat(row, institute, chosen) if row else None


async def persons_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, Person]:
    """Every id is checked before any call; the lookups then go to the loader as one batch."""
    year = school_year(context, None)
    wanted: dict[str, tuple[str, str, SchoolYear]] = {}
    for node_id in node_ids:
        _, (institute, person_id) = split_node_id(node_id, sources=[Source.INFORMAT], parts=2)
        wanted[node_id] = (institute, person_id.lower(), year)
    rows = await context.loader(EmployeeLoader).load_many(list(wanted.values()))
    return {
        node_id: Person.from_informat(row, key[0], year)
        for (node_id, key), row in zip(wanted.items(), rows, strict=True)
        if row
    }


async def person_employments(
    context: Context,
    owner: Owner,
    year: SchoolYear | None,
    given: EmploymentFilter | None,
    order_by: list[EmploymentOrder] | None,
    win: Window,
) -> Connection[Employment]:
    tree = filter_tree(given, EMPLOYMENT_PATHS)
    _, institute, person_id, listed = owner
    chosen = year or (SchoolYear(listed) if listed is not None else school_year(context, None))
    by_person = await context.loader(AssignmentsLoader).load((institute, chosen))
    rows = by_person.get(person_id, [])
    records = [Employment.from_informat(row, institute, chosen.start_year) for row in rows]
    return local_page(records, tree, order_keys(order_by, employment_key), win)


async def employments_page(
    context: Context,
    institute: str,
    year: SchoolYear | None,
    given: EmploymentFilter | None,
    order_by: list[EmploymentOrder] | None,
    win: Window,
) -> Connection[Employment]:
    tree = filter_tree(given, EMPLOYMENT_PATHS)
    chosen = school_year(context, year)
    by_person = await context.loader(AssignmentsLoader).load((institute, chosen))
    records = [
        Employment.from_informat(row, institute, chosen.start_year)
        for rows in by_person.values()
        for row in rows
    ]
    return local_page(records, tree, order_keys(order_by, employment_key), win)


async def employments_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, Employment]:
    found: dict[str, Employment] = {}
    for node_id in node_ids:
        _, (institute, year, ident) = split_node_id(node_id, sources=[Source.INFORMAT], parts=3)
        if not year.isdigit():
            continue
        by_person = await context.loader(AssignmentsLoader).load((institute, SchoolYear(int(year))))
        for row in (r for rows in by_person.values() for r in rows):
            if str(row.get("id")).lower() == ident:
                found[node_id] = Employment.from_informat(row, institute, int(year))
    return found


async def _absences(
    context: Context, institute: str, year: SchoolYear, person_id: str | None
) -> list[Absence]:
    by_person = await context.loader(InterruptionsLoader).load((institute, year))
    rows = (
        by_person.get(person_id, [])
        if person_id is not None
        else [r for rs in by_person.values() for r in rs]
    )
    return [Absence.from_informat(row, institute, year.start_year) for row in rows]


async def person_absences(
    context: Context,
    owner: Owner,
    first: date | None,
    last: date | None,
    year: SchoolYear | None,
    given: AbsenceFilter | None,
    order_by: list[AbsenceOrder] | None,
    win: Window,
) -> Connection[Absence]:
    check_period(first, last)
    tree = filter_tree(given, ABSENCE_PATHS)
    _, institute, person_id, listed = owner
    chosen = year or (SchoolYear(listed) if listed is not None else school_year(context, None))
    records = [a for a in await _absences(context, institute, chosen, person_id) if overlaps(a, first, last)]
    return local_page(records, tree, order_keys(order_by, absence_key), win)


async def absences_page(
    context: Context,
    institute: str,
    year: SchoolYear | None,
    first: date | None,
    last: date | None,
    given: AbsenceFilter | None,
    order_by: list[AbsenceOrder] | None,
    win: Window,
) -> Connection[Absence]:
    check_period(first, last)
    tree = filter_tree(given, ABSENCE_PATHS)
    chosen = school_year(context, year)
    records = [a for a in await _absences(context, institute, chosen, None) if overlaps(a, first, last)]
    return local_page(records, tree, order_keys(order_by, absence_key), win)


async def absences_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, Absence]:
    found: dict[str, Absence] = {}
    for node_id in node_ids:
        _, (institute, year, person_id, ident) = split_node_id(node_id, sources=[Source.INFORMAT], parts=4)
        if not year.isdigit():
            continue
        for record in await _absences(context, institute, SchoolYear(int(year)), person_id):
            if record.source_id == ident:
                found[node_id] = record
    return found


async def visible_institutes(context: Context) -> list[str]:
    """Configured schools, else those the gateway's token (or the caller's JWT) has scopes for."""
    configured = [number for number, _ in context.settings.informat_institutes]
    if configured:
        return configured
    caller = context.credentials.for_upstream("informat")
    if caller is not None:
        return list(jwt_institutes(caller))
    await informat_token(context)
    held = await context.upstreams.informat_tokens.token()
    return list(held.institutes) if held else []


async def institutes_page(context: Context, win: Window) -> Connection[Institute]:
    numbers = sorted(await visible_institutes(context))
    chosen = [Institute.numbered(n) for n in numbers[win.offset : win.offset + win.limit]]
    return build_connection(chosen, win, len(numbers))


async def institutes_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, Institute]:
    ids = list(node_ids)
    if not ids:
        return {}
    visible = set(await visible_institutes(context))
    found = {}
    for node_id in ids:
        _, (number,) = split_node_id(node_id, sources=[Source.INFORMAT], parts=1)
        if number in visible:
            found[node_id] = Institute.numbered(number)
    return found


def institute_argument(value: str, argument: str = "instituteNo") -> str:
    """An institute number as given (``"032912"``) or an Institute's global id."""
    text = value.strip()
    if text.isdigit() and len(text) == 6:
        return text
    node_id = decode_global_id(text, type_name="Institute", argument=argument)
    _, (number,) = split_node_id(node_id, sources=[Source.INFORMAT], parts=1, argument=argument)
    return number
