"""Observability: request ids, structured logs, OpenTelemetry traces (optional).

- ``requests``: the record of the request being served (its id, operation, upstream calls),
  carried in a context variable so every log line, span and upstream call of that request
  can reach it without a parameter;
- ``middleware``: ``ObservedRequests``, the ASGI middleware in front of ``/graphql`` that
  takes or makes the ``X-Request-Id``, returns it, opens the operation's span and writes the
  request's log line;
- ``operation``: the schema extension that tells the record which operation ran and how;
- ``upstream``: ``UpstreamCall``, one upstream request's headers, span and log line;
- ``batches``: the DataLoader batch decorator (batch-size metric, span);
- ``logs``: the logging configuration (``STAFFGRAPH_LOG_FORMAT``, ``STAFFGRAPH_LOG_LEVEL``);
- ``tracing``: OpenTelemetry when ``staffgraph[otel]`` is installed and ``OTEL_*`` enable it,
  a no-op otherwise.

Metrics stay in ``gateway.metrics``.
"""

from __future__ import annotations

from gateway.telemetry.batches import observed_batch
from gateway.telemetry.logs import LogConfig, configure_logging
from gateway.telemetry.middleware import ObservedRequests
from gateway.telemetry.operation import OperationObserver
from gateway.telemetry.requests import REQUEST_ID_HEADER, current_request, request_id
from gateway.telemetry.upstream import UpstreamCall

__all__ = [
    "REQUEST_ID_HEADER",
    "LogConfig",
    "ObservedRequests",
    "OperationObserver",
    "UpstreamCall",
    "configure_logging",
    "current_request",
    "observed_batch",
    "request_id",
]
