"""The simulator's rows: what the API shows (``json``) plus what it decides by (the other fields).

Seeded rows are never mutated; the writable ones (interruptions, communication numbers,
attachments) are copied into ``simulators.informat.store.Store`` and changed there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from simulators.informat.catalog import Ambt

Json = dict[str, Any]


@dataclass(frozen=True)
class Membership:
    """A person's tie to one institute: decides hoofdAmbt, isActive, first service, groups."""

    institute: str
    structures: tuple[str, ...]  # every structure the person has worked in here, main first
    ambt: Ambt
    first_service: date
    first_service_group: date | None  # None: unknown, shown as 1900-01-01 like the document's example
    first_service_community: date | None
    active_structures: frozenset[str]  # empty: not marked active here
    groups: tuple[tuple[str, str, str], ...]  # (id, naam, structure)
    years: frozenset[int]  # school years (start) with an assignment here
    worked: frozenset[tuple[int, str]]  # (school year, structure) pairs with an assignment here


@dataclass(frozen=True)
class Employee:
    person_id: str
    p_persoon: int
    stamnr: str
    naam: str
    voornaam: str
    base: Json  # the version-2 object; institute-dependent keys and comnrs are filled per request
    school_emails: tuple[str, ...]
    memberships: dict[str, Membership]


@dataclass(frozen=True)
class Assignment:
    id: str
    person_id: str
    institute: str
    year: int
    hfd: str
    subsidised: bool  # opdrachtType 1; False = niet-subsidieerbare uren (2)
    hours: float
    json: Json


@dataclass
class Interruption:
    """An interruption (dienstonderbreking) with the facts behind the MNA rules."""

    id: str
    person_id: str
    institute: str
    school_year: int
    hfd: str
    code: str
    begin: date
    end: date
    via_api: bool = False
    verified: bool = False
    sent_to_agodi: bool = False
    has_substitution: bool = False
    json: Json = field(default_factory=dict)
    details: Json = field(default_factory=dict)  # doctor, magWoonstVerlaten, afzender: stored, never shown


@dataclass(frozen=True)
class Appointment:
    person_id: str
    institute: str
    hfd: str
    json: Json


@dataclass(frozen=True)
class OwnFieldValue:
    person_id: str
    institute: str
    hfd: str
    years: frozenset[int]
    json: Json


@dataclass(frozen=True)
class Photo:
    person_id: str
    changed: datetime
    json: Json


@dataclass
class ComNr:
    id: str
    soort: int
    type: int
    nr: str


@dataclass
class Attachment:
    id: str
    person_id: str
    filename: str
    size: int
    interruptions: set[str] = field(default_factory=set)
