"""Per-request DataLoaders over Onderwijsloket (Directus): every key is one item or one query.

- ``LocationTableLoader``: every location (``Site``: name, address, town, point), in one
  call, shared across requests per credential (``gateway.caches``). Directus has no town
  field: towns come from each location's own address data (``directus.town_of``).
- ``ProgramPageLoader``: one ``programs`` page per distinct query (identical pages once).
- ``ProgramsByIdLoader``: programs by id, many at once with an ``_in`` filter.
- ``ProgramsAtLocationsLoader``: the programs taught at any of many locations, in one call.

Keys carry the rendered ``fields`` so differently selected programs never share a row
that lacks a field; batches are split per ``fields`` value.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import orjson
from aiodataloader import DataLoader

from gateway.caches import caches_of
from gateway.context import Context
from gateway.dialects.directus import (
    LOCATION_FIELDS,
    Site,
    bbox_filter,
    related_ids,
    render_fields,
    render_filter,
)
from gateway.dialects.filters import Condition, Op
from gateway.geo import Point, centroid, distance_km, town_key
from gateway.upstreams.onderwijsloket import ALL, DirectusPage

Row = dict[str, Any]
TABLE = "locations"  # the one key of LocationTableLoader
LOCATIONS_CACHE = "onderwijsloket.locations"
LOCATION_IDS = ("locations", "locations_id")
# Longest ``locations_id._in`` filter sent (URL-encoded, about 25 ids): longer lists are
# sent as the bounding box of those locations instead, so a URL stays under 2 KB.
MAX_ID_FILTER = 1200


@dataclass(frozen=True)
class LocationTable:
    """Every location by id; a town's centre is the centroid of the located sites in it."""

    sites: dict[str, Site]
    towns: dict[str, Point] = field(default_factory=dict)  # town_key -> centre

    @classmethod
    def of(cls, items: Iterable[Row]) -> LocationTable:
        sites = {site.id: site for site in (Site.from_item(item) for item in items if item.get("id"))}
        grouped: dict[str, list[Point]] = defaultdict(list)
        for site in sites.values():
            if site.town and site.point:
                grouped[town_key(site.town)].append(site.point)
        towns = {town: c for town, members in grouped.items() if (c := centroid(members)) is not None}
        return cls(sites, towns)

    def town_point(self, town: str | None) -> Point | None:
        """Where ``town`` is: ``None`` when no location with a point lies in it."""
        return None if not town else self.towns.get(town_key(town))

    def within(self, centre: Point, radius_km: float) -> dict[str, float]:
        """Location id -> distance from ``centre`` in km, for every location within ``radius_km``."""
        found = {key: distance_km(centre, site.point) for key, site in self.sites.items() if site.point}
        return {key: km for key, km in found.items() if km <= radius_km}


def location_ids(program: Row) -> list[str]:
    """The ids of a program's locations (``fields`` holds ``locations.locations_id``)."""
    return related_ids(program, *LOCATION_IDS)


class LocationTableLoader(DataLoader[str, LocationTable]):
    """The locations table; reference data, so shared across requests under the token's hash
    (``gateway.caches``): a token that may read fewer locations never sees another token's table."""

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context

    async def batch_load_fn(self, keys: list[str]) -> list[LocationTable]:
        token = self.context.credential("onderwijsloket")
        client = self.context.upstreams.onderwijsloket

        async def fetch() -> LocationTable:
            fields = render_fields((name,) for name in LOCATION_FIELDS)
            page = await client.items(token, "locations", fields=fields, limit=ALL)
            return LocationTable.of(page.data)

        table = await caches_of(self.context)[LOCATIONS_CACHE].get_or_load(token, TABLE, fetch)
        return [table for _ in keys]


@dataclass(frozen=True)
class ProgramQuery:
    """One page of ``programs``: the rendered Directus parameters (hashable, so equal pages load once)."""

    fields: str
    filter: str | None
    sort: str | None
    limit: int
    offset: int


class ProgramPageLoader(DataLoader[ProgramQuery, DirectusPage]):
    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context

    async def batch_load_fn(self, keys: list[ProgramQuery]) -> list[DirectusPage]:
        token = self.context.credential("onderwijsloket")
        client = self.context.upstreams.onderwijsloket
        return list(
            await asyncio.gather(
                *(
                    client.items(
                        token,
                        "programs",
                        fields=key.fields,
                        filter=key.filter,
                        sort=key.sort,
                        limit=key.limit,
                        offset=key.offset,
                        meta="filter_count",
                    )
                    for key in keys
                )
            )
        )


async def _programs_where(context: Context, filter: str, fields: str) -> list[Row]:
    token = context.credential("onderwijsloket")
    page = await context.upstreams.onderwijsloket.items(
        token, "programs", fields=fields, filter=filter, limit=ALL
    )
    return page.data


def _by_fields(keys: list[tuple[str, str]]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for value, fields in keys:
        groups[fields].append(value)
    return groups


class ProgramsByIdLoader(DataLoader[tuple[str, str], Row | None]):
    """Key ``(program id, fields)``; one ``id._in`` call per distinct ``fields`` (and batch size)."""

    def __init__(self, context: Context) -> None:
        super().__init__(max_batch_size=context.settings.loader_batch_size)
        self.context = context

    async def batch_load_fn(self, keys: list[tuple[str, str]]) -> list[Row | None]:
        groups = _by_fields(keys)
        results = await asyncio.gather(
            *(
                _programs_where(
                    self.context, render_filter(Condition(("id",), Op.IN, tuple(sorted(set(ids))))), fields
                )
                for fields, ids in groups.items()
            )
        )
        found = {
            (str(row["id"]), fields): row
            for fields, rows in zip(groups, results, strict=True)
            for row in rows
        }
        return [found.get(key) for key in keys]


def at_locations_filter(ids: Iterable[str], table: LocationTable) -> str:
    """Programs taught at any of ``ids``: their ids while that is short, else their bounding box.

    The box holds every one of the locations (and perhaps others: callers keep only the
    locations they asked for), so one call answers any number of locations with a URL of
    bounded length.
    """
    wanted = tuple(sorted(set(ids)))
    listed = render_filter(Condition(LOCATION_IDS, Op.IN, wanted))
    points = [site.point for key in wanted if (site := table.sites.get(key)) and site.point]
    if len(quote(listed, safe="")) <= MAX_ID_FILTER or not points:
        return listed
    return orjson.dumps(bbox_filter((*LOCATION_IDS, "location_data"), points)).decode()


class ProgramsAtLocationsLoader(DataLoader[tuple[str, str], list[Row]]):
    """Key ``(location id, fields)``: the programs taught there, for many locations in one call.

    However many vacancies (and towns) ask, a batch is one ``programs`` call per distinct
    ``fields``; a program is handed to each asked-for location it is taught at.
    """

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context

    async def batch_load_fn(self, keys: list[tuple[str, str]]) -> list[list[Row]]:
        table = await self.context.loader(LocationTableLoader).load(TABLE)
        groups = _by_fields(keys)
        results = await asyncio.gather(
            *(
                _programs_where(self.context, at_locations_filter(ids, table), fields)
                for fields, ids in groups.items()
            )
        )
        taught: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for fields, rows in zip(groups, results, strict=True):
            for row in rows:
                for location in set(location_ids(row)):
                    taught[(location, fields)].append(row)
        return [taught.get(key, []) for key in keys]
