"""Writes to Informat: interruptions, their attachments, communication numbers.

Ids come as global ids (or GUIDs the caller chose) and are checked before any call; the
school year's interruptions are re-read after a write so the answer shows what Informat
holds.
"""

from __future__ import annotations

import uuid
from typing import Any

from gateway.context import Context
from gateway.dialects.informat import SchoolYear
from gateway.exceptions import InputError, UpstreamBadResponse
from gateway.ids import decode_global_id
from gateway.names import Upstream
from gateway.records import AbsenceRecord
from gateway.sources import INFORMAT
from resolvers import ids


def informat_person(value: str, argument: str = "personId") -> tuple[str, str]:
    """``(institute, personId)`` from an Informat ``Person`` global id."""
    key = ids.person_key(decode_global_id(value, type_name="Person", argument=argument), argument)
    if key.upstream is not Upstream.INFORMAT:
        raise InputError(f"'{argument}' is not an Informat person", argument=argument)
    return key.scope, key.person_id


def informat_interruption(value: str, argument: str = "id") -> tuple[str, int, str, str]:
    """``(institute, year, personId, interruptionId)`` from an Informat ``Absence`` global id."""
    ref = ids.absence_ref(decode_global_id(value, type_name="Absence", argument=argument), argument)
    if ref.upstream is not Upstream.INFORMAT or ref.year is None:
        raise InputError(f"'{argument}' is not an Informat interruption", argument=argument)
    return ref.scope, ref.year, ref.person_id, ref.ident


async def create_interruption(context: Context, values: dict[str, Any]) -> AbsenceRecord:
    """PUT a new interruption (the gateway picks its id), then read it back from the school year's list."""
    institute, person_id = informat_person(values["person_id"])
    start, end = values["start_date"], values["end_date"]
    if end < start:
        raise InputError("'endDate' may not be before 'startDate'", argument="endDate")
    year: SchoolYear = values["school_year"] or SchoolYear.holding(start)
    ident = str(uuid.uuid4())
    body = {
        "instelnr": institute,
        "schooljaar": year.label,
        "hfd": values["structure"],
        "code": values["code"],
        "begindatum": start.isoformat(),
        "einddatum": end.isoformat(),
        "opmerking": values["remark"],
        "naamGeneesheer": values["doctor_name"],
        "telefoonGeneesheer": values["doctor_phone"],
        "magWoonstVerlaten": values["may_leave_home"],
        "afzender": values["sender"],
        "ziekteverlofZonderBezoldiging": values["unpaid"],
    }
    client = context.upstreams.informat
    await INFORMAT.with_token(
        context, lambda token: client.put_interruption(token, institute, person_id, ident, body)
    )
    INFORMAT.forget_interruptions(context, institute, year)
    found = await INFORMAT.absence_by_id(context, institute, year.start_year, person_id, ident)
    if found is None:
        raise UpstreamBadResponse(
            "informat accepted the interruption but does not list it", upstream=Upstream.INFORMAT
        )
    return found


async def delete_interruption(context: Context, value: str) -> str:
    institute, year, _, ident = informat_interruption(value)
    client = context.upstreams.informat
    await INFORMAT.with_token(context, lambda token: client.delete_interruption(token, institute, ident))
    INFORMAT.forget_interruptions(context, institute, SchoolYear(year))
    return value


async def put_attachment(
    context: Context, interruption: str, attachment_id: str | None, filename: str, content: str
) -> str:
    institute, _, _, ident = informat_interruption(interruption, "interruptionId")
    chosen = _guid(attachment_id, "attachmentId") if attachment_id else str(uuid.uuid4())
    body = {"filename": filename, "file": content}
    client = context.upstreams.informat
    await INFORMAT.with_token(
        context, lambda token: client.put_attachment(token, institute, ident, chosen, body)
    )
    return chosen


async def delete_attachment(context: Context, interruption: str, attachment_id: str) -> str:
    institute, _, _, ident = informat_interruption(interruption, "interruptionId")
    chosen = _guid(attachment_id, "attachmentId")
    client = context.upstreams.informat
    await INFORMAT.with_token(
        context, lambda token: client.delete_attachment(token, institute, ident, chosen)
    )
    return chosen


async def put_communication_number(
    context: Context, person: str, number_id: str | None, kind: int, type_: int, number: str
) -> str:
    institute, person_id = informat_person(person)
    body: dict[str, Any] = {"soort": kind, "type": type_, "nummer": number}
    if number_id:
        body["id"] = _guid(number_id, "id")
    client = context.upstreams.informat
    return await INFORMAT.with_token(
        context, lambda token: client.put_communication_number(token, institute, person_id, body)
    )


async def delete_communication_number(context: Context, person: str, number_id: str) -> str:
    institute, person_id = informat_person(person)
    chosen = _guid(number_id, "id")
    client = context.upstreams.informat
    await INFORMAT.with_token(
        context, lambda token: client.delete_communication_number(token, institute, person_id, chosen)
    )
    return chosen


def _guid(value: str, argument: str) -> str:
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        raise InputError(f"'{argument}' is not a GUID", argument=argument) from None
