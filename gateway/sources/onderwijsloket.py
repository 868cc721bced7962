"""Onderwijsloket (Directus) as a source of training programmes and their locations.

- The location table: every location (one ``locations`` call), shared across requests per
  credential (``gateway.caches``): reference data, and what places a town on the map
  (Directus has no town field; towns come from each location's own address data).
- A page of programmes: filter, sort and paging by Directus, ``meta=filter_count`` as the
  total; equal pages are read once per request (``Context.once``).
- Programmes by id (one ``id._in`` call) and programmes taught at any of many locations
  (one call: the location ids while the URL stays short, else their bounding box).

Filters and orderings arrive over record attributes and are renamed to Directus fields
here (``onderwijsloket_rows``); ``fields`` is what the selection reads, never ``*.*``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

import orjson

from gateway.caches import caches_of
from gateway.context import Context
from gateway.dialects.directus import bbox_filter, render_filter, render_sort
from gateway.dialects.filters import Condition, Filter, Op, rename
from gateway.dialects.loket import OrderKey
from gateway.job_records import LocationTable, ProgramRecord, ProgramSelection
from gateway.names import Upstream
from gateway.paging import Page, Window
from gateway.shared import codecs
from gateway.sources import onderwijsloket_rows as rows
from gateway.upstreams.onderwijsloket import ALL, DirectusPage, OnderwijsloketClient

U = Upstream.ONDERWIJSLOKET
LOCATIONS_CACHE = "onderwijsloket.locations"
_TABLE = "locations"  # the one key of the locations cache
# Longest ``locations_id._in`` filter sent (URL-encoded, about 25 ids): longer lists are
# sent as the bounding box of those locations instead, so a URL stays under 2 KB.
MAX_ID_FILTER = 1200
DEFAULT_ORDER = (OrderKey(("name",)),)
# the last sort key of every page: Directus pages by offset, so the order must be total
_BY_ID = OrderKey(("program_id",))


@dataclass(frozen=True)
class ProgramQuery:
    """One page of ``programs``: the rendered Directus parameters (hashable, so equal pages load once)."""

    fields: str
    filter: str | None
    sort: str | None
    limit: int
    offset: int


class OnderwijsloketSource:
    """Stateless: everything per request lives in the ``Context``."""

    upstream = U

    @staticmethod
    def _client(context: Context) -> OnderwijsloketClient:
        return context.upstreams.onderwijsloket

    def _converted(self, context: Context, page: DirectusPage) -> list[ProgramRecord]:
        records = [rows.program(row) for row in page.data if row.get("id") is not None]
        context.work.add(U, fetched=len(page.data), converted=len(records))
        return records

    async def locations(self, context: Context) -> LocationTable:
        """Every location, read once per request and shared across requests under the token's hash:
        a token that may read fewer locations never sees another token's table."""
        token, client = context.credential(U), self._client(context)

        async def fetch() -> LocationTable:
            page = await client.items(token, "locations", fields=rows.location_fields(), limit=ALL)
            records = [rows.location(item) for item in page.data if item.get("id")]
            context.work.add(U, fetched=len(page.data), converted=len(records))
            return LocationTable.of(records)

        async def shared() -> LocationTable:
            return await caches_of(context)[LOCATIONS_CACHE].get_or_load(
                token, _TABLE, fetch, codecs.LOCATIONS
            )

        return await context.once((U, _TABLE), shared)

    async def programs_page(
        self,
        context: Context,
        tree: Filter | None,
        order: Sequence[OrderKey],
        win: Window,
        selection: ProgramSelection,
    ) -> Page[ProgramRecord]:
        """One page of programmes, filtered, sorted (by name unless told) and paged by Directus."""
        keys = [
            OrderKey(rows.PROGRAM_PATHS[key.path], key.descending)
            for key in (*(order or DEFAULT_ORDER), _BY_ID)
        ]
        query = ProgramQuery(
            fields=rows.fields(selection),
            filter=render_filter(rename(tree, rows.PROGRAM_PATHS)) if tree is not None else None,
            sort=render_sort(keys),
            limit=win.limit,
            offset=win.offset,
        )
        token, client = context.credential(U), self._client(context)

        async def fetch() -> Page[ProgramRecord]:
            page = await client.items(
                token,
                "programs",
                fields=query.fields,
                filter=query.filter,
                sort=query.sort,
                limit=query.limit,
                offset=query.offset,
                meta="filter_count",
            )
            return Page(self._converted(context, page), win, page.filter_count)

        return await context.once((U, query), fetch)

    async def _programs_where(
        self, context: Context, filter: str, selection: ProgramSelection
    ) -> list[ProgramRecord]:
        page = await self._client(context).items(
            context.credential(U), "programs", fields=rows.fields(selection), filter=filter, limit=ALL
        )
        return self._converted(context, page)

    async def programs_by_id(
        self, context: Context, ids: Iterable[str], selection: ProgramSelection
    ) -> list[ProgramRecord]:
        """The programmes with these ids (the ones that exist), in one ``id._in`` call."""
        wanted = tuple(sorted(set(ids)))
        condition = Condition(rows.PROGRAM_PATHS[("program_id",)], Op.IN, wanted)
        return await self._programs_where(context, render_filter(condition), selection)

    async def programs_at(
        self, context: Context, location_ids: Iterable[str], selection: ProgramSelection
    ) -> list[ProgramRecord]:
        """The programmes taught at any of ``location_ids``, in one call (and perhaps others taught
        inside their bounding box: callers keep only the locations they asked for)."""
        table = await self.locations(context)
        return await self._programs_where(context, at_locations_filter(location_ids, table), selection)


def at_locations_filter(ids: Iterable[str], table: LocationTable) -> str:
    """Programmes taught at any of ``ids``: their ids while that is short, else their bounding box.

    The box holds every one of the locations (and perhaps others), so one call answers any
    number of locations with a URL of bounded length.
    """
    wanted = tuple(sorted(set(ids)))
    listed = render_filter(Condition(rows.LOCATION_IDS, Op.IN, wanted))
    points = [record.point for key in wanted if (record := table.locations.get(key)) and record.point]
    if len(quote(listed, safe="")) <= MAX_ID_FILTER or not points:
        return listed
    return orjson.dumps(bbox_filter((*rows.LOCATION_IDS, "location_data"), points)).decode()


ONDERWIJSLOKET = OnderwijsloketSource()
