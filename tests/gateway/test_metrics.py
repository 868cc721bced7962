"""/metrics: GraphQL operations and upstream calls move the counters; no token or query text leaks."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from tests.support.stack import ALICE, InProcess


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
