"""/healthz and /readyz: liveness always, readiness per upstream, cached, 503 only when none is up."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from gateway.demo import demo_settings
from gateway.health import Readiness, probe
from gateway.upstreams import Upstreams, build_upstreams
from tests.support.clock import FakeClock
from tests.support.stack import InProcess

UPSTREAMS = {"loket", "informat", "ictergezocht", "onderwijsloket"}


@pytest.fixture
async def upstreams(simulator_app: Starlette) -> AsyncIterator[Upstreams]:
    clients = build_upstreams(demo_settings("http://sim"), transport=httpx.ASGITransport(app=simulator_app))
    yield clients
    await clients.aclose()


async def test_healthz_is_ok_without_touching_upstreams(stack: InProcess) -> None:
    await stack.control.put("/_sim/faults", json={"upstream": "loket", "status": 503})
    answer = await stack.gateway.get("/healthz")
    assert answer.status_code == 200 and answer.json() == {"status": "ok"}
    assert (await stack.calls())["total"] == 0


async def test_readyz_reports_every_upstream_up(stack: InProcess) -> None:
    answer = await stack.gateway.get("/readyz")
    body = answer.json()
    assert answer.status_code == 200 and body["status"] == "ok"
    assert set(body["upstreams"]) == UPSTREAMS
    assert all(entry["status"] == "up" for entry in body["upstreams"].values())
    # one unauthenticated GET of each base URL, nothing else
    assert (await stack.calls())["total"] == 4


async def test_readyz_shows_the_upstream_that_is_down_and_stays_ready(stack: InProcess) -> None:
    await stack.control.put("/_sim/faults", json={"upstream": "informat", "status": 503})
    answer = await stack.gateway.get("/readyz")
    body = answer.json()
    assert answer.status_code == 200 and body["status"] == "degraded"
    assert body["upstreams"]["informat"] == {**body["upstreams"]["informat"], "status": "down"}
    assert body["upstreams"]["informat"]["detail"] == "answered 503"
    assert {name for name, e in body["upstreams"].items() if e["status"] == "up"} == UPSTREAMS - {"informat"}


async def test_readyz_is_503_when_no_upstream_can_be_reached(stack: InProcess) -> None:
    await stack.control.put(
        "/_sim/faults", json=[{"upstream": name, "status": 502} for name in sorted(UPSTREAMS)]
    )
    answer = await stack.gateway.get("/readyz")
    assert answer.status_code == 503 and answer.json()["status"] == "unavailable"


async def test_readiness_is_cached_for_its_ttl(upstreams: Upstreams, simulator_app: Starlette) -> None:
    clock = FakeClock()
    readiness = Readiness(upstreams, ttl=3, clock=clock)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=simulator_app), base_url="http://sim"
    ) as sim:
        await sim.delete("/_sim/calls")
        await readiness.check()
        clock.advance(2.9)
        await readiness.check()
        assert (await sim.get("/_sim/calls")).json()["total"] == 4
        clock.advance(0.2)
        await readiness.check()
        assert (await sim.get("/_sim/calls")).json()["total"] == 8


async def test_a_probe_gives_up_after_its_timeout(upstreams: Upstreams, simulator_app: Starlette) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=simulator_app), base_url="http://sim"
    ) as sim:
        await sim.put("/_sim/faults", json={"upstream": "onderwijsloket", "latency_ms": 2000})
        try:
            health = await probe(upstreams.onderwijsloket, timeout=0.2)
        finally:
            await sim.delete("/_sim/faults")
    assert not health.up and health.detail == "no answer within 0.2 s" and health.latency_ms < 1500


async def test_a_probe_of_a_closed_port_is_down() -> None:
    clients = build_upstreams(demo_settings("http://127.0.0.1:9"))
    try:
        health = await probe(clients.loket, timeout=2)
    finally:
        await clients.aclose()
    assert not health.up and health.detail == "upstream_unavailable"
