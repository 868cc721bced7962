"""Resolvers over Onderwijsloket (Directus): training programs, their locations, and the
vacancy join "programs taught near this town".

Distances are computed here, not upstream: Directus has no distance operator, and the
location table (all locations, one call per request) holds every coordinate needed. A
town's position is the centroid of its Onderwijsloket locations — the simulators give
every Dutch town with vacancies at least one — so no place table is bundled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gateway.context import Context
from gateway.dialects import directus
from gateway.dialects.filters import Condition, Filter, Op, all_of
from gateway.dialects.loket import OrderKey
from gateway.exceptions import InputError
from gateway.geo import Point
from resolvers.loaders.onderwijsloket import (
    TABLE,
    LocationTable,
    LocationTableLoader,
    ProgramPageLoader,
    ProgramQuery,
    ProgramsByIdLoader,
    ProgramsInTownLoader,
    location_ids,
)
from schema.location import Location
from schema.node import Source, split_node_id
from schema.pagination import Connection, Window, build_connection
from schema.training_program import NearbyTrainingProgram, TrainingProgram

MAX_RADIUS_KM = 100.0
MAX_NEARBY = 50
DEFAULT_SORT = (OrderKey(("title",)),)


@dataclass(frozen=True)
class Near:
    """Programs within ``radius_km`` of ``point``, or of the town ``city`` (placed by its locations)."""

    radius_km: float
    city: str | None = None
    point: Point | None = None


def check_radius(radius_km: float, argument: str) -> None:
    if not 0 < radius_km <= MAX_RADIUS_KM:
        raise InputError(
            f"'{argument}' must be more than 0 and at most {MAX_RADIUS_KM:g} km", argument=argument
        )


def check_nearby(radius_km: float, first: int) -> None:
    """``Vacancy.trainingPrograms`` arguments, checked before any call."""
    check_radius(radius_km, "radiusKm")
    if not 0 <= first <= MAX_NEARBY:
        raise InputError(f"'first' must be between 0 and {MAX_NEARBY}", argument="first")


async def location_table(context: Context) -> LocationTable:
    return await context.loader(LocationTableLoader).load(TABLE)


async def locations_of(context: Context, ids: Iterable[str]) -> list[Location]:
    table = await location_table(context)
    return [Location.from_directus(table.rows[key]) for key in ids if key in table.rows]


async def nearby_programs(
    context: Context, town: str | None, radius_km: float, first: int, fields: str
) -> list[NearbyTrainingProgram]:
    """Programs taught within ``radius_km`` of ``town``, nearest first (ties by name)."""
    table = await location_table(context)
    centre = table.town_point(town)
    if centre is None or first == 0:
        return []
    near = table.within(centre, radius_km)
    towns = sorted({name for key in near if (name := table.town_of(key)) is not None})
    if not towns:
        return []
    taught = await context.loader(ProgramsInTownLoader).load_many([(name, fields) for name in towns])
    best: dict[str, tuple[float, str, dict[str, Any]]] = {}
    for rows in taught:
        for row in rows:
            sites = sorted((near[key], key) for key in location_ids(row) if key in near)
            if sites:
                best[str(row["id"])] = (sites[0][0], sites[0][1], row)
    ranked = sorted(
        best.values(), key=lambda hit: (hit[0], str(hit[2].get("title") or ""), str(hit[2]["id"]))
    )
    return [
        NearbyTrainingProgram(
            distance_km=round(km, 2),
            program=TrainingProgram.from_directus(row),
            location=Location.from_directus(table.rows[site]),
        )
        for km, site, row in ranked[:first]
    ]


async def _near_condition(context: Context, near: Near) -> Condition | None:
    """``locations.locations_id._in`` the locations within the radius; ``None`` when there are none."""
    table = await location_table(context)
    centre = near.point or table.town_point(near.city)
    if centre is None:
        raise InputError(f"Onderwijsloket has no location in '{near.city}'", argument="near")
    ids = table.within(centre, near.radius_km)
    if not ids:
        return None
    return Condition(("locations", "locations_id"), Op.IN, tuple(sorted(ids)))


async def programs_page(
    context: Context,
    win: Window,
    tree: Filter | None,
    order: list[OrderKey],
    near: Near | None,
    fields: str,
) -> Connection[TrainingProgram]:
    """One page of programs: filter, sort and paging by Directus, ``meta=filter_count`` as the total."""
    if near is not None:
        condition = await _near_condition(context, near)
        if condition is None:
            return build_connection([], win, 0)
        tree = all_of([tree, condition])
    keys = [*(order or DEFAULT_SORT), OrderKey(("id",))]
    query = ProgramQuery(
        fields=fields,
        filter=directus.render_filter(tree) if tree is not None else None,
        sort=directus.render_sort(keys),
        limit=win.limit,
        offset=win.offset,
    )
    page = await context.loader(ProgramPageLoader).load(query)
    nodes = [TrainingProgram.from_directus(row) for row in page.data]
    return build_connection(nodes, win, page.filter_count)


async def programs_by_node_id(
    context: Context, node_ids: Iterable[str], fields: str
) -> dict[str, TrainingProgram]:
    wanted = {
        node_id: split_node_id(node_id, sources=[Source.ONDERWIJSLOKET], parts=1)[1][0]
        for node_id in node_ids
    }
    rows = await context.loader(ProgramsByIdLoader).load_many([(key, fields) for key in wanted.values()])
    return {
        node_id: TrainingProgram.from_directus(row) for node_id, row in zip(wanted, rows, strict=True) if row
    }
