"""The shared simulator machinery: call counts, fault plans, fault modes, over in-process and real HTTP."""

from __future__ import annotations

import httpx
import pytest

from simulators.harness import HTML_BODY, MALFORMED_BODY
from simulators.server import create_simulator_app
from tests.support.clients import asgi_client
from tests.support.fake_upstream import fake_upstream


@pytest.fixture
def client() -> httpx.AsyncClient:
    app = create_simulator_app(upstreams=[fake_upstream()])
    return asgi_client(app)


async def test_calls_are_counted_per_path_template_and_reset(client: httpx.AsyncClient) -> None:
    await client.get("/fake/items")
    await client.get("/fake/v1/items/7")
    await client.get("/fake/v1/items/8")
    await client.delete("/fake/v1/items/8")  # wrong method: still counted against the template
    await client.get("/fake/nowhere")
    calls = (await client.get("/_sim/calls")).json()
    assert calls["fake"]["endpoints"] == {
        "GET /items": 1,
        "GET /v1/items/{item_id}": 2,
        "DELETE /v1/items/{item_id}": 1,
        "GET <unmatched>": 1,
    }
    assert calls["fake"]["total"] == 5 and calls["total"] == 5
    assert (await client.delete("/_sim/calls")).status_code == 204
    assert (await client.get("/_sim/calls")).json()["total"] == 0


async def test_calls_report_the_response_bytes_served_per_endpoint_and_reset(
    client: httpx.AsyncClient,
) -> None:
    items = await client.get("/fake/items")
    first, second = await client.get("/fake/v1/items/7"), await client.get("/fake/v1/items/12345")
    missing = await client.get("/fake/nowhere")  # an error body is served too
    calls = (await client.get("/_sim/calls")).json()
    item_bytes = len(first.content) + len(second.content)
    assert len(items.content) > 500 and len(first.content) < len(second.content)
    assert calls["fake"]["endpoint_bytes"] == {
        "GET /items": len(items.content),
        "GET /v1/items/{item_id}": item_bytes,
        "GET <unmatched>": len(missing.content),
    }
    assert calls["fake"]["bytes"] == calls["bytes"] == len(items.content) + item_bytes + len(missing.content)
    assert calls["fake"]["endpoints"]["GET /v1/items/{item_id}"] == 2 and calls["total"] == 4
    assert (await client.delete("/_sim/calls")).status_code == 204
    cleared = (await client.get("/_sim/calls")).json()
    assert cleared["fake"] == {"total": 0, "endpoints": {}, "bytes": 0, "endpoint_bytes": {}}
    assert cleared["total"] == cleared["bytes"] == 0


@pytest.mark.parametrize(
    ("plan", "body"),
    [
        ({"status": 503}, b'{"fake_error":503}'),
        ({"mode": "malformed"}, MALFORMED_BODY),
        ({"mode": "content_type"}, HTML_BODY),
    ],
)
async def test_fault_bodies_count_as_bytes_served(
    client: httpx.AsyncClient, plan: dict[str, object], body: bytes
) -> None:
    await client.put("/_sim/faults", json={"upstream": "fake", **plan})
    response = await client.get("/fake/items")
    calls = (await client.get("/_sim/calls")).json()
    assert response.content == body  # the fault's body, not the 100 items
    assert calls["fake"]["endpoint_bytes"] == {"GET /items": len(body)} and calls["bytes"] == len(body)


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        ({"upstream": "nope"}, "'upstream' must be one of fake"),
        ({"upstream": "fake", "mode": "explode"}, "'mode' must be one of"),
        ({"upstream": "fake", "error_rate": 2}, "'error_rate' must be between"),
        ({"upstream": "fake", "latency_ms": "fast"}, "'latency_ms' must be an integer"),
        ({"upstream": "fake", "colour": "red"}, "unknown field(s) colour"),
        ([1], "a fault plan must be a JSON object"),
    ],
)
async def test_bad_fault_plans_are_rejected_naming_the_field(
    client: httpx.AsyncClient, plan: object, message: str
) -> None:
    response = await client.put("/_sim/faults", json=plan)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert (await client.get("/_sim/faults")).json() == {"faults": []}


async def test_status_fault_uses_the_upstream_error_body_and_retry_after(client: httpx.AsyncClient) -> None:
    await client.put("/_sim/faults", json={"upstream": "fake", "status": 429})
    response = await client.get("/fake/items")
    assert response.status_code == 429
    assert response.json() == {"fake_error": 429}
    assert response.headers["retry-after"] == "1"
    await client.delete("/_sim/faults")
    assert (await client.get("/fake/items")).status_code == 200


async def test_error_rate_is_seeded_and_reproducible(client: httpx.AsyncClient) -> None:
    async def pattern() -> list[int]:
        await client.put(
            "/_sim/faults", json={"upstream": "fake", "status": 503, "error_rate": 0.5, "seed": 7}
        )
        return [(await client.get("/fake/items")).status_code for _ in range(40)]

    first, second = await pattern(), await pattern()
    assert first == second
    assert 5 < first.count(503) < 35 and first.count(200) == 40 - first.count(503)


async def test_malformed_and_content_type_faults(client: httpx.AsyncClient) -> None:
    await client.put("/_sim/faults", json={"upstream": "fake", "mode": "malformed"})
    response = await client.get("/fake/items")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    with pytest.raises(ValueError):
        response.json()
    await client.put("/_sim/faults", json={"upstream": "fake", "mode": "content_type"})
    response = await client.get("/fake/items")
    assert response.headers["content-type"].startswith("text/html")


async def test_latency_applies_to_every_request_without_a_fault(client: httpx.AsyncClient) -> None:
    await client.put("/_sim/faults", json={"upstream": "fake", "latency_ms": 30})
    plans = (await client.get("/_sim/faults")).json()["faults"]
    assert plans[0]["latency_ms"] == 30 and plans[0]["mode"] is None
    assert (await client.get("/fake/items")).status_code == 200


async def test_delete_faults_for_one_upstream_only(client: httpx.AsyncClient) -> None:
    await client.put("/_sim/faults", json={"upstream": "fake", "status": 500})
    assert (await client.delete("/_sim/faults", params={"upstream": "other"})).status_code == 400
    assert (await client.delete("/_sim/faults", params={"upstream": "fake"})).status_code == 204
    assert (await client.get("/_sim/faults")).json() == {"faults": []}
