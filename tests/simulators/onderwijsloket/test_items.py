"""Envelopes, single items, every served collection, ``SEARCH`` and call counting."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from simulators.onderwijsloket.schema import SCHEMA
from tests.support.clients import asgi_client

Error = Callable[[httpx.Response], tuple[int, str]]


@pytest.mark.parametrize("collection", sorted(SCHEMA))
async def test_every_collection_lists_its_rows(
    client: httpx.AsyncClient, rows: dict, collection: str
) -> None:
    response = await client.get(f"/items/{collection}", params={"limit": -1, "meta": "total_count"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["meta"]["total_count"] == len(rows[collection]) == len(body["data"])
    stored = rows[collection][0]
    assert {key: body["data"][0][key] for key in stored} == stored


async def test_single_item_envelope(client: httpx.AsyncClient, rows: dict) -> None:
    location = rows["locations"][3]
    body = (await client.get(f"/items/locations/{location['id']}", params={"meta": "*"})).json()
    assert list(body) == ["data"] and body["data"]["id"] == location["id"]
    assert body["data"]["location_data"] == location["location_data"]


async def test_single_junction_row_by_integer_key(client: httpx.AsyncClient, rows: dict) -> None:
    link = rows["programs_locations"][4]
    assert (await client.get(f"/items/programs_locations/{link['id']}")).json()["data"] == link


@pytest.mark.parametrize(
    "key",
    ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "1", "%20"],
)
async def test_missing_item_is_forbidden(client: httpx.AsyncClient, error_of: Error, key: str) -> None:
    assert error_of(await client.get(f"/items/programs/{key}")) == (403, "FORBIDDEN")


async def test_missing_junction_key_is_forbidden(client: httpx.AsyncClient, error_of: Error) -> None:
    assert error_of(await client.get("/items/programs_locations/abc")) == (403, "FORBIDDEN")
    assert error_of(await client.get("/items/programs_locations/999999")) == (403, "FORBIDDEN")


async def test_single_item_respects_filter_like_directus_read_one(
    client: httpx.AsyncClient, rows: dict, error_of: Error
) -> None:
    program = next(row for row in rows["programs"] if row["type"] == "pabo")
    ok = await client.get(
        f"/items/programs/{program['id']}", params={"filter[type][_eq]": "pabo", "fields": "id"}
    )
    assert ok.json() == {"data": {"id": program["id"]}}
    filtered_out = await client.get(f"/items/programs/{program['id']}", params={"filter[type][_eq]": "mbo"})
    assert error_of(filtered_out) == (403, "FORBIDDEN")


async def test_upper_case_uuid_finds_the_item(client: httpx.AsyncClient, rows: dict) -> None:
    program = rows["programs"][0]
    response = await client.get(f"/items/programs/{program['id'].upper()}", params={"fields": "id"})
    assert response.json()["data"]["id"] == program["id"]


async def test_search_method_takes_the_query_in_the_body(client: httpx.AsyncClient, rows: dict) -> None:
    query = {
        "filter": {"type": {"_eq": "mbo"}},
        "fields": ["id", "crebo"],
        "limit": -1,
        "meta": ["filter_count"],
    }
    body = (await client.request("SEARCH", "/items/programs", json={"query": query})).json()
    expected = sorted(row["id"] for row in rows["programs"] if row["type"] == "mbo")
    assert sorted(item["id"] for item in body["data"]) == expected
    assert body["meta"] == {"filter_count": len(expected)} and {item["crebo"] for item in body["data"]} == {
        "25698"
    }


@pytest.mark.parametrize("content", [b"{", b'{"query": 5}', b"[]"])
async def test_search_method_with_a_bad_body(
    client: httpx.AsyncClient, error_of: Error, content: bytes
) -> None:
    assert error_of(await client.request("SEARCH", "/items/programs", content=content)) == (
        400,
        "INVALID_PAYLOAD",
    )


async def test_calls_are_counted_per_directus_template(app, client: httpx.AsyncClient, rows: dict) -> None:
    calls = asgi_client(app)
    await calls.delete("/_sim/calls")
    await client.get("/items/programs", params={"limit": 1})
    await client.get(f"/items/programs/{rows['programs'][0]['id']}")
    await client.get(f"/items/locations/{rows['locations'][0]['id']}")
    await client.get("/nowhere")
    counted = (await calls.get("/_sim/calls")).json()["onderwijsloket"]["endpoints"]
    assert counted == {
        "GET /items/{collection}": 1,
        "GET /items/{collection}/{key}": 2,
        "GET <unmatched>": 1,
    }
