"""The gateway app with chosen limits, over the in-process simulators (no sockets)."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from gateway.demo import demo_settings
from gateway.settings import RequestLimits, Settings
from tests.support.stack import in_process_gateway

ALICE = {"Authorization": "Bearer demo-loket-alice"}
GraphQLResponse = "application/graphql-response+json"


@dataclasses.dataclass
class Limited:
    """A gateway app built from ``settings``; ``gateway`` talks to it, ``control`` to ``/_sim``."""

    app: Starlette
    settings: Settings
    gateway: httpx.AsyncClient
    control: httpx.AsyncClient

    async def calls(self) -> int:
        return int((await self.control.get("/_sim/calls")).json()["total"])

    async def post(
        self, query: str, variables: dict[str, Any] | None = None, **headers: str
    ) -> httpx.Response:
        body: dict[str, Any] = {"query": query}
        if variables is not None:
            body["variables"] = variables
        return await self.gateway.post("/graphql", json=body, headers={**ALICE, **headers})


GatewayFactory = Callable[..., AbstractAsyncContextManager[Limited]]


@pytest.fixture
def limited_gateway(simulator_app: Starlette) -> GatewayFactory:
    """``async with limited_gateway(max_depth=3, introspection=False) as g:`` — RequestLimits fields
    and Settings fields by name; everything else is the demo's."""

    @asynccontextmanager
    async def build(**overrides: Any) -> AsyncIterator[Limited]:
        limit_names = {f.name for f in dataclasses.fields(RequestLimits)}
        limits = {k: v for k, v in overrides.items() if k in limit_names}
        others = {k: v for k, v in overrides.items() if k not in limit_names}
        base = demo_settings("http://sim")
        settings = dataclasses.replace(base, limits=dataclasses.replace(base.limits, **limits), **others)
        async with in_process_gateway(simulator_app, settings=settings) as stack:
            yield Limited(stack.app, settings, stack.gateway, stack.control)

    return build
