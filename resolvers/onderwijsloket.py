"""Resolvers over Onderwijsloket (Directus): training programs, their locations, and the
vacancy join "programs taught near this town".

Where a town is. Neither upstream has coordinates for a town: an ICTerGezocht vacancy
names its town, an Onderwijsloket location has an address (``location_address``, the
geocoder's ``location_components``) and a point (``location_data``). A town is placed at
the centroid of the points of the Onderwijsloket locations whose own address data puts
them in that town (``directus.town_of``: the geocoder's locality, else the town in the
address line; names compared by ``geo.town_key``). A town with no such location cannot be
placed: that is a ``PlaceUnknown`` error (``PLACE_UNKNOWN``, naming the town) on the
field that needed it, never an empty list that would read as "nothing nearby". No place
table is bundled: what the gateway does not know from the upstreams it does not guess.

Distances are computed here, not upstream: Directus has no distance operator, and the
location table (one call, shared across requests per credential) holds every point.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from gateway.context import Context
from gateway.dialects import directus
from gateway.dialects.evaluate import matches
from gateway.dialects.filters import AllOf, AnyOf, Condition, Filter, Op, all_of
from gateway.dialects.loket import OrderKey
from gateway.exceptions import InputError
from gateway.geo import PlaceUnknown, Point
from resolvers.loaders.onderwijsloket import (
    LOCATION_IDS,
    TABLE,
    LocationTable,
    LocationTableLoader,
    ProgramPageLoader,
    ProgramQuery,
    ProgramsAtLocationsLoader,
    ProgramsByIdLoader,
    location_ids,
)
from schema.location import Location
from schema.node import Source, split_node_id
from schema.pagination import Connection, Window, build_connection
from schema.training_program import NearbyTrainingProgram, TrainingProgram

MAX_RADIUS_KM = 100.0
MAX_NEARBY = 50
DEFAULT_SORT = (OrderKey(("title",)),)
# The path ``TrainingProgramFilter.city`` is given: not a Directus field (locations have
# no town field); ``programs_page`` turns each condition on it into location ids.
TOWN_PATH = ("locations", "locations_id", "(town)")
_NOTHING = Condition(("id",), Op.IS_NULL, True)  # matches no program: every item has an id


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
    return [Location.from_site(table.sites[key]) for key in ids if key in table.sites]


async def nearby_programs(
    context: Context, town: str | None, radius_km: float, first: int, fields: str
) -> list[NearbyTrainingProgram]:
    """Programs taught within ``radius_km`` of ``town``, nearest first (ties by name).

    ``PlaceUnknown`` when no Onderwijsloket location lies in ``town``. Every vacancy of a
    request shares the location table and one ``programs`` call: the cost does not grow
    with the number of vacancies.
    """
    if first == 0:
        return []
    table = await location_table(context)
    centre = table.town_point(town)
    if centre is None:
        raise PlaceUnknown(town)
    near = table.within(centre, radius_km)
    if not near:
        return []
    taught = await context.loader(ProgramsAtLocationsLoader).load_many(
        [(key, fields) for key in sorted(near)]
    )
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
            location=Location.from_site(table.sites[site]),
        )
        for km, site, row in ranked[:first]
    ]


async def _near_condition(context: Context, near: Near) -> Condition:
    """``locations.locations_id._in`` the locations within the radius (nothing when none is)."""
    table = await location_table(context)
    centre = near.point or table.town_point(near.city)
    if centre is None:
        raise PlaceUnknown(near.city, argument="near.city")
    ids = table.within(centre, near.radius_km)
    return Condition(LOCATION_IDS, Op.IN, tuple(sorted(ids))) if ids else _NOTHING


def _uses_town(tree: Filter | None) -> bool:
    if tree is None:
        return False
    if isinstance(tree, Condition):
        return tree.path == TOWN_PATH
    return any(_uses_town(part) for part in tree.parts)


def _towns_to_locations(tree: Filter, table: LocationTable) -> Filter:
    """Each condition on a program's town becomes ``locations_id._in`` the locations it holds for."""
    if isinstance(tree, AllOf):
        return AllOf(tuple(_towns_to_locations(part, table) for part in tree.parts))
    if isinstance(tree, AnyOf):
        return AnyOf(tuple(_towns_to_locations(part, table) for part in tree.parts))
    if tree.path != TOWN_PATH:
        return tree
    on_town = Condition(("town",), tree.op, tree.value)
    ids = sorted(key for key, site in table.sites.items() if matches(on_town, _constant(site.town)))
    return Condition(LOCATION_IDS, Op.IN, tuple(ids)) if ids else _NOTHING


def _constant(value: str | None) -> Callable[[tuple[str, ...]], str | None]:
    return lambda _path: value


async def programs_page(
    context: Context,
    win: Window,
    tree: Filter | None,
    order: list[OrderKey],
    near: Near | None,
    fields: str,
) -> Connection[TrainingProgram]:
    """One page of programs: filter, sort and paging by Directus, ``meta=filter_count`` as the total.

    Conditions on the town (``filter.city``) and ``near`` are resolved against the
    location table first (one call, usually cached), since Directus has no town field.
    """
    if _uses_town(tree):
        assert tree is not None
        tree = _towns_to_locations(tree, await location_table(context))
    if near is not None:
        condition = await _near_condition(context, near)
        if condition is _NOTHING:
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
