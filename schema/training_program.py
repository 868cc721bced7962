"""``TrainingProgram``: an Onderwijsloket (Directus ``programs``) teacher-training program.

A program's scalar fields, institutions and forms come from the ``programs`` call
itself, with ``fields`` limited to what the GraphQL query selected (``program_fields``;
never ``*.*``); its locations are only ids there (``locations.locations_id``) and are
looked up in the request's location table, which is read once per request anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info
from strawberry.types.nodes import SelectedField, Selection

from gateway.context import Context
from gateway.dialects.directus import related_ids, render_fields
from schema.institution import INSTITUTION_FIELDS, Institution
from schema.location import Coordinates, Location
from schema.node import FederatedNode, Source, make_node_id, ordered

INSTITUTIONS = ("educational_institutions", "educational_institutions_id")
LOCATION_IDS = ("locations", "locations_id")
# GraphQL field of TrainingProgram -> the Directus field of ``programs`` it reads.
PROGRAM_FIELDS = {
    "sourceId": "id",
    "name": "title",
    "type": "type",
    "level": "level",
    "degree": "degree",
    "credits": "credits",
    "crohoCode": "croho",
    "status": "status",
}
# GraphQL field of ProgramForm -> the Directus field of ``program_forms`` it reads
# (``durationMonths`` reads none: no source has a duration).
FORM_FIELDS = {
    "sourceId": "id",
    "form": "product_form",
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


def program_fields(selections: Iterable[Selection]) -> str:
    """Directus ``fields`` for a TrainingProgram selection: what it reads, plus id and location ids."""
    paths: set[tuple[str, ...]] = {("id",), LOCATION_IDS}
    for name, children in _fields_by_name(selections).items():
        if name in PROGRAM_FIELDS:
            paths.add((PROGRAM_FIELDS[name],))
        elif name in ("institutions", "institution"):
            paths.add((*INSTITUTIONS, "id"))
            paths.update(
                (*INSTITUTIONS, INSTITUTION_FIELDS[sub])
                for sub in _fields_by_name(children)
                if sub in INSTITUTION_FIELDS
            )
        elif name == "programForms":
            paths.add(("program_forms", "id"))
            paths.update(
                ("program_forms", FORM_FIELDS[sub]) for sub in _fields_by_name(children) if sub in FORM_FIELDS
            )
    return render_fields(paths)


def _euros(value: Any) -> float | None:
    """An amount as Onderwijsloket writes it (a string: ``"2601.00"``, ``"2.601,00"``) in euros."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, str):
        return None
    text = value.strip().replace("\u20ac", "").replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


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
    def from_directus(cls, value: Any) -> TuitionFee | None:
        if not isinstance(value, dict):
            return None
        year, definitive = value.get("year"), value.get("definitive")
        return cls(
            year=year if isinstance(year, int) and not isinstance(year, bool) else None,
            amount=_euros(value.get("amount")),
            type=value.get("tuitionFeeType") if isinstance(value.get("tuitionFeeType"), str) else None,
            period=value.get("tuitionFeePeriod") if isinstance(value.get("tuitionFeePeriod"), str) else None,
            definitive=definitive if isinstance(definitive, bool) else None,
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
    def from_directus(cls, row: dict[str, Any]) -> ProgramForm:
        listed = row.get("tuition_fees")
        fees = [
            fee
            for item in (listed if isinstance(listed, list) else [])
            if (fee := TuitionFee.from_directus(item))
        ]
        return cls(
            source_id=strawberry.ID(str(row["id"])),
            form=row.get("product_form"),
            tuition_fee=fees[0].amount if fees else None,
            url=row.get("url"),
            description=row.get("description"),
            tuition_fees=fees,
        )


def _related(row: dict[str, Any], alias: str, key: str) -> list[dict[str, Any]]:
    """Rows behind a many-to-many alias (junction rows of ``{key: {...}}``) or a one-to-many list."""
    related = []
    for item in row.get(alias) or []:
        target = item.get(key) if key and isinstance(item, dict) else item
        if isinstance(target, dict) and target.get("id"):
            related.append(target)
    return related


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
    location_ids: strawberry.Private[list[str]]

    @classmethod
    def from_directus(cls, row: dict[str, Any]) -> TrainingProgram:
        return cls(
            node_id=make_node_id(Source.ONDERWIJSLOKET, str(row["id"])),
            source_id=strawberry.ID(str(row["id"])),
            name=row.get("title"),
            type=row.get("type"),
            level=row.get("level"),
            degree=row.get("degree"),
            credits=row.get("credits"),
            croho_code=row.get("croho"),
            status=row.get("status"),
            institutions=[
                Institution.from_directus(r) for r in _related(row, INSTITUTIONS[0], INSTITUTIONS[1])
            ],
            program_forms=[ProgramForm.from_directus(r) for r in _related(row, "program_forms", "")],
            location_ids=related_ids(row, *LOCATION_IDS),
        )

    @strawberry.field(description="The first institution offering it.")
    def institution(self) -> Institution | None:
        return self.institutions[0] if self.institutions else None

    @strawberry.field(description="Where it is taught.")
    async def locations(self, info: Info[Context, None]) -> list[Location]:
        from resolvers.onderwijsloket import locations_of

        return await locations_of(info.context, self.location_ids)

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
        from resolvers.onderwijsloket import programs_by_node_id

        ids = list(node_ids)
        fields = program_fields(selections_at(info, ()))
        found = await programs_by_node_id(info.context, ids, fields)
        return ordered(ids, found, required=required)


@strawberry.type(description="A training program near something, with how far its nearest location is.")
class NearbyTrainingProgram:
    distance_km: float = strawberry.field(description="Great-circle distance to its nearest location, in km.")
    program: TrainingProgram
    location: Location = strawberry.field(description="Its location nearest to the point asked about.")
