"""/metrics: GraphQL operations and upstream calls move the counters; no token or query text leaks."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from starlette.applications import Starlette

from gateway.demo import demo_settings
from gateway.settings import BreakerPolicy, BudgetPolicy, Settings
from tests.support.stack import ALICE, InProcess, in_process_gateway


async def scrape(stack: InProcess) -> tuple[str, dict[tuple[str, frozenset[tuple[str, str]]], float]]:
    """The /metrics text and its samples by (name, labels)."""
    answer = await stack.gateway.get("/metrics")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    samples = {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }
    return answer.text, samples


def value(samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


async def test_a_query_moves_the_graphql_and_upstream_counters(stack: InProcess) -> None:
    _, before = await scrape(stack)
    answer = await stack.gateway.post(
        "/graphql", json={"query": "{ employers { totalCount } }"}, headers=ALICE
    )
    assert answer.json() == {"data": {"employers": {"totalCount": 2}}}
    _, after = await scrape(stack)
    ok = {"operation_type": "query", "outcome": "ok"}
    assert value(after, "staffgraph_graphql_requests_total", **ok) == (
        value(before, "staffgraph_graphql_requests_total", **ok) + 1
    )
    assert value(after, "staffgraph_graphql_request_duration_seconds_count", **ok) == (
        value(before, "staffgraph_graphql_request_duration_seconds_count", **ok) + 1
    )
    loket_200 = {"upstream": "loket", "method": "GET", "status": "200"}
    loket_calls = (await stack.calls())["loket"]["total"]
    assert loket_calls == 1
    assert value(after, "staffgraph_upstream_requests_total", **loket_200) == (
        value(before, "staffgraph_upstream_requests_total", **loket_200) + loket_calls
    )
    latency = {"upstream": "loket", "status": "200"}
    assert value(after, "staffgraph_upstream_request_duration_seconds_count", **latency) == (
        value(before, "staffgraph_upstream_request_duration_seconds_count", **latency) + loket_calls
    )


async def test_upstream_failures_and_refused_operations_are_counted(stack: InProcess) -> None:
    _, before = await scrape(stack)
    await stack.control.put("/_sim/faults", json={"upstream": "loket", "status": 503})
    failed = await stack.gateway.post(
        "/graphql", json={"query": "{ employers { totalCount } }"}, headers=ALICE
    )
    assert failed.json()["errors"][0]["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
    both = "{ employers { totalCount } _service { sdl } }"  # the SDL needs no upstream
    partial = await stack.gateway.post("/graphql", json={"query": both}, headers=ALICE)
    assert partial.json()["data"]["_service"]["sdl"] and partial.json()["errors"]
    refused = await stack.gateway.get("/graphql", params={"query": "mutation { __typename }"})
    assert refused.status_code == 405  # GraphQL over HTTP: a mutation over GET
    _, after = await scrape(stack)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("staffgraph_upstream_requests_total", upstream="loket", method="GET", status="503") >= 1
    assert moved("staffgraph_graphql_requests_total", operation_type="query", outcome="error") == 1
    assert moved("staffgraph_graphql_requests_total", operation_type="query", outcome="partial") == 1
    assert moved("staffgraph_graphql_requests_total", operation_type="mutation", outcome="error") == 1


async def test_no_token_or_query_text_reaches_the_metrics(stack: InProcess) -> None:
    query = "query SecretOperationName { confidentialAlias: employers { totalCount } }"
    for headers in (ALICE, {"X-Loket-Authorization": "Bearer demo-loket-bob"}):
        await stack.gateway.post("/graphql", json={"query": query}, headers=headers)
        await stack.gateway.get("/graphql", params={"query": query}, headers=headers)
    await stack.gateway.get("/readyz")
    text, _ = await scrape(stack)
    for secret in (
        "demo-loket-alice",
        "demo-loket-bob",
        "demo-ictergezocht-key",
        "demo-onderwijsloket-token",
        "demo-secret",
        "SecretOperationName",
        "confidentialAlias",
        "providers/employers",
    ):
        assert secret not in text


# ---- issue 11: refusals, budgets, caches, DataLoader batches, circuits ----

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def moved(before: Samples, after: Samples, name: str, **labels: str) -> float:
    return value(after, name, **labels) - value(before, name, **labels)


def refused(before: Samples, after: Samples) -> dict[str, float]:
    """How much ``staffgraph_requests_refused_total`` moved, per limit."""
    limits = {dict(labels)["limit"] for name, labels in after if name == "staffgraph_requests_refused_total"}
    changes = {
        limit: moved(before, after, "staffgraph_requests_refused_total", limit=limit) for limit in limits
    }
    return {limit: change for limit, change in changes.items() if change}


def limited(**limits: int) -> Settings:
    base = demo_settings("http://sim")
    return dataclasses.replace(base, limits=dataclasses.replace(base.limits, **limits))


@pytest.mark.parametrize(
    ("limits", "request_body", "limit"),
    [
        ({"max_depth": 2}, {"query": "{ employers { nodes { persons { nodes { id } } } } }"}, "depth"),
        (
            {"max_aliases": 1},
            {"query": "{ a: employers { totalCount } b: employers { totalCount } }"},
            "aliases",
        ),
        ({"max_tokens": 5}, {"query": "{ employers { totalCount nodes { id } } }"}, "tokens"),
        (
            {"max_root_fields": 1},
            {"query": "{ employers { totalCount } vacancies { totalCount } }"},
            "rootFields",
        ),
        (
            {"max_cost": 2},
            {"query": "{ employers(first: 50) { nodes { persons { nodes { id } } } } }"},
            "cost",
        ),
        (
            {"max_in_values": 1},
            {"query": '{ vacancies(filter: {city: {in: ["Utrecht", "Zwolle"]}}) { totalCount } }'},
            "inValues",
        ),
        (
            {"max_json_depth": 3},
            {"query": "{ employers { totalCount } }", "variables": {"a": [[[[1]]]]}},
            "jsonDepth",
        ),
        ({"max_body_bytes": 10}, {"query": "{ employers { totalCount } }"}, "bodySize"),
        ({"max_in_flight": 0}, {"query": "{ employers { totalCount } }"}, "inFlight"),
    ],
)
async def test_each_limit_counts_its_refusals(
    simulator_app: Starlette, limits: dict[str, int], request_body: dict[str, Any], limit: str
) -> None:
    async with in_process_gateway(simulator_app, settings=limited(**limits)) as stack:
        _, before = await scrape(stack)
        answer = await stack.gateway.post("/graphql", json=request_body, headers=ALICE)
        assert answer.status_code in (200, 400, 413, 503) and answer.json()["errors"]
        _, after = await scrape(stack)
        assert (await stack.calls())["loket"]["total"] == 0
    assert refused(before, after) == {limit: 1}


async def test_introspection_refusals_are_counted(simulator_app: Starlette) -> None:
    settings = dataclasses.replace(demo_settings("http://sim"), introspection=False)
    async with in_process_gateway(simulator_app, settings=settings) as stack:
        _, before = await scrape(stack)
        await stack.gateway.post("/graphql", json={"query": "{ __schema { types { name } } }"})
        _, after = await scrape(stack)
    assert refused(before, after) == {"introspection": 1}


async def test_budget_refusals_are_counted_by_scope(simulator_app: Starlette) -> None:
    vacancies = {"query": "{ vacancies(first: 1) { totalCount } }"}
    base = demo_settings("http://sim")
    # an account budget of one request: the second query is refused by the account's budget
    spent = dataclasses.replace(base, ictergezocht_budget=BudgetPolicy(requests=1, window=60))
    async with in_process_gateway(simulator_app, settings=spent) as stack:
        _, before = await scrape(stack)
        for _ in range(2):
            await stack.gateway.post("/graphql", json=vacancies)
        _, after = await scrape(stack)
    labels = {"upstream": "ictergezocht"}
    assert moved(before, after, "staffgraph_budget_refusals_total", **labels, scope="account") == 1
    # 100 per window, one caller may spend 20 of them (the floor): its 21st query is refused by its share
    shared = dataclasses.replace(
        base, ictergezocht_budget=BudgetPolicy(requests=100, window=60, caller_share=0.1)
    )
    async with in_process_gateway(simulator_app, settings=shared) as stack:
        _, before = await scrape(stack)
        for _ in range(21):
            await stack.gateway.post("/graphql", json=vacancies)
        _, after = await scrape(stack)
    assert moved(before, after, "staffgraph_budget_refusals_total", **labels, scope="caller") == 1
    assert moved(before, after, "staffgraph_budget_refusals_total", **labels, scope="account") == 0


async def test_cache_hits_and_misses_are_counted(stack: InProcess) -> None:
    node = await stack.gateway.post(
        "/graphql", json={"query": "{ employers { nodes { id } } }"}, headers=ALICE
    )
    employer = node.json()["data"]["employers"]["nodes"][0]["id"]
    lookup = {"query": "query($id: ID!) { node(id: $id) { id } }", "variables": {"id": employer}}
    _, before = await scrape(stack)
    for _ in range(2):
        await stack.gateway.post("/graphql", json=lookup, headers=ALICE)
    _, after = await scrape(stack)
    cache = {"cache": "loket.employers"}
    assert moved(before, after, "staffgraph_cache_lookups_total", **cache, result="miss") == 1
    assert moved(before, after, "staffgraph_cache_lookups_total", **cache, result="hit") == 1


async def test_loader_batch_sizes_are_observed(stack: InProcess) -> None:
    employers = await stack.gateway.post(
        "/graphql", json={"query": "{ employers { nodes { id } } }"}, headers=ALICE
    )
    employer = employers.json()["data"]["employers"]["nodes"][0]["id"]
    query = "query($e: ID!) { persons(employerId: $e, first: 4) { nodes { employments { totalCount } } } }"
    _, before = await scrape(stack)
    answer = await stack.gateway.post(
        "/graphql", json={"query": query, "variables": {"e": employer}}, headers=ALICE
    )
    assert "errors" not in answer.json()
    _, after = await scrape(stack)
    batch = {"loader": "employments"}
    assert moved(before, after, "staffgraph_loader_batch_size_count", **batch) == 1
    assert moved(before, after, "staffgraph_loader_batch_size_sum", **batch) == 4


async def test_circuit_state_per_upstream(simulator_app: Starlette) -> None:
    settings = dataclasses.replace(
        demo_settings("http://sim"),
        breaker=BreakerPolicy(failures=1, cooldown=60),
        retry=dataclasses.replace(demo_settings("http://sim").retry, attempts=1),
    )
    async with in_process_gateway(simulator_app, settings=settings) as stack:
        _, before = await scrape(stack)
        assert value(before, "staffgraph_circuit_state", upstream="loket") == 0
        assert "staffgraph_circuit_state" in (await stack.gateway.get("/metrics")).text
        await stack.control.put("/_sim/faults", json={"upstream": "loket", "status": 503})
        await stack.gateway.post("/graphql", json={"query": "{ employers { totalCount } }"}, headers=ALICE)
        _, after = await scrape(stack)
    assert value(after, "staffgraph_circuit_state", upstream="loket") == 2  # open
    assert value(after, "staffgraph_circuit_state", upstream="informat") == 0
