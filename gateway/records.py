"""Typed records: what sources hand to resolvers and the schema wraps, instead of upstream dicts.

A source (``gateway.sources``) turns an upstream's rows into these records once per
request; resolvers filter, order and page them; ``schema`` wraps only the records a
client asked for into GraphQL objects. Attribute names are the GraphQL field names in
snake case, so gateway-side filters and orderings (``gateway.dialects.evaluate``) read
them directly.

``PersonKey`` says whose employments or absences to load: the upstream, its scope (the
Loket employer or Informat institute the person was found in), the person's upstream
id, and what the upstream needs to find them in bulk (Loket's employee number, the
Informat school year the person was listed for).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from gateway.dialects.informat import SchoolYear
from gateway.names import Upstream


class AbsenceKind(Enum):
    """Sickness (Loket absence endpoints, Informat code 1), leave (Loket leave endpoints, Informat
    leave codes) or anything else."""

    SICKNESS = "SICKNESS"
    LEAVE = "LEAVE"
    OTHER = "OTHER"


@dataclass(frozen=True, slots=True)
class PersonKey:
    """Identifies a person for the loaders; equal keys are loaded once per request."""

    upstream: Upstream
    scope: str
    person_id: str
    # Loket: the employee number (unique within the employer; short enough to batch in a filter)
    number: int | None = None
    # Informat: the school year (its start year) the person was listed for
    year: int | None = None


@dataclass(frozen=True, slots=True)
class EmployerRecord:
    employer_id: str
    employer_number: int | None
    company_name: str
    chamber_of_commerce_number: str | None
    city: str | None


@dataclass(frozen=True, slots=True)
class PersonRecord:
    key: PersonKey
    first_name: str | None
    last_name: str | None
    last_name_prefix: str | None
    initials: str | None
    date_of_birth: date | None
    emails: tuple[str, ...]
    employee_number: int | None


@dataclass(frozen=True, slots=True)
class EmploymentRecord:
    upstream: Upstream
    scope: str
    employment_id: str
    person_id: str
    start_date: date | None
    end_date: date | None
    job_title: str | None = None
    department: str | None = None
    hours_per_week: float | None = None
    fte: float | None = None
    payroll_id: int | None = None
    structure: str | None = None
    subject: str | None = None
    school_year: int | None = None


@dataclass(slots=True)
class AbsenceRecord:
    upstream: Upstream
    scope: str
    # "absence" or "leave" (Loket) / "interruption" (Informat): which endpoint reads it back
    item: str
    absence_id: str
    person_id: str
    kind: AbsenceKind
    start_date: date | None
    end_date: date | None
    code: str | None = None
    description: str | None = None
    incapacity_percentage: int | None = None
    hours: float | None = None
    # Loket absences read one by one: the ETag a close must send as If-Match
    version: str | None = None
    school_year: int | None = None


@dataclass(frozen=True, slots=True)
class EmploymentQuery:
    """Which employments: Loket's on a reference date (job titles; default today), Informat's of a
    school year (default the year the person was listed for, else the current one)."""

    reference_date: date | None = None
    school_year: SchoolYear | None = None


@dataclass(frozen=True, slots=True)
class AbsenceQuery:
    """Which absences: overlapping ``first .. last`` (Loket's default: the twelve months up to
    today), of a school year (Informat; default as for employments)."""

    first: date | None = None
    last: date | None = None
    school_year: SchoolYear | None = None


def day(value: object) -> date | None:
    """``"2026-09-01"`` or Informat's ``"2026-09-01T00:00:00"`` -> a date; anything unreadable -> None."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class InstituteRecord:
    """An Informat school; the API names none, so only its number (names come from settings)."""

    number: str
