"""Great-circle distances, checked against known distances between Dutch towns."""

from __future__ import annotations

import pytest

from gateway.exceptions import GatewayError, InputError, PlaceUnknown
from gateway.geo import Point, centroid, distance_km, town_key

AMSTERDAM = Point(52.3676, 4.9041)
UTRECHT = Point(52.0907, 5.1214)
MAASTRICHT = Point(50.8514, 5.6910)
GRONINGEN = Point(53.2194, 6.5665)


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        (AMSTERDAM, AMSTERDAM, 0.0),
        (AMSTERDAM, UTRECHT, 34.2),  # great-circle distances as route planners' "as the crow flies"
        (AMSTERDAM, MAASTRICHT, 177.1),
        (MAASTRICHT, GRONINGEN, 270.0),
        (Point(0.0, 0.0), Point(0.0, 180.0), 20015.1),  # half the equator
    ],
)
def test_distance_km(a: Point, b: Point, km: float) -> None:
    assert distance_km(a, b) == pytest.approx(km, abs=0.5)
    assert distance_km(b, a) == pytest.approx(distance_km(a, b))


def test_from_geojson_reads_longitude_then_latitude() -> None:
    assert Point.from_geojson({"type": "Point", "coordinates": [4.9041, 52.3676]}) == AMSTERDAM
    for junk in [None, {}, {"type": "Polygon", "coordinates": []}, {"type": "Point", "coordinates": [1]}]:
        assert Point.from_geojson(junk) is None
    assert Point.from_geojson({"type": "Point", "coordinates": [4.9, 152.0]}) is None
    assert Point.from_geojson({"type": "Point", "coordinates": [True, 52.0]}) is None


def test_point_refuses_impossible_coordinates() -> None:
    with pytest.raises(ValueError, match="latitude"):
        Point(91.0, 0.0)


def test_centroid() -> None:
    assert centroid([]) is None
    middle = centroid([Point(52.0, 4.0), Point(52.2, 4.4)])
    assert middle is not None
    assert (middle.latitude, middle.longitude) == (pytest.approx(52.1), pytest.approx(4.2))


def test_town_key_ignores_case_spaces_and_curly_apostrophes() -> None:
    assert town_key("  Den   Haag ") == town_key("den haag") == "den haag"
    assert town_key("\u2019s-Hertogenbosch") == town_key("'S-HERTOGENBOSCH")
    assert town_key("Ede") != town_key("Edam")


def test_place_unknown_names_the_town_and_its_argument() -> None:
    error = PlaceUnknown("Zutphen", argument="near.city")
    assert "'Zutphen'" in str(error)
    assert error.extensions() == {"code": "PLACE_UNKNOWN", "argument": "near.city"}
    assert PlaceUnknown("Zutphen").extensions() == {"code": "PLACE_UNKNOWN"}
    assert "No town" in str(PlaceUnknown(None))
    # a gateway error with its own code, not the caller's bad input
    assert isinstance(error, GatewayError) and not isinstance(error, InputError)
