"""Per-request DataLoaders over Onderwijsloket (Directus): every key is one item or one query.

- ``LocationTableLoader``: all locations, once per request (183 rows, one call) — they
  place programs and vacancy cities on the map.
- ``ProgramPageLoader``: one ``programs`` page per distinct query (identical pages once).
- ``ProgramsByIdLoader``: programs by id, many at once with an ``_in`` filter.
- ``ProgramsInTownLoader``: programs taught in any of many towns, in one call.

Keys carry the rendered ``fields`` so differently selected programs never share a row
that lacks a field; batches are split per ``fields`` value.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from aiodataloader import DataLoader

from gateway.caches import caches_of
from gateway.context import Context
from gateway.dialects.directus import related_ids, render_fields, render_filter
from gateway.dialects.filters import Condition, Op
from gateway.geo import Point, centroid, distance_km
from gateway.upstreams.onderwijsloket import ALL, DirectusPage

Row = dict[str, Any]
TABLE = "locations"  # the one key of LocationTableLoader
# Directus fields of ``locations`` the table (and so every ``Location``) is built from.
LOCATION_FIELDS = ("id", "title", "city", "location_address", "location_data")


@dataclass(frozen=True)
class LocationTable:
    """Every location by id, with its point; town centres are the centroid of a town's locations."""

    rows: dict[str, Row]
    points: dict[str, Point] = field(default_factory=dict)
    towns: dict[str, Point] = field(default_factory=dict)  # casefolded town -> centre

    @classmethod
    def of(cls, rows: list[Row]) -> LocationTable:
        by_id = {str(row["id"]): row for row in rows if row.get("id")}
        points = {key: p for key, row in by_id.items() if (p := Point.from_geojson(row.get("location_data")))}
        grouped: dict[str, list[Point]] = defaultdict(list)
        for key, point in points.items():
            city = by_id[key].get("city")
            if isinstance(city, str) and city.strip():
                grouped[city.strip().casefold()].append(point)
        towns = {town: c for town, members in grouped.items() if (c := centroid(members)) is not None}
        return cls(by_id, points, towns)

    def town_point(self, town: str | None) -> Point | None:
        return None if not town else self.towns.get(town.strip().casefold())

    def town_of(self, location_id: str) -> str | None:
        row = self.rows.get(location_id)
        city = row.get("city") if row else None
        return city if isinstance(city, str) else None

    def within(self, centre: Point, radius_km: float) -> dict[str, float]:
        """Location id -> distance from ``centre`` in km, for every location within ``radius_km``."""
        found = {key: distance_km(centre, point) for key, point in self.points.items()}
        return {key: km for key, km in found.items() if km <= radius_km}


def location_ids(program: Row) -> list[str]:
    """The ids of a program's locations (``fields`` holds ``locations.locations_id``)."""
    return related_ids(program, "locations", "locations_id")


LOCATIONS_CACHE = "onderwijsloket.locations"


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
            page = await client.items(
                token, "locations", fields=render_fields((name,) for name in LOCATION_FIELDS), limit=ALL
            )
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


async def _programs_where(
    context: Context, path: tuple[str, ...], values: list[str], fields: str
) -> list[Row]:
    token = context.credential("onderwijsloket")
    condition = Condition(path, Op.IN, tuple(sorted(set(values))))
    page = await context.upstreams.onderwijsloket.items(
        token, "programs", fields=fields, filter=render_filter(condition), limit=ALL
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
            *(_programs_where(self.context, ("id",), ids, fields) for fields, ids in groups.items())
        )
        found = {
            (str(row["id"]), fields): row
            for fields, rows in zip(groups, results, strict=True)
            for row in rows
        }
        return [found.get(key) for key in keys]


class ProgramsInTownLoader(DataLoader[tuple[str, str], list[Row]]):
    """Key ``(town, fields)``: the programs taught at a location in that town, for many towns in one call."""

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context

    async def batch_load_fn(self, keys: list[tuple[str, str]]) -> list[list[Row]]:
        table = await self.context.loader(LocationTableLoader).load(TABLE)
        groups = _by_fields(keys)
        path = ("locations", "locations_id", "city")
        results = await asyncio.gather(
            *(_programs_where(self.context, path, towns, fields) for fields, towns in groups.items())
        )
        taught: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for fields, rows in zip(groups, results, strict=True):
            for row in rows:
                for town in {table.town_of(location) for location in location_ids(row)}:
                    if town is not None:
                        taught[(town, fields)].append(row)
        return [taught.get(key, []) for key in keys]
