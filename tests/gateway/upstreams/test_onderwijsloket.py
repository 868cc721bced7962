"""The Onderwijsloket (Directus) client: items with meta counts, Directus errors, bad bodies."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette

from gateway.exceptions import UpstreamBadResponse, UpstreamUnauthenticated, UpstreamValidationError
from gateway.secrets import Secret
from gateway.settings import DEFAULT_TIMEOUTS
from gateway.upstreams.onderwijsloket import OnderwijsloketClient
from simulators.config import SimConfig
from simulators.server import create_simulator_app

TOKEN = Secret("demo-onderwijsloket-token")


@pytest.fixture(scope="module")
def app(sim_config: SimConfig) -> Starlette:
    return create_simulator_app(sim_config)


def _client(transport: httpx.AsyncBaseTransport) -> OnderwijsloketClient:
    return OnderwijsloketClient("http://sim/onderwijsloket", timeouts=DEFAULT_TIMEOUTS, transport=transport)


async def test_items_with_counts_limit_and_offset(app: Starlette) -> None:
    client = _client(httpx.ASGITransport(app=app))
    page = await client.items(
        TOKEN,
        "programs",
        fields="id,title",
        filter='{"type":{"_eq":"pabo"}}',
        sort="title,id",
        limit=5,
        offset=2,
        meta="total_count,filter_count",
    )
    assert len(page.data) == 5 and set(page.data[0]) == {"id", "title"}
    assert page.total_count is not None and page.filter_count is not None
    assert 5 < page.filter_count < page.total_count
    everything = await client.items(TOKEN, "locations", fields="id")
    assert len(everything.data) > 100  # limit=-1: past Directus's default of 100
    await client.aclose()


async def test_directus_errors_are_typed_and_summarised(app: Starlette) -> None:
    client = _client(httpx.ASGITransport(app=app))
    with pytest.raises(UpstreamValidationError) as caught:
        await client.items(TOKEN, "programs", fields="id,no_such_field")
    assert caught.value.status == 400 and "no_such_field" in str(caught.value)
    assert "GET /items/{collection}" in str(caught.value)  # the endpoint's template, as metrics show it
    with pytest.raises(UpstreamValidationError, match="filter"):
        await client.items(TOKEN, "programs", fields="id", filter="{")
    with pytest.raises(UpstreamUnauthenticated) as rejected:
        await client.items(Secret("not-a-token"), "programs", fields="id")
    assert "not-a-token" not in str(rejected.value)
    with pytest.raises(ValueError, match="collection"):
        await client.items(TOKEN, "directus_users", fields="id")
    await client.aclose()


async def test_a_body_without_data_is_a_bad_response() -> None:
    client = _client(httpx.MockTransport(lambda request: httpx.Response(200, json={"items": []})))
    with pytest.raises(UpstreamBadResponse, match="data"):
        await client.items(TOKEN, "programs", fields="id")


async def test_paths_are_built_from_the_items_endpoint() -> None:
    """``/items/{collection}`` filled by ``Endpoint``: the name checked, then percent-encoded."""
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path.decode().split("?")[0])
        return httpx.Response(200, json={"data": []})

    client = _client(httpx.MockTransport(answer))
    await client.items(TOKEN, "program_forms", fields="id")
    assert seen == ["/onderwijsloket/items/program_forms"]
    await client.aclose()
