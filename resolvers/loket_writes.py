"""Writes to Loket: report an absence, close one with ``If-Match``.

Ids come as global ids and are checked (``resolvers.ids``) before any call; Loket's own
refusals (a ``BrokenBusinessRule``, a stale ETag) come back as typed errors naming the
input field (``gateway.upstreams.loket``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from gateway.context import Context
from gateway.exceptions import InputError
from gateway.ids import decode_global_id
from gateway.names import Upstream
from gateway.records import AbsenceRecord
from gateway.sources import LOKET
from resolvers import ids

# what an ETag may hold (RFC 9110 entity-tag: visible ASCII); anything else never reaches a header
_ETAG_MAX = 200


def loket_person(value: str, argument: str = "personId") -> tuple[str, str]:
    """``(employerId, employeeId)`` from a Loket ``Person`` global id."""
    key = ids.person_key(decode_global_id(value, type_name="Person", argument=argument), argument)
    if key.upstream is not Upstream.LOKET:
        raise InputError(f"'{argument}' is not a Loket person", argument=argument)
    return key.scope, key.person_id


async def create_absence(context: Context, values: dict[str, Any]) -> AbsenceRecord:
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
    return await LOKET.create_absence(context, employer_id, employee_id, body)


def loket_absence(value: str, argument: str = "id") -> ids.AbsenceRef:
    """A Loket absence's ref from its global id (not a leave entry, not Informat)."""
    ref = ids.absence_ref(decode_global_id(value, type_name="Absence", argument=argument), argument)
    if ref.upstream is not Upstream.LOKET:
        raise InputError(f"'{argument}' is not a Loket absence", argument=argument)
    if ref.item != "absence":
        raise InputError(
            f"'{argument}' is a Loket leave entry; only absences can be closed", argument=argument
        )
    return ref


def check_version(value: str) -> str:
    if not value or len(value) > _ETAG_MAX or not all(" " < char < "\x7f" for char in value):
        raise InputError("'expectedVersion' is not a version this API gave out", argument="expectedVersion")
    return value


async def close_absence(
    context: Context, value: str, end: date, reason: int | None, expected_version: str | None
) -> AbsenceRecord:
    """PATCH closeabsence with ``If-Match``: the version the caller saw, else the current one.

    With ``expectedVersion`` a concurrent change (another close, an edit) makes the ETag
    stale and Loket answers 409, which becomes a ``CONFLICT`` error; without it the gateway
    reads the absence first (one GET) and closes what it read.
    """
    ref = loket_absence(value)
    etag = check_version(expected_version) if expected_version is not None else None
    if etag is None:
        current = await LOKET.absence_by_id(context, ref.scope, ref.person_id, "absence", ref.ident)
        if current is None:
            raise InputError("'id' names no absence", argument="id")
        etag = current.version or "*"
    body: dict[str, Any] = {"endOfAbsence": {"date": end.isoformat()}}
    if reason is not None:
        body["endOfAbsence"]["reason"] = {"key": reason}
    return await LOKET.close_absence(context, ref.scope, ref.person_id, ref.ident, body, etag)
