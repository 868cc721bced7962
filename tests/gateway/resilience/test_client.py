"""Resilience at the upstream base client's request point, over a scripted transport.

Each test scripts the upstream's answers, counts the requests that reached it and, for
waits, records what the client asked to sleep (a fake ``sleep`` that moves a fake clock),
so nothing here depends on timing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import pytest

from gateway.exceptions import (
    UpstreamBadResponse,
    UpstreamError,
    UpstreamForbidden,
    UpstreamRateLimited,
    UpstreamUnauthenticated,
    UpstreamUnavailable,
)
from gateway.resilience.deadline import Deadline, bounded_by
from gateway.settings import DEFAULT_TIMEOUTS, BreakerPolicy, BudgetPolicy, RetryPolicy
from gateway.upstreams.base import UpstreamClient
from tests.support.clock import FakeClock

ALICE = {"Authorization": "Bearer alice-token"}
BOB = {"Authorization": "Bearer bob-token"}


@dataclass
class Upstream:
    """Answers from ``script`` in turn (the last one repeats); records every request."""

    script: list[Callable[[httpx.Request], httpx.Response]]
    seen: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        return self.script[min(len(self.seen), len(self.script)) - 1](request)


def status(code: int, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(code, json={"message": "upstream said no"}, headers=headers)


OK = status(200)


def client(
    upstream: Upstream,
    clock: FakeClock,
    slept: list[float],
    *,
    attempts: int = 3,
    failures: int = 5,
    budget: BudgetPolicy | None = None,
) -> UpstreamClient:
    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.advance(seconds)

    made = UpstreamClient(
        "http://up",
        timeouts=DEFAULT_TIMEOUTS,
        transport=httpx.MockTransport(upstream),
        retry=RetryPolicy(attempts=attempts, backoff=0.1, max_backoff=0.4),
        breaker=BreakerPolicy(failures=failures, cooldown=30),
        budget=budget,
        clock=clock,
        sleep=sleep,
    )
    made.name = "fake"
    return made


async def test_a_get_is_retried_after_503_and_recovers() -> None:
    clock, slept = FakeClock(), []
    upstream = Upstream([status(503), status(502), OK])
    assert await client(upstream, clock, slept).json("GET", "/items", headers=ALICE) == {
        "message": "upstream said no"
    }
    assert len(upstream.seen) == 3 and len(slept) == 2
    assert slept[0] <= 0.1 and slept[1] <= 0.2


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
async def test_writes_are_never_retried(method: str) -> None:
    clock, slept = FakeClock(), []
    upstream = Upstream([status(503), OK])
    with pytest.raises(UpstreamUnavailable) as failed:
        await client(upstream, clock, slept).request(method, "/items", json={"a": 1}, headers=ALICE)
    assert failed.value.status == 503 and len(upstream.seen) == 1 and slept == []


async def test_a_post_marked_idempotent_is_retried() -> None:
    clock, slept = FakeClock(), []
    upstream = Upstream([status(500), OK])
    form = {"grant_type": "client_credentials", "client_id": "c", "client_secret": "s"}
    await client(upstream, clock, slept).json("POST", "/token", data=form, idempotent=True)
    assert len(upstream.seen) == 2


async def test_retry_after_is_waited_for_within_the_deadline() -> None:
    clock, slept = FakeClock(), []
    upstream = Upstream([status(429, **{"Retry-After": "3"}), OK])
    with bounded_by(Deadline.after(10, clock=clock)):
        await client(upstream, clock, slept).json("GET", "/items", headers=ALICE)
    assert slept == [3.0] and len(upstream.seen) == 2


async def test_a_retry_after_beyond_the_deadline_fails_at_once_with_retry_after() -> None:
    clock, slept = FakeClock(), []
    upstream = Upstream([status(429, **{"Retry-After": "30"}), OK])
    with bounded_by(Deadline.after(10, clock=clock)), pytest.raises(UpstreamRateLimited) as limited:
        await client(upstream, clock, slept).json("GET", "/items", headers=ALICE)
    assert limited.value.extensions() == {
        "code": "UPSTREAM_RATE_LIMITED",
        "upstream": "fake",
        "status": 429,
        "retryAfter": 30.0,
    }
    assert slept == [] and len(upstream.seen) == 1


async def test_no_request_goes_out_once_the_deadline_has_passed() -> None:
    clock, slept = FakeClock(), []
    upstream = Upstream([OK])
    deadline = Deadline.after(1, clock=clock)
    clock.advance(2)
    with bounded_by(deadline), pytest.raises(UpstreamError) as late:
        await client(upstream, clock, slept).json("GET", "/items", headers=ALICE)
    assert late.value.code == "UPSTREAM_TIMEOUT" and "request deadline (1 s)" in str(late.value)
    assert upstream.seen == []


async def test_the_circuit_opens_fails_fast_without_calls_and_closes_after_a_probe() -> None:
    clock, slept = FakeClock(), []
    upstream = Upstream([status(503)])
    fake = client(upstream, clock, slept, attempts=1, failures=3)
    for _ in range(3):
        with pytest.raises(UpstreamUnavailable):
            await fake.json("GET", "/items", headers=ALICE)
    assert fake.circuit.state == "open" and len(upstream.seen) == 3

    with pytest.raises(UpstreamUnavailable) as fast:
        await fake.json("GET", "/items", headers=BOB)
    assert "circuit is open" in str(fast.value) and fast.value.retry_after == 30.0
    assert fast.value.status is None and len(upstream.seen) == 3

    clock.advance(30)
    upstream.script = [OK]
    await fake.json("GET", "/items", headers=BOB)  # the probe
    assert fake.circuit.state == "closed" and len(upstream.seen) == 4


async def test_retries_stop_when_the_circuit_opens_between_attempts() -> None:
    clock, slept = FakeClock(), []
    upstream = Upstream([status(503)])
    with pytest.raises(UpstreamUnavailable) as failed:
        await client(upstream, clock, slept, attempts=5, failures=2).json("GET", "/items", headers=ALICE)
    assert failed.value.status == 503 and len(upstream.seen) == 2


@pytest.mark.parametrize(
    "answer",
    [
        status(404),
        status(400),
        status(403),
        status(429, **{"Retry-After": "99"}),
    ],
)
async def test_answers_about_the_caller_never_open_the_circuit(
    answer: Callable[[httpx.Request], httpx.Response],
) -> None:
    clock, slept = FakeClock(), []
    upstream = Upstream([answer])
    fake = client(upstream, clock, slept, attempts=1, failures=2)
    for _ in range(4):
        with pytest.raises(UpstreamError):
            await fake.json("GET", "/items", headers=ALICE)
    assert fake.circuit.state == "closed" and len(upstream.seen) == 4


async def test_one_callers_refused_token_fails_fast_for_that_token_only() -> None:
    clock, slept = FakeClock(), []

    def by_token(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            401 if request.headers["authorization"] == ALICE["Authorization"] else 200, json={}
        )

    upstream = Upstream([by_token])
    fake = client(upstream, clock, slept, failures=2)
    for _ in range(2):
        with pytest.raises(UpstreamUnauthenticated):
            await fake.json("GET", "/items", headers=ALICE)
    with pytest.raises(UpstreamUnauthenticated) as fast:
        await fake.json("GET", "/items", headers=ALICE)
    assert "refused this credential 2 times" in str(fast.value) and len(upstream.seen) == 2
    assert "alice-token" not in str(fast.value) and "alice-token" not in repr(fast.value)
    await fake.json("GET", "/items", headers=BOB)
    assert fake.circuit.state == "closed" and fake.credential_circuits.open_count() == 1


async def test_403_counts_for_no_circuit() -> None:
    clock, slept = FakeClock(), []
    upstream = Upstream([status(403)])
    fake = client(upstream, clock, slept, failures=2)
    for _ in range(3):
        with pytest.raises(UpstreamForbidden):
            await fake.json("GET", "/employers/other", headers=ALICE)
    assert len(upstream.seen) == 3 and fake.credential_circuits.open_count() == 0


async def test_answers_that_are_not_json_count_against_the_circuit() -> None:
    clock, slept = FakeClock(), []
    html = Upstream(
        [lambda r: httpx.Response(200, text="<html>secret</html>", headers={"content-type": "text/html"})]
    )
    fake = client(html, clock, slept, failures=2)
    for _ in range(2):
        with pytest.raises(UpstreamBadResponse) as bad:
            await fake.json("GET", "/items", headers=ALICE)
    assert "text/html" in str(bad.value) and "secret" not in str(bad.value)
    assert len(html.seen) == 2 and fake.circuit.state == "open"


async def test_the_budget_refuses_before_the_upstream_is_asked() -> None:
    clock, slept = FakeClock(), []
    upstream = Upstream([OK])
    fake = client(upstream, clock, slept, budget=BudgetPolicy(requests=2, window=60))
    with bounded_by(Deadline.after(5, clock=clock)):
        await fake.json("GET", "/items", headers=ALICE)
        await fake.json("GET", "/items", headers=ALICE)
        with pytest.raises(UpstreamRateLimited) as spent:
            await fake.json("GET", "/items", headers=ALICE)
        await fake.json("GET", "/items", headers=BOB)  # another account
    assert spent.value.retry_after == 60.0 and len(upstream.seen) == 3
    assert fake.circuit.state == "closed"


async def test_a_probe_is_one_attempt_past_an_open_circuit() -> None:
    clock, slept = FakeClock(), []
    upstream = Upstream([status(503), status(404)])
    fake = client(upstream, clock, slept, attempts=1, failures=1)
    with pytest.raises(UpstreamUnavailable):
        await fake.json("GET", "/items", headers=ALICE)
    assert fake.circuit.state == "open"
    with pytest.raises(UpstreamError) as probed:
        await fake.request("GET", "/", guarded=False)
    assert probed.value.status == 404 and fake.circuit.state == "open"


async def test_a_redirect_is_a_bad_response_and_is_not_followed() -> None:
    clock, slept = FakeClock(), []
    upstream = Upstream([lambda r: httpx.Response(302, headers={"location": "http://elsewhere/"})])
    with pytest.raises(UpstreamBadResponse) as bad:
        await client(upstream, clock, slept).json("GET", "/items", headers=ALICE)
    assert bad.value.status == 302 and len(upstream.seen) == 1


def test_retry_after_may_be_an_http_date() -> None:
    clock, slept = FakeClock(), []
    fake = client(Upstream([OK]), clock, slept)
    answer = httpx.Response(503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
    assert fake.status_error(answer, "GET /x").retry_after == 0.0


async def test_an_error_body_of_an_unexpected_shape_still_maps_to_its_status() -> None:
    from gateway.upstreams.loket import LoketClient

    def odd(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json=["not", "an", "object"])

    loket = LoketClient("http://up", timeouts=DEFAULT_TIMEOUTS, transport=httpx.MockTransport(odd))
    with pytest.raises(UpstreamError) as rejected:
        await loket.json("GET", "/providers/employers", headers=ALICE)
    assert rejected.value.code == "BAD_USER_INPUT" and rejected.value.status == 400
