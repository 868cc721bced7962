"""Vacancy mutations (ICTerGezocht ``POST``/``PUT``/``DELETE /vacancy``) with typed inputs.

``VacancyInput`` mirrors the API's body field for field: it becomes a ``VacancyDraft``
(``gateway.job_records``), which the source writes as the body, so the ``path`` of an
upstream 400 (``company.typeId``, ``customFields.0.value``) names the input field too: it
comes back in ``extensions.fields`` as ``input.company.typeId``. PUT needs the same
required fields as POST, so one input serves create and update.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import strawberry
from strawberry.types import Info

from gateway.context import Context
from gateway.exceptions import UpstreamValidationError
from gateway.ids import decode_global_id
from gateway.job_records import (
    CompanyDraft,
    CompanyUserDraft,
    CustomFieldDraft,
    VacancyDraft,
    VacancyWritten,
)
from resolvers import ictergezocht
from schema.vacancy import Vacancy


@strawberry.input(description="The employer as the vacancy shows it.")
class CompanyInput:
    name: str
    description: str | None = None
    logo_url: str | None = None
    type_id: int | None = strawberry.field(
        default=None, description="An id from ICTerGezocht's company types."
    )

    def draft(self) -> CompanyDraft:
        return CompanyDraft(self.name, self.description, self.logo_url, self.type_id)


@strawberry.input(description="The recruiter; without one the account's default recruiter is used.")
class CompanyUserInput:
    name: str
    email: str
    phone: str | None = None
    photo_url: str | None = None
    function_id: int | None = strawberry.field(
        default=None, description="An id from ICTerGezocht's user functions."
    )

    def draft(self) -> CompanyUserDraft:
        return CompanyUserDraft(self.name, self.email, self.phone, self.photo_url, self.function_id)


@strawberry.input
class CustomFieldInput:
    name: str
    value: str

    def draft(self) -> CustomFieldDraft:
        return CustomFieldDraft(self.name, self.value)


@strawberry.input(
    description="A vacancy as ICTerGezocht.nl takes it (create, and update: which replaces it)."
)
class VacancyInput:
    reference_number: str
    title: str
    description: str
    location: str = strawberry.field(description="Town or postcode.")
    country_code: str | None = None
    education: str | None = None
    experience: str | None = None
    employment: str | None = None
    hours: str | None = None
    salary: str | None = None
    industry: str | None = None
    ats_id: str | None = None
    auto_delete_date: date | None = None
    company: CompanyInput | None = None
    company_user: CompanyUserInput | None = None
    custom_fields: list[CustomFieldInput] | None = None

    def draft(self) -> VacancyDraft:
        return VacancyDraft(
            reference_number=self.reference_number,
            title=self.title,
            description=self.description,
            location=self.location,
            country_code=self.country_code,
            education=self.education,
            experience=self.experience,
            employment=self.employment,
            hours=self.hours,
            salary=self.salary,
            industry=self.industry,
            ats_id=self.ats_id,
            auto_delete_date=self.auto_delete_date,
            company=self.company.draft() if self.company else None,
            company_user=self.company_user.draft() if self.company_user else None,
            custom_fields=tuple(item.draft() for item in self.custom_fields)
            if self.custom_fields is not None
            else None,
        )


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


_INPUT_FIELDS = {_camel(f.name) for f in dataclasses.fields(VacancyInput)}


def _name_input_fields(error: UpstreamValidationError) -> UpstreamValidationError:
    """Upstream body paths -> this mutation's input paths; paths that are no input field are dropped
    from ``fields`` (they stay in the message)."""
    error.fields = {
        f"input.{path}": message
        for path, message in error.fields.items()
        if path.split(".")[0] in _INPUT_FIELDS
    }
    return error


@strawberry.type(description="A vacancy as ICTerGezocht.nl stored it.")
class VacancyPayload:
    vacancy_id: int
    url: str = strawberry.field(description="The vacancy's page on ictergezocht.nl.")
    written: strawberry.Private[VacancyWritten]
    publish_date: strawberry.Private[date | None]

    @classmethod
    def of(cls, written: VacancyWritten, publish_date: date | None) -> VacancyPayload:
        return cls(vacancy_id=written.vacancy_id, url=written.url, written=written, publish_date=publish_date)

    @strawberry.field(description="The vacancy with its figures (read back from the insight list).")
    async def vacancy(self, info: Info[Context, None]) -> Vacancy | None:
        record = await ictergezocht.vacancy(info.context, self.written, self.publish_date)
        return Vacancy.from_record(record) if record is not None else None


@strawberry.type
class DeleteVacancyPayload:
    deleted_id: strawberry.ID


@strawberry.type
class JobsMutation:
    @strawberry.mutation(description="Publish a vacancy on ICTerGezocht.nl (POST /vacancy).")
    async def create_vacancy(self, info: Info[Context, None], input: VacancyInput) -> VacancyPayload | None:
        try:
            created = await ictergezocht.create_vacancy(info.context, input.draft())
        except UpstreamValidationError as error:
            raise _name_input_fields(error) from None
        return VacancyPayload.of(created, None)

    @strawberry.mutation(
        description="Replace a vacancy's fields (PUT /vacancy/{id}); its id and figures stay."
    )
    async def update_vacancy(
        self, info: Info[Context, None], id: strawberry.ID, input: VacancyInput
    ) -> VacancyPayload | None:
        vacancy_id, publish_date = ictergezocht.parse_vacancy_id(decode_global_id(id, type_name="Vacancy"))
        try:
            updated = await ictergezocht.update_vacancy(info.context, vacancy_id, input.draft())
        except UpstreamValidationError as error:
            raise _name_input_fields(error) from None
        return VacancyPayload.of(updated, publish_date)

    @strawberry.mutation(
        description="Remove a vacancy (DELETE /vacancy/{id}); its clicks stay in the click log."
    )
    async def delete_vacancy(
        self, info: Info[Context, None], id: strawberry.ID
    ) -> DeleteVacancyPayload | None:
        vacancy_id, _ = ictergezocht.parse_vacancy_id(decode_global_id(id, type_name="Vacancy"))
        await ictergezocht.delete_vacancy(info.context, vacancy_id)
        return DeleteVacancyPayload(deleted_id=id)
