"""Loket rows -> records: the one place that knows Loket's field names.

Shapes (``../shared/reference/upstreams.md`` §1.6-1.10, ``loket-fields.md``):

- an employee: ``personalDetails{firstName, lastName, prefix, initials, dateOfBirth}``,
  ``contactInformation{emailAddress, businessEmailAddress}``, ``employeeNumber``;
- an employment: ``id, startDate, endDate, payrollId, incomeRelationshipNumber`` and the
  embedded ``employee{id, employeeNumber, ...}`` summary; no job title or department
  (those are dated organizational entities);
- an organizational entity: ``function{description}``, ``deviatingFunctionDescription``,
  ``department{description}``, valid ``startDate .. endDate``;
- a leave-balance row (employer-wide ``leavebalances?referenceDate=``): employment-rooted,
  with ``employee{id}``, ``startDate``, ``incomeRelationshipNumber`` and the
  ``organizationalEntity`` valid on the reference date;
- an absence (sickness, from the absence endpoints): no top-level dates; it starts on
  ``progress.startDate`` and ends on ``endOfAbsence.date``; a calendar item carries
  ``startDate``/``endDate`` itself;
- a leave entry (from the leave endpoints): ``startDate, endDate, numberOfUnits,
  unitType{key}, leaveType{key, value}``.

``Absence.kind`` rests on which endpoint a row came from, never on ``causeOfAbsence`` key
values (the documents give one example key and no list): the absence endpoints register
sickness and "vangnet" cases, so their rows are ``SICKNESS``; the leave endpoints' rows
are ``LEAVE``.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from datetime import date
from typing import Any

from gateway.names import Upstream
from gateway.records import (
    AbsenceKind,
    AbsenceRecord,
    EmployerRecord,
    EmploymentRecord,
    PersonKey,
    PersonRecord,
    day,
)

Row = dict[str, Any]
HOURS = 1  # unitType key 1 "Uren" (upstreams.md §1.5)
# what joins an employment row to the employer-wide leave-balance row of the same employment,
# by fields both documents show (the balance row's own ``id`` is not documented as the employment id)
EmploymentJoin = tuple[str, Any, Any]


def _obj(value: Any) -> Row:
    return value if isinstance(value, dict) else {}


def employer(row: Row) -> EmployerRecord:
    return EmployerRecord(
        employer_id=str(row["id"]),
        employer_number=row.get("employerNumber"),
        company_name=row.get("companyName") or "",
        chamber_of_commerce_number=row.get("chamberOfCommerceNumber"),
        city=_obj(row.get("address")).get("city"),
    )


def person(row: Row, employer_id: str) -> PersonRecord:
    details = _obj(row.get("personalDetails"))
    contact = _obj(row.get("contactInformation"))
    emails = (contact.get("emailAddress"), contact.get("businessEmailAddress"))
    number = row.get("employeeNumber")
    return PersonRecord(
        key=PersonKey(
            Upstream.LOKET, employer_id, str(row["id"]), number=number if isinstance(number, int) else None
        ),
        first_name=details.get("firstName"),
        last_name=details.get("lastName"),
        last_name_prefix=details.get("prefix"),
        initials=details.get("initials"),
        date_of_birth=day(details.get("dateOfBirth")),
        emails=tuple(email for email in emails if isinstance(email, str) and email),
        employee_number=number if isinstance(number, int) else None,
    )


def employee_id_of(row: Row) -> str | None:
    """The employee an employment (or leave-balance) row belongs to."""
    ident = _obj(row.get("employee")).get("id")
    return str(ident) if ident else None


def employment_join(row: Row) -> EmploymentJoin:
    return (employee_id_of(row) or "", row.get("incomeRelationshipNumber"), row.get("startDate"))


def job_title(entity: Row | None) -> str | None:
    """``deviatingFunctionDescription`` if set, else the function's description (upstreams.md §1.8)."""
    if not entity:
        return None
    return entity.get("deviatingFunctionDescription") or _obj(entity.get("function")).get("description")


def valid_on(entity: Row, on: date) -> bool:
    start, end = day(entity.get("startDate")), day(entity.get("endDate"))
    return (start is None or start <= on) and (end is None or on <= end)


def employment(row: Row, employer_id: str, entity: Row | None) -> EmploymentRecord:
    payroll = row.get("payrollId")
    return EmploymentRecord(
        upstream=Upstream.LOKET,
        scope=employer_id,
        employment_id=str(row["id"]),
        person_id=employee_id_of(row) or "",
        start_date=day(row.get("startDate")),
        end_date=day(row.get("endDate")),
        job_title=job_title(entity),
        department=_obj(_obj(entity).get("department")).get("description"),
        payroll_id=payroll if isinstance(payroll, int) else None,
    )


def absence(row: Row, employer_id: str, employee_id: str, *, version: str | None = None) -> AbsenceRecord:
    """A calendar item (``startDate``/``endDate``) or a whole absence (``progress``/``endOfAbsence``)."""
    cause = _obj(row.get("causeOfAbsence"))
    progress = _obj(row.get("progress"))
    ended = _obj(row.get("endOfAbsence"))
    key = cause.get("key")
    percentage = row.get("incapacityPercentage", progress.get("currentIncapacityPercentage"))
    return AbsenceRecord(
        upstream=Upstream.LOKET,
        scope=employer_id,
        item="absence",
        absence_id=str(row["id"]),
        person_id=employee_id,
        kind=AbsenceKind.SICKNESS,
        start_date=day(row.get("startDate") or progress.get("startDate")),
        end_date=day(row.get("endDate") if "endDate" in row else ended.get("date")),
        code=str(key) if key is not None else None,
        description=cause.get("value"),
        incapacity_percentage=percentage if isinstance(percentage, int) else None,
        version=version,
    )


def leave(row: Row, employer_id: str, employee_id: str) -> AbsenceRecord:
    leave_type = _obj(row.get("leaveType"))
    units = row.get("numberOfUnits")
    return AbsenceRecord(
        upstream=Upstream.LOKET,
        scope=employer_id,
        item="leave",
        absence_id=str(row["id"]),
        person_id=employee_id,
        kind=AbsenceKind.LEAVE,
        start_date=day(row.get("startDate")),
        end_date=day(row.get("endDate")),
        code=str(leave_type.get("key")) if leave_type.get("key") is not None else None,
        description=leave_type.get("value"),
        hours=float(units)
        if isinstance(units, int | float) and _obj(row.get("unitType")).get("key") == HOURS
        else None,
    )


def balance_entity(row: Row) -> Row | None:
    """The organizational entity a leave-balance row carries (of its reference date), if any."""
    return _obj(row.get("organizationalEntity")) or None


def balance_employment(row: Row, employer_id: str) -> EmploymentRecord:
    """A leave-balance row read as its employment: the row is employment-rooted (dates, employee,
    entity), but its ``id`` is the balance's (``employment_id`` is provisional until joined)."""
    return employment(row, employer_id, balance_entity(row))


def employee_number(row: Row) -> int | None:
    """The employee number of a row that embeds ``employee{..., employeeNumber}``."""
    number = _obj(row.get("employee")).get("employeeNumber")
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def entities_by_employment(balances: Iterable[Row]) -> dict[EmploymentJoin, Row]:
    """The organizational entity of each employment, from leave-balance rows (those that have one)."""
    return {
        employment_join(row): row["organizationalEntity"]
        for row in balances
        if isinstance(row.get("organizationalEntity"), dict)
    }


def calendar_employee(row: Row) -> str | None:
    """The employee of a calendar row (``{employment: {employee: {id}}, absences|leave: [...]}``)."""
    return employee_id_of(_obj(row.get("employment")))


def calendar_items(row: Row, name: str) -> list[Row]:
    items = row.get(name)
    return (
        [item for item in items if isinstance(item, dict) and item.get("id")]
        if isinstance(items, list)
        else []
    )


def calendar_records(
    sick: Iterable[Row], taken: Iterable[Row], employer_id: str, wanted: Container[str] | None = None
) -> list[AbsenceRecord]:
    """Absence-calendar and leave-calendar rows -> records, of the ``wanted`` employees (all when
    ``None``). An item belongs to the employee; two of their employments may both list it, so each
    is converted once."""
    found: list[AbsenceRecord] = []
    seen: set[tuple[str, str]] = set()
    for batch, name, convert in ((sick, "absences", absence), (taken, "leave", leave)):
        for row in batch:
            employee = calendar_employee(row)
            if employee is None or (wanted is not None and employee not in wanted):
                continue
            for item in calendar_items(row, name):
                if (name, item["id"]) not in seen:
                    seen.add((name, item["id"]))
                    found.append(convert(item, employer_id, employee))
    return found
