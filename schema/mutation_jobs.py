"""Vacancy mutations (ICTerGezocht ``POST``/``PUT``/``DELETE /vacancy``) with typed inputs.

``VacancyInput`` mirrors the API's body field for field, so the ``path`` of an upstream
400 (``company.typeId``, ``customFields.0.value``) names the input field too: it comes
back in ``extensions.fields`` as ``input.company.typeId``. PUT needs the same required
fields as POST, so one input serves create and update.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from gateway.context import Context
from gateway.exceptions import UpstreamValidationError
from resolvers import ictergezocht
from schema.node import decode_global_id
from schema.vacancy import Vacancy


@strawberry.input(description="The employer as the vacancy shows it.")
class CompanyInput:
    name: str
    description: str | None = None
    logo_url: str | None = None
    type_id: int | None = strawberry.field(
        default=None, description="An id from ICTerGezocht's company types."
    )


@strawberry.input(description="The recruiter; without one the account's default recruiter is used.")
class CompanyUserInput:
    name: str
    email: str
    phone: str | None = None
    photo_url: str | None = None
    function_id: int | None = strawberry.field(
        default=None, description="An id from ICTerGezocht's user functions."
    )


@strawberry.input
class CustomFieldInput:
    name: str
    value: str


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


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _body(value: Any) -> Any:
    """An input object as the API's JSON body: camelCase keys, unset fields left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            _camel(f.name): _body(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) is not None
        }
    if isinstance(value, list):
        return [_body(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


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
    publish_date: strawberry.Private[date | None]

    @strawberry.field(description="The vacancy with its figures (read back from the insight list).")
    async def vacancy(self, info: Info[Context, None]) -> Vacancy | None:
        if self.publish_date is not None:
            return await ictergezocht.vacancy(info.context, self.vacancy_id, self.publish_date)
        return await ictergezocht.newest_vacancy(info.context, self.vacancy_id)


@strawberry.type
class DeleteVacancyPayload:
    deleted_id: strawberry.ID


def _payload(body: dict[str, Any], publish_date: date | None) -> VacancyPayload:
    return VacancyPayload(
        vacancy_id=body["vacancyId"], url=str(body.get("vacancyUrl") or ""), publish_date=publish_date
    )


@strawberry.type
class JobsMutation:
    @strawberry.mutation(description="Publish a vacancy on ICTerGezocht.nl (POST /vacancy).")
    async def create_vacancy(self, info: Info[Context, None], input: VacancyInput) -> VacancyPayload | None:
        try:
            created = await ictergezocht.create_vacancy(info.context, _body(input))
        except UpstreamValidationError as error:
            raise _name_input_fields(error) from None
        return _payload(created, None)

    @strawberry.mutation(
        description="Replace a vacancy's fields (PUT /vacancy/{id}); its id and figures stay."
    )
    async def update_vacancy(
        self, info: Info[Context, None], id: strawberry.ID, input: VacancyInput
    ) -> VacancyPayload | None:
        vacancy_id, publish_date = ictergezocht.parse_vacancy_id(decode_global_id(id, type_name="Vacancy"))
        try:
            updated = await ictergezocht.update_vacancy(info.context, vacancy_id, _body(input))
        except UpstreamValidationError as error:
            raise _name_input_fields(error) from None
        return _payload(updated, publish_date)

    @strawberry.mutation(
        description="Remove a vacancy (DELETE /vacancy/{id}); its clicks stay in the click log."
    )
    async def delete_vacancy(
        self, info: Info[Context, None], id: strawberry.ID
    ) -> DeleteVacancyPayload | None:
        vacancy_id, _ = ictergezocht.parse_vacancy_id(decode_global_id(id, type_name="Vacancy"))
        await ictergezocht.delete_vacancy(info.context, vacancy_id)
        return DeleteVacancyPayload(deleted_id=id)
