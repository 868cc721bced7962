"""Resolvers over Onderwijsloket (Directus): training programmes, their locations, and the
vacancy join "programmes taught near this town".

Where a town is. Neither upstream has coordinates for a town: an ICTerGezocht vacancy
names its town, an Onderwijsloket location has an address and a point. A town is placed at
the centroid of the points of the Onderwijsloket locations whose own address data puts
them in that town (``LocationTable``, from the source). A town with no such location
cannot be placed: that is a ``PlaceUnknown`` error (``PLACE_UNKNOWN``, naming the town) on
the field that needed it, never an empty list that would read as "nothing nearby". No
place table is bundled: what the gateway does not know from the upstreams it does not guess.

Distances are computed here, not upstream: Directus has no distance operator, and the
location table (one call, shared across requests per credential) holds every point. A
condition on a programme's town (``TOWN``) becomes a condition on its location ids here,
against the same table; the source sends the rest to Directus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from gateway.context import Context
from gateway.dialects.evaluate import matches
from gateway.dialects.filters import AllOf, AnyOf, Condition, Filter, Op, all_of
from gateway.dialects.loket import OrderKey
from gateway.exceptions import InputError, PlaceUnknown
from gateway.geo import Point
from gateway.ids import make_node_id, parse_node_id
from gateway.job_records import (
    LocationRecord,
    LocationTable,
    NearbyProgramRecord,
    ProgramRecord,
    ProgramSelection,
)
from gateway.names import Upstream
from gateway.paging import Page, Window
from gateway.sources.onderwijsloket import ONDERWIJSLOKET
from resolvers.loaders.onderwijsloket import ProgramsAtLocationsLoader, ProgramsByIdLoader

U = Upstream.ONDERWIJSLOKET
MAX_RADIUS_KM = 100.0
MAX_NEARBY = 50
# The path a filter on a programme's town is given: no record attribute and no Directus field
# (locations have no town field); ``programs_page`` turns each condition on it into location ids.
TOWN = ("city",)
LOCATION_IDS = ("location_ids",)
_NOTHING = Condition(("program_id",), Op.IS_NULL, True)  # matches no programme: every one has an id


@dataclass(frozen=True)
class Near:
    """Programmes within ``radius_km`` of ``point``, or of the town ``city`` (placed by its locations)."""

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


def program_node_id(record: ProgramRecord) -> str:
    return make_node_id(U, record.program_id)


def program_key(node_id: str, argument: str = "id") -> str:
    """``onderwijsloket:<itemId>`` -> the programme's Directus id, checked before any call."""
    return parse_node_id(node_id, U, ("itemId",), argument=argument)[0]


async def locations_of(context: Context, ids: Iterable[str]) -> list[LocationRecord]:
    table = await ONDERWIJSLOKET.locations(context)
    return [table.locations[key] for key in ids if key in table.locations]


async def nearby_programs(
    context: Context, town: str | None, radius_km: float, first: int, selection: ProgramSelection
) -> list[NearbyProgramRecord]:
    """Programmes taught within ``radius_km`` of ``town``, nearest first (ties by name).

    ``PlaceUnknown`` when no Onderwijsloket location lies in ``town``. Every vacancy of a
    request shares the location table and one ``programs`` call: the cost does not grow
    with the number of vacancies.
    """
    if first == 0:
        return []
    table = await ONDERWIJSLOKET.locations(context)
    centre = table.town_point(town)
    if centre is None:
        raise PlaceUnknown(town)
    near = table.within(centre, radius_km)
    if not near:
        return []
    taught = await context.loader(ProgramsAtLocationsLoader).load_many(
        [(key, selection) for key in sorted(near)]
    )
    best: dict[str, tuple[float, str, ProgramRecord]] = {}
    for records in taught:
        for record in records:
            sites = sorted((near[key], key) for key in record.location_ids if key in near)
            if sites:
                best[record.program_id] = (sites[0][0], sites[0][1], record)
    ranked = sorted(best.values(), key=lambda hit: (hit[0], hit[2].name or "", hit[2].program_id))
    return [
        NearbyProgramRecord(round(km, 2), record, table.locations[site])
        for km, site, record in ranked[:first]
    ]


async def _near_condition(context: Context, near: Near) -> Condition:
    """``location_ids`` in the locations within the radius (nothing when none is)."""
    table = await ONDERWIJSLOKET.locations(context)
    centre = near.point or table.town_point(near.city)
    if centre is None:
        raise PlaceUnknown(near.city, argument="near.city")
    ids = table.within(centre, near.radius_km)
    return Condition(LOCATION_IDS, Op.IN, tuple(sorted(ids))) if ids else _NOTHING


def _uses_town(tree: Filter | None) -> bool:
    if tree is None:
        return False
    if isinstance(tree, Condition):
        return tree.path == TOWN
    return any(_uses_town(part) for part in tree.parts)


def _towns_to_locations(tree: Filter, table: LocationTable) -> Filter:
    """Each condition on a programme's town becomes ``location_ids`` in the locations it holds for."""
    if isinstance(tree, AllOf):
        return AllOf(tuple(_towns_to_locations(part, table) for part in tree.parts))
    if isinstance(tree, AnyOf):
        return AnyOf(tuple(_towns_to_locations(part, table) for part in tree.parts))
    if tree.path != TOWN:
        return tree
    ids = sorted(key for key, record in table.locations.items() if matches(tree, _constant(record.city)))
    return Condition(LOCATION_IDS, Op.IN, tuple(ids)) if ids else _NOTHING


def _constant(value: str | None) -> Callable[[tuple[str, ...]], str | None]:
    return lambda _path: value


async def programs_page(
    context: Context,
    win: Window,
    tree: Filter | None,
    order: Sequence[OrderKey],
    near: Near | None,
    selection: ProgramSelection,
) -> Page[ProgramRecord]:
    """One page of programmes, filtered, sorted and paged by Directus.

    Conditions on the town (``filter.city``) and ``near`` are resolved against the
    location table first (one call, usually cached), since Directus has no town field.
    """
    if _uses_town(tree):
        assert tree is not None
        tree = _towns_to_locations(tree, await ONDERWIJSLOKET.locations(context))
    if near is not None:
        condition = await _near_condition(context, near)
        if condition is _NOTHING:
            return Page([], win, 0)
        tree = all_of([tree, condition])
    return await ONDERWIJSLOKET.programs_page(context, tree, order, win, selection)


async def programs_by_node_id(
    context: Context, node_ids: Iterable[str], selection: ProgramSelection
) -> dict[str, ProgramRecord]:
    """Every id is checked before any call; the lookups go to the loader as one ``id._in`` batch."""
    wanted = {node_id: program_key(node_id) for node_id in node_ids}
    found = await context.loader(ProgramsByIdLoader).load_many([(key, selection) for key in wanted.values()])
    return {node_id: record for node_id, record in zip(wanted, found, strict=True) if record is not None}
