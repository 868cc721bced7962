"""Fixtures for the ICTerGezocht simulator tests: one composed simulator app per session
(data generation happens once), a fake clock, a fresh state before every test, and the
data set regenerated independently so expectations come from the data, not literals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from simulators.config import SimConfig
from simulators.ictergezocht import create_upstream
from simulators.ictergezocht.accounts import DEMO_KEY
from simulators.ictergezocht.data import Dataset, generate_dataset
from simulators.server import create_simulator_app
from simulators.upstream import SimulatedUpstream
from tests.simulators.ictergezocht.support import BASE, Call, bearer, client_for
from tests.support.clock import FakeClock


@pytest.fixture(scope="session")
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def icter_config(sim_config: SimConfig, clock: FakeClock) -> SimConfig:
    return replace(sim_config, clock=clock)


@pytest.fixture(scope="session")
def bundle(icter_config: SimConfig) -> SimulatedUpstream:
    return create_upstream(icter_config)


@pytest.fixture(scope="session")
def sim_app(icter_config: SimConfig, bundle: SimulatedUpstream) -> Starlette:
    return create_simulator_app(icter_config, upstreams=[bundle])


@pytest.fixture(scope="session")
def dataset(icter_config: SimConfig) -> Dataset:
    return generate_dataset(icter_config.seed, icter_config.today)


@pytest.fixture(autouse=True)
def fresh_state(bundle: SimulatedUpstream) -> None:
    """Seeded data back and rate-limit windows empty, so no test sees another's writes or requests."""
    bundle.reset()


@pytest.fixture
async def client(sim_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(sim_app) as client:
        yield client


@pytest.fixture
def call(client: httpx.AsyncClient) -> Call:
    """``await call("GET", "/click", key=..., params=...)``: a request to the API with a key (or none)."""

    async def send(method: str, path: str, key: str | None = DEMO_KEY, **kwargs: Any) -> httpx.Response:
        headers = {**(bearer(key) if key else {}), **kwargs.pop("headers", {})}
        return await client.request(method, BASE + path, headers=headers, **kwargs)

    return send
