"""Informat rows -> records: the one place that knows Informat's (Dutch) field names.

Staff (``GET /employees``): ``personId`` (GUID), ``naam``, ``voornaam``, ``initialen``,
``geboortedatum``, ``emailadressen[{email}]``. Assignments (``/employees/assignments``):
``id``, ``personId``, ``begindatum``, ``einddatum``, ``ambt`` (the function), ``vak``,
``hfd`` (main structure), ``prestatieUren`` over the full-time ``prestatieNoemer`` (the FTE
fraction). Interruptions (``/employees/interruptions``): ``doId``, ``personId``,
``begindatum``, ``einddatum``, ``code`` ("1" = ziekte), ``omschrijving``.

GUIDs are compared and kept in lower case: Informat writes them in either case.
"""

from __future__ import annotations

from typing import Any

from gateway.names import Upstream
from gateway.records import AbsenceKind, AbsenceRecord, EmploymentRecord, PersonKey, PersonRecord, day

Row = dict[str, Any]
SICKNESS_CODES = frozenset({"1"})


def guid(value: Any) -> str:
    return str(value or "").lower()


def person(row: Row, institute: str, year: int) -> PersonRecord:
    emails = [entry.get("email") for entry in row.get("emailadressen") or [] if isinstance(entry, dict)]
    return PersonRecord(
        key=PersonKey(Upstream.INFORMAT, institute, guid(row["personId"]), year=year),
        first_name=row.get("voornaam"),
        last_name=row.get("naam"),
        last_name_prefix=None,
        initials=row.get("initialen"),
        date_of_birth=day(row.get("geboortedatum")),
        emails=tuple(email for email in emails if isinstance(email, str) and email),
        employee_number=None,
    )


def _number(value: Any) -> float | None:
    try:
        return float(value) if value is not None and not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


def employment(row: Row, institute: str, year: int) -> EmploymentRecord:
    hours = _number(row.get("prestatieUren"))
    denominator = _number(row.get("prestatieNoemer"))
    return EmploymentRecord(
        upstream=Upstream.INFORMAT,
        scope=institute,
        employment_id=guid(row["id"]),
        person_id=guid(row.get("personId")),
        start_date=day(row.get("begindatum")),
        end_date=day(row.get("einddatum")),
        job_title=row.get("ambt"),
        hours_per_week=hours,
        fte=round(hours / denominator, 4) if hours is not None and denominator else None,
        structure=row.get("hfd"),
        subject=row.get("vak"),
        school_year=year,
    )


def kind(code: str, text: str | None) -> AbsenceKind:
    """Code 1 (Ziekteverlof) is sickness; a description naming leave (verlof) is leave."""
    if code in SICKNESS_CODES:
        return AbsenceKind.SICKNESS
    if "verlof" in str(text or "").lower():
        return AbsenceKind.LEAVE
    return AbsenceKind.OTHER


def interruption(row: Row, institute: str, year: int) -> AbsenceRecord:
    code = str(row.get("code") or "")
    text = row.get("omschrijving")
    return AbsenceRecord(
        upstream=Upstream.INFORMAT,
        scope=institute,
        item="interruption",
        absence_id=guid(row["doId"]),
        person_id=guid(row["personId"]),
        kind=kind(code, text),
        start_date=day(row.get("begindatum")),
        end_date=day(row.get("einddatum")),
        code=code or None,
        description=text,
        school_year=year,
    )
