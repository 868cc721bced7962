"""A department's employments ordered by job title, paged by Loket on the leave balances.

The paged read must give exactly the answer the department-wide read gives (same nodes, same
order, same count, page after page), while reading only as many balance rows as the page needs.
"""

from __future__ import annotations

from typing import Any

import pytest

from gateway.sources.loket import LoketSource
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.stack import ALICE, InProcess, in_process_gateway

EMPLOYER = "RW1wbG95ZXI6bG9rZXQ6NGZhZDQ3YTItNWNmZS00NzI1LTllZjQtZDNkNmFhNTAzNzIx"
PAGE = """
query($employer: ID!, $filter: EmploymentFilter, $order: [EmploymentOrder!], $after: String) {
  employments(employerId: $employer, filter: $filter, orderBy: $order, first: 10, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id jobTitle department startDate endDate person { id } }
  }
}
"""
CASES = [
    ({"department": {"eq": "Sectie talen"}, "endDate": {"isNull": True}}, ["JOB_TITLE_ASC"]),
    ({"department": {"eq": "Sectie talen"}}, ["JOB_TITLE_DESC"]),
    (
        {"department": {"in": ["Sectie talen", "Directie"]}, "startDate": {"gte": "2015-01-01"}},
        ["JOB_TITLE_ASC"],
    ),
]


async def pages(stack: InProcess, variables: dict[str, Any], count: int) -> list[dict[str, Any]]:
    found, after = [], None
    for _ in range(count):
        answer = await stack.gateway.post(
            "/graphql", json={"query": PAGE, "variables": {**variables, "after": after}}, headers=ALICE
        )
        body = answer.json()
        assert "errors" not in body, body
        found.append(body["data"]["employments"])
        after = found[-1]["pageInfo"]["endCursor"]
    return found


@pytest.mark.parametrize(("tree", "order"), CASES)
async def test_paged_by_loket_equals_the_department_wide_read(
    sim_config: SimConfig, monkeypatch: pytest.MonkeyPatch, tree: dict[str, Any], order: list[str]
) -> None:
    variables = {"employer": EMPLOYER, "filter": tree, "order": order}
    async with in_process_gateway(create_simulator_app(sim_config)) as stack:
        await stack.control.delete("/_sim/calls")
        paged = await pages(stack, variables, 3)
        calls = await stack.calls()
        balances = calls["loket"]["endpoints"]["GET /v2/providers/employers/{employerId}/leavebalances"]

        async def not_paged(*args: Any, **kwargs: Any) -> None:
            return None

        monkeypatch.setattr(LoketSource, "employment_page_by_title", not_paged)
        whole = await pages(stack, variables, 3)
    assert paged == whole
    assert paged[0]["totalCount"] > 20 and len(paged[0]["nodes"]) == 10
    assert balances == 9  # three short lists per page
    titles = [node["jobTitle"] for page in paged for node in page["nodes"]]
    assert titles == sorted(titles, key=str.casefold, reverse=order == ["JOB_TITLE_DESC"])


async def test_other_filters_and_orders_keep_the_department_wide_read(sim_config: SimConfig) -> None:
    """``contains`` (Loket's ``lk`` may differ in case) or a second order key: not paged by Loket."""
    async with in_process_gateway(create_simulator_app(sim_config)) as stack:
        for tree, order in [
            ({"department": {"contains": "talen"}}, ["JOB_TITLE_ASC"]),
            ({"department": {"eq": "Sectie talen"}}, ["START_DATE_ASC", "JOB_TITLE_ASC"]),
        ]:
            await stack.control.delete("/_sim/calls")
            found = await pages(stack, {"employer": EMPLOYER, "filter": tree, "order": order}, 1)
            assert found[0]["totalCount"] > 0
            endpoints = (await stack.calls())["loket"]["endpoints"]
            assert endpoints.get("GET /v2/providers/employers/{employerId}/leavebalances", 0) <= 1


async def test_a_capped_page_size_falls_back_to_the_department_wide_read(
    sim_config: SimConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loket may answer fewer rows than ``pageSize`` asks; a short list is never taken for the page."""
    from gateway.upstreams.loket import LoketClient

    real = LoketClient.page

    async def capped(self: LoketClient, *args: Any, **kwargs: Any) -> Any:
        kwargs["page_size"] = min(kwargs.get("page_size", 250), 4)
        return await real(self, *args, **kwargs)

    variables = {"employer": EMPLOYER, "filter": CASES[0][0], "order": CASES[0][1]}
    async with in_process_gateway(create_simulator_app(sim_config)) as stack:
        expected = await pages(stack, variables, 2)
        monkeypatch.setattr(LoketClient, "page", capped)
        found = await pages(stack, variables, 2)
    assert found == expected and len(found[1]["nodes"]) == 10


async def test_a_filter_beyond_the_balance_rows_reads_the_department_employments(
    sim_config: SimConfig,
) -> None:
    """A condition the balance rows cannot answer (hours per week) keeps the narrowed read: the
    department's balances, then its employees' employments; the same people as the paged read."""
    wide = {
        "department": {"eq": "Sectie talen"},
        "or": [{"hoursPerWeek": {"gte": 0}}, {"startDate": {"gte": "1900-01-01"}}],
    }
    async with in_process_gateway(create_simulator_app(sim_config)) as stack:
        paged = await pages(
            stack, {"employer": EMPLOYER, "filter": CASES[1][0], "order": ["JOB_TITLE_ASC"]}, 1
        )
        await stack.control.delete("/_sim/calls")
        narrowed = await pages(stack, {"employer": EMPLOYER, "filter": wide, "order": ["JOB_TITLE_ASC"]}, 1)
        endpoints = (await stack.calls())["loket"]["endpoints"]
    assert narrowed[0]["totalCount"] == paged[0]["totalCount"] > 20
    assert {n["department"] for n in narrowed[0]["nodes"]} == {"Sectie talen"}
    assert endpoints["GET /v2/providers/employers/{employerId}/leavebalances"] == 1
    assert endpoints["GET /v2/providers/employers/{employerId}/employees/employments"] >= 1
