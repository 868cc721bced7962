"""Fixtures for the Onderwijsloket simulator: one composed app per session, clients, the rows.

Tests reach the simulator through ``create_simulator_app`` so every path carries the
``/onderwijsloket`` prefix, exactly as the gateway will call it. The generated rows are
exposed as ``rows`` so tests compute their expectations from the data, not from literals.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from simulators.config import SimConfig
from simulators.onderwijsloket import create_upstream
from simulators.onderwijsloket.data import generate
from simulators.server import create_simulator_app
from simulators.upstream import SimulatedUpstream
from tests.support.clients import asgi_client

FULL_TOKEN = "demo-onderwijsloket-token"
PUBLIC_TOKEN = "demo-onderwijsloket-public-token"
PREFIX = "/onderwijsloket"

Rows = dict[str, list[dict[str, Any]]]


@pytest.fixture(scope="session")
def bundle(sim_config: SimConfig) -> SimulatedUpstream:
    return create_upstream(sim_config)


@pytest.fixture(scope="session")
def app(sim_config: SimConfig, bundle: SimulatedUpstream) -> Starlette:
    return create_simulator_app(sim_config, upstreams=[bundle])


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """Sends the full-access token unless a test overrides ``Authorization``."""
    headers = {"Authorization": f"Bearer {FULL_TOKEN}"}
    async with asgi_client(app, f"http://sim{PREFIX}", headers) as http:
        yield http


@pytest.fixture
async def anonymous(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(app, f"http://sim{PREFIX}") as http:
        yield http


@pytest.fixture(scope="session")
def rows(sim_config: SimConfig) -> Rows:
    """The same rows the simulator serves (generation is deterministic), for expectations."""
    return generate(sim_config.seed, sim_config.today)


@pytest.fixture(scope="session")
def by_id(rows: Rows) -> dict[str, dict[Any, dict[str, Any]]]:
    return {name: {row["id"]: row for row in items} for name, items in rows.items()}


@pytest.fixture(scope="session")
def links(rows: Rows) -> Callable[[str, str, Any, str], list[Any]]:
    """``links("programs_locations", "programs_id", pid, "locations_id")`` -> linked ids, junction order."""

    def linked(junction: str, left: str, key: Any, right: str) -> list[Any]:
        return [row[right] for row in rows[junction] if row[left] == key]

    return linked


def town_of(location: dict[str, Any]) -> str:
    """The town in a seeded location's address line, ``"<street nr>, <postcode>, <Town>, Nederland"``."""
    _street, _postcode, town, country = location["location_address"].split(", ")
    assert country == "Nederland"
    return town


def errors_of(response: httpx.Response) -> tuple[int, str]:
    """(status, Directus error code) of an error answer, checking the envelope on the way."""
    body = response.json()
    assert set(body) == {"errors"}, body
    (error,) = body["errors"]
    assert isinstance(error["message"], str) and error["message"]
    return response.status_code, error["extensions"]["code"]


@pytest.fixture(scope="session")
def error_of() -> Callable[[httpx.Response], tuple[int, str]]:
    return errors_of
