"""The Onderwijsloket source: the location table once per request and per token, programme pages
in a total order, programmes at many locations in one short URL."""

from __future__ import annotations

from urllib.parse import quote

import orjson

from gateway.context import Context, build_context
from gateway.dialects.filters import Condition, Op
from gateway.geo import Point
from gateway.job_records import LocationRecord, LocationTable, ProgramSelection
from gateway.names import Upstream
from gateway.paging import Window
from gateway.sources.onderwijsloket import MAX_ID_FILTER, ONDERWIJSLOKET, at_locations_filter
from simulators.config import SimConfig
from simulators.onderwijsloket.data import generate
from tests.schema import conftest
from tests.schema.conftest import Gateway

U = Upstream.ONDERWIJSLOKET
NAMES = ProgramSelection(program=frozenset({"name"}))
sim = conftest.gateway  # the fixture: the simulators in-process, their call counts reset


def _context(sim: Gateway, **headers: str) -> Context:
    return build_context(headers, sim.settings, sim.upstreams)


async def _calls(sim: Gateway) -> dict[str, int]:
    return dict((await sim.calls())["onderwijsloket"]["endpoints"])


def _table(count: int) -> LocationTable:
    return LocationTable.of(
        LocationRecord(
            f"{index:08d}-0000-4000-8000-000000000000", None, None, None, Point(52 + index / 100, 5.0)
        )
        for index in range(count)
    )


def test_a_few_locations_are_asked_by_id_and_many_by_their_bounding_box() -> None:
    table = _table(60)
    ids = sorted(table.locations)
    few = orjson.loads(at_locations_filter(ids[:3], table))
    assert few == {"locations": {"locations_id": {"_in": ids[:3]}}}
    many = at_locations_filter(ids, table)
    assert len(quote(many, safe="")) <= MAX_ID_FILTER
    box = orjson.loads(many)["locations"]["locations_id"]["location_data"]["_intersects_bbox"]
    (ring,) = box["coordinates"]
    south, north = min(lat for _, lat in ring), max(lat for _, lat in ring)
    assert south <= 52.0 and north >= 52.59  # every asked-for location is inside


async def test_the_location_table_is_read_once_per_request_and_shared_per_token(sim: Gateway) -> None:
    first = _context(sim)
    table = await ONDERWIJSLOKET.locations(first)
    assert table.locations and table.towns
    assert await ONDERWIJSLOKET.locations(first) is table
    assert await ONDERWIJSLOKET.locations(_context(sim)) is table  # the next request, same token
    assert await _calls(sim) == {"GET /items/{collection}": 1}
    assert first.work.converted[U] <= first.work.fetched[U]
    public = {"x-onderwijsloket-authorization": "Bearer demo-onderwijsloket-public-token"}
    assert await ONDERWIJSLOKET.locations(_context(sim, **public)) is not table
    assert await _calls(sim) == {"GET /items/{collection}": 2}


async def test_programme_pages_are_ordered_by_name_then_id_and_read_once(sim: Gateway) -> None:
    context = _context(sim)
    page = await ONDERWIJSLOKET.programs_page(context, None, [], Window(0, 30), NAMES)
    again = await ONDERWIJSLOKET.programs_page(context, None, [], Window(0, 30), NAMES)
    assert page == again and len(page.items) == 30 and page.total is not None and page.total > 30
    keys = [((record.name or "").casefold(), record.program_id) for record in page.items]
    assert keys == sorted(keys)
    assert all(record.institutions == () and record.level is None for record in page.items)  # not selected
    assert await _calls(sim) == {"GET /items/{collection}": 1}


async def test_programmes_by_id_and_at_locations_are_one_call_each(sim: Gateway) -> None:
    context = _context(sim)
    listed = await ONDERWIJSLOKET.programs_page(context, None, [], Window(0, 5), NAMES)
    ids = [record.program_id for record in listed.items]
    found = await ONDERWIJSLOKET.programs_by_id(context, [*ids, ids[0]], NAMES)
    assert sorted(record.program_id for record in found) == sorted(ids)
    site = listed.items[0].location_ids[0]
    taught = await ONDERWIJSLOKET.programs_at(context, [site], NAMES)
    assert listed.items[0].program_id in {record.program_id for record in taught}
    assert all(site in record.location_ids for record in taught)
    # the page, the ids, the location table (for the bounding box) and the programmes at the site
    assert await _calls(sim) == {"GET /items/{collection}": 4}


async def test_a_filter_over_record_paths_is_sent_to_directus(sim: Gateway, sim_config: SimConfig) -> None:
    seeded = generate(sim_config.seed, sim_config.today)["programs"]
    wanted = {row["id"] for row in seeded if "pabo" in row["title"].lower()}
    tree = Condition(("name",), Op.CONTAINS, "PABO")
    page = await ONDERWIJSLOKET.programs_page(_context(sim), tree, [], Window(0, 200), NAMES)
    assert {record.program_id for record in page.items} == wanted and page.total == len(wanted)
    assert await _calls(sim) == {"GET /items/{collection}": 1}
