"""The ICTerGezocht client's paths: a vacancy id is checked and encoded before any request, an
empty insight page is an empty list, and an unknown vacancy is NOT_FOUND."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import httpx
import pytest
from starlette.applications import Starlette

from gateway.dialects.ictergezocht import PageRequest, Period
from gateway.exceptions import InputError, UpstreamNotFound
from gateway.secrets import Secret
from gateway.settings import DEFAULT_TIMEOUTS, BreakerPolicy
from gateway.upstreams.ictergezocht import ICTerGezochtClient
from simulators import ictergezocht
from simulators.config import SimConfig
from simulators.server import create_simulator_app

KEY = Secret("demo-ictergezocht-key")


@pytest.fixture(scope="module")
def app(sim_config: SimConfig) -> Starlette:
    return create_simulator_app(sim_config, upstreams=[ictergezocht.create_upstream(sim_config)])


@pytest.fixture
async def simulated(app: Starlette) -> AsyncIterator[ICTerGezochtClient]:
    client = ICTerGezochtClient(
        "http://sim/ictergezocht", timeouts=DEFAULT_TIMEOUTS, transport=httpx.ASGITransport(app=app)
    )
    yield client
    await client.aclose()


async def test_a_period_without_vacancies_is_an_empty_page(simulated: ICTerGezochtClient) -> None:
    page = await simulated.insight(KEY, PageRequest(0, 50), Period(date(2090, 1, 1), date(2090, 12, 31)))
    assert page.items == [] and page.count == 0 and page.next is None


async def test_an_unknown_vacancy_is_not_found(simulated: ICTerGezochtClient) -> None:
    with pytest.raises(UpstreamNotFound) as caught:
        await simulated.delete_vacancy(KEY, 9_999_999)
    assert "DELETE /vacancy/{vacancyId}" in str(caught.value) and "9999999" not in str(caught.value)
    with pytest.raises(UpstreamNotFound):
        await simulated.update_vacancy(KEY, 9_999_999, {"title": "x"})


@pytest.mark.parametrize("bad", [-1, 10**10, 2**63])
async def test_a_malformed_vacancy_id_is_refused_before_any_request(bad: int) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    client = ICTerGezochtClient(
        "http://x",
        timeouts=DEFAULT_TIMEOUTS,
        transport=httpx.MockTransport(handler),
        breaker=BreakerPolicy(failures=1),
    )
    with pytest.raises(InputError) as caught:
        await client.delete_vacancy(KEY, bad)
    assert caught.value.argument == "vacancyId" and caught.value.code == "BAD_USER_INPUT"
    with pytest.raises(InputError):
        await client.update_vacancy(KEY, bad, {"title": "x"})
    assert sent == [] and client.circuit.state == "closed" and client.circuit.failures == 0


async def test_vacancy_ids_reach_the_documented_paths() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.method == "DELETE":
            return httpx.Response(204)
        return httpx.Response(201, json={"vacancyId": 70001, "vacancyUrl": "https://example.test/v/70001"})

    client = ICTerGezochtClient("http://x", timeouts=DEFAULT_TIMEOUTS, transport=httpx.MockTransport(handler))
    await client.create_vacancy(KEY, {"title": "x"})
    await client.update_vacancy(KEY, 70001, {"title": "x"})
    await client.delete_vacancy(KEY, 0)
    assert [(r.method, r.url.path) for r in sent] == [
        ("POST", "/vacancy"),
        ("PUT", "/vacancy/70001"),
        ("DELETE", "/vacancy/0"),
    ]
