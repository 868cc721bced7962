"""``fields`` and ``deep``: what each item holds, and how relations come back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from simulators.onderwijsloket.schema import SCHEMA


def _first_program_with(rows: dict, links: Callable, count: int) -> dict[str, Any]:
    """A programme taught at ``count`` or more locations."""
    return next(
        row
        for row in rows["programs"]
        if len(links("programs_locations", "programs_id", row["id"], "id")) >= count
    )


async def test_default_fields_are_all_fields_with_relations_as_keys(
    client: httpx.AsyncClient, rows: dict, links: Callable
) -> None:
    program = rows["programs"][0]
    item = (await client.get(f"/items/programs/{program['id']}")).json()["data"]
    assert list(item) == list(SCHEMA["programs"].fields)
    assert {key: item[key] for key in program} == program
    # many-to-many: the junction rows' integer ids; one-to-many: the forms' uuids
    assert item["educational_institutions"] == links(
        "educational_institutions_programs", "programs_id", program["id"], "id"
    )
    assert item["locations"] == links("programs_locations", "programs_id", program["id"], "id")
    assert item["program_forms"] == [f["id"] for f in rows["program_forms"] if f["program"] == program["id"]]


async def test_many_to_one_is_the_foreign_key_unless_expanded(
    client: httpx.AsyncClient, rows: dict, by_id: dict
) -> None:
    form = rows["program_forms"][0]
    plain = (
        await client.get(f"/items/program_forms/{form['id']}", params={"fields": "program,track"})
    ).json()
    assert plain["data"] == {"program": form["program"], "track": form["track"]}
    expanded = await client.get(
        f"/items/program_forms/{form['id']}", params={"fields": "program.title,track.name"}
    )
    assert expanded.json()["data"] == {
        "program": {"title": by_id["programs"][form["program"]]["title"]},
        "track": {"name": by_id["tracks"][form["track"]]["name"]},
    }


@pytest.mark.parametrize(
    "params",
    [
        [("fields", "id,title,locations.locations_id.location_address")],
        [("fields", "id"), ("fields", "title"), ("fields", "locations.locations_id.location_address")],
        [("fields[]", "id"), ("fields[]", "title,locations.locations_id.location_address")],
        [("fields", " id , title ,locations.locations_id.location_address")],
    ],
)
async def test_field_lists_in_every_spelling(
    client: httpx.AsyncClient, rows: dict, links: Callable, by_id: dict, params: list
) -> None:
    program = _first_program_with(rows, links, 2)
    item = (await client.get(f"/items/programs/{program['id']}", params=params)).json()["data"]
    addresses = [
        by_id["locations"][loc]["location_address"]
        for loc in links("programs_locations", "programs_id", program["id"], "locations_id")
    ]
    assert item == {
        "id": program["id"],
        "title": program["title"],
        "locations": [{"locations_id": {"location_address": address}} for address in addresses],
    }


async def test_star_star_expands_every_relation_one_level(
    client: httpx.AsyncClient, rows: dict, by_id: dict
) -> None:
    form = rows["program_forms"][0]
    item = (await client.get(f"/items/program_forms/{form['id']}", params={"fields": "*.*"})).json()["data"]
    assert item["id"] == form["id"] and item["url"] == form["url"]
    program = item["program"]
    assert {k: program[k] for k in by_id["programs"][form["program"]]} == by_id["programs"][form["program"]]
    assert isinstance(program["educational_institutions"][0], int)  # two levels down: keys again
    assert item["track"]["name"] == by_id["tracks"][form["track"]]["name"]


async def test_junction_star_gives_whole_junction_rows(client: httpx.AsyncClient, rows: dict) -> None:
    program = rows["programs"][0]
    item = (await client.get(f"/items/programs/{program['id']}", params={"fields": "locations.*"})).json()[
        "data"
    ]
    expected = [row for row in rows["programs_locations"] if row["programs_id"] == program["id"]]
    assert item == {"locations": expected}


async def test_locations_star_through_the_junction(
    client: httpx.AsyncClient, rows: dict, by_id: dict
) -> None:
    program = rows["programs"][1]
    item = (
        await client.get(f"/items/programs/{program['id']}", params={"fields": "locations.locations_id.*"})
    ).json()
    for link in item["data"]["locations"]:
        location = link["locations_id"]
        assert {k: location[k] for k in by_id["locations"][location["id"]]} == by_id["locations"][
            location["id"]
        ]
        assert location["location_data"]["type"] == "Point"


async def test_reverse_relations_from_institutions(client: httpx.AsyncClient, rows: dict) -> None:
    institution = rows["educational_institutions"][0]
    item = (
        await client.get(
            f"/items/educational_institutions/{institution['id']}",
            params={"fields": "programs.programs_id.id"},
        )
    ).json()["data"]
    expected = [
        r["programs_id"]
        for r in rows["educational_institutions_programs"]
        if r["educational_institutions_id"] == institution["id"]
    ]
    assert [link["programs_id"]["id"] for link in item["programs"]] == expected


async def test_deep_limits_filters_and_sorts_nested_lists(
    client: httpx.AsyncClient, rows: dict, links: Callable
) -> None:
    program = _first_program_with(rows, links, 3)
    params = {"fields": "locations.locations_id.location_address", "deep[locations][_limit]": "1"}
    item = (await client.get(f"/items/programs/{program['id']}", params=params)).json()["data"]
    assert len(item["locations"]) == 1
    forms = sorted(
        (f for f in rows["program_forms"] if f["program"] == program["id"]), key=lambda f: f["product_form"]
    )
    deep = '{"program_forms":{"_sort":["-product_form"],"_filter":{"product_form":{"_neq":"nothing"}}}}'
    item = (
        await client.get(
            f"/items/programs/{program['id']}", params={"fields": "program_forms.product_form", "deep": deep}
        )
    ).json()
    got = [f["product_form"] for f in item["data"]["program_forms"]]
    assert got == [f["product_form"] for f in reversed(forms)]


async def test_deep_errors_are_invalid_query(client: httpx.AsyncClient) -> None:
    response = await client.get("/items/programs", params={"deep[program_forms][_limit]": "-5"})
    message = response.json()["errors"][0]["message"]
    assert response.status_code == 400 and '"limit" must be greater than or equal to -1' in message
    response = await client.get(
        "/items/programs",
        params={"deep[program_forms][_filter][colour][_eq]": "x", "fields": "program_forms.id"},
    )
    assert response.status_code == 400 and 'Field "colour"' in response.json()["errors"][0]["message"]
