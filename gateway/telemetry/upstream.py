"""One upstream request as the outside sees it: headers sent on, its span, its log line.

``gateway.upstreams.base`` makes one ``UpstreamCall`` per attempt (a retry is another call,
with ``attempt`` 2, 3...): it adds ``X-Request-Id`` (the request's id) and, with tracing on,
``traceparent`` to the headers, counts itself on the request's record and writes one line to
``staffgraph.upstream`` — the upstream, the method, the path *template* (ids are not secrets,
but a template groups lines and keeps caller input out of the log), the status (the metrics'
status: an HTTP status, or timeout, unreachable, refused, cancelled, error), milliseconds and
the attempt. The cost without tracing: one context-variable read, one dict copy, one record.
"""

from __future__ import annotations

import logging

from gateway.telemetry import tracing
from gateway.telemetry.requests import REQUEST_ID_HEADER, RequestRecord, current_request

log = logging.getLogger("staffgraph.upstream")


class UpstreamCall:
    __slots__ = ("attempt", "method", "record", "span", "template", "upstream")

    def __init__(self, upstream: str, base_url: str, where: str, attempt: int = 1) -> None:
        """``where`` is the base client's ``"GET /path/{template}"``."""
        self.upstream = upstream
        self.method, _, self.template = where.partition(" ")
        self.attempt = attempt
        self.record: RequestRecord | None = current_request()
        self.span = tracing.client_span(base_url, self.method, self.template, upstream, attempt)

    def headers(self, headers: dict[str, str]) -> dict[str, str]:
        """``headers`` and the request id (and trace context) to send with them."""
        if self.record is None and self.span is None:
            return headers
        sent = dict(headers)
        if self.record is not None:
            sent[REQUEST_ID_HEADER] = self.record.request_id
        if self.span is not None:
            tracing.inject(self.span, sent)
        return sent

    def end(self, status: str, seconds: float) -> None:
        if self.record is not None:
            self.record.upstream_calls += 1
        if self.span is not None:
            tracing.end_client_span(self.span, status)
        if log.isEnabledFor(logging.INFO):
            log.info(
                "upstream call",
                extra={
                    "upstream": self.upstream,
                    "method": self.method,
                    "path": self.template,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 1),
                    "attempt": self.attempt,
                },
            )


__all__ = ["UpstreamCall"]
