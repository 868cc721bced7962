"""Fixtures for the observability tests: the gateway over simulators whose received headers are
recorded, and the gateway's own log lines captured as the JSON ``staffgraph serve`` writes."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.types import Receive, Scope, Send

from gateway.telemetry.logs import RequestIdFilter, json_formatter
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.stack import InProcess, in_process_gateway


@dataclass
class Recorder:
    """The simulators, recording the headers of every request they receive (path, headers)."""

    app: Starlette
    received: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/_sim"):
            headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
            self.received.append((scope["path"], headers))
        await self.app(scope, receive, send)


@pytest.fixture(scope="module")
def simulator_app(sim_config: SimConfig) -> Starlette:
    return create_simulator_app(sim_config)


@pytest.fixture
async def recorded(simulator_app: Starlette) -> AsyncIterator[tuple[InProcess, Recorder]]:
    recorder = Recorder(simulator_app)
    async with in_process_gateway(recorder) as stack:  # type: ignore[arg-type]
        recorder.received.clear()
        yield stack, recorder


@dataclass
class Lines:
    stream: io.StringIO

    def all(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.stream.getvalue().splitlines()]

    def of(self, logger: str) -> list[dict[str, Any]]:
        return [line for line in self.all() if line["logger"] == logger]


@pytest.fixture
def lines() -> Iterator[Lines]:
    """Every ``staffgraph`` record at DEBUG, formatted as ``STAFFGRAPH_LOG_FORMAT=json`` does."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(json_formatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("staffgraph")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield Lines(stream)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
