"""Geo operators on ``location_data`` (GeoJSON Points), directly and through relations."""

from __future__ import annotations

from typing import Any

import httpx
import orjson
import pytest

from simulators.places import DUTCH_PLACES
from tests.simulators.onderwijsloket.conftest import town_of

Row = dict[str, Any]
UTRECHT = next(p for p in DUTCH_PLACES if p.name == "Utrecht")
ZWOLLE = next(p for p in DUTCH_PLACES if p.name == "Zwolle")


def _box(lon: float, lat: float, half: float) -> list[list[float]]:
    return [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
    ]


def _inside(row: Row, lon: float, lat: float, half: float) -> bool:
    x, y = row["location_data"]["coordinates"]
    return abs(x - lon) <= half and abs(y - lat) <= half


async def _ids(client: httpx.AsyncClient, collection: str, rule: dict) -> list[str]:
    params = {"filter": orjson.dumps(rule).decode(), "limit": -1, "fields": "id"}
    response = await client.get(f"/items/{collection}", params=params)
    assert response.status_code == 200, response.text
    return sorted(item["id"] for item in response.json()["data"])


POLYGON = {"type": "Polygon", "coordinates": [_box(UTRECHT.longitude, UTRECHT.latitude, 0.05)]}


@pytest.mark.parametrize(
    ("geometry", "negate"),
    [
        (POLYGON, False),
        ({"type": "Feature", "properties": {}, "geometry": POLYGON}, False),
        (POLYGON, True),
    ],
)
async def test_intersects_polygon(
    client: httpx.AsyncClient, rows: dict, geometry: dict, negate: bool
) -> None:
    op = "_nintersects" if negate else "_intersects"
    expected = sorted(
        r["id"] for r in rows["locations"] if _inside(r, UTRECHT.longitude, UTRECHT.latitude, 0.05) != negate
    )
    assert expected and await _ids(client, "locations", {"location_data": {op: geometry}}) == expected


async def test_polygon_holes_are_outside(client: httpx.AsyncClient, rows: dict) -> None:
    lon, lat = UTRECHT.longitude, UTRECHT.latitude
    holed = {"type": "Polygon", "coordinates": [_box(lon, lat, 0.05), _box(lon, lat, 0.004)]}
    expected = sorted(
        r["id"]
        for r in rows["locations"]
        if _inside(r, lon, lat, 0.05) and not _inside(r, lon, lat, 0.004 - 1e-9)
    )
    assert await _ids(client, "locations", {"location_data": {"_intersects": holed}}) == expected


async def test_multipolygon_and_bbox_of_a_line(client: httpx.AsyncClient, rows: dict) -> None:
    towns = {
        "type": "MultiPolygon",
        "coordinates": [[_box(p.longitude, p.latitude, 0.03)] for p in (UTRECHT, ZWOLLE)],
    }
    expected = sorted(
        r["id"]
        for r in rows["locations"]
        if any(_inside(r, p.longitude, p.latitude, 0.03) for p in (UTRECHT, ZWOLLE))
    )
    assert await _ids(client, "locations", {"location_data": {"_intersects": towns}}) == expected
    line = {"type": "LineString", "coordinates": [[5.0, 52.0], [5.2, 52.2]]}

    def within(r: Row) -> bool:
        x, y = r["location_data"]["coordinates"]
        return 5.0 <= x <= 5.2 and 52.0 <= y <= 52.2

    assert await _ids(client, "locations", {"location_data": {"_intersects_bbox": line}}) == sorted(
        r["id"] for r in rows["locations"] if within(r)
    )
    assert await _ids(client, "locations", {"location_data": {"_nintersects_bbox": line}}) == sorted(
        r["id"] for r in rows["locations"] if not within(r)
    )


async def test_point_intersects_its_own_location(client: httpx.AsyncClient, rows: dict) -> None:
    location = rows["locations"][7]
    point = {"type": "Point", "coordinates": location["location_data"]["coordinates"]}
    same = sorted(r["id"] for r in rows["locations"] if r["location_data"] == location["location_data"])
    assert await _ids(client, "locations", {"location_data": {"_intersects": point}}) == same


async def test_geo_filter_in_bracket_form_and_through_relations(
    client: httpx.AsyncClient, rows: dict
) -> None:
    params = {
        "filter[location_data][_intersects]": orjson.dumps(POLYGON).decode(),
        "limit": -1,
        "fields": "id",
    }
    bracket = sorted(i["id"] for i in (await client.get("/items/locations", params=params)).json()["data"])
    assert bracket == await _ids(client, "locations", {"location_data": {"_intersects": POLYGON}})
    near = set(bracket)
    expected = sorted({j["programs_id"] for j in rows["programs_locations"] if j["locations_id"] in near})
    rule = {"locations": {"locations_id": {"location_data": {"_intersects": POLYGON}}}}
    assert expected and await _ids(client, "programs", rule) == expected


async def test_every_location_lies_near_its_town(rows: dict) -> None:
    towns = {p.name: p for p in DUTCH_PLACES}
    for row in rows["locations"]:
        town = towns[town_of(row)]
        assert _inside(row, town.longitude, town.latitude, 0.02)
        components = row["location_components"]
        assert components is None or components["geometry"] == row["location_data"]
