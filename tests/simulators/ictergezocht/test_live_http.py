"""The simulator over a real socket: absolute ``rel`` links carry the server's own host
and port and can be followed as they are; the per-IP limit sees the socket's address."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest

from simulators.config import SimConfig
from simulators.ictergezocht import RateLimits, create_upstream
from simulators.ictergezocht.accounts import DEMO_ACCOUNT, DEMO_KEY, OTHER_KEY
from simulators.server import create_simulator_app
from tests.simulators.ictergezocht.support import BASE, bearer
from tests.support.clock import FakeClock
from tests.support.servers import serve_in_thread

PER_IP = 25


@pytest.fixture(scope="module")
def base_url(sim_config: SimConfig) -> Iterator[str]:
    config = replace(sim_config, clock=FakeClock())
    bundle = create_upstream(config, limits=RateLimits(per_account=None, per_ip=PER_IP))
    with serve_in_thread(create_simulator_app(config, upstreams=[bundle])) as url:
        yield url


def test_rel_links_are_followed_over_http(base_url: str) -> None:
    seen: list[int] = []
    with httpx.Client(headers=bearer(DEMO_KEY), timeout=10) as client:
        client.post(base_url + "/_sim/reset")
        url: str | None = f"{base_url}{BASE}/vacancy/insight?limit=50&note=a%20b"
        while url:
            body = client.get(url).json()
            assert body["count"] == DEMO_ACCOUNT.vacancy_count
            seen += [item["vacancyId"] for item in body["items"]]
            url = body["rel"].get("next")
            assert url is None or (url.startswith(f"{base_url}{BASE}/vacancy/insight?") and "note=a+b" in url)
    assert len(seen) == len(set(seen)) == DEMO_ACCOUNT.vacancy_count


def test_ip_limit_applies_to_the_socket_address_across_accounts(base_url: str) -> None:
    with httpx.Client(timeout=10) as client:
        client.post(base_url + "/_sim/reset")
        statuses = [
            client.get(f"{base_url}{BASE}/company/type", headers=bearer(key)).status_code
            for key in [DEMO_KEY, OTHER_KEY] * PER_IP
        ]
        assert statuses == [200] * PER_IP + [429] * PER_IP
        refused = client.get(f"{base_url}{BASE}/click", headers=bearer(DEMO_KEY))
        assert refused.headers["retry-after"] == "60"
        assert refused.json()["errors"][0]["label"] == "rate_limit"
