"""Load shedding: over a fixed number of GraphQL requests in flight, answer 503 at once.

A gateway that queues without bound under overload answers every request late, holds
memory and upstream connections for callers that have given up, and recovers slowly. This
middleware counts the requests it lets through and refuses the one over the limit
immediately with 503 and ``Retry-After`` (``OVERLOADED``), so a client backs off and the
requests already admitted finish on time. It sits behind ``gateway.http.body``: a request
counts only once its whole body is in, so clients that send their bodies slowly (each cut
off by ``STAFFGRAPH_BODY_TIMEOUT``) never use up the places of requests ready to run. The
count lives in the event loop of one process (no lock needed: ASGI apps run on one loop);
it is per process, so N workers admit N times the limit.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.http.responses import HTTPRefusal, refusal_response
from gateway.metrics import observe_refusal

SETTING = "STAFFGRAPH_MAX_IN_FLIGHT"
RETRY_AFTER_SECONDS = 1


class LoadShedder:
    """Pure ASGI middleware: at most ``max_in_flight`` HTTP requests inside ``app`` at once."""

    def __init__(self, app: ASGIApp, *, max_in_flight: int, retry_after: int = RETRY_AFTER_SECONDS) -> None:
        self.app = app
        self.max_in_flight = max_in_flight
        self.retry_after = retry_after
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.max_in_flight:
            observe_refusal("inFlight")
            refusal = HTTPRefusal(
                503,
                f"The gateway is at its limit of {self.max_in_flight} requests in flight ({SETTING}); "
                f"retry after {self.retry_after} s.",
                headers={"Retry-After": str(self.retry_after)},
            )
            await refusal_response(refusal, Headers(scope=scope).get("accept"))(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1


__all__ = ["LoadShedder"]
