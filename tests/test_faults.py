"""The fault matrix: every ``/_sim/faults`` mode on every upstream, through the whole gateway.

The simulators run on loopback (a real socket, so a reset is a dropped connection and a
slow body really dribbles); the gateway runs in-process with short timeouts and a short
request deadline, a fresh one per test so circuits and budgets start closed and full.
Each query touches two upstreams: the faulty one's field fails with the right
``extensions`` and the other's data arrives, in a 200, within the deadline. Retries,
circuit breakers and the ICTerGezocht budget are then shown by counting the calls the
simulators received (``/_sim/calls``), with a fake clock for the breaker's cool-down.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any

import httpx
import pytest

from gateway.app import create_app
from gateway.demo import demo_settings
from gateway.settings import BreakerPolicy, BudgetPolicy, RetryPolicy, Settings, UpstreamTimeouts
from gateway.upstreams import build_upstreams
from simulators.config import SimConfig
from simulators.seeding import rng_for
from simulators.server import create_simulator_app
from tests.support.clients import asgi_client
from tests.support.clock import FakeClock
from tests.support.servers import serve_in_thread

ALICE = {"Authorization": "Bearer demo-loket-alice"}
DEADLINE = 0.8
# The deadline bounds the upstream calls, not the test machine's scheduling: an answer within three
# times the deadline proves it, while a broken deadline would wait for the fault (30 s hold, 2.8 s body).
WITHIN = 3 * DEADLINE
FAST = {
    "timeouts": UpstreamTimeouts(connect=0.5, read=0.3),
    "request_deadline": DEADLINE,
    "retry": RetryPolicy(attempts=3, backoff=0.02, max_backoff=0.1),
    # the matrix is about the error each fault gives, not about the circuit (tested below)
    "breaker": BreakerPolicy(failures=100, cooldown=30.0),
}

# for tests about what the gateway decides rather than how fast: timeouts no scheduling delay reaches
PATIENT: dict[str, Any] = {"timeouts": UpstreamTimeouts(connect=5, read=10), "request_deadline": 20.0}

LOKET = "employers(first: 1) { nodes { companyName } }"
INFORMAT = 'persons(instituteNo: "032912", first: 1) { nodes { sourceId } }'
ICTERGEZOCHT = "vacancies(first: 1) { nodes { title } }"
ONDERWIJSLOKET = "trainingPrograms(first: 1) { nodes { name } }"

# fault target -> (the field it fails, another upstream's field, extensions.upstream)
TARGETS = {
    "loket": (LOKET, ONDERWIJSLOKET, "loket"),
    "informat": (INFORMAT, LOKET, "informat"),
    "identity": (INFORMAT, LOKET, "informat"),  # the gateway's Informat token fetch
    "ictergezocht": (ICTERGEZOCHT, LOKET, "ictergezocht"),
    "onderwijsloket": (ONDERWIJSLOKET, LOKET, "onderwijsloket"),
}
# mode -> (fault plan, extensions.code, extensions.status)
MODES: dict[str, tuple[dict[str, Any], str, int | None]] = {
    "timeout": ({"mode": "timeout"}, "UPSTREAM_TIMEOUT", None),
    "5xx": ({"mode": "status", "status": 503}, "UPSTREAM_UNAVAILABLE", 503),
    "429": ({"mode": "status", "status": 429, "retry_after": 7}, "UPSTREAM_RATE_LIMITED", 429),
    "reset": ({"mode": "reset"}, "UPSTREAM_UNAVAILABLE", None),
    "malformed": ({"mode": "malformed"}, "UPSTREAM_BAD_RESPONSE", 200),
    # ten chunks 0.28 s apart, under the 0.3 s read timeout, 2.8 s in all (past WITHIN): only the
    # request deadline can cut it in time
    "slow_body": ({"mode": "slow_body", "duration_ms": 2800}, "UPSTREAM_TIMEOUT", None),
    "content_type": ({"mode": "content_type"}, "UPSTREAM_BAD_RESPONSE", 200),
}


@pytest.fixture(scope="module")
def simulators(sim_config: SimConfig) -> Iterator[str]:
    with serve_in_thread(create_simulator_app(sim_config)) as url:
        yield url


@dataclass
class Gateway:
    client: httpx.AsyncClient
    control: httpx.AsyncClient

    async def query(self, body: str, variables: dict[str, Any] | None = None) -> tuple[Any, float]:
        started = time.monotonic()
        answer = await self.client.post(
            "/graphql", json={"query": body, "variables": variables}, headers=ALICE
        )
        elapsed = time.monotonic() - started
        assert answer.status_code == 200, answer.text  # never an upstream's status
        return answer.json(), elapsed

    async def fault(self, upstream: str, **plan: Any) -> None:
        answer = await self.control.put("/_sim/faults", json={"upstream": upstream, **plan})
        assert answer.status_code == 200, answer.text

    async def calls(self, upstream: str) -> int:
        counts = (await self.control.get("/_sim/calls")).json()
        return int(counts.get(upstream, {}).get("total", 0))

    async def reset_calls(self) -> None:
        await self.control.delete("/_sim/calls")

    async def readyz(self) -> Any:
        return (await self.client.get("/readyz")).json()


@asynccontextmanager
async def gateway(
    simulators: str, *, clock: Callable[[], float] = time.monotonic, **overrides: Any
) -> AsyncIterator[Gateway]:
    settings: Settings = replace(demo_settings(simulators), **{**FAST, **overrides})
    upstreams = build_upstreams(settings, clock=clock)
    app = create_app(settings, upstreams=upstreams)
    try:
        async with (
            asgi_client(app, base_url="http://gateway") as client,
            httpx.AsyncClient(base_url=simulators, timeout=10) as control,
        ):
            await control.post("/_sim/reset")
            await control.delete("/_sim/faults")
            await control.delete("/_sim/calls")
            try:
                yield Gateway(client, control)
            finally:
                await control.delete("/_sim/faults")
    finally:
        await upstreams.aclose()


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("target", list(TARGETS))
async def test_a_fault_fails_only_its_upstreams_field_in_time(
    simulators: str, target: str, mode: str
) -> None:
    failing, other, upstream = TARGETS[target]
    plan, code, status = MODES[mode]
    async with gateway(simulators) as gw:
        await gw.fault(target, **plan)
        body, elapsed = await gw.query(f"{{ hit: {failing} other: {other} }}")

    assert elapsed < WITHIN, f"{target}/{mode} took {elapsed:.2f} s"
    assert body["data"]["hit"] is None
    assert body["data"]["other"]["nodes"], body  # the other upstream's data is kept
    assert body["errors"] and all(error["path"][0] == "hit" for error in body["errors"])
    extensions = body["errors"][0]["extensions"]
    assert extensions["code"] == code and extensions["upstream"] == upstream
    assert extensions["status"] == status
    if mode == "429":
        assert extensions["retryAfter"] == 7
    message = body["errors"][0]["message"]
    for leaked in ("trunc", "<html", "Bad Gateway", "demo-", "Bearer"):
        assert leaked not in message  # upstream bodies and credentials are never echoed


def _seed_failing_first_only(upstream: str, rate: float, calls: int) -> int:
    """A fault seed whose first request fails and whose next ``calls`` succeed."""
    for seed in range(10_000):
        draws = rng_for(seed, "faults", upstream)
        if draws.random() < rate and all(draws.random() >= rate for _ in range(calls)):
            return seed
    raise AssertionError("no such seed")


async def test_a_get_that_meets_a_503_is_retried_and_recovers(simulators: str) -> None:
    async with gateway(simulators) as gw:
        body, _ = await gw.query(f"{{ {ONDERWIJSLOKET} }}")
        assert "errors" not in body
        clean = await gw.calls("onderwijsloket")
        seed = _seed_failing_first_only("onderwijsloket", 0.5, clean)
        await gw.reset_calls()
        await gw.fault("onderwijsloket", status=503, error_rate=0.5, seed=seed)
        body, _ = await gw.query(f"{{ {ONDERWIJSLOKET} }}")
        assert "errors" not in body and body["data"]["trainingPrograms"]["nodes"]
        assert await gw.calls("onderwijsloket") == clean + 1  # the failed call, sent once more


VACANCY = {
    "referenceNumber": "SG-FAULT-0001",
    "title": "Docent Informatica",
    "description": "Lesgeven in informatica.",
    "location": "Utrecht",
    "hours": "32-40",
    "company": {"name": "Bitwise Werving & Selectie B.V.", "typeId": 1},
    "companyUser": {"name": "Eva Jansen", "email": "eva.jansen@bitwise-werving.example"},
}


async def test_a_post_is_never_retried(simulators: str) -> None:
    async with gateway(simulators) as gw:
        await gw.fault("ictergezocht", status=503)
        body, _ = await gw.query(
            "mutation($input: VacancyInput!) { createVacancy(input: $input) { vacancyId } }",
            {"input": VACANCY},
        )
        assert body["errors"][0]["extensions"]["code"] == "UPSTREAM_UNAVAILABLE"
        assert body["errors"][0]["extensions"]["status"] == 503
        assert await gw.calls("ictergezocht") == 1


async def test_the_circuit_opens_fails_fast_half_opens_and_closes(simulators: str) -> None:
    clock = FakeClock()
    # about the circuit, not the clock: timeouts a busy machine cannot reach, so every failure is the 503
    async with gateway(
        simulators, clock=clock, breaker=BreakerPolicy(failures=3, cooldown=30.0), **PATIENT
    ) as gw:
        await gw.fault("onderwijsloket", status=503)
        body, _ = await gw.query(f"{{ hit: {ONDERWIJSLOKET} other: {LOKET} }}")
        assert body["errors"][0]["extensions"]["status"] == 503
        assert await gw.calls("onderwijsloket") == 3  # three attempts, three failures: open
        circuit = (await gw.readyz())["upstreams"]["onderwijsloket"]["circuit"]
        assert circuit == {"state": "open", "failures": 3, "retryInSeconds": 30.0}

        await gw.control.delete("/_sim/faults")  # the upstream is back, but the circuit is open
        await gw.reset_calls()
        clock.advance(10)
        body, _ = await gw.query(f"{{ hit: {ONDERWIJSLOKET} other: {LOKET} }}")
        error = body["errors"][0]
        assert error["extensions"] == {
            "code": "UPSTREAM_UNAVAILABLE",
            "upstream": "onderwijsloket",
            "status": None,
            "retryAfter": 20.0,
        }
        assert "circuit is open" in error["message"] and body["data"]["other"]["nodes"]
        assert await gw.calls("onderwijsloket") == 0  # failed fast, nothing sent

        clock.advance(20)
        assert (await gw.readyz())["upstreams"]["onderwijsloket"]["circuit"]["state"] == "half-open"
        await gw.reset_calls()
        body, _ = await gw.query(f"{{ hit: {ONDERWIJSLOKET} other: {LOKET} }}")
        assert "errors" not in body and body["data"]["hit"]["nodes"]
        assert await gw.calls("onderwijsloket") >= 1
        ready = await gw.readyz()
        assert ready["upstreams"]["onderwijsloket"]["circuit"] == {"state": "closed", "failures": 0}
        assert ready["upstreams"]["loket"]["circuit"]["state"] == "closed"


async def test_a_spent_ictergezocht_budget_is_rate_limited_without_calling_it(simulators: str) -> None:
    async with gateway(simulators, ictergezocht_budget=BudgetPolicy(requests=2, window=60.0)) as gw:
        for _ in range(2):
            body, _ = await gw.query(f"{{ {ICTERGEZOCHT} }}")
            assert "errors" not in body
        spent = await gw.calls("ictergezocht")
        body, _ = await gw.query(f"{{ hit: {ICTERGEZOCHT} other: {LOKET} }}")
        extensions = body["errors"][0]["extensions"]
        assert extensions["code"] == "UPSTREAM_RATE_LIMITED" and extensions["upstream"] == "ictergezocht"
        assert 59 <= extensions["retryAfter"] <= 60 and body["data"]["other"]["nodes"]
        assert await gw.calls("ictergezocht") == spent  # zero extra upstream calls
