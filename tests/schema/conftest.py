"""The gateway's schema executed in-process against the simulators (no sockets)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from gateway.context import build_context
from gateway.settings import Settings
from gateway.upstreams import Upstreams, build_upstreams
from schema.schema import schema
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.clients import asgi_client

SIM = "http://sim"


def simulator_settings(**overrides: Any) -> Settings:
    """Settings pointing every upstream at the in-process simulators, with the demo credentials, lent
    to anonymous writes as the demo lends them (``STAFFGRAPH_ANONYMOUS_WRITES``)."""
    from gateway.secrets import Secret
    from gateway.settings import InboundAuth

    values: dict[str, Any] = {
        "loket_url": f"{SIM}/loket/v2",
        "loket_token_url": f"{SIM}/loket/token",
        "informat_url": f"{SIM}/informat",
        "informat_token_url": f"{SIM}/identity/connect/token",
        "ictergezocht_url": f"{SIM}/ictergezocht",
        "onderwijsloket_url": f"{SIM}/onderwijsloket",
        "informat_client_id": "staffgraph-demo",
        "informat_client_secret": Secret("demo-secret"),
        "ictergezocht_api_key": Secret("demo-ictergezocht-key"),
        "onderwijsloket_token": Secret("demo-onderwijsloket-token"),
        "auth": InboundAuth(anonymous_writes=True),
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="session")
def simulator_app(sim_config: SimConfig) -> Starlette:
    return create_simulator_app(sim_config)


@dataclass
class Gateway:
    """Runs GraphQL operations as a caller with the given headers; counts simulator calls."""

    settings: Settings
    upstreams: Upstreams
    control: httpx.AsyncClient

    async def execute(self, query: str, variables: dict[str, Any] | None = None, **headers: str) -> Any:
        context = build_context(headers, self.settings, self.upstreams)
        return await schema.execute(query, variable_values=variables, context_value=context)

    async def calls(self) -> dict[str, Any]:
        return (await self.control.get("/_sim/calls")).json()  # type: ignore[no-any-return]

    async def reset_calls(self) -> None:
        await self.control.delete("/_sim/calls")


@pytest.fixture
async def gateway(simulator_app: Starlette) -> AsyncIterator[Gateway]:
    settings = simulator_settings()
    upstreams = build_upstreams(settings, transport=httpx.ASGITransport(app=simulator_app))
    async with asgi_client(simulator_app) as control:
        await control.post("/_sim/reset")
        await control.delete("/_sim/faults")
        await control.delete("/_sim/calls")
        yield Gateway(settings, upstreams, control)
    await upstreams.aclose()


ALICE = {"authorization": "Bearer demo-loket-alice"}
BOB = {"authorization": "Bearer demo-loket-bob"}


@pytest.fixture
def sdl() -> Iterator[str]:
    yield schema.as_str()
