"""Typed filters -> Directus filter JSON, sort and fields, as a table."""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson
import pytest

from gateway.dialects.directus import (
    bbox_filter,
    filter_object,
    locality,
    related_ids,
    render_fields,
    render_filter,
    render_sort,
    town_in_address,
    town_of,
)
from gateway.dialects.filters import AllOf, AnyOf, Condition, Filter, Op
from gateway.dialects.loket import OrderKey
from gateway.geo import Point
from gateway.job_records import LocationRecord
from gateway.sources.onderwijsloket_rows import location

C = Condition


@pytest.mark.parametrize(
    ("tree", "expected"),
    [
        (C(("title",), Op.EQ, "Pabo"), {"title": {"_eq": "Pabo"}}),
        (C(("title",), Op.NE, "Pabo"), {"title": {"_neq": "Pabo"}}),
        (C(("title",), Op.CONTAINS, "pabo"), {"title": {"_icontains": "pabo"}}),
        (C(("credits",), Op.GT, 60), {"credits": {"_gt": 60}}),
        (C(("credits",), Op.GTE, 60), {"credits": {"_gte": 60}}),
        (C(("credits",), Op.LT, 60), {"credits": {"_lt": 60}}),
        (C(("credits",), Op.LTE, 60), {"credits": {"_lte": 60}}),
        (C(("level",), Op.IN, ("hbo", "wo")), {"level": {"_in": ["hbo", "wo"]}}),
        (C(("croho",), Op.IS_NULL, True), {"croho": {"_null": True}}),
        (C(("croho",), Op.IS_NULL, False), {"croho": {"_nnull": True}}),
        (C(("croho",), Op.EQ, None), {"croho": {"_null": True}}),
        (C(("croho",), Op.NE, None), {"croho": {"_nnull": True}}),
        (C(("date_created",), Op.GTE, date(2025, 2, 1)), {"date_created": {"_gte": "2025-02-01"}}),
        (
            C(
                ("educational_institutions", "educational_institutions_id", "title"),
                Op.CONTAINS,
                "hogeschool",
            ),
            {
                "educational_institutions": {
                    "educational_institutions_id": {"title": {"_icontains": "hogeschool"}}
                }
            },
        ),
        (
            AllOf(
                (
                    C(("type",), Op.EQ, "pabo"),
                    AnyOf((C(("level",), Op.EQ, "hbo"), C(("level",), Op.EQ, "wo"))),
                )
            ),
            {
                "_and": [
                    {"type": {"_eq": "pabo"}},
                    {"_or": [{"level": {"_eq": "hbo"}}, {"level": {"_eq": "wo"}}]},
                ]
            },
        ),
        (
            AllOf((C(("credits",), Op.LTE, 240), C(("title",), Op.EQ, "Pabo"), C(("credits",), Op.GTE, 60))),
            {"_and": [{"credits": {"_between": [60, 240]}}, {"title": {"_eq": "Pabo"}}]},
        ),
        (
            AllOf(
                (
                    C(("date_created",), Op.GTE, date(2025, 1, 1)),
                    C(("date_created",), Op.LTE, date(2025, 2, 1)),
                )
            ),
            {"date_created": {"_between": ["2025-01-01", "2025-02-01"]}},
        ),
        (  # two lower bounds: no single range, rendered as they are
            AllOf((C(("credits",), Op.GTE, 60), C(("credits",), Op.GTE, 30), C(("credits",), Op.LTE, 240))),
            {"_and": [{"credits": {"_gte": 60}}, {"credits": {"_gte": 30}}, {"credits": {"_lte": 240}}]},
        ),
        (
            C(("locations", "locations_id"), Op.IN, ("a", "b")),
            {"locations": {"locations_id": {"_in": ["a", "b"]}}},
        ),
    ],
)
def test_filter_object(tree: Filter, expected: dict[str, Any]) -> None:
    assert filter_object(tree) == expected
    assert orjson.loads(render_filter(tree)) == expected


def test_sort_and_fields() -> None:
    assert render_sort([]) is None
    assert (
        render_sort([OrderKey(("title",)), OrderKey(("date_created",), descending=True)])
        == "title,-date_created"
    )
    assert render_fields([("title",), ("id",), ("locations", "locations_id", "title"), ("id",)]) == (
        "id,locations.locations_id.title,title"
    )
    with pytest.raises(ValueError, match="at least one field"):
        render_fields([])


def test_related_ids_reads_junction_rows_and_expanded_items() -> None:
    row = {
        "locations": [
            {"locations_id": "a"},
            {"locations_id": {"id": "b", "title": "Aeres MBO Ede"}},
            {"locations_id": None},
        ]
    }
    assert related_ids(row, "locations", "locations_id") == ["a", "b"]
    assert related_ids({}, "locations", "locations_id") == []


def _part(text: str, *types: str) -> dict[str, Any]:
    return {"longText": text, "shortText": text, "types": list(types)}


# a location as the Feb 2025 Directus export has it (abridged): no town field
EDE = {
    "id": "02c36d70-2012-402a-a681-bb4b58cffb14",
    "title": "Aeres MBO Ede",
    "location_address": "Zandlaan 31, 6717 LN, Ede, Nederland",
    "location_components": {
        "geometry": {"coordinates": [5.6636436, 52.0183522], "type": "Point"},
        "properties": {
            "country": "NL",
            "postalCode": "6717 LN",
            "administrativeArea": "Gelderland",
            "raw": [
                _part("31", "street_number"),
                _part("Zandlaan", "route"),
                _part("Ede-Zuid", "political", "sublocality", "sublocality_level_1"),
                _part("Ede", "locality", "political"),
                _part("Ede", "administrative_area_level_2", "political"),
                _part("Gelderland", "administrative_area_level_1", "political"),
                _part("Netherlands", "country", "political"),
                _part("6717 LN", "postal_code"),
            ],
            "displayName": "31",
            "formated": "Zandlaan 31, 6717 LN Ede, Netherlands",
        },
        "type": "Feature",
    },
    "location_data": {"type": "Point", "coordinates": [5.6689211, 52.0188009]},
}


def test_the_town_is_the_geocoders_locality_not_a_district_or_municipality() -> None:
    assert locality(EDE["location_components"]) == "Ede"
    hoofddorp = {
        "properties": {
            "raw": [
                _part("Haarlemmermeer", "administrative_area_level_2", "political"),
                _part("Hoofddorp", "locality", "political"),
            ]
        }
    }
    assert locality(hoofddorp) == "Hoofddorp"
    for junk in [
        None,
        {},
        {"properties": None},
        {"properties": {"raw": "Ede"}},
        {"properties": {"raw": [1]}},
    ]:
        assert locality(junk) is None
    assert locality({"properties": {"raw": [_part("  ", "locality")]}}) is None


@pytest.mark.parametrize(
    ("address", "town"),
    [
        ("Zandlaan 31, 6717 LN, Ede, Nederland", "Ede"),
        ("Zandlaan 31, 6717 LN Ede, Netherlands", "Ede"),  # the geocoder's 'formated' line
        ("Onderwijsboulevard 215, 5223 DE, 's-Hertogenbosch, Nederland", "'s-Hertogenbosch"),
        ("MAASTRICHT, NL", "MAASTRICHT"),  # as some institution records have it
        ("Bergen op Zoom", "Bergen op Zoom"),
        ("Zandlaan 31", None),  # a street only: no guess
        ("Zandlaan 31, 6717 LN", None),
        ("Nederland", None),
        ("", None),
        (None, None),
        (42, None),
    ],
)
def test_town_in_an_address_line(address: Any, town: str | None) -> None:
    assert town_in_address(address) == town


def test_town_of_falls_back_to_the_address_line() -> None:
    assert town_of(EDE) == "Ede"
    hand_entered = {
        **EDE,
        "location_components": None,
        "location_address": "Kerkstraat 1, 8261 AB, Kampen, Nederland",
    }
    assert town_of(hand_entered) == "Kampen"
    assert town_of({"id": "x"}) is None


def test_a_location_record_is_what_the_gateway_keeps_of_a_location() -> None:
    assert location(EDE) == LocationRecord(
        location_id=EDE["id"],
        name="Aeres MBO Ede",
        city="Ede",
        address="Zandlaan 31, 6717 LN, Ede, Nederland",
        point=Point(52.0188009, 5.6689211),  # location_data, not the geocoder's geometry
    )
    bare = location({"id": 7})
    assert bare == LocationRecord(location_id="7", name=None, city=None, address=None, point=None)


def test_bbox_filter_holds_every_point_in_one_short_rule() -> None:
    points = [Point(52.0, 5.0), Point(52.5, 4.5), Point(51.9, 5.2)]
    rule = bbox_filter(("locations", "locations_id", "location_data"), points)
    box = rule["locations"]["locations_id"]["location_data"]["_intersects_bbox"]
    assert box["type"] == "Polygon"
    ((west, south), (east, _), (_, north), _, closing) = box["coordinates"][0]
    assert closing == [west, south]
    for point in points:
        assert west < point.longitude < east and south < point.latitude < north
    assert east - west == pytest.approx(0.7, abs=1e-4) and north - south == pytest.approx(0.6, abs=1e-4)
    with pytest.raises(ValueError, match="at least one point"):
        bbox_filter(("location_data",), [])
