"""Paging (``limit``, ``offset``, ``page``), ``meta`` counts and ``sort``."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

Row = dict[str, Any]


def _ids(response: httpx.Response) -> list[Any]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["data"]]


@pytest.fixture(scope="module")
def program_ids(rows: dict) -> list[str]:
    """Without ``sort`` Directus orders by primary key."""
    return sorted(row["id"] for row in rows["programs"])


@pytest.mark.parametrize(
    ("params", "window"),
    [
        ({}, slice(0, 100)),  # default limit 100
        ({"limit": "10"}, slice(0, 10)),
        ({"limit": "10", "offset": "20"}, slice(20, 30)),
        ({"limit": "10", "page": "3"}, slice(20, 30)),
        ({"limit": "10", "page": "3", "offset": "5"}, slice(20, 30)),  # page wins over offset
        ({"limit": "10", "page": "0"}, slice(0, 10)),  # page 0 is ignored
        ({"page": "2"}, slice(100, 200)),  # page with the default limit
        ({"limit": "-1"}, slice(0, None)),
        ({"limit": "-1", "offset": "400"}, slice(400, None)),
        ({"limit": "-1", "page": "2"}, slice(0, None)),  # no page without a limit
        ({"limit": "0"}, slice(0, 0)),
        ({"limit": ""}, slice(0, 0)),  # Number("") is 0
        ({"limit": "0x10"}, slice(0, 16)),  # and Number("0x10") is 16
        ({"offset": ""}, slice(0, 100)),
        ({"limit": "25", "offset": "10000"}, slice(0, 0)),  # past the end
    ],
)
async def test_paging_windows(
    client: httpx.AsyncClient, program_ids: list[str], params: dict, window: slice
) -> None:
    assert _ids(await client.get("/items/programs", params={**params, "fields": "id"})) == program_ids[window]


async def test_last_page_is_short(client: httpx.AsyncClient, program_ids: list[str]) -> None:
    last = -(-len(program_ids) // 50)
    ids = _ids(await client.get("/items/programs", params={"limit": 50, "page": last, "fields": "id"}))
    assert ids == program_ids[(last - 1) * 50 :] and 0 < len(ids) < 50


@pytest.mark.parametrize(
    ("meta", "keys"),
    [
        ("total_count", ["total_count"]),
        ("filter_count", ["filter_count"]),
        ("total_count,filter_count", ["total_count", "filter_count"]),
        ("*", ["total_count", "filter_count"]),
    ],
)
async def test_meta_counts(client: httpx.AsyncClient, rows: dict, meta: str, keys: list[str]) -> None:
    params = {"meta": meta, "filter[type][_eq]": "pabo", "limit": 2, "fields": "id"}
    body = (await client.get("/items/programs", params=params)).json()
    counts = {
        "total_count": len(rows["programs"]),
        "filter_count": sum(r["type"] == "pabo" for r in rows["programs"]),
    }
    assert list(body) == ["meta", "data"] and body["meta"] == {key: counts[key] for key in keys}
    assert len(body["data"]) == 2


async def test_no_meta_unless_asked_and_search_counts_in_filter_count(client: httpx.AsyncClient) -> None:
    assert list((await client.get("/items/tracks")).json()) == ["data"]
    body = (
        await client.get("/items/programs", params={"meta": "filter_count", "search": "pabo", "limit": 0})
    ).json()
    assert body["data"] == [] and body["meta"]["filter_count"] > 0


def _sorted(rows: list[Row], field: str, descending: bool) -> list[Any]:
    """PostgreSQL order: NULLs last ascending, first descending; ties in key order."""
    by_key = sorted(rows, key=lambda r: r["id"])
    present = sorted((r for r in by_key if r[field] is not None), key=lambda r: r[field], reverse=descending)
    nulls = [r for r in by_key if r[field] is None]
    ordered = nulls + present if descending else present + nulls
    return [r["id"] for r in ordered]


@pytest.mark.parametrize(
    ("sort", "field", "descending"),
    [
        ("title", "title", False),
        ("-credits", "credits", True),
        ("credits", "credits", False),
        ("-date_updated", "date_updated", True),
    ],
)
async def test_sort_one_field(
    client: httpx.AsyncClient, rows: dict, sort: str, field: str, descending: bool
) -> None:
    ids = _ids(await client.get("/items/programs", params={"sort": sort, "limit": -1, "fields": "id"}))
    assert ids == _sorted(rows["programs"], field, descending)


async def test_sort_several_fields_and_directions(client: httpx.AsyncClient, rows: dict) -> None:
    ids = _ids(
        await client.get("/items/programs", params={"sort": "type,-title", "limit": -1, "fields": "id"})
    )
    ordered = sorted(rows["programs"], key=lambda r: r["id"])
    ordered.sort(key=lambda r: r["title"], reverse=True)
    ordered.sort(key=lambda r: r["type"])
    assert ids == [r["id"] for r in ordered]


async def test_sort_through_relations(client: httpx.AsyncClient, rows: dict, by_id: dict) -> None:
    forms = _ids(
        await client.get(
            "/items/program_forms", params={"sort": "program.title", "limit": -1, "fields": "id"}
        )
    )
    titles = [by_id["programs"][by_id["program_forms"][f]["program"]]["title"] for f in forms]
    assert titles == sorted(titles)
    first_title: dict[str, str] = {}
    for link in rows["programs_locations"]:
        first_title.setdefault(link["programs_id"], by_id["locations"][link["locations_id"]]["title"])
    params = {"sort": "-locations.locations_id.title", "limit": -1, "fields": "id"}
    titles = [first_title[p] for p in _ids(await client.get("/items/programs", params=params))]
    assert titles == sorted(titles, reverse=True)
