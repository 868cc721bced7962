"""Vacancy.trainingPrograms: the cross-API join, checked against both simulators' data, its
budget, and towns Onderwijsloket has no location in (PLACE_UNKNOWN)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from gateway.geo import Point, centroid, distance_km
from gateway.upstreams import build_upstreams
from simulators.config import SimConfig
from simulators.ictergezocht.accounts import DEMO_ACCOUNT
from simulators.ictergezocht.data import generate_dataset
from simulators.onderwijsloket.data import generate
from tests.schema.conftest import Gateway, simulator_settings
from tests.support.clients import asgi_client

NEARBY = """
query($first: Int, $radius: Float, $take: Int, $filter: VacancyFilter) {
  vacancies(first: $first, filter: $filter) {
    nodes {
      sourceId title city
      trainingPrograms(radiusKm: $radius, first: $take) {
        distanceKm
        location { sourceId city }
        program { sourceId name type level institution { name } city coordinates { latitude longitude } }
      }
    }
  }
}
"""
Rows = dict[str, list[dict[str, Any]]]


def address_town(location: dict[str, Any]) -> str:
    """The town in a seeded address line, ``"<street nr>, <postcode>, <Town>, Nederland"``."""
    return str(location["location_address"].split(", ")[2])


class Expected:
    """The join computed straight from the seeded Onderwijsloket rows."""

    def __init__(self, rows: Rows) -> None:
        self.locations = {row["id"]: row for row in rows["locations"]}
        self.programs = {row["id"]: row for row in rows["programs"]}
        self.sites: dict[str, list[str]] = defaultdict(list)
        for link in rows["programs_locations"]:
            self.sites[link["programs_id"]].append(link["locations_id"])
        towns: dict[str, list[Point]] = defaultdict(list)
        for row in rows["locations"]:
            towns[address_town(row)].append(self.point(row["id"]))
        self.towns = {town: centroid(points) for town, points in towns.items()}

    def point(self, location_id: str) -> Point:
        lon, lat = self.locations[location_id]["location_data"]["coordinates"]
        return Point(lat, lon)

    def nearby(self, town: str, radius: float, first: int) -> list[tuple[str, float]]:
        centre = self.towns[town]
        assert centre is not None
        hits = []
        for program_id, sites in self.sites.items():
            km = min(distance_km(centre, self.point(site)) for site in sites)
            if km <= radius:
                hits.append((km, self.programs[program_id]["title"], program_id))
        return [(program_id, km) for km, _, program_id in sorted(hits)[:first]]


@pytest.fixture(scope="module")
def expected(sim_config: SimConfig) -> Expected:
    return Expected(generate(sim_config.seed, sim_config.today))


@pytest.fixture(scope="module")
def demo_cities(sim_config: SimConfig) -> list[str]:
    dataset = generate_dataset(sim_config.seed, sim_config.today)
    rows = sorted(
        (v for v in dataset.vacancies if v.account_id == DEMO_ACCOUNT.account_id), key=lambda v: v.vacancy_id
    )
    return [v.city for v in rows]


@pytest.fixture(scope="module")
def unplaced(expected: Expected, demo_cities: list[str]) -> list[str]:
    """Towns with demo vacancies but no Onderwijsloket location, in vacancy order."""
    towns = list(dict.fromkeys(city for city in demo_cities if city not in expected.towns))
    assert towns
    return towns


async def test_fifty_vacancies_with_five_nearby_programs_cost_at_most_four_calls(
    gateway: Gateway, expected: Expected, demo_cities: list[str]
) -> None:
    result = await gateway.execute(NEARBY, {"first": 50, "radius": 40.0, "take": 5})
    assert result.errors is None
    nodes = result.data["vacancies"]["nodes"]
    assert [node["city"] for node in nodes] == demo_cities[:50]
    for node in nodes:
        got = [(hit["program"]["sourceId"], hit["distanceKm"]) for hit in node["trainingPrograms"]]
        want = expected.nearby(node["city"], 40.0, 5)
        assert [program for program, _ in got] == [program for program, _ in want], node["city"]
        assert [km for _, km in got] == [pytest.approx(km, abs=0.01) for _, km in want]
        assert len(got) == 5
    calls = await gateway.calls()
    assert calls["total"] <= 4, calls
    assert calls["ictergezocht"]["endpoints"] == {"GET /vacancy/insight": 1}
    assert calls["onderwijsloket"]["endpoints"] == {"GET /items/{collection}": 2}


async def test_the_cost_does_not_grow_with_the_vacancies(gateway: Gateway, unplaced: list[str]) -> None:
    """Two vacancies or two hundred (unplaceable towns among them): the same two Onderwijsloket calls."""
    few = await gateway.execute(NEARBY, {"first": 2, "radius": 40.0, "take": 5})
    assert few.errors is None
    assert (await gateway.calls())["onderwijsloket"]["total"] == 2
    await gateway.reset_calls()
    many = await gateway.execute(NEARBY, {"first": 200, "radius": 40.0, "take": 5})
    towns = {node["city"] for node in many.data["vacancies"]["nodes"]}
    assert len(towns) > 40 and set(unplaced) & towns
    # the location table is cached across requests now: only the programs call is left
    assert (await gateway.calls())["onderwijsloket"]["endpoints"] == {"GET /items/{collection}": 1}


async def test_each_hit_names_its_nearest_location_and_the_programs_own_place(
    gateway: Gateway, expected: Expected
) -> None:
    result = await gateway.execute(NEARBY, {"first": 3, "radius": 25.0, "take": 10})
    for node in result.data["vacancies"]["nodes"]:
        for hit in node["trainingPrograms"]:
            program = hit["program"]
            site = hit["location"]["sourceId"]
            assert site in expected.sites[program["sourceId"]]
            assert hit["location"]["city"] == address_town(expected.locations[site])
            assert hit["distanceKm"] <= 25.0
            assert program["name"] == expected.programs[program["sourceId"]]["title"]
            main = expected.locations[expected.sites[program["sourceId"]][0]]
            assert program["city"] == address_town(main)
            assert program["coordinates"]["latitude"] == pytest.approx(
                main["location_data"]["coordinates"][1]
            )


async def test_radius_limits_and_first_zero(gateway: Gateway, expected: Expected) -> None:
    small = await gateway.execute(NEARBY, {"first": 5, "radius": 1.5, "take": 50})
    for node in small.data["vacancies"]["nodes"]:
        ids = [hit["program"]["sourceId"] for hit in node["trainingPrograms"]]
        assert ids == [program for program, _ in expected.nearby(node["city"], 1.5, 50)]
    await gateway.reset_calls()
    none = await gateway.execute(NEARBY, {"first": 2, "radius": 40.0, "take": 0})
    assert all(node["trainingPrograms"] == [] for node in none.data["vacancies"]["nodes"])
    assert (await gateway.calls())["onderwijsloket"]["total"] == 0


async def test_a_town_without_a_location_is_place_unknown_and_the_vacancy_stays(
    gateway: Gateway, unplaced: list[str], demo_cities: list[str]
) -> None:
    town, placed = unplaced[0], demo_cities[0]
    variables = {
        "first": 10,
        "radius": 40.0,
        "take": 3,
        "filter": {"city": {"in": [town, placed]}},
    }
    result = await gateway.execute(NEARBY, variables)
    nodes = result.data["vacancies"]["nodes"]
    assert {node["city"] for node in nodes} == {town, placed}
    errors = {tuple(error.path): error for error in result.errors or []}
    for index, node in enumerate(nodes):
        assert node["title"] and node["sourceId"]
        path = ("vacancies", "nodes", index, "trainingPrograms")
        if node["city"] == placed:
            assert len(node["trainingPrograms"]) == 3 and path not in errors
            continue
        assert node["trainingPrograms"] is None
        error = errors.pop(path)
        assert error.extensions == {"code": "PLACE_UNKNOWN"}
        assert f"'{town}'" in error.message
    assert not errors


async def test_onderwijsloket_failing_nulls_only_the_programs(gateway: Gateway) -> None:
    await gateway.control.put("/_sim/faults", json={"upstream": "onderwijsloket", "status": 503})
    result = await gateway.execute(NEARBY, {"first": 2, "radius": 40.0, "take": 1})
    nodes = result.data["vacancies"]["nodes"]
    assert [node["trainingPrograms"] for node in nodes] == [None, None]
    assert all(node["city"] for node in nodes)
    assert {error.extensions["upstream"] for error in result.errors} == {"onderwijsloket"}
    assert {error.extensions["code"] for error in result.errors} == {"UPSTREAM_UNAVAILABLE"}


class Recorder(httpx.AsyncBaseTransport):
    """Passes requests to the simulators and keeps their URLs."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.urls: list[httpx.URL] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.urls.append(request.url)
        return await self.inner.handle_async_request(request)


@pytest.fixture
async def recorded(simulator_app: Starlette) -> AsyncIterator[tuple[Gateway, Recorder]]:
    settings = simulator_settings()
    recorder = Recorder(httpx.ASGITransport(app=simulator_app))
    upstreams = build_upstreams(settings, transport=recorder)
    async with asgi_client(simulator_app) as control:
        await control.post("/_sim/reset")
        await control.delete("/_sim/faults")
        yield Gateway(settings, upstreams, control), recorder
    await upstreams.aclose()


async def test_the_join_asks_only_for_the_fields_it_reads_in_short_urls(
    recorded: tuple[Gateway, Recorder],
) -> None:
    """The locations call selects the address data and point (never ``*``); however many
    locations are near the vacancies, the programs call's URL stays under 2 KB."""
    gateway, recorder = recorded
    result = await gateway.execute(NEARBY, {"first": 50, "radius": 40.0, "take": 5})
    assert result.errors is None
    locations = [url for url in recorder.urls if url.path.endswith("/items/locations")]
    assert [url.params["fields"] for url in locations] == [
        "id,location_address,location_components,location_data,title"
    ]
    programs = [url for url in recorder.urls if url.path.endswith("/items/programs")]
    assert len(programs) == 1 and len(str(programs[0])) < 2048
    assert "_intersects_bbox" in programs[0].params["filter"]  # too many locations to list by id
