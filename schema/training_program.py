"""``TrainingProgram``: an Onderwijsloket (Directus ``programs``) teacher-training program.

A program's scalar fields, institutions and forms come from the ``programs`` call
itself, reading only what the GraphQL query selected (``program_selection``: record
attributes the source turns into Directus ``fields``, never ``*.*``); its locations are
only ids there and are looked up in the request's location table, which is read once per
request anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info
from strawberry.types.nodes import SelectedField, Selection

from gateway.context import Context
from gateway.job_records import (
    NearbyProgramRecord,
    ProgramFormRecord,
    ProgramRecord,
    ProgramSelection,
    TuitionFeeRecord,
)
from resolvers import onderwijsloket
from schema.institution import INSTITUTION_ATTRIBUTES, Institution
from schema.location import Coordinates, Location
from schema.node import FederatedNode, ordered
from schema.wrap import register

# GraphQL field of TrainingProgram -> the ProgramRecord attribute it shows.
PROGRAM_ATTRIBUTES = {
    "sourceId": "program_id",
    "name": "name",
    "type": "type",
    "level": "level",
    "degree": "degree",
    "credits": "credits",
    "crohoCode": "croho_code",
    "status": "status",
}
# GraphQL field of ProgramForm -> the ProgramFormRecord attribute it shows
# (``durationMonths`` shows none: no source has a duration).
FORM_ATTRIBUTES = {
    "sourceId": "form_id",
    "form": "form",
    "tuitionFee": "tuition_fees",
    "tuitionFees": "tuition_fees",
    "url": "url",
    "description": "description",
}


def _fields_by_name(selections: Iterable[Selection]) -> dict[str, list[Selection]]:
    """Field name -> the selections under it, looking through fragments (aliases merged)."""
    found: dict[str, list[Selection]] = {}
    for selection in selections:
        if isinstance(selection, SelectedField):
            found.setdefault(selection.name, []).extend(selection.selections)
        else:
            for name, children in _fields_by_name(selection.selections).items():
                found.setdefault(name, []).extend(children)
    return found


def selections_at(info: Info[Context, Any], *paths: Sequence[str]) -> list[Selection]:
    """What the query selects below the current field at each of ``paths`` (``("edges", "node")``)."""
    collected: list[Selection] = []
    for path in paths:
        level: list[Selection] = [s for field in info.selected_fields for s in field.selections]
        for name in path:
            level = _fields_by_name(level).get(name, [])
        collected.extend(level)
    return collected


def program_selection(selections: Iterable[Selection]) -> ProgramSelection:
    """What a TrainingProgram selection reads, as record attributes: the source asks for no more."""
    program: set[str] = set()
    institution: set[str] = set()
    form: set[str] = set()
    for name, children in _fields_by_name(selections).items():
        if name in PROGRAM_ATTRIBUTES:
            program.add(PROGRAM_ATTRIBUTES[name])
        elif name in ("institutions", "institution"):
            institution.add("institution_id")
            institution.update(
                INSTITUTION_ATTRIBUTES[sub]
                for sub in _fields_by_name(children)
                if sub in INSTITUTION_ATTRIBUTES
            )
        elif name == "programForms":
            form.add("form_id")
            form.update(FORM_ATTRIBUTES[sub] for sub in _fields_by_name(children) if sub in FORM_ATTRIBUTES)
    return ProgramSelection(frozenset(program), frozenset(institution), frozenset(form))


@strawberry.type(description="A tuition fee for one academic year (Onderwijsloket 'tuition_fees').")
class TuitionFee:
    year: int | None = strawberry.field(description="The year the academic year starts.")
    amount: float | None = strawberry.field(description="In euros.")
    type: str | None = strawberry.field(
        description="Onderwijsloket's fee type, e.g. statutory, institutional."
    )
    period: str | None = strawberry.field(description="What the amount covers, e.g. year.")
    definitive: bool | None = strawberry.field(description="Whether the amount is final.")

    @classmethod
    def from_record(cls, record: TuitionFeeRecord) -> TuitionFee:
        return cls(
            year=record.year,
            amount=record.amount,
            type=record.type,
            period=record.period,
            definitive=record.definitive,
        )


@strawberry.type(description="One way to follow a program: full-time, part-time or dual, on a track.")
class ProgramForm:
    source_id: strawberry.ID
    form: str | None = strawberry.field(
        description="voltijd, deeltijd or duaal (Onderwijsloket's product_form)."
    )
    duration_months: int | None = strawberry.field(
        default=None,
        description="Always null: no Onderwijsloket source gives a program's duration.",
        deprecation_reason="Onderwijsloket publishes no duration for a program form; always null.",
    )
    tuition_fee: float | None = strawberry.field(
        default=None,
        description="The amount of the first fee Onderwijsloket lists (see tuitionFees), in euros.",
        deprecation_reason="Onderwijsloket lists several fees per year and type; use tuitionFees.",
    )
    url: str | None = None
    description: str | None = None
    tuition_fees: list[TuitionFee] = strawberry.field(
        default_factory=list, description="Its fees per academic year and type, as Onderwijsloket lists them."
    )

    @classmethod
    def from_record(cls, record: ProgramFormRecord) -> ProgramForm:
        fees = [TuitionFee.from_record(fee) for fee in record.tuition_fees]
        return cls(
            source_id=strawberry.ID(record.form_id),
            form=record.form,
            tuition_fee=fees[0].amount if fees else None,
            url=record.url,
            description=record.description,
            tuition_fees=fees,
        )


@strawberry.federation.type(keys=["id"], description="A teacher-training program listed by Onderwijsloket.")
class TrainingProgram(FederatedNode):
    node_id: relay.NodeID[str]
    source_id: strawberry.ID = strawberry.field(description="The program's id in Onderwijsloket.")
    name: str | None = strawberry.field(
        description="The program's title, e.g. 'Leraar Basisonderwijs (pabo)'."
    )
    type: str | None = strawberry.field(description="The route: pabo, tweedegraads, zij_instroom, ...")
    level: str | None = strawberry.field(
        description="mbo, associate_degree, bachelor, master, post_initieel."
    )
    degree: str | None
    credits: int | None = strawberry.field(description="Study load in EC.")
    croho_code: str | None
    status: str | None
    institutions: list[Institution] = strawberry.field(description="Who offers it (two for a joint program).")
    program_forms: list[ProgramForm]
    record: strawberry.Private[ProgramRecord]

    @classmethod
    def from_record(cls, record: ProgramRecord) -> TrainingProgram:
        return cls(
            node_id=onderwijsloket.program_node_id(record),
            source_id=strawberry.ID(record.program_id),
            name=record.name,
            type=record.type,
            level=record.level,
            degree=record.degree,
            credits=record.credits,
            croho_code=record.croho_code,
            status=record.status,
            institutions=[Institution.from_record(item) for item in record.institutions],
            program_forms=[ProgramForm.from_record(item) for item in record.forms],
            record=record,
        )

    @strawberry.field(description="The first institution offering it.")
    def institution(self) -> Institution | None:
        return self.institutions[0] if self.institutions else None

    @strawberry.field(description="Where it is taught.")
    async def locations(self, info: Info[Context, None]) -> list[Location]:
        found = await onderwijsloket.locations_of(info.context, self.record.location_ids)
        return [Location.from_record(record) for record in found]

    @strawberry.field(description="Its first (main) location.")
    async def location(self, info: Info[Context, None]) -> Location | None:
        found = await self.locations(info)
        return found[0] if found else None

    @strawberry.field(
        description="The town of its main location, from that location's address data (see Location.city)."
    )
    async def city(self, info: Info[Context, None]) -> str | None:
        main = await self.location(info)
        return main.city if main else None

    @strawberry.field(description="The coordinates of its main location.")
    async def coordinates(self, info: Info[Context, None]) -> Coordinates | None:
        main = await self.location(info)
        return main.coordinates if main else None

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[TrainingProgram | None]:
        wanted = list(node_ids)
        selection = program_selection(selections_at(info, ()))
        found = await onderwijsloket.programs_by_node_id(info.context, wanted, selection)
        return ordered(wanted, {k: cls.from_record(v) for k, v in found.items()}, required=required)


register(ProgramRecord, TrainingProgram.from_record)


@strawberry.type(description="A training program near something, with how far its nearest location is.")
class NearbyTrainingProgram:
    distance_km: float = strawberry.field(description="Great-circle distance to its nearest location, in km.")
    program: TrainingProgram
    location: Location = strawberry.field(description="Its location nearest to the point asked about.")

    @classmethod
    def from_record(cls, record: NearbyProgramRecord) -> NearbyTrainingProgram:
        return cls(
            distance_km=record.distance_km,
            program=TrainingProgram.from_record(record.program),
            location=Location.from_record(record.location),
        )


register(NearbyProgramRecord, NearbyTrainingProgram.from_record)
