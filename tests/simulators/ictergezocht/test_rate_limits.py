"""The documented rate limits (per account and per IP, 60-second windows) with small
limits and a fake clock: 429, the error body, and a Retry-After that is exactly right."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest

from simulators.config import SimConfig
from simulators.ictergezocht import RateLimits, create_upstream
from simulators.ictergezocht.accounts import DEMO_KEY, OTHER_KEY, READONLY_KEY
from simulators.ictergezocht.ratelimit import DEFAULT_RATE_LIMITS
from simulators.server import create_simulator_app
from simulators.upstream import SimulatedUpstream
from tests.simulators.ictergezocht.support import BASE, assert_error, bearer, client_for
from tests.support.clock import FakeClock

PER_ACCOUNT = 3
PER_IP = 6
WINDOW = 10.0


@pytest.fixture(scope="module")
def limited_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="module")
def limited(sim_config: SimConfig, limited_clock: FakeClock) -> SimulatedUpstream:
    limits = RateLimits(per_account=PER_ACCOUNT, per_ip=PER_IP, window_seconds=WINDOW)
    return create_upstream(replace(sim_config, clock=limited_clock), limits=limits)


@pytest.fixture
async def api(sim_config: SimConfig, limited: SimulatedUpstream) -> AsyncIterator[httpx.AsyncClient]:
    limited.reset()
    async with client_for(create_simulator_app(sim_config, upstreams=[limited])) as client:
        yield client


async def _get(
    api: httpx.AsyncClient, key: str | None = DEMO_KEY, path: str = "/company/type"
) -> httpx.Response:
    return await api.get(BASE + path, headers=bearer(key) if key else {})


def test_defaults_are_the_documented_limits() -> None:
    assert (DEFAULT_RATE_LIMITS.per_account, DEFAULT_RATE_LIMITS.per_ip) == (200, 1000)
    assert DEFAULT_RATE_LIMITS.window_seconds == 60


async def test_account_limit_answers_429_with_retry_after(
    api: httpx.AsyncClient, limited_clock: FakeClock
) -> None:
    for _ in range(PER_ACCOUNT):
        assert (await _get(api)).status_code == 200
        limited_clock.advance(1)
    response = await _get(api)
    assert_error(response, 429, "rate_limit")
    assert response.json()["errors"][0]["error"] == "Het maximaal aantal requests is bereikt (rate limit)."
    # the first request was 3 s ago, so it leaves the 10 s window in 7 s
    assert response.headers["retry-after"] == str(int(WINDOW) - PER_ACCOUNT)
    limited_clock.advance(int(WINDOW) - PER_ACCOUNT - 0.5)
    assert (await _get(api)).status_code == 429
    assert (await _get(api)).headers["retry-after"] == "1"
    limited_clock.advance(0.5)
    assert (await _get(api)).status_code == 200


async def test_account_limit_is_shared_by_the_accounts_keys_not_by_other_accounts(
    api: httpx.AsyncClient,
) -> None:
    assert (await _get(api, DEMO_KEY)).status_code == 200
    assert (await _get(api, READONLY_KEY)).status_code == 200
    assert (await _get(api, DEMO_KEY, "/vacancy/insight")).status_code == 200
    assert (await _get(api, READONLY_KEY)).status_code == 429
    assert (await _get(api, OTHER_KEY)).status_code == 200


async def test_refused_requests_do_not_extend_the_wait(
    api: httpx.AsyncClient, limited_clock: FakeClock
) -> None:
    for _ in range(PER_ACCOUNT):
        await _get(api)
    for _ in range(2):  # stays under the IP limit
        assert (await _get(api)).status_code == 429
        limited_clock.advance(1)
    limited_clock.advance(WINDOW - 2)
    assert (await _get(api)).status_code == 200


async def test_ip_limit_counts_every_request_even_unauthenticated_and_unknown(
    api: httpx.AsyncClient,
) -> None:
    assert (await _get(api, None)).status_code == 401
    assert (await _get(api, "wrong")).status_code == 401
    assert (await _get(api, DEMO_KEY, "/nowhere")).status_code == 404
    assert (await _get(api, OTHER_KEY)).status_code == 200
    assert (await _get(api, OTHER_KEY)).status_code == 200
    assert (await _get(api, READONLY_KEY)).status_code == 200
    response = await _get(api, DEMO_KEY)
    assert_error(response, 429, "rate_limit")
    assert response.headers["retry-after"] == str(int(WINDOW))
    # an IP-limited request does not reach the account window or the router
    assert (await _get(api, None, "/nowhere")).status_code == 429


async def test_reset_forgets_the_windows(api: httpx.AsyncClient, limited: SimulatedUpstream) -> None:
    for _ in range(PER_ACCOUNT):
        await _get(api)
    assert (await _get(api)).status_code == 429
    assert (await api.post("/_sim/reset")).status_code == 204
    assert (await _get(api)).status_code == 200


async def test_limits_can_be_switched_off(sim_config: SimConfig) -> None:
    bundle = create_upstream(sim_config, limits=RateLimits(per_account=None, per_ip=None))
    async with client_for(create_simulator_app(sim_config, upstreams=[bundle])) as api:
        statuses = {(await _get(api)).status_code for _ in range(250)}
    assert statuses == {200}
