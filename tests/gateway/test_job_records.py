"""The location table's radius search: the same answer as measuring every site, with less measuring."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gateway.job_records as job_records
from gateway.geo import Point, distance_km
from gateway.job_records import LocationRecord, LocationTable


def table(seed: int, size: int = 300) -> LocationTable:
    rng = random.Random(seed)
    sites = [
        LocationRecord(f"l{i}", f"site {i}", f"town {i % 40}", None,
                       Point(rng.uniform(50.7, 53.6), rng.uniform(3.3, 7.2)) if i % 7 else None)
        for i in range(size)
    ]  # fmt: skip
    return LocationTable.of(sites)


def every_site(t: LocationTable, centre: Point, radius: float) -> dict[str, float]:
    return {
        key: km
        for key, record in t.locations.items()
        if record.point and (km := distance_km(centre, record.point)) <= radius
    }


@settings(max_examples=200, deadline=None)
@given(
    seed=st.integers(0, 5),
    latitude=st.floats(50.0, 54.0),
    longitude=st.floats(3.0, 7.5),
    radius=st.floats(0.1, 400.0),
)
def test_within_finds_exactly_the_sites_inside_the_radius(
    seed: int, latitude: float, longitude: float, radius: float
) -> None:
    t = table(seed)
    centre = Point(latitude, longitude)
    assert t.within(centre, radius) == every_site(t, centre, radius)
    assert t.within(centre, radius) == every_site(t, centre, radius)  # from the memo, the same


def test_fifty_searches_measure_a_band_not_the_whole_table(monkeypatch: pytest.MonkeyPatch) -> None:
    measured = 0
    real = job_records.distance_km

    def counted(a: Point, b: Point) -> float:
        nonlocal measured
        measured += 1
        return real(a, b)

    monkeypatch.setattr(job_records, "distance_km", counted)
    t = table(1, size=2000)
    towns = [t.town_point(f"town {i % 10}") for i in range(50)]  # vacancies cluster in a few towns
    for centre in towns:
        assert centre is not None
        t.within(centre, 20)
    # measuring every site for every vacancy: 50 x 1,714 located sites. Here: 10 distinct towns
    # (the memo), each measuring only the sites within 20 km north or south (~15 % of this map)
    assert measured < 50 * 2000 / 20, measured
