"""The whole system over real HTTP: gateway and simulators on free 127.0.0.1 ports (threads).

The batching budgets of issue 4 and partial results, measured the way a client meets
them: one POST to /graphql, the answer checked against the simulators' seeded data,
the cost read from the simulators' own call counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from simulators.config import SimConfig
from simulators.loket import dataset as loket_data
from tests.support.stack import Stack, running_stack

ALICE = {"Authorization": "Bearer demo-loket-alice"}

TEAM = """
query($employer: ID!) {
  persons(employerId: $employer, first: 200) {
    totalCount
    nodes {
      sourceId
      employments { nodes { sourceId jobTitle department } }
      absences { totalCount nodes { kind startDate endDate } }
    }
  }
}
"""
STAFF = """
{ persons(instituteNo: "032912", first: 200) {
    totalCount
    nodes { sourceId employments { nodes { hoursPerWeek fte } } absences { nodes { kind startDate } } }
} }
"""
NEARBY = """
{ vacancies(first: 50) {
    nodes { city trainingPrograms(radiusKm: 40, first: 5) { distanceKm program { name } } }
} }
"""


@pytest.fixture(scope="module")
def stack(sim_config: SimConfig) -> Iterator[Stack]:
    with running_stack(sim_config) as running:
        yield running


@pytest.fixture
def client(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as gateway:
        httpx.delete(f"{stack.simulators_url}/_sim/faults")
        httpx.delete(f"{stack.simulators_url}/_sim/calls")
        yield gateway


def graphql(client: httpx.Client, query: str, variables: dict[str, Any] | None = None, **headers: str) -> Any:
    response = client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_loket_team_of_200_with_job_titles_and_absences_costs_six_calls(
    client: httpx.Client, stack: Stack, sim_config: SimConfig
) -> None:
    employers = graphql(client, "{ employers { nodes { id sourceId companyName } } }", **ALICE)
    school = next(
        e for e in employers["data"]["employers"]["nodes"] if e["companyName"].startswith("Stichting")
    )
    httpx.delete(f"{stack.simulators_url}/_sim/calls")
    body = graphql(client, TEAM, {"employer": school["id"]}, **ALICE)
    assert "errors" not in body
    persons = body["data"]["persons"]
    data = loket_data.build_dataset(sim_config)
    seeded = data.employees.under(school["sourceId"])
    assert persons["totalCount"] == len(seeded) and len(persons["nodes"]) == 200
    assert {p["sourceId"] for p in persons["nodes"]} <= {row["id"] for row in seeded}
    for person in persons["nodes"][:40]:
        assert [e["sourceId"] for e in person["employments"]["nodes"]] == [
            row["id"] for row in data.employments.under(person["sourceId"])
        ]
    assert any(p["absences"]["totalCount"] for p in persons["nodes"])
    assert any(e["jobTitle"] for p in persons["nodes"] for e in p["employments"]["nodes"])
    calls = stack.calls()
    assert calls["total"] <= 6, calls  # type: ignore[operator]


def test_a_school_of_200_with_assignments_and_interruptions_costs_four_calls(
    client: httpx.Client, stack: Stack
) -> None:
    body = graphql(client, STAFF)
    assert "errors" not in body
    staff = body["data"]["persons"]
    assert len(staff["nodes"]) == min(200, staff["totalCount"]) > 150
    assert all(e["fte"] is not None for p in staff["nodes"] for e in p["employments"]["nodes"])
    calls = stack.calls()
    assert calls["total"] <= 4, calls  # type: ignore[operator]
    assert calls["informat"]["total"] == 3, calls  # type: ignore[index]


def test_fifty_vacancies_with_five_nearby_programs_cost_at_most_four_calls(
    client: httpx.Client, stack: Stack
) -> None:
    body = graphql(client, NEARBY)
    assert "errors" not in body
    vacancies = body["data"]["vacancies"]["nodes"]
    assert len(vacancies) == 50 and all(len(v["trainingPrograms"]) == 5 for v in vacancies)
    assert all(
        [hit["distanceKm"] for hit in v["trainingPrograms"]]
        == sorted(hit["distanceKm"] for hit in v["trainingPrograms"])
        for v in vacancies
    )
    calls = stack.calls()
    assert calls["total"] <= 4, calls  # type: ignore[operator]


def test_a_refused_upstream_fails_only_its_own_fields(client: httpx.Client, stack: Stack) -> None:
    body = graphql(
        client,
        "{ employers { totalCount } vacancies(first: 1) { totalCount } }",
        **ALICE,
        **{"X-ICTerGezocht-Authorization": "Bearer not-a-key"},
    )
    assert body["data"]["employers"] == {"totalCount": 2}
    assert body["data"]["vacancies"] is None
    [error] = body["errors"]
    assert error["path"] == ["vacancies"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED", "upstream": "ictergezocht", "status": 401}
    assert "not-a-key" not in str(body)


def test_an_upstream_outage_is_a_typed_error_beside_the_other_data(
    client: httpx.Client, stack: Stack
) -> None:
    httpx.put(f"{stack.simulators_url}/_sim/faults", json={"upstream": "onderwijsloket", "status": 503})
    body = graphql(client, "{ employers { totalCount } trainingPrograms(first: 2) { totalCount } }", **ALICE)
    assert body["data"]["employers"] == {"totalCount": 2}
    assert body["data"]["trainingPrograms"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
    assert error["extensions"]["upstream"] == "onderwijsloket" and error["extensions"]["status"] == 503
