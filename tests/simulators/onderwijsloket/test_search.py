"""``search``: case-insensitive text match over a collection's text fields and, one hop away,
its forms, institutions and locations; numbers and UUIDs match by equality."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

Row = dict[str, Any]
_NOT_TEXT = {"id", "program", "track", "date_created", "date_updated", "user_created", "user_updated"}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _texts(row: Row) -> list[str]:
    return [v.lower() for k, v in row.items() if k not in _NOT_TEXT and isinstance(v, str)]


def _numbers(row: Row) -> list[float]:
    return [v for k, v in row.items() if k != "id" and isinstance(v, int | float) and not isinstance(v, bool)]


def _related(rows: dict, program: Row) -> list[Row]:
    index = {
        name: {r["id"]: r for r in items}
        for name, items in rows.items()
        if name in ("educational_institutions", "locations")
    }
    linked = [f for f in rows["program_forms"] if f["program"] == program["id"]]
    linked += [
        index["educational_institutions"][j["educational_institutions_id"]]
        for j in rows["educational_institutions_programs"]
        if j["programs_id"] == program["id"]
    ]
    linked += [
        index["locations"][j["locations_id"]]
        for j in rows["programs_locations"]
        if j["programs_id"] == program["id"]
    ]
    return linked


def _expected(rows: dict, term: str) -> list[str]:
    lowered = term.lower()
    number = float(term) if re.fullmatch(r"-?\d+(\.\d+)?", term) else None
    uuid = lowered if _UUID.fullmatch(lowered) else None

    def hit(row: Row) -> bool:
        return (
            any(lowered in text for text in _texts(row))
            or (number is not None and number in _numbers(row))
            or (uuid is not None and row["id"] == uuid)
        )

    return sorted(p["id"] for p in rows["programs"] if hit(p) or any(hit(r) for r in _related(rows, p)))


async def _search(client: httpx.AsyncClient, term: str) -> list[str]:
    response = await client.get("/items/programs", params={"search": term, "limit": -1, "fields": "id"})
    assert response.status_code == 200
    return sorted(item["id"] for item in response.json()["data"])


@pytest.mark.parametrize(
    "term", ["wiskunde", "WISKUNDE", "Zwolle", "hogeschool", "zij-instroom", "240", "Hoofddorp", "Duaal"]
)
async def test_search_matches_own_and_related_texts(client: httpx.AsyncClient, rows: dict, term: str) -> None:
    expected = _expected(rows, term)
    assert 0 < len(expected) < len(rows["programs"])
    assert await _search(client, term) == expected


async def test_search_finds_programmes_by_their_institution_id(client: httpx.AsyncClient, rows: dict) -> None:
    institution = rows["educational_institutions"][5]
    expected = sorted(
        j["programs_id"]
        for j in rows["educational_institutions_programs"]
        if j["educational_institutions_id"] == institution["id"]
    )
    assert expected and await _search(client, institution["id"]) == expected


async def test_search_underscore_is_a_wildcard(client: httpx.AsyncClient, rows: dict) -> None:
    assert await _search(client, "w_skunde") == _expected(rows, "wiskunde")


async def test_search_without_matches_and_empty_search(client: httpx.AsyncClient, rows: dict) -> None:
    assert await _search(client, "quidditch") == []
    everything = await client.get("/items/programs", params={"search": "", "limit": -1, "fields": "id"})
    assert len(everything.json()["data"]) == len(rows["programs"])


async def test_search_combines_with_filter(client: httpx.AsyncClient, rows: dict) -> None:
    params = {"search": "utrecht", "filter[type][_eq]": "pabo", "limit": -1, "fields": "id"}
    ids = sorted(item["id"] for item in (await client.get("/items/programs", params=params)).json()["data"])
    by_type = {r["id"] for r in rows["programs"] if r["type"] == "pabo"}
    assert ids == [i for i in _expected(rows, "utrecht") if i in by_type] and ids
