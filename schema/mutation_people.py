"""Mutations over people's work: Informat interruptions (with attachments and communication
numbers) and Loket absences (create, close).

Ids are the graph's own: a ``Person`` id says which school or employer to write to, an
``Absence`` id which record. Upstream refusals come back as errors whose
``extensions.fields`` names the input field (Informat's BR/MNA codes, Loket's
BrokenBusinessRule messages, mapped in the clients); a Loket close with a stale
``expectedVersion`` is a ``CONFLICT``.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry
from strawberry.types import Info

from gateway.context import Context
from resolvers import informat_writes, loket_writes
from schema.absence import Absence
from schema.scalars import SchoolYearValue


@strawberry.input(description="A sickness interruption to add for an Informat staff member.")
class CreateInterruptionInput:
    person_id: strawberry.ID = strawberry.field(description="An Informat Person id.")
    structure: str = strawberry.field(description="The main structure (hfd), e.g. '311'.")
    start_date: date
    end_date: date
    sender: str = strawberry.field(description="Who reports it (afzender), at most 50 characters.")
    school_year: SchoolYearValue | None = strawberry.field(
        default=None, description="Default: the school year holding startDate."
    )
    code: str = strawberry.field(
        default="1", description="Interruption code; Informat accepts '1' (sickness)."
    )
    remark: str | None = None
    doctor_name: str | None = None
    doctor_phone: str | None = None
    may_leave_home: bool = True
    unpaid: bool = strawberry.field(default=False, description="Sick leave without pay.")


@strawberry.input(description="A new Loket absence (sickness report) for an employee.")
class CreateLoketAbsenceInput:
    person_id: strawberry.ID = strawberry.field(description="A Loket Person id.")
    start_date: date
    incapacity_percentage: int = 100
    cause: int = strawberry.field(default=2, description="causeOfAbsence key (2 = Ziekte).")
    action: int = strawberry.field(
        default=2,
        description="actionToBeTakenByOccupationalHealthAndSafetyService key (2 = Normale controle).",
    )
    is_disrupted_employment_relationship: bool = False
    is_work_related_illness: bool = False
    is_recovered_within_two_weeks: bool = False
    hours_worked_on_first_day: int | None = None
    comments: str | None = None


@strawberry.enum(description="Kind of Informat communication number a client may write (soort).")
class CommunicationKind(Enum):
    PHONE = 1
    MOBILE = 3


@strawberry.type
class AbsencePayload:
    absence: Absence
    version: str | None = strawberry.field(description="Loket: the ETag of the absence as written.")


@strawberry.type
class DeletePayload:
    deleted_id: strawberry.ID


@strawberry.type
class AttachmentPayload:
    interruption_id: strawberry.ID
    attachment_id: strawberry.ID


@strawberry.type
class CommunicationNumberPayload:
    person_id: strawberry.ID
    id: strawberry.ID


@strawberry.type
class PeopleMutation:
    @strawberry.mutation(description="Informat: add a sickness interruption (PUT with a new id).")
    async def create_interruption(
        self, info: Info[Context, None], input: CreateInterruptionInput
    ) -> AbsencePayload:
        record = await informat_writes.create_interruption(info.context, dict(vars(input)))
        return AbsencePayload(absence=Absence.from_record(record), version=None)

    @strawberry.mutation(description="Informat: remove an interruption added through the API.")
    async def delete_interruption(self, info: Info[Context, None], id: strawberry.ID) -> DeletePayload:
        return DeletePayload(
            deleted_id=strawberry.ID(await informat_writes.delete_interruption(info.context, str(id)))
        )

    @strawberry.mutation(description="Informat: attach a file (base64) to an interruption; returns its id.")
    async def put_interruption_attachment(
        self,
        info: Info[Context, None],
        interruption_id: strawberry.ID,
        filename: str,
        content_base64: str,
        attachment_id: strawberry.ID | None = None,
    ) -> AttachmentPayload:
        chosen = await informat_writes.put_attachment(
            info.context, str(interruption_id), attachment_id, filename, content_base64
        )
        return AttachmentPayload(interruption_id=interruption_id, attachment_id=strawberry.ID(chosen))

    @strawberry.mutation(description="Informat: unlink an attachment from an interruption.")
    async def delete_interruption_attachment(
        self, info: Info[Context, None], interruption_id: strawberry.ID, attachment_id: strawberry.ID
    ) -> DeletePayload:
        chosen = await informat_writes.delete_attachment(
            info.context, str(interruption_id), str(attachment_id)
        )
        return DeletePayload(deleted_id=strawberry.ID(chosen))

    @strawberry.mutation(description="Informat: add a phone number, or update the one with 'id'.")
    async def put_communication_number(
        self,
        info: Info[Context, None],
        person_id: strawberry.ID,
        kind: CommunicationKind,
        type: int,
        number: str,
        id: strawberry.ID | None = None,
    ) -> CommunicationNumberPayload:
        chosen = await informat_writes.put_communication_number(
            info.context, str(person_id), id, kind.value, type, number
        )
        return CommunicationNumberPayload(person_id=person_id, id=strawberry.ID(chosen))

    @strawberry.mutation(description="Informat: remove a communication number.")
    async def delete_communication_number(
        self, info: Info[Context, None], person_id: strawberry.ID, id: strawberry.ID
    ) -> DeletePayload:
        chosen = await informat_writes.delete_communication_number(info.context, str(person_id), str(id))
        return DeletePayload(deleted_id=strawberry.ID(chosen))

    @strawberry.mutation(description="Loket: report an absence (sickness) for an employee.")
    async def create_loket_absence(
        self, info: Info[Context, None], input: CreateLoketAbsenceInput
    ) -> AbsencePayload:
        record = await loket_writes.create_absence(info.context, dict(vars(input)))
        return AbsencePayload(absence=Absence.from_record(record), version=record.version)

    @strawberry.mutation(
        description="Loket: close an open absence. 'expectedVersion' (the absence's 'version') makes a "
        "concurrent change a CONFLICT; without it the current version is read first."
    )
    async def close_loket_absence(
        self,
        info: Info[Context, None],
        id: strawberry.ID,
        end_date: date,
        reason: int | None = None,
        expected_version: str | None = None,
    ) -> AbsencePayload:
        record = await loket_writes.close_absence(info.context, str(id), end_date, reason, expected_version)
        return AbsencePayload(absence=Absence.from_record(record), version=record.version)
