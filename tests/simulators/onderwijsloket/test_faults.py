"""Injected faults answer with Directus's error bodies; the optional global rate limiter."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from simulators.config import SimConfig
from simulators.onderwijsloket import RateLimit, create_upstream
from simulators.server import create_simulator_app
from tests.support.clients import asgi_client

AUTH = {"Authorization": "Bearer demo-onderwijsloket-token"}


@pytest.fixture
async def sim(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(app, headers=AUTH) as http:
        yield http
        await http.delete("/_sim/faults")


@pytest.mark.parametrize(
    ("status", "code", "message"),
    [
        (503, "SERVICE_UNAVAILABLE", 'Service "api" is unavailable. Under pressure.'),
        (500, "INTERNAL_SERVER_ERROR", "An unexpected error occurred."),
        (401, "INVALID_CREDENTIALS", "Invalid user credentials."),
        (403, "FORBIDDEN", "You don't have permission to access this."),
        (502, "BAD_GATEWAY", "Bad Gateway."),
    ],
)
async def test_status_faults_use_directus_bodies(
    sim: httpx.AsyncClient, status: int, code: str, message: str
) -> None:
    await sim.put("/_sim/faults", json={"upstream": "onderwijsloket", "status": status})
    response = await sim.get("/onderwijsloket/items/programs")
    assert response.status_code == status
    assert response.json() == {"errors": [{"message": message, "extensions": {"code": code}}]}


async def test_429_fault_carries_retry_after(sim: httpx.AsyncClient) -> None:
    await sim.put("/_sim/faults", json={"upstream": "onderwijsloket", "status": 429, "retry_after": 7})
    response = await sim.get("/onderwijsloket/items/programs")
    assert response.status_code == 429 and response.headers["retry-after"] == "7"
    error = response.json()["errors"][0]
    assert (
        error["extensions"]["code"] == "REQUESTS_EXCEEDED"
        and error["message"] == "Too many requests, retry after 7s."
    )


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


async def test_rate_limiter_counts_per_window_and_resets(sim_config: SimConfig) -> None:
    clock = FakeClock()
    config = SimConfig(seed=sim_config.seed, today=sim_config.today, clock=clock)
    bundle = create_upstream(config, rate_limit=RateLimit(points=3, duration=2.0))
    app = create_simulator_app(config, upstreams=[bundle])
    async with asgi_client(app, "http://sim/onderwijsloket", AUTH) as http:
        statuses = [(await http.get("/items/tracks")).status_code for _ in range(3)]
        limited = await http.get("/items/tracks")
        assert statuses == [200, 200, 200] and limited.status_code == 429
        assert limited.headers["retry-after"] == "2"
        error = limited.json()["errors"][0]
        assert error["extensions"]["code"] == "REQUESTS_EXCEEDED" and error["extensions"]["limit"] == 3
        assert error["message"] == "Too many requests, retry after 2s."
        # the limiter runs before authentication, as Directus's does
        assert (await http.get("/items/tracks", headers={"Authorization": "Bearer nope"})).status_code == 429
        clock.now += 2.0
        assert (await http.get("/items/tracks")).status_code == 200
        for _ in range(3):
            await http.get("/server/ping")
        assert (await http.get("/items/tracks")).status_code == 429
        async with asgi_client(app) as control:
            assert (await control.post("/_sim/reset")).status_code == 204
        assert (await http.get("/items/tracks")).status_code == 200
