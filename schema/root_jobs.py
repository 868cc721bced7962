"""Root fields over jobs and teacher training: ``vacancies`` (ICTerGezocht) and
``trainingPrograms`` (Onderwijsloket), with their typed filters and orderings.
"""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.types import Info

from gateway.context import Context
from gateway.dialects.loket import OrderKey
from gateway.exceptions import InputError
from gateway.geo import Point
from gateway.paging import window
from resolvers import ictergezocht, onderwijsloket
from schema.filters import DateFilter, FloatFilter, IntFilter, StringFilter, filter_tree, order_keys
from schema.pagination import Connection, connection
from schema.training_program import TrainingProgram, program_selection, selections_at
from schema.vacancy import Vacancy, VacancyStatus


@strawberry.input(description="Conditions on a vacancy's status.")
class VacancyStatusFilter:
    eq: VacancyStatus | None = None
    ne: VacancyStatus | None = None
    in_: list[VacancyStatus] | None = strawberry.field(default=None, name="in")


@strawberry.input(
    description=(
        "Which vacancies to list; fields are ANDed, 'and'/'or' combine filters. ICTerGezocht selects "
        "only by publish period: publishDate eq/gt/gte/lt/lte at the top level is sent to it; every "
        "other condition is applied by the gateway to the vacancies it reads (then totalCount is "
        "null unless the whole period was read)."
    )
)
class VacancyFilter:
    title: StringFilter | None = None
    reference_number: StringFilter | None = None
    city: StringFilter | None = None
    campaign: StringFilter | None = None
    function_group: StringFilter | None = None
    publish_date: DateFilter | None = None
    status: VacancyStatusFilter | None = None
    clicks: IntFilter | None = None
    applications: IntFilter | None = None
    runtime: IntFilter | None = None
    cost: FloatFilter | None = None
    cpc: FloatFilter | None = None
    and_: list[VacancyFilter] | None = strawberry.field(default=None, name="and")
    or_: list[VacancyFilter] | None = strawberry.field(default=None, name="or")


# VacancyFilter attribute -> VacancyRecord attribute; the source sends what the API can select
VACANCY_PATHS = {
    name: (name,)
    for name in (
        "title",
        "reference_number",
        "city",
        "campaign",
        "function_group",
        "publish_date",
        "status",
        "clicks",
        "applications",
        "runtime",
        "cost",
        "cpc",
    )
}


@strawberry.enum(description="Vacancy orderings; applied by the gateway (ICTerGezocht cannot sort).")
class VacancyOrder(Enum):
    PUBLISH_DATE_ASC = ("publish_date", False)
    PUBLISH_DATE_DESC = ("publish_date", True)
    TITLE_ASC = ("title", False)
    TITLE_DESC = ("title", True)
    CITY_ASC = ("city", False)
    CLICKS_DESC = ("clicks", True)
    APPLICATIONS_DESC = ("applications", True)
    COST_DESC = ("cost", True)


@strawberry.input(
    description="Which training programs to list; fields are ANDed, 'and'/'or' combine filters."
)
class TrainingProgramFilter:
    name: StringFilter | None = None
    type: StringFilter | None = None
    level: StringFilter | None = None
    degree: StringFilter | None = None
    credits: IntFilter | None = None
    city: StringFilter | None = strawberry.field(
        default=None,
        description=(
            "The town of any of its locations, as Location.city reads it from the address data "
            "(matched against the location table, then sent to Onderwijsloket as location ids)."
        ),
    )
    institution: StringFilter | None = strawberry.field(
        default=None, description="The name of an institution."
    )
    form: StringFilter | None = strawberry.field(
        default=None, description="A program form's product_form: voltijd, deeltijd or duaal."
    )
    and_: list[TrainingProgramFilter] | None = strawberry.field(default=None, name="and")
    or_: list[TrainingProgramFilter] | None = strawberry.field(default=None, name="or")


# TrainingProgramFilter attribute -> ProgramRecord path (the town is resolved by the resolver)
PROGRAM_PATHS = {
    "name": ("name",),
    "type": ("type",),
    "level": ("level",),
    "degree": ("degree",),
    "credits": ("credits",),
    "city": onderwijsloket.TOWN,
    "institution": ("institutions", "name"),
    "form": ("forms", "form"),
}


@strawberry.enum(description="Training program orderings (done by Onderwijsloket).")
class TrainingProgramOrder(Enum):
    NAME_ASC = ("name", False)
    NAME_DESC = ("name", True)
    CREDITS_ASC = ("credits", False)
    CREDITS_DESC = ("credits", True)
    LEVEL_ASC = ("level", False)
    TYPE_ASC = ("type", False)


def _key(value: VacancyOrder | TrainingProgramOrder) -> OrderKey:
    path, descending = value.value
    return OrderKey((path,), descending)


@strawberry.input(
    description=(
        "A circle on the map: a town (placed at the centre of its Onderwijsloket locations; a town "
        "with none is a PLACE_UNKNOWN error naming near.city) or a point."
    )
)
class NearInput:
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float = 40.0


def _near(given: NearInput | None) -> onderwijsloket.Near | None:
    """Checked before any call: a town or a latitude/longitude pair, and a sensible radius."""
    if given is None:
        return None
    onderwijsloket.check_radius(given.radius_km, "near")
    has_point = given.latitude is not None or given.longitude is not None
    if (given.city is not None) == has_point:
        raise InputError("'near' takes either 'city' or 'latitude' and 'longitude'", argument="near")
    if given.city is not None:
        if not given.city.strip():
            raise InputError("'near.city' must not be empty", argument="near")
        return onderwijsloket.Near(given.radius_km, city=given.city)
    if given.latitude is None or given.longitude is None:
        raise InputError("'near' needs both 'latitude' and 'longitude'", argument="near")
    try:
        point = Point(given.latitude, given.longitude)
    except ValueError:
        raise InputError("'near' has a latitude or longitude out of range", argument="near") from None
    return onderwijsloket.Near(given.radius_km, point=point)


@strawberry.type
class JobsQuery:
    @strawberry.field(
        description="The vacancies of the ICTerGezocht account (the caller's key or the gateway's)."
    )
    async def vacancies(
        self,
        info: Info[Context, None],
        first: int | None = None,
        after: str | None = None,
        filter: VacancyFilter | None = None,
        order_by: list[VacancyOrder] | None = None,
    ) -> Connection[Vacancy] | None:
        win = window(first, after, max_first=info.context.settings.limits.max_first)
        tree = filter_tree(filter, VACANCY_PATHS)
        page = await ictergezocht.vacancies_page(info.context, win, tree, order_keys(order_by, _key))
        return connection(page, Vacancy.from_record)

    @strawberry.field(
        description="Onderwijsloket teacher-training programs; 'near' keeps those taught in a circle."
    )
    async def training_programs(
        self,
        info: Info[Context, None],
        first: int | None = None,
        after: str | None = None,
        filter: TrainingProgramFilter | None = None,
        order_by: list[TrainingProgramOrder] | None = None,
        near: NearInput | None = None,
    ) -> Connection[TrainingProgram] | None:
        win = window(first, after, max_first=info.context.settings.limits.max_first)
        tree = filter_tree(filter, PROGRAM_PATHS)
        where = _near(near)
        selection = program_selection(selections_at(info, ("edges", "node"), ("nodes",)))
        page = await onderwijsloket.programs_page(
            info.context, win, tree, order_keys(order_by, _key), where, selection
        )
        return connection(page, TrainingProgram.from_record)
