"""The ICTerGezocht client: insight pages and their rel.next, error bodies, the partner key."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from gateway.dialects.ictergezocht import PageRequest, Period
from gateway.exceptions import UpstreamBadResponse, UpstreamUnauthenticated, UpstreamValidationError
from gateway.secrets import Secret
from gateway.settings import DEFAULT_TIMEOUTS
from gateway.upstreams.ictergezocht import ICTerGezochtClient
from simulators.config import SimConfig
from simulators.server import create_simulator_app

KEY = Secret("demo-ictergezocht-key")
BASE = "http://sim/ictergezocht"


@pytest.fixture(scope="module")
def app(sim_config: SimConfig) -> Starlette:
    return create_simulator_app(sim_config)


def _client(transport: httpx.AsyncBaseTransport) -> ICTerGezochtClient:
    return ICTerGezochtClient(BASE, timeouts=DEFAULT_TIMEOUTS, transport=transport)


def _mock(handler: Callable[[httpx.Request], httpx.Response]) -> ICTerGezochtClient:
    return _client(httpx.MockTransport(handler))


async def test_insight_pages_follow_rel_next(app: Starlette) -> None:
    client = _client(httpx.ASGITransport(app=app))
    period = Period(date(2026, 1, 1), None)
    first = await client.insight(KEY, PageRequest(0, 50), period)
    assert len(first.items) == 50 and first.count > 50
    assert first.next == PageRequest(50, 50)
    last = await client.insight(KEY, PageRequest(first.count - 3, 50), period)
    assert len(last.items) == 3 and last.next is None
    assert all(item["publishDate"] >= "2026-01-01" for item in first.items + last.items)
    partner = await client.insight(
        KEY, PageRequest(0, 1), Period(), partner=Secret("demo-ictergezocht-partner")
    )
    assert partner.count > 0
    with pytest.raises(UpstreamUnauthenticated) as caught:
        await client.insight(KEY, PageRequest(0, 1), Period(), partner=Secret("not-a-partner"))
    assert "not-a-partner" not in str(caught.value)
    await client.aclose()


def _insight(rel: dict[str, Any]) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, json={"count": 2, "offset": 0, "limit": 1, "rel": rel, "items": [{"vacancyId": 1}]}
        )

    return handler


@pytest.mark.parametrize(
    "link",
    [
        "https://evil.example/ictergezocht/vacancy/insight?offset=1&limit=1",  # would carry the key elsewhere
        f"{BASE}/click?offset=1",
        f"{BASE}/vacancy/insight?limit=1",
        42,
    ],
)
async def test_a_next_link_elsewhere_is_a_bad_response(link: Any) -> None:
    client = _mock(_insight({"next": link}))
    with pytest.raises(UpstreamBadResponse, match=r"rel\.next"):
        await client.insight(KEY, PageRequest(0, 1), Period())


async def test_a_body_without_items_is_a_bad_response() -> None:
    client = _mock(lambda request: httpx.Response(200, json={"count": 3}))
    with pytest.raises(UpstreamBadResponse, match="items"):
        await client.insight(KEY, PageRequest(0, 1), Period())
    created = _mock(lambda request: httpx.Response(201, json={"vacancyUrl": "x"}))
    with pytest.raises(UpstreamBadResponse, match="vacancyId"):
        await created.create_vacancy(KEY, {"title": "x"})


async def test_validation_errors_keep_every_field_path_and_no_raw_body() -> None:
    errors = [
        {"error": "Dit veld is verplicht.", "label": "required", "path": "title"},
        {"error": "Onbekend id.", "label": "exists", "path": "company.typeId"},
        {"error": "Te lang.", "label": "max", "path": "company.typeId"},
        {"error": "Stuur JSON.", "label": "content_type", "path": ""},
    ]
    client = _mock(lambda request: httpx.Response(400, json={"errors": errors}))
    with pytest.raises(UpstreamValidationError) as caught:
        await client.update_vacancy(KEY, 70001, {"title": ""})
    error = caught.value
    assert error.fields == {"title": "Dit veld is verplicht.", "company.typeId": "Onbekend id.; Te lang."}
    assert error.status == 400 and error.upstream == "ictergezocht"
    assert "PUT /vacancy/{vacancyId}" in str(error) and "70001" not in str(error)
    assert "Dit veld is verplicht." in str(error) and "label" not in str(error)


async def test_partner_key_is_sent_only_when_held() -> None:
    seen: list[httpx.Headers] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers)
        return httpx.Response(204)

    client = _mock(handler)
    await client.delete_vacancy(KEY, 7)
    await client.delete_vacancy(KEY, 7, partner=Secret("p"))
    assert "partner-authorization" not in seen[0]
    assert seen[1]["partner-authorization"] == "Bearer p"
    assert seen[0]["authorization"] == "Bearer demo-ictergezocht-key"
