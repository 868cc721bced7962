"""Fixtures for the gateway's HTTP-level tests: the simulators and the app over them, in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from starlette.applications import Starlette

from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.stack import InProcess, in_process_gateway


@pytest.fixture(scope="module")
def simulator_app(sim_config: SimConfig) -> Starlette:
    return create_simulator_app(sim_config)


@pytest.fixture
async def stack(simulator_app: Starlette) -> AsyncIterator[InProcess]:
    """``create_app`` with the demo's settings over freshly reset simulators."""
    async with in_process_gateway(simulator_app) as stack:
        yield stack
