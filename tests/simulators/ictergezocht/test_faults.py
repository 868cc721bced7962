"""Injected faults answer in ICTerGezocht's own error shape, and calls are counted per
path template of this API."""

from __future__ import annotations

import httpx
import pytest

from simulators.ictergezocht.accounts import DEMO_KEY
from tests.simulators.ictergezocht.support import BASE, Call, assert_error, bearer


@pytest.fixture(autouse=True)
async def no_faults_after(client: httpx.AsyncClient) -> None:
    await client.delete("/_sim/faults")
    await client.delete("/_sim/calls")


@pytest.mark.parametrize(
    ("plan", "status", "label", "retry_after"),
    [
        ({"status": 503}, 503, "service_unavailable", "1"),
        ({"status": 503, "retry_after": 30}, 503, "service_unavailable", "30"),
        ({"status": 429}, 429, "rate_limit", "1"),
        ({"status": 429, "retry_after": 12}, 429, "rate_limit", "12"),
        ({"status": 500}, 500, "server_error", None),
        ({"status": 502}, 502, "bad_gateway", None),
        ({"status": 401}, 401, "unauthorized", None),
    ],
)
async def test_status_faults_use_the_documented_error_body(
    client: httpx.AsyncClient, plan: dict[str, int], status: int, label: str, retry_after: str | None
) -> None:
    assert (await client.put("/_sim/faults", json={"upstream": "ictergezocht", **plan})).status_code == 200
    response = await client.get(BASE + "/vacancy/insight", headers=bearer(DEMO_KEY))
    assert_error(response, status, label, "")
    assert response.headers.get("retry-after") == retry_after
    if status == 500:
        assert response.json()["errors"][0]["error"] == "Algemene fout, neem contact op met ICTerGezocht.nl."


async def test_calls_are_counted_per_template(client: httpx.AsyncClient, call: Call) -> None:
    await call("GET", "/vacancy/insight")
    await call("PUT", "/vacancy/12", json={})
    await call("DELETE", "/vacancy/13")
    await call("GET", "/click", key=None)
    await call("GET", "/company/user/function")
    counts = (await client.get("/_sim/calls")).json()["ictergezocht"]
    assert counts["endpoints"] == {
        "GET /vacancy/insight": 1,
        "PUT /vacancy/{vacancyId}": 1,
        "DELETE /vacancy/{vacancyId}": 1,
        "GET /click": 1,
        "GET /company/user/function": 1,
    }
