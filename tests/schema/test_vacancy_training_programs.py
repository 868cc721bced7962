"""Vacancy.trainingPrograms: the cross-API join, checked against both simulators' data, and its budget."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from gateway.geo import Point, centroid, distance_km
from simulators.config import SimConfig
from simulators.ictergezocht.accounts import DEMO_ACCOUNT
from simulators.ictergezocht.data import generate_dataset
from simulators.onderwijsloket.data import generate
from tests.schema.conftest import Gateway

NEARBY = """
query($first: Int, $radius: Float, $take: Int) {
  vacancies(first: $first) {
    nodes {
      sourceId city
      trainingPrograms(radiusKm: $radius, first: $take) {
        distanceKm
        location { sourceId city }
        program { sourceId name type level institution { name } city coordinates { latitude longitude } }
      }
    }
  }
}
"""


class Expected:
    """The join computed straight from the seeded Onderwijsloket rows."""

    def __init__(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        self.locations = {row["id"]: row for row in rows["locations"]}
        self.programs = {row["id"]: row for row in rows["programs"]}
        self.sites: dict[str, list[str]] = defaultdict(list)
        for link in rows["programs_locations"]:
            self.sites[link["programs_id"]].append(link["locations_id"])
        towns: dict[str, list[Point]] = defaultdict(list)
        for row in rows["locations"]:
            lon, lat = row["location_data"]["coordinates"]
            towns[row["city"]].append(Point(lat, lon))
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


async def test_each_hit_names_its_nearest_location_and_the_programs_own_place(
    gateway: Gateway, expected: Expected
) -> None:
    result = await gateway.execute(NEARBY, {"first": 3, "radius": 25.0, "take": 10})
    for node in result.data["vacancies"]["nodes"]:
        for hit in node["trainingPrograms"]:
            program = hit["program"]
            site = hit["location"]["sourceId"]
            assert site in expected.sites[program["sourceId"]]
            assert hit["distanceKm"] <= 25.0
            assert program["name"] == expected.programs[program["sourceId"]]["title"]
            main = expected.locations[expected.sites[program["sourceId"]][0]]
            assert program["city"] == main["city"]
            assert program["coordinates"]["latitude"] == pytest.approx(
                main["location_data"]["coordinates"][1]
            )


async def test_radius_limits_and_first_zero(gateway: Gateway, expected: Expected) -> None:
    small = await gateway.execute(NEARBY, {"first": 5, "radius": 1.5, "take": 50})
    for node in small.data["vacancies"]["nodes"]:
        ids = [hit["program"]["sourceId"] for hit in node["trainingPrograms"]]
        assert ids == [program for program, _ in expected.nearby(node["city"], 1.5, 50)]
    none = await gateway.execute(NEARBY, {"first": 2, "radius": 40.0, "take": 0})
    assert all(node["trainingPrograms"] == [] for node in none.data["vacancies"]["nodes"])


async def test_onderwijsloket_failing_nulls_only_the_programs(gateway: Gateway) -> None:
    await gateway.control.put("/_sim/faults", json={"upstream": "onderwijsloket", "status": 503})
    result = await gateway.execute(NEARBY, {"first": 2, "radius": 40.0, "take": 1})
    nodes = result.data["vacancies"]["nodes"]
    assert [node["trainingPrograms"] for node in nodes] == [None, None]
    assert all(node["city"] for node in nodes)
    assert {error.extensions["upstream"] for error in result.errors} == {"onderwijsloket"}
    assert {error.extensions["code"] for error in result.errors} == {"UPSTREAM_UNAVAILABLE"}
