"""Fixtures for the Informat simulator: one seeded upstream per session (with a fake clock),
a fresh state and a fresh demo token per test, and the data set rebuilt on its own so
expectations come from the data rather than from literals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest
from starlette.applications import Starlette

from simulators.config import SimConfig
from simulators.informat import create_upstream
from simulators.informat.dataset import Dataset, build_dataset
from simulators.server import create_simulator_app
from simulators.upstream import SimulatedUpstream
from tests.simulators.informat.support import Api, fetch_token
from tests.support.clients import asgi_client
from tests.support.clock import START, FakeClock


@pytest.fixture(scope="session")
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def informat_config(sim_config: SimConfig, clock: FakeClock) -> SimConfig:
    return replace(sim_config, clock=clock)


@pytest.fixture(scope="session")
def informat(informat_config: SimConfig) -> SimulatedUpstream:
    return create_upstream(informat_config)


@pytest.fixture(scope="session")
def dataset(informat_config: SimConfig) -> Dataset:
    return build_dataset(informat_config)


@pytest.fixture(scope="session")
def sim_app(informat_config: SimConfig, informat: SimulatedUpstream) -> Starlette:
    return create_simulator_app(informat_config, upstreams=[informat])


@pytest.fixture
async def http(
    sim_app: Starlette, informat: SimulatedUpstream, clock: FakeClock
) -> AsyncIterator[httpx.AsyncClient]:
    informat.reset()
    clock.now = START
    async with asgi_client(sim_app) as client:
        yield client
        await client.delete("/_sim/faults")


@pytest.fixture
async def api(http: httpx.AsyncClient) -> Api:
    return Api(http, await fetch_token(http))
