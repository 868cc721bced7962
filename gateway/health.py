"""Liveness (``/healthz``) and readiness (``/readyz``) for orchestrators and load balancers.

Liveness says only that the process answers HTTP: restarting the gateway cures nothing
an upstream does. Readiness probes each upstream's base URL through its own pooled
client (so it sees what the resolvers would see: same transport, same connection pool),
with a short timeout, and caches the answer for a few seconds so a probe every second
from several load balancers costs the upstreams a request per upstream per TTL at most.

Choice: any HTTP answer below 500 — usually a 404 or 401 for a bare base URL without
credentials — means the upstream is reachable; a 5xx, a timeout or a connection
failure means it is down. The gateway is ready (200) while at least one upstream is up,
because it serves partial results and a query touching only healthy upstreams still
works; it is not ready (503) when none is.

Each upstream's entry also carries its circuit breaker (``circuit``: ``state`` closed,
open or half-open, the failures in a row, and while open the seconds until the next
probe), read fresh on every call, not cached; Informat's adds ``tokenCircuit``, the
circuit of its identity server, and ``refusedCredentials`` counts credentials failing
fast after repeated 401s (never which ones). Probes pass the circuits, the budgets and
any request deadline (``guarded=False``), so readiness shows the upstream itself and a
probe never counts as a failure or a success of the traffic.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from gateway.exceptions import UpstreamError
from gateway.names import Upstream
from gateway.resilience.deadline import unbounded
from gateway.upstreams import Upstreams
from gateway.upstreams.base import UpstreamClient

PROBE_TIMEOUT = 1.0
READINESS_TTL = 3.0


@dataclass(frozen=True)
class UpstreamHealth:
    name: str
    up: bool
    detail: str
    latency_ms: float

    def as_json(self) -> dict[str, Any]:
        return {
            "status": "up" if self.up else "down",
            "detail": self.detail,
            "latencyMs": round(self.latency_ms, 1),
        }


async def probe(client: UpstreamClient, timeout: float = PROBE_TIMEOUT) -> UpstreamHealth:
    """One unauthenticated ``GET`` of the client's base URL; never raises."""
    started = time.perf_counter()
    try:
        with unbounded():
            response = await asyncio.wait_for(
                client.request("GET", "/", template="/", guarded=False), timeout
            )
        up, detail = True, f"answered {response.status_code}"
    except TimeoutError:
        up, detail = False, f"no answer within {timeout:g} s"
    except UpstreamError as exc:
        up = exc.status is not None and exc.status < 500
        detail = f"answered {exc.status}" if exc.status is not None else exc.code.lower()
    return UpstreamHealth(client.name, up, detail, (time.perf_counter() - started) * 1000)


class Readiness:
    """Probes every upstream at most once per ``ttl`` seconds; concurrent callers share one probe."""

    def __init__(
        self,
        upstreams: Upstreams,
        *,
        ttl: float = READINESS_TTL,
        timeout: float = PROBE_TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.upstreams = upstreams
        self.ttl = ttl
        self.timeout = timeout
        self.clock = clock
        self._lock = asyncio.Lock()
        self._checked_at: float | None = None
        self._last: list[UpstreamHealth] = []

    async def check(self) -> list[UpstreamHealth]:
        async with self._lock:
            now = self.clock()
            if self._checked_at is None or now - self._checked_at >= self.ttl:
                clients = self.upstreams.all()
                self._last = list(await asyncio.gather(*(probe(c, self.timeout) for c in clients)))
                self._checked_at = self.clock()
            return self._last

    def _entry(self, result: UpstreamHealth) -> dict[str, Any]:
        entry = result.as_json()
        client = next((c for c in self.upstreams.all() if c.name == result.name), None)
        if client is not None:
            entry["circuit"] = client.circuit.as_json()
            entry["refusedCredentials"] = client.credential_circuits.open_count()
        if result.name == Upstream.INFORMAT:
            entry["tokenCircuit"] = self.upstreams.informat_tokens.identity.circuit.as_json()
        return entry

    async def endpoint(self, request: Request) -> JSONResponse:
        """``GET /readyz``."""
        results = await self.check()
        up = sum(result.up for result in results)
        status = "ok" if up == len(results) else "degraded" if up else "unavailable"
        body = {"status": status, "upstreams": {result.name: self._entry(result) for result in results}}
        return JSONResponse(body, status_code=200 if up else 503, headers={"Cache-Control": "no-store"})


async def healthz(request: Request) -> JSONResponse:
    """``GET /healthz``: the process is alive and serving HTTP."""
    return JSONResponse({"status": "ok"}, headers={"Cache-Control": "no-store"})


__all__ = ["Readiness", "UpstreamHealth", "healthz", "probe"]
