"""Fixtures for the Loket simulator tests: one composed simulator app per session (the
data is generated once), a fake clock in its config, the store behind it for computing
expectations from the data, and a reset around every test that writes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace

import httpx
import pytest
from starlette.applications import Starlette

from simulators.config import SimConfig
from simulators.loket import create_upstream
from simulators.loket.store import LoketStore
from simulators.server import create_simulator_app
from simulators.upstream import SimulatedUpstream
from tests.simulators.loket.support import Employers, employers_of
from tests.support.clients import asgi_client
from tests.support.clock import FakeClock


@pytest.fixture(scope="session")
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def loket_config(sim_config: SimConfig, clock: FakeClock) -> SimConfig:
    return replace(sim_config, clock=clock)


@pytest.fixture(scope="session")
def bundle(loket_config: SimConfig) -> SimulatedUpstream:
    return create_upstream(loket_config)


@pytest.fixture(scope="session")
def store(bundle: SimulatedUpstream) -> LoketStore:
    return bundle.apps["loket"].state.store  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def employers(store: LoketStore) -> Employers:
    return employers_of(store)


@pytest.fixture(scope="session")
def sim_app(loket_config: SimConfig, bundle: SimulatedUpstream) -> Starlette:
    return create_simulator_app(loket_config, upstreams=[bundle])


@pytest.fixture
async def client(sim_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(sim_app) as client:
        yield client


@pytest.fixture
def fresh(bundle: SimulatedUpstream) -> Iterator[None]:
    """Seeded state before and after a test that writes or issues tokens."""
    bundle.reset()
    yield
    bundle.reset()
