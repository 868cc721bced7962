"""Identical GETs in flight share one upstream call; nothing is kept after it is answered."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from gateway.exceptions import UpstreamTimeout, UpstreamUnavailable
from gateway.resilience.deadline import Deadline, bounded_by
from gateway.settings import UpstreamTimeouts
from gateway.upstreams.base import UpstreamClient

TIMEOUTS = UpstreamTimeouts(connect=2, read=5)


class Upstream:
    """Answers after ``delay`` seconds with the caller's token; counts what reached it."""

    def __init__(self, delay: float = 0.2, status: int = 200) -> None:
        self.calls: list[str] = []
        self.delay, self.status = delay, status
        self.app = Starlette(routes=[Route("/rows", self.rows)])

    async def rows(self, request: Request) -> JSONResponse:
        self.calls.append(f"{request.headers.get('authorization')} {request.url.query}")
        await asyncio.sleep(self.delay)
        return JSONResponse({"token": request.headers.get("authorization")}, status_code=self.status)

    def client(self) -> UpstreamClient:
        return UpstreamClient(
            "http://upstream", timeouts=TIMEOUTS, transport=httpx.ASGITransport(app=self.app)
        )


def get(client: UpstreamClient, token: str, page: str = "1") -> object:
    return client.json("GET", "/rows", params={"page": page}, headers={"Authorization": f"Bearer {token}"})


async def test_concurrent_identical_gets_make_one_call() -> None:
    upstream = Upstream()
    client = upstream.client()
    answers = await asyncio.gather(*(get(client, "alice") for _ in range(16)))
    assert len(upstream.calls) == 1
    assert all(answer == {"token": "Bearer alice"} for answer in answers)
    await client.aclose()


async def test_another_credential_or_query_is_another_call() -> None:
    upstream = Upstream()
    client = upstream.client()
    alice, bob, _ = await asyncio.gather(get(client, "alice"), get(client, "bob"), get(client, "alice", "2"))
    assert sorted(upstream.calls) == ["Bearer alice page=1", "Bearer alice page=2", "Bearer bob page=1"]
    assert alice == {"token": "Bearer alice"} and bob == {"token": "Bearer bob"}
    await client.aclose()


async def test_nothing_is_kept_once_answered() -> None:
    upstream = Upstream(delay=0)
    client = upstream.client()
    await get(client, "alice")
    await get(client, "alice")
    assert len(upstream.calls) == 2
    await client.aclose()


async def caller(client: UpstreamClient, seconds: float, after: float = 0.01) -> object:
    with bounded_by(Deadline.after(seconds)):
        await asyncio.sleep(after)
        return await get(client, "alice")


async def test_a_caller_that_leaves_does_not_cancel_the_call_for_the_others() -> None:
    """The first caller's deadline is a little shorter (it started first): it times out waiting, the
    call it started goes on and answers the one that joined it."""
    upstream = Upstream(delay=0.3)
    client = upstream.client()
    first = asyncio.ensure_future(caller(client, 0.5, after=0))
    await asyncio.sleep(0.05)
    with bounded_by(Deadline.after(0.6)):
        joined = asyncio.ensure_future(get(client, "alice"))
    first.cancel()  # the first caller's request went away
    assert await joined == {"token": "Bearer alice"}
    assert len(upstream.calls) == 1
    await client.aclose()


async def test_a_caller_with_more_time_than_the_call_in_flight_makes_its_own() -> None:
    """Joining a call bounded by a much earlier deadline would cut the patient caller off early."""
    upstream = Upstream(delay=0.3)
    client = upstream.client()
    hurried, patient, later = await asyncio.gather(
        caller(client, 0.05, after=0),
        caller(client, 5),
        caller(client, 5, after=0.02),
        return_exceptions=True,
    )
    assert isinstance(hurried, UpstreamTimeout)
    assert patient == later == {"token": "Bearer alice"}
    assert len(upstream.calls) == 2  # the hurried caller's, and the patient one's that `later` joined
    await client.aclose()


async def test_a_failure_reaches_every_caller_and_is_not_kept() -> None:
    upstream = Upstream(delay=0.1, status=503)
    client = upstream.client()
    client.retry = client.retry.__class__(attempts=1, backoff=0, max_backoff=0)
    answers = await asyncio.gather(*(get(client, "alice") for _ in range(4)), return_exceptions=True)
    assert all(isinstance(answer, UpstreamUnavailable) for answer in answers)
    assert len(upstream.calls) == 1
    upstream.status = 200
    assert await get(client, "alice") == {"token": "Bearer alice"}
    await client.aclose()


def test_writes_are_never_joined() -> None:
    """A POST is sent once per caller, however alike (``json`` only joins GETs)."""
    upstream = Upstream(delay=0.05)
    upstream.app.router.routes.append(Route("/rows", upstream.rows, methods=["POST"]))

    async def run() -> None:
        client = upstream.client()
        await asyncio.gather(
            *(
                client.json("POST", "/rows", json={"a": 1}, headers={"Authorization": "Bearer alice"})
                for _ in range(3)
            ),
            return_exceptions=True,
        )
        await client.aclose()

    asyncio.run(run())
    assert len(upstream.calls) == 3


pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
