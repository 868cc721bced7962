"""``ObservedRequests``: the ASGI middleware in front of ``/graphql`` (outside every refusal).

For each HTTP request it takes the caller's ``X-Request-Id`` if sane or makes one
(``gateway.telemetry.requests``), makes it current for everything the request runs, adds it
to the response — whatever answers: GraphQL, the body reader's 408/413, load shedding's
503 — opens the operation's span (``gateway.telemetry.tracing``; honours the caller's
``traceparent``) and, when the response is done, writes the request's line to
``staffgraph.request``: id, operation type and name, outcome, HTTP status, milliseconds and
upstream calls made. A client that left before an answer gets its line at DEBUG, with no status.
"""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.telemetry import tracing
from gateway.telemetry.requests import _CURRENT, REQUEST_ID_HEADER, RequestRecord, accepted_id

log = logging.getLogger("staffgraph.request")
_HEADER = REQUEST_ID_HEADER.lower().encode("latin-1")


class ObservedRequests:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        record = RequestRecord(request_id=accepted_id(scope["headers"]), started=time.perf_counter())
        header = (_HEADER, record.request_id.encode("ascii"))
        status: int | None = None

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), header]}
            await send(message)

        token = _CURRENT.set(record)
        try:
            with tracing.server_span(scope["headers"]) as span:
                record.span = span
                try:
                    await self.app(scope, receive, send_with_id)
                finally:
                    tracing.end_request(span, status, record.outcome, record.request_id)
        finally:
            _CURRENT.reset(token)
            _log(record, status, time.perf_counter() - record.started)


def _log(record: RequestRecord, status: int | None, seconds: float) -> None:
    level = logging.INFO if status is not None else logging.DEBUG
    if log.isEnabledFor(level):
        log.log(
            level,
            "graphql request",
            extra={
                "request_id": record.request_id,
                "operation_type": record.operation_type,
                "operation_name": record.operation_name,
                "outcome": record.outcome,
                "status": status,
                "duration_ms": round(seconds * 1000, 1),
                "upstream_calls": record.upstream_calls,
            },
        )


__all__ = ["ObservedRequests"]
