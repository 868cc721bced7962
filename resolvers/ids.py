"""Node ids of the people graph <-> what the sources need, checked before any call.

Every id taken from a global id is parsed here with the format of each part
(``gateway.upstreams.paths.ID_FORMATS``: Loket UUIDs, Informat institute numbers and
GUIDs, school years), so a forged or relabelled-with-junk id is ``BAD_USER_INPUT`` naming
the argument, with no upstream call. The clients check and percent-encode the same ids
again where they build paths.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gateway.exceptions import InputError
from gateway.ids import make_node_id, node_upstream, parse_node_id
from gateway.names import Upstream
from gateway.records import AbsenceRecord, EmployerRecord, EmploymentRecord, PersonKey, PersonRecord

L, I = Upstream.LOKET, Upstream.INFORMAT  # noqa: E741

PERSON = {L: ("employerId", "employeeId"), I: ("instituteNo", "personId")}
EMPLOYMENT = {L: ("employerId", "employmentId"), I: ("instituteNo", "year", "assignmentId")}
ABSENCE = {
    L: ("employerId", "employeeId", "*", "absenceId"),
    I: ("instituteNo", "year", "personId", "interruptionId"),
}
EMPLOYER = {L: ("employerId",)}
INSTITUTE = {I: ("instituteNo",)}
LOKET_ITEMS = ("absence", "leave")


def _parts(
    node_id: str, formats: Mapping[Upstream, tuple[str, ...]], argument: str
) -> tuple[Upstream, list[str]]:
    upstream = node_upstream(node_id)
    if upstream is None or upstream not in formats:
        raise InputError(f"'{argument}' is not an id of this type", argument=argument)
    return upstream, parse_node_id(node_id, upstream, formats[upstream], argument=argument)


# ---- making ----


def person_id(record: PersonRecord) -> str:
    return make_node_id(record.key.upstream, record.key.scope, record.key.person_id)


def employment_id(record: EmploymentRecord) -> str:
    if record.upstream is I:
        return make_node_id(I, record.scope, str(record.school_year), record.employment_id)
    return make_node_id(record.upstream, record.scope, record.employment_id)


def absence_id(record: AbsenceRecord) -> str:
    if record.upstream is I:
        return make_node_id(I, record.scope, str(record.school_year), record.person_id, record.absence_id)
    return make_node_id(record.upstream, record.scope, record.person_id, record.item, record.absence_id)


def employer_id(record: EmployerRecord) -> str:
    return make_node_id(L, record.employer_id)


def institute_id(number: str) -> str:
    return make_node_id(I, number)


# ---- parsing ----


def person_key(node_id: str, argument: str = "id") -> PersonKey:
    upstream, (scope, ident) = _parts(node_id, PERSON, argument)
    return PersonKey(upstream, scope, ident.lower() if upstream is I else ident)


@dataclass(frozen=True)
class EmploymentRef:
    upstream: Upstream
    scope: str
    year: int | None
    ident: str


def employment_ref(node_id: str, argument: str = "id") -> EmploymentRef:
    upstream, parts = _parts(node_id, EMPLOYMENT, argument)
    if upstream is I:
        return EmploymentRef(I, parts[0], int(parts[1]), parts[2].lower())
    return EmploymentRef(L, parts[0], None, parts[1])


@dataclass(frozen=True)
class AbsenceRef:
    upstream: Upstream
    scope: str
    year: int | None
    person_id: str
    item: str
    ident: str


def absence_ref(node_id: str, argument: str = "id") -> AbsenceRef:
    upstream, parts = _parts(node_id, ABSENCE, argument)
    if upstream is I:
        return AbsenceRef(I, parts[0], int(parts[1]), parts[2].lower(), "interruption", parts[3].lower())
    if parts[2] not in LOKET_ITEMS:
        raise InputError(f"'{argument}' is not an id of this type", argument=argument)
    return AbsenceRef(L, parts[0], None, parts[1], parts[2], parts[3])


def employer_key(node_id: str, argument: str = "id") -> str:
    return _parts(node_id, EMPLOYER, argument)[1][0]


def institute_number(node_id: str, argument: str = "id") -> str:
    return _parts(node_id, INSTITUTE, argument)[1][0]
