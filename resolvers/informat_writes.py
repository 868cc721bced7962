"""Informat writes: interruptions (create with PUT, delete), their attachments, communication numbers.

Upstream validation errors (BR/MNA codes) come back from the client as
``UpstreamValidationError`` whose ``fields`` name the mutation's input fields.
"""

from __future__ import annotations

import uuid
from typing import Any

from gateway.context import Context
from gateway.dialects.informat import SchoolYear
from gateway.exceptions import InputError, UpstreamBadResponse
from resolvers.informat import absences_by_node_id
from resolvers.loaders.informat import InterruptionsLoader, with_informat_token
from schema.absence import Absence
from schema.node import Source, decode_global_id, make_node_id, split_node_id


def informat_person(value: str, argument: str = "personId") -> tuple[str, str]:
    """``(institute, personId)`` from an Informat ``Person`` global id."""
    node_id = decode_global_id(value, type_name="Person", argument=argument)
    _, (institute, person_id) = split_node_id(node_id, sources=[Source.INFORMAT], parts=2, argument=argument)
    return institute, person_id


def informat_interruption(value: str, argument: str = "id") -> tuple[str, int, str, str]:
    """``(institute, year, personId, interruptionId)`` from an Informat ``Absence`` global id."""
    node_id = decode_global_id(value, type_name="Absence", argument=argument)
    _, (institute, year, person_id, ident) = split_node_id(
        node_id, sources=[Source.INFORMAT], parts=4, argument=argument
    )
    if not year.isdigit():
        raise InputError(f"'{argument}' is not an id of this type", argument=argument)
    return institute, int(year), person_id, ident


async def create_interruption(context: Context, values: dict[str, Any]) -> Absence:
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
    await with_informat_token(
        context, lambda token: client.put_interruption(token, institute, person_id, ident, body)
    )
    context.loader(InterruptionsLoader).clear((institute, year))
    found = await absences_by_node_id(
        context, [make_node_id(Source.INFORMAT, institute, str(year.start_year), person_id, ident)]
    )
    if not found:
        raise UpstreamBadResponse(
            "informat accepted the interruption but does not list it", upstream="informat"
        )
    return next(iter(found.values()))


async def delete_interruption(context: Context, value: str) -> str:
    institute, year, _, ident = informat_interruption(value)
    client = context.upstreams.informat
    await with_informat_token(context, lambda token: client.delete_interruption(token, institute, ident))
    context.loader(InterruptionsLoader).clear((institute, SchoolYear(year)))
    return value


async def put_attachment(
    context: Context, interruption: str, attachment_id: str | None, filename: str, content: str
) -> str:
    institute, _, _, ident = informat_interruption(interruption, "interruptionId")
    chosen = _guid(attachment_id, "attachmentId") if attachment_id else str(uuid.uuid4())
    body = {"filename": filename, "file": content}
    client = context.upstreams.informat
    await with_informat_token(
        context, lambda token: client.put_attachment(token, institute, ident, chosen, body)
    )
    return chosen


async def delete_attachment(context: Context, interruption: str, attachment_id: str) -> str:
    institute, _, _, ident = informat_interruption(interruption, "interruptionId")
    chosen = _guid(attachment_id, "attachmentId")
    client = context.upstreams.informat
    await with_informat_token(
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
    return await with_informat_token(
        context, lambda token: client.put_communication_number(token, institute, person_id, body)
    )


async def delete_communication_number(context: Context, person: str, number_id: str) -> str:
    institute, person_id = informat_person(person)
    chosen = _guid(number_id, "id")
    client = context.upstreams.informat
    await with_informat_token(
        context, lambda token: client.delete_communication_number(token, institute, person_id, chosen)
    )
    return chosen


def _guid(value: str, argument: str) -> str:
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        raise InputError(f"'{argument}' is not a GUID", argument=argument) from None
