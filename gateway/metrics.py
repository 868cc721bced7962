"""Prometheus metrics: GraphQL operations and upstream calls, served as text at ``/metrics``.

The metrics live in one registry of this module (not prometheus-client's global one, so
importing a library that registers its own collectors changes nothing here). Labels are
a small closed set chosen by the gateway — operation type and outcome, upstream name,
HTTP method and status — never an operation name, a query text, a path with ids in it
or a credential, so neither secrets nor unbounded label values can reach a scrape.
"""

from __future__ import annotations

from typing import Literal

from prometheus_client import (
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    PROCESS_COLLECTOR,
    CollectorRegistry,
    Counter,
    Histogram,
)
from prometheus_client.exposition import choose_encoder
from starlette.requests import Request
from starlette.responses import Response

REGISTRY = CollectorRegistry(auto_describe=True)
for _collector in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
    REGISTRY.register(_collector)

# Upstream answers take 5 ms (simulators on loopback) to the 8 s read timeout.
UPSTREAM_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
GRAPHQL_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

OperationType = Literal["query", "mutation", "subscription", "unknown"]
# ok: no errors; partial: data and errors; error: no data (invalid, refused or failed whole).
Outcome = Literal["ok", "partial", "error"]

GRAPHQL_REQUESTS = Counter(
    "staffgraph_graphql_requests",
    "GraphQL operations executed, by operation type and outcome.",
    ["operation_type", "outcome"],
    registry=REGISTRY,
)
GRAPHQL_LATENCY = Histogram(
    "staffgraph_graphql_request_duration_seconds",
    "Time to execute one GraphQL operation (parse, validate, resolve), by operation type and outcome.",
    ["operation_type", "outcome"],
    buckets=GRAPHQL_BUCKETS,
    registry=REGISTRY,
)
UPSTREAM_REQUESTS = Counter(
    "staffgraph_upstream_requests",
    "HTTP requests the gateway sent upstream, by upstream, method and status "
    "(the HTTP status, or timeout, unreachable, cancelled or error when there was none).",
    ["upstream", "method", "status"],
    registry=REGISTRY,
)
UPSTREAM_LATENCY = Histogram(
    "staffgraph_upstream_request_duration_seconds",
    "Time from sending an upstream request to having its whole body, by upstream and status.",
    ["upstream", "status"],
    buckets=UPSTREAM_BUCKETS,
    registry=REGISTRY,
)

UPSTREAM_BYTES = Counter(
    "staffgraph_upstream_response_bytes",
    "Response body bytes the gateway read from upstreams, by upstream.",
    ["upstream"],
    registry=REGISTRY,
)
UPSTREAM_ROWS = Counter(
    "staffgraph_upstream_rows",
    "Upstream rows the gateway received (fetched) and turned into records (converted), by upstream. "
    "Converted never exceeds fetched: no row is converted twice in one request.",
    ["upstream", "stage"],
    registry=REGISTRY,
)


def observe_graphql(operation_type: OperationType, outcome: Outcome, seconds: float) -> None:
    GRAPHQL_REQUESTS.labels(operation_type, outcome).inc()
    GRAPHQL_LATENCY.labels(operation_type, outcome).observe(seconds)


def observe_upstream_call(upstream: str, method: str, status: str, seconds: float) -> None:
    """Called by ``UpstreamClient.request`` for every upstream request, whatever its fate."""
    UPSTREAM_REQUESTS.labels(upstream, method.upper(), status).inc()
    UPSTREAM_LATENCY.labels(upstream, status).observe(seconds)


def observe_upstream_bytes(upstream: str, size: int) -> None:
    UPSTREAM_BYTES.labels(upstream).inc(size)


def observe_rows(upstream: str, *, fetched: int = 0, converted: int = 0) -> None:
    if fetched:
        UPSTREAM_ROWS.labels(upstream, "fetched").inc(fetched)
    if converted:
        UPSTREAM_ROWS.labels(upstream, "converted").inc(converted)


async def metrics_endpoint(request: Request) -> Response:
    """``GET /metrics``: the Prometheus text format (OpenMetrics when the scraper asks for it)."""
    encoder, content_type = choose_encoder(request.headers.get("accept", ""))
    return Response(encoder(REGISTRY), media_type=content_type)


__all__ = [
    "REGISTRY",
    "metrics_endpoint",
    "observe_graphql",
    "observe_rows",
    "observe_upstream_bytes",
    "observe_upstream_call",
]
