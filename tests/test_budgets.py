"""Cost budgets of the people layer, over real HTTP, at scale 1 and scale 10 (issue 8).

Counted by the simulators (``/_sim/calls``: calls and response bytes per upstream) and by
the gateway's own row counters (``/metrics``: Loket rows fetched and converted). A query's
cost must follow the size of its answer, not the size of the employer behind it:

- one Loket person with employments (job titles) and absences of the last twelve months:
  at most 6 calls and 60 KB of Loket JSON, at any scale;
- 25 persons of an employer with employments and absences: at most 8 calls, and the Loket
  bytes at scale 10 at most 1.5 times those at scale 1;
- 200 persons with employments and absences: at most 10 calls at scale 1;
- rows converted never exceed rows fetched (no list is converted once per parent).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from simulators.config import DEFAULT_SEED, SimConfig
from tests.conftest import SIM_TODAY
from tests.support.stack import Stack, running_stack

ALICE = {"Authorization": "Bearer demo-loket-alice"}
SCALES = (1, 10)

PERSON = """
query($id: ID!) {
  person(id: $id) {
    lastName
    employer { companyName }
    employments { nodes { startDate endDate jobTitle department } }
    absences { totalCount nodes { kind code startDate endDate } }
  }
}
"""
TEAM = """
query($employer: ID!, $first: Int!) {
  persons(employerId: $employer, first: $first) {
    totalCount
    nodes {
      id
      employments { nodes { jobTitle department startDate } }
      absences { nodes { kind startDate endDate } }
    }
  }
}
"""
ROWS = re.compile(r'^staffgraph_upstream_rows_total\{stage="(\w+)",upstream="loket"\} ([0-9.e+]+)$', re.M)


@pytest.fixture(scope="module")
def stacks() -> Iterator[dict[int, Stack]]:
    with (
        running_stack(SimConfig(seed=DEFAULT_SEED, today=SIM_TODAY, scale=SCALES[0])) as small,
        running_stack(SimConfig(seed=DEFAULT_SEED, today=SIM_TODAY, scale=SCALES[1])) as large,
    ):
        yield {SCALES[0]: small, SCALES[1]: large}


def graphql(stack: Stack, query: str, variables: dict[str, Any]) -> Any:
    answer = httpx.post(
        f"{stack.gateway_url}/graphql",
        json={"query": query, "variables": variables},
        headers=ALICE,
        timeout=60,
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def school(stack: Stack) -> str:
    employers = graphql(stack, "{ employers { nodes { id companyName } } }", {})["employers"]["nodes"]
    return next(e["id"] for e in employers if e["companyName"].startswith("Stichting"))


def loket_cost(stack: Stack) -> tuple[int, int]:
    calls = stack.calls()["loket"]
    assert isinstance(calls, dict)
    return int(calls["total"]), int(calls["bytes"])


def loket_rows(stack: Stack) -> dict[str, float]:
    text = httpx.get(f"{stack.gateway_url}/metrics", timeout=10).text
    return {stage: float(value) for stage, value in ROWS.findall(text)}


def measured(stack: Stack, query: str, variables: dict[str, Any]) -> tuple[Any, int, int, dict[str, float]]:
    """The answer, Loket calls, Loket bytes and the Loket rows fetched/converted of one request."""
    before = loket_rows(stack)
    stack.reset_calls()
    data = graphql(stack, query, variables)
    calls, size = loket_cost(stack)
    after = loket_rows(stack)
    return data, calls, size, {stage: after.get(stage, 0) - before.get(stage, 0) for stage in after}


def a_busy_person(stack: Stack) -> str:
    """A person of the school with more than one employment and with absences (the costly kind)."""
    team = graphql(stack, TEAM, {"employer": school(stack), "first": 100})["persons"]["nodes"]
    busy = [p for p in team if len(p["employments"]["nodes"]) > 1 and p["absences"]["nodes"]]
    assert busy, "the seeded school has people with two employments and absences"
    return str(busy[0]["id"])


@pytest.mark.parametrize("scale", SCALES)
def test_one_person_costs_at_most_6_calls_and_60_kb_at_any_scale(
    stacks: dict[int, Stack], scale: int
) -> None:
    stack = stacks[scale]
    person_id = a_busy_person(stack)
    data, calls, size, rows = measured(stack, PERSON, {"id": person_id})
    person = data["person"]
    assert person["employer"]["companyName"].startswith("Stichting")
    assert any(e["jobTitle"] for e in person["employments"]["nodes"]), "job titles come through the real join"
    assert {a["kind"] for a in person["absences"]["nodes"]} <= {"SICKNESS", "LEAVE"}
    assert calls <= 6, calls
    assert size <= 60_000, size
    assert rows["converted"] <= rows["fetched"]


def test_25_persons_cost_at_most_8_calls_and_their_bytes_do_not_grow_with_the_employer(
    stacks: dict[int, Stack],
) -> None:
    sizes = {}
    for scale, stack in stacks.items():
        data, calls, size, rows = measured(stack, TEAM, {"employer": school(stack), "first": 25})
        team = data["persons"]["nodes"]
        assert len(team) == 25
        assert data["persons"]["totalCount"] == 450 * scale
        assert any(e["jobTitle"] for p in team for e in p["employments"]["nodes"])
        assert calls <= 8, (scale, calls)
        assert rows["converted"] <= rows["fetched"]
        sizes[scale] = size
    assert sizes[10] <= 1.5 * sizes[1], sizes


def test_200_persons_cost_at_most_10_calls_at_scale_1(stacks: dict[int, Stack]) -> None:
    stack = stacks[1]
    data, calls, _, rows = measured(stack, TEAM, {"employer": school(stack), "first": 200})
    team = data["persons"]["nodes"]
    assert len(team) == 200
    assert sum(1 for p in team for e in p["employments"]["nodes"] if e["jobTitle"]) > 150
    assert calls <= 10, calls
    assert 0 < rows["converted"] <= rows["fetched"]


DEPARTMENT = """
query($employer: ID!, $department: String!) {
  employments(employerId: $employer, filter: {department: {eq: $department}, endDate: {isNull: true}},
              orderBy: [JOB_TITLE_ASC], first: 25) {
    totalCount
    nodes { jobTitle department startDate endDate person { lastName } }
  }
}
"""


def test_a_department_page_reads_the_employments_of_its_page_only(stacks: dict[int, Stack]) -> None:
    """The department grows with the employer; the employment requests do not: the page is chosen on
    the department's leave-balance rows and only its 25 people's employments are read."""
    pages = {}
    for scale, stack in stacks.items():
        variables = {"employer": school(stack), "department": "Sectie talen"}
        stack.reset_calls()
        data = graphql(stack, DEPARTMENT, variables)["employments"]
        endpoints = stack.calls()["loket"]["endpoints"]
        nodes = data["nodes"]
        assert len(nodes) == 25 and data["totalCount"] > 25 * scale // 2
        assert all(n["department"] == "Sectie talen" and n["endDate"] is None for n in nodes)
        titles = [n["jobTitle"] for n in nodes]
        assert titles == sorted(titles, key=str.casefold) or titles == sorted(titles)
        assert endpoints["GET /v2/providers/employers/{employerId}/employees/employments"] == 1, endpoints
        pages[scale] = data["totalCount"]
    assert pages[10] > 5 * pages[1]  # the department did grow
