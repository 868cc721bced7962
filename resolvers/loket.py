"""Resolvers over Loket.nl: employers, their employees, employments and absences.

Persons are paged by Loket itself (``PersonFilter``/``PersonOrder`` become Loket's
``filter``/``orderBy``). Employments and absences come from the employer-wide bulk
lists (one call per employer for all of them, shared by every person in the
operation), so their filters and orderings are applied here (``local_page``).
Absences are the absence calendar plus leave taken, over ``from``..``to`` (default the
twelve months up to today).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from gateway.context import Context
from gateway.dialects import loket as dialect
from gateway.dialects.filters import Filter
from gateway.dialects.loket import OrderKey
from gateway.exceptions import InputError
from resolvers.loaders.loket import (
    AbsenceItemsLoader,
    CalendarAbsencesLoader,
    EmployeePage,
    EmployeePagesLoader,
    EmployeesLoader,
    EmploymentsLoader,
    LeaveLoader,
    OrgEntitiesLoader,
    VisibleEmployersLoader,
)
from resolvers.local import check_period, local_page, overlaps
from schema.absence import ABSENCE_PATHS, Absence, AbsenceFilter, AbsenceOrder, absence_key
from schema.employer import Employer
from schema.employment import EMPLOYMENT_PATHS, Employment, EmploymentFilter, EmploymentOrder, employment_key
from schema.filters import filter_tree, order_keys
from schema.node import Source, decode_global_id, split_node_id
from schema.pagination import Connection, Window, build_connection
from schema.person import LOKET_PERSON_PATHS, Owner, Person, PersonFilter, PersonOrder

DEFAULT_PERIOD = timedelta(days=365)


async def employers_page(
    context: Context, win: Window, tree: Filter | None, order: list[OrderKey]
) -> Connection[Employer]:
    """One page of the employers the caller's Loket user may see, filtered and ordered by Loket."""
    token = context.credential("loket")
    if win.limit == 0:
        page = await context.upstreams.loket.employers(
            token, page_size=1, filter=dialect.render_filter(tree) if tree else None
        )
        return build_connection([], win, page.total)
    plan = dialect.page_plan(win.offset, win.limit)
    rows: list[dict[str, Any]] = []
    total = 0
    for number, size in plan.pages:
        page = await context.upstreams.loket.employers(
            token,
            page_number=number,
            page_size=size,
            filter=dialect.render_filter(tree) if tree else None,
            order_by=dialect.render_order(order),
        )
        rows.extend(page.items)
        total = page.total
    chosen = rows[plan.skip : plan.skip + win.limit]
    return build_connection([Employer.from_loket(row) for row in chosen], win, total)


async def employers_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, Employer]:
    loader = context.loader(VisibleEmployersLoader)
    wanted = {node_id: split_node_id(node_id, sources=[Source.LOKET], parts=1)[1][0] for node_id in node_ids}
    rows = await loader.load_many(list(wanted.values()))
    return {node_id: Employer.from_loket(row) for node_id, row in zip(wanted, rows, strict=True) if row}


def employer_argument(value: str, argument: str = "employerId") -> str:
    """The Loket employer id inside an ``Employer`` global id (what ``employers`` lists)."""
    node_id = decode_global_id(value, type_name="Employer", argument=argument)
    return split_node_id(node_id, sources=[Source.LOKET], parts=1, argument=argument)[1][0]


def _loket_order(order_by: list[PersonOrder] | None) -> str | None:
    keys = []
    for value in order_by or ():
        attribute, descending = value.value
        keys.append(OrderKey(LOKET_PERSON_PATHS[attribute], descending))
    return dialect.render_order(keys)


async def persons_page(
    context: Context,
    employer_id: str,
    given: PersonFilter | None,
    order_by: list[PersonOrder] | None,
    win: Window,
) -> Connection[Person]:
    """Employees of one employer, filtered, ordered and paged by Loket."""
    tree = filter_tree(given, LOKET_PERSON_PATHS)
    text = dialect.render_filter(tree) if tree else None
    order = _loket_order(order_by)
    context.credential("loket")  # no token: UNAUTHENTICATED before anything else
    loader = context.loader(EmployeePagesLoader)
    if win.limit == 0:
        page = await loader.load(EmployeePage(employer_id, 1, 1, text, order))
        return build_connection([], win, page.total)
    plan = dialect.page_plan(win.offset, win.limit)
    pages = await loader.load_many(
        [EmployeePage(employer_id, n, size, text, order) for n, size in plan.pages]
    )
    rows = [row for page in pages for row in page.items]
    chosen = rows[plan.skip : plan.skip + win.limit]
    persons = [Person.from_loket(row, employer_id) for row in chosen]
    # the rows are here already: prime the by-id loader so person lookups below cost nothing
    by_id = context.loader(EmployeesLoader)
    for row in chosen:
        by_id.prime((employer_id, row["id"]), row)
    return build_connection(persons, win, pages[-1].total)


async def persons_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, Person]:
    wanted = {
        node_id: tuple(split_node_id(node_id, sources=[Source.LOKET], parts=2)[1]) for node_id in node_ids
    }
    if not wanted:
        return {}
    rows = await context.loader(EmployeesLoader).load_many(list(wanted.values()))
    return {
        node_id: Person.from_loket(row, key[0])
        for (node_id, key), row in zip(wanted.items(), rows, strict=True)
        if row
    }


async def _employments(context: Context, employer_id: str, reference: date | None) -> list[Employment]:
    rows = await context.loader(EmploymentsLoader).load(employer_id)
    entities = await context.loader(OrgEntitiesLoader).load((employer_id, reference or context.today()))
    return [Employment.from_loket(row, employer_id, entities.get(row["id"])) for row in rows]


async def person_employments(
    context: Context,
    owner: Owner,
    reference: date | None,
    given: EmploymentFilter | None,
    order_by: list[EmploymentOrder] | None,
    win: Window,
) -> Connection[Employment]:
    tree = filter_tree(given, EMPLOYMENT_PATHS)
    _, employer_id, employee_id, _ = owner
    records = [e for e in await _employments(context, employer_id, reference) if e.owner[2] == employee_id]
    return local_page(records, tree, order_keys(order_by, employment_key), win)


async def employments_page(
    context: Context,
    employer_id: str,
    reference: date | None,
    given: EmploymentFilter | None,
    order_by: list[EmploymentOrder] | None,
    win: Window,
) -> Connection[Employment]:
    tree = filter_tree(given, EMPLOYMENT_PATHS)
    records = await _employments(context, employer_id, reference)
    return local_page(records, tree, order_keys(order_by, employment_key), win)


async def employments_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, Employment]:
    found: dict[str, Employment] = {}
    for node_id in node_ids:
        _, (employer_id, ident) = split_node_id(node_id, sources=[Source.LOKET], parts=2)
        for record in await _employments(context, employer_id, None):
            if record.source_id == ident:
                found[node_id] = record
    return found


def period(context: Context, first: date | None, last: date | None) -> tuple[date, date]:
    check_period(first, last)
    last = last or max(context.today(), first or context.today())
    return first or last - DEFAULT_PERIOD, last


async def _absences(context: Context, employer_id: str, first: date, last: date) -> dict[str, list[Absence]]:
    """Employee id -> absences and leave overlapping the period (two calls for a whole employer)."""
    calendar = await context.loader(CalendarAbsencesLoader).load((employer_id, first, last))
    leave = await context.loader(LeaveLoader).load((employer_id, first, last))
    found: dict[str, list[Absence]] = {}
    for employee_id, rows in calendar.items():
        found.setdefault(employee_id, []).extend(
            Absence.from_loket_absence(row, employer_id, employee_id) for row in rows
        )
    for employee_id, rows in leave.items():
        found.setdefault(employee_id, []).extend(
            Absence.from_loket_leave(row, employer_id, employee_id) for row in rows
        )
    return found


async def person_absences(
    context: Context,
    owner: Owner,
    first: date | None,
    last: date | None,
    given: AbsenceFilter | None,
    order_by: list[AbsenceOrder] | None,
    win: Window,
) -> Connection[Absence]:
    start, end = period(context, first, last)
    tree = filter_tree(given, ABSENCE_PATHS)
    _, employer_id, employee_id, _ = owner
    records = (await _absences(context, employer_id, start, end)).get(employee_id, [])
    keys = order_keys(order_by, absence_key) or [OrderKey(("start_date",))]
    return local_page(records, tree, keys, win)


async def absences_page(
    context: Context,
    employer_id: str,
    first: date | None,
    last: date | None,
    given: AbsenceFilter | None,
    order_by: list[AbsenceOrder] | None,
    win: Window,
) -> Connection[Absence]:
    start, end = period(context, first, last)
    tree = filter_tree(given, ABSENCE_PATHS)
    records = [a for rows in (await _absences(context, employer_id, start, end)).values() for a in rows]
    keys = order_keys(order_by, absence_key) or [OrderKey(("start_date",))]
    return local_page([a for a in records if overlaps(a, start, end)], tree, keys, win)


async def absences_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, Absence]:
    """Single GETs (they carry the ETag a close needs); ids name the employee, so ``person`` works."""
    wanted = {}
    for node_id in node_ids:
        _, (employer_id, employee_id, kind, ident) = split_node_id(node_id, sources=[Source.LOKET], parts=4)
        if kind in ("absence", "leave"):
            wanted[node_id] = (employer_id, employee_id, kind, ident)
    items = await context.loader(AbsenceItemsLoader).load_many([(k[2], k[3]) for k in wanted.values()])
    found: dict[str, Absence] = {}
    for (node_id, (employer_id, employee_id, kind, _)), item in zip(wanted.items(), items, strict=True):
        if item is None:
            continue
        if kind == "absence":
            record = Absence.from_loket_absence(item.content, employer_id, employee_id)
            record.version = item.etag
        else:
            record = Absence.from_loket_leave(item.content, employer_id, employee_id)
        found[node_id] = record
    return found


# ---- writes: absences (create, close with If-Match) ----


def loket_person(value: str, argument: str = "personId") -> tuple[str, str]:
    """``(employerId, employeeId)`` from a Loket ``Person`` global id."""
    node_id = decode_global_id(value, type_name="Person", argument=argument)
    _, (employer_id, employee_id) = split_node_id(node_id, sources=[Source.LOKET], parts=2, argument=argument)
    return employer_id, employee_id


async def create_absence(context: Context, values: dict[str, Any]) -> Absence:
    """POST an absence (Loket creates its first progress record with it)."""
    employer_id, employee_id = loket_person(values["person_id"])
    body: dict[str, Any] = {
        "causeOfAbsence": {"key": values["cause"]},
        "actionToBeTakenByOccupationalHealthAndSafetyService": {"key": values["action"]},
        "isDisruptedEmploymentRelationship": values["is_disrupted_employment_relationship"],
        "isWorkRelatedIllness": values["is_work_related_illness"],
        "isRecoveredWithinTwoWeeks": values["is_recovered_within_two_weeks"],
        "hoursWorkedOnFirstDayOfAbsence": values["hours_worked_on_first_day"],
        "comments": values["comments"],
        "progress": {
            "startDate": values["start_date"].isoformat(),
            "currentIncapacityPercentage": values["incapacity_percentage"],
        },
    }
    token = context.credential("loket")
    item = await context.upstreams.loket.create_absence(token, employee_id, body)
    record = Absence.from_loket_absence(item.content, employer_id, employee_id)
    record.version = item.etag
    return record


def loket_absence(value: str, argument: str = "id") -> tuple[str, str, str]:
    """``(employerId, employeeId, absenceId)`` from a Loket absence's global id (not a leave entry)."""
    node_id = decode_global_id(value, type_name="Absence", argument=argument)
    _, (employer_id, employee_id, kind, ident) = split_node_id(
        node_id, sources=[Source.LOKET], parts=4, argument=argument
    )
    if kind != "absence":
        raise InputError(
            f"'{argument}' is a Loket leave entry; only absences can be closed", argument=argument
        )
    return employer_id, employee_id, ident


async def close_absence(
    context: Context, value: str, end: date, reason: int | None, expected_version: str | None
) -> Absence:
    """PATCH closeabsence with ``If-Match``: the version the caller saw, else the current one.

    With ``expectedVersion`` a concurrent change (another close, an edit) makes the ETag
    stale and Loket answers 409, which becomes a ``CONFLICT`` error; without it the gateway
    reads the absence first (one GET) and closes what it read.
    """
    employer_id, employee_id, ident = loket_absence(value)
    token = context.credential("loket")
    etag = expected_version
    if not etag:
        current = await context.loader(AbsenceItemsLoader).load(("absence", ident))
        if current is None:
            raise InputError("'id' names no absence", argument="id")
        etag = current.etag or "*"
    body: dict[str, Any] = {"endOfAbsence": {"date": end.isoformat()}}
    if reason is not None:
        body["endOfAbsence"]["reason"] = {"key": reason}
    item = await context.upstreams.loket.close_absence(token, ident, body, if_match=etag)
    context.loader(AbsenceItemsLoader).clear(("absence", ident))
    record = Absence.from_loket_absence(item.content, employer_id, employee_id)
    record.version = item.etag
    return record
