"""trainingPrograms: Directus filters, sort, paging with filter_count, near, node, selected fields."""

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
from simulators.onderwijsloket.data import generate
from tests.schema.conftest import Gateway, simulator_settings
from tests.support.clients import asgi_client

PROGRAMS = """
query($first: Int, $after: String, $filter: TrainingProgramFilter, $order: [TrainingProgramOrder!],
      $near: NearInput) {
  trainingPrograms(first: $first, after: $after, filter: $filter, orderBy: $order, near: $near) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id sourceId name type level credits }
  }
}
"""
Rows = dict[str, list[dict[str, Any]]]


@pytest.fixture(scope="module")
def rows(sim_config: SimConfig) -> Rows:
    return generate(sim_config.seed, sim_config.today)


def address_town(location: dict[str, Any]) -> str:
    """The town in a seeded address line, ``"<street nr>, <postcode>, <Town>, Nederland"``."""
    return str(location["location_address"].split(", ")[2])


def _titles(rows: Rows) -> dict[str, str]:
    return {row["id"]: row["title"] for row in rows["programs"]}


def _sorted(rows: Rows, ids: set[str]) -> list[str]:
    titles = _titles(rows)
    return sorted(ids, key=lambda key: (titles[key], key))


class Recorder(httpx.AsyncBaseTransport):
    """Passes requests to the simulators and keeps their URLs, to see the ``fields`` sent."""

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
        yield Gateway(settings, upstreams, control), recorder
    await upstreams.aclose()


async def test_default_order_paging_and_total(gateway: Gateway, rows: Rows) -> None:
    every = _sorted(rows, {row["id"] for row in rows["programs"]})
    first = await gateway.execute(PROGRAMS, {"first": 40})
    page = first.data["trainingPrograms"]
    assert page["totalCount"] == len(rows["programs"])
    assert [node["sourceId"] for node in page["nodes"]] == every[:40]
    second = await gateway.execute(PROGRAMS, {"first": 40, "after": page["pageInfo"]["endCursor"]})
    assert [node["sourceId"] for node in second.data["trainingPrograms"]["nodes"]] == every[40:80]
    assert (await gateway.calls())["onderwijsloket"]["total"] == 2


async def test_filters_become_directus_filters(gateway: Gateway, rows: Rows) -> None:
    programs = {row["id"]: row for row in rows["programs"]}
    institutions = {row["id"]: row["title"] for row in rows["educational_institutions"]}
    by_program: dict[str, set[str]] = defaultdict(set)
    for link in rows["educational_institutions_programs"]:
        by_program[link["programs_id"]].add(institutions[link["educational_institutions_id"]])
    forms: dict[str, set[str]] = defaultdict(set)
    for form in rows["program_forms"]:
        forms[form["program"]].add(form["product_form"])
    towns = {row["id"]: address_town(row) for row in rows["locations"]}
    taught_in: dict[str, set[str]] = defaultdict(set)
    for link in rows["programs_locations"]:
        taught_in[link["programs_id"]].add(towns[link["locations_id"]])

    cases: list[tuple[dict[str, Any], set[str]]] = [
        ({"name": {"contains": "PABO"}}, {k for k, p in programs.items() if "pabo" in p["title"].lower()}),
        (
            {"level": {"in": ["master", "associate_degree"]}},
            {k for k, p in programs.items() if p["level"] in ("master", "associate_degree")},
        ),
        (
            {"credits": {"gte": 60, "lte": 120}},
            {k for k, p in programs.items() if p["credits"] is not None and 60 <= p["credits"] <= 120},
        ),
        ({"credits": {"isNull": True}}, {k for k, p in programs.items() if p["credits"] is None}),
        (
            {"institution": {"contains": "fontys"}},
            {k for k in programs if any("fontys" in t.lower() for t in by_program[k])},
        ),
        (
            {"form": {"eq": "duaal"}, "type": {"eq": "pabo"}},
            {k for k, p in programs.items() if "duaal" in forms[k] and p["type"] == "pabo"},
        ),
        ({"city": {"eq": "Zwolle"}}, {k for k in programs if "Zwolle" in taught_in[k]}),
        (
            {"city": {"in": ["Ede", "Kampen"]}, "level": {"eq": "bachelor"}},
            {k for k, p in programs.items() if "Ede" in taught_in[k] and p["level"] == "bachelor"},
        ),
        (
            {"or": [{"city": {"contains": "DAM"}}, {"type": {"eq": "pdg"}}]},
            {
                k
                for k, p in programs.items()
                if any("dam" in t.lower() for t in taught_in[k]) or p["type"] == "pdg"
            },
        ),
        (
            {
                "or": [
                    {"type": {"eq": "pdg"}},
                    {"and": [{"type": {"eq": "pabo"}}, {"name": {"contains": "academ"}}]},
                ]
            },
            {
                k
                for k, p in programs.items()
                if p["type"] == "pdg" or (p["type"] == "pabo" and "academ" in p["title"].lower())
            },
        ),
    ]
    for program_filter, wanted in cases:
        assert wanted, program_filter
        result = await gateway.execute(PROGRAMS, {"first": 200, "filter": program_filter})
        assert result.errors is None, program_filter
        page = result.data["trainingPrograms"]
        assert page["totalCount"] == len(wanted), program_filter
        assert [node["sourceId"] for node in page["nodes"]] == _sorted(rows, wanted)[:200], program_filter
    # one call per case, and the location table once for the town conditions (then cached)
    assert (await gateway.calls())["onderwijsloket"]["total"] == len(cases) + 1


async def test_a_town_no_location_is_in_matches_nothing(gateway: Gateway) -> None:
    result = await gateway.execute(PROGRAMS, {"filter": {"city": {"eq": "Kampen"}}})
    assert result.errors is None
    assert result.data["trainingPrograms"]["totalCount"] == 0


async def test_order_by_is_sent_as_sort(gateway: Gateway, rows: Rows) -> None:
    result = await gateway.execute(PROGRAMS, {"first": 200, "order": ["CREDITS_DESC", "NAME_ASC"]})
    credits = [node["credits"] for node in result.data["trainingPrograms"]["nodes"]]
    known = [value for value in credits if value is not None]
    assert known == sorted(known, reverse=True) and known


async def test_near_a_city_or_a_point_keeps_programs_taught_in_the_circle(
    gateway: Gateway, rows: Rows
) -> None:
    points = {
        r["id"]: Point(r["location_data"]["coordinates"][1], r["location_data"]["coordinates"][0])
        for r in rows["locations"]
    }
    utrecht = centroid(points[r["id"]] for r in rows["locations"] if address_town(r) == "Utrecht")
    assert utrecht is not None
    near = {key for key, point in points.items() if distance_km(utrecht, point) <= 20}
    wanted = {link["programs_id"] for link in rows["programs_locations"] if link["locations_id"] in near}
    by_city = await gateway.execute(PROGRAMS, {"first": 200, "near": {"city": "utrecht", "radiusKm": 20}})
    page = by_city.data["trainingPrograms"]
    assert page["totalCount"] == len(wanted)
    assert [node["sourceId"] for node in page["nodes"]] == _sorted(rows, wanted)[:200]
    assert (await gateway.calls())["onderwijsloket"]["total"] == 2  # the location table, then the page

    point = {"latitude": utrecht.latitude, "longitude": utrecht.longitude, "radiusKm": 20}
    by_point = await gateway.execute(
        PROGRAMS, {"first": 200, "near": point, "filter": {"type": {"eq": "pabo"}}}
    )
    pabo = {key for key in wanted if next(p for p in rows["programs"] if p["id"] == key)["type"] == "pabo"}
    assert by_point.data["trainingPrograms"]["totalCount"] == len(pabo) > 0

    nowhere = await gateway.execute(PROGRAMS, {"near": {"latitude": 0.0, "longitude": 0.0, "radiusKm": 10}})
    assert nowhere.data["trainingPrograms"] == {
        "totalCount": 0,
        "pageInfo": {"hasNextPage": False, "endCursor": None},
        "nodes": [],
    }

    for town in ("Atlantis", "Zutphen"):  # no such town; a real town without a location
        unknown = await gateway.execute(PROGRAMS, {"near": {"city": town}})
        assert unknown.data["trainingPrograms"] is None
        (error,) = unknown.errors
        assert error.extensions == {"code": "PLACE_UNKNOWN", "argument": "near.city"}
        assert f"'{town}'" in error.message


async def test_bad_input_costs_no_call(gateway: Gateway) -> None:
    for variables, argument in [
        ({"near": {"city": "Utrecht", "latitude": 52.0}}, "near"),
        ({"near": {"latitude": 52.0}}, "near"),
        ({"near": {}}, "near"),
        ({"near": {"latitude": 95.0, "longitude": 5.0}}, "near"),
        ({"near": {"city": "Utrecht", "radiusKm": 0}}, "near"),
        ({"near": {"city": "Utrecht", "radiusKm": 500}}, "near"),
        ({"filter": {"level": {"in": []}}}, "filter"),
        ({"first": -3}, "first"),
        ({"after": "x"}, "after"),
    ]:
        result = await gateway.execute(PROGRAMS, variables)
        assert result.data["trainingPrograms"] is None, variables
        assert result.errors[0].extensions == {"code": "BAD_USER_INPUT", "argument": argument}, variables
    assert (await gateway.calls())["total"] == 0


async def test_node_batches_ids_into_one_in_filter(gateway: Gateway, rows: Rows) -> None:
    listed = await gateway.execute(PROGRAMS, {"first": 3})
    nodes = listed.data["trainingPrograms"]["nodes"]
    await gateway.reset_calls()
    query = """query($a: ID!, $b: ID!, $c: ID!) {
      a: node(id: $a) { ... on TrainingProgram { name institutions { name } locations { city } } }
      b: node(id: $b) { ... on TrainingProgram { name institutions { name } locations { city } } }
      c: node(id: $c) { ... on TrainingProgram { name institutions { name } locations { city } } }
    }"""
    found = await gateway.execute(query, {"a": nodes[0]["id"], "b": nodes[1]["id"], "c": nodes[2]["id"]})
    assert found.errors is None
    assert [found.data[k]["name"] for k in "abc"] == [n["name"] for n in nodes]
    assert all(found.data[k]["institutions"] and found.data[k]["locations"] for k in "abc")
    # one programs call (id._in) and the location table
    assert (await gateway.calls())["onderwijsloket"]["total"] == 2
    entities = await gateway.execute(
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on TrainingProgram { sourceId } } }",
        {"r": [{"__typename": "TrainingProgram", "id": nodes[0]["id"]}]},
    )
    assert entities.data["_entities"] == [{"sourceId": nodes[0]["sourceId"]}]


async def test_fields_are_what_the_query_selected(recorded: tuple[Gateway, Recorder]) -> None:
    gateway, recorder = recorded
    await gateway.execute("{ trainingPrograms(first: 2) { nodes { name } } }")
    await gateway.execute(
        "{ trainingPrograms(first: 2) { edges { node {"
        " level institution { name brinCode } programForms { form tuitionFees { amount } } } } } }"
    )
    await gateway.execute("{ trainingPrograms(first: 2) { nodes { locations { city } } } }")
    fields = [url.params["fields"] for url in recorder.urls if url.path.endswith("/items/programs")]
    assert fields == [
        "id,locations.locations_id,title",
        "educational_institutions.educational_institutions_id.brin_code,"
        "educational_institutions.educational_institutions_id.id,"
        "educational_institutions.educational_institutions_id.title,id,level,locations.locations_id,"
        "program_forms.id,program_forms.product_form,program_forms.tuition_fees",
        "id,locations.locations_id",
    ]
    locations = [url.params["fields"] for url in recorder.urls if url.path.endswith("/items/locations")]
    assert locations == ["id,location_address,location_components,location_data,title"]
    assert not any("*" in url.params.get("fields", "") for url in recorder.urls)


async def test_a_rejected_token_fails_only_the_program_fields(gateway: Gateway) -> None:
    result = await gateway.execute(
        "{ trainingPrograms(first: 1) { totalCount } vacancies(first: 1) { totalCount } }",
        **{"x-onderwijsloket-authorization": "Bearer not-a-token"},
    )
    assert result.data["trainingPrograms"] is None and result.data["vacancies"]["totalCount"] > 0
    assert result.errors[0].extensions == {
        "code": "UNAUTHENTICATED",
        "upstream": "onderwijsloket",
        "status": 401,
    }
    public = await gateway.execute(
        "{ trainingPrograms(first: 1) { totalCount } }",
        **{"x-onderwijsloket-authorization": "Bearer demo-onderwijsloket-public-token"},
    )
    everything = await gateway.execute("{ trainingPrograms(first: 1) { totalCount } }")
    assert (
        0 < public.data["trainingPrograms"]["totalCount"] < everything.data["trainingPrograms"]["totalCount"]
    )
