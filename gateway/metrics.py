"""Prometheus metrics: GraphQL operations and upstream calls, served as text at ``/metrics``.

The metrics live in one registry of this module (not prometheus-client's global one, so
importing a library that registers its own collectors changes nothing here). Labels are
a small closed set chosen by the gateway — operation type and outcome, upstream name,
HTTP method and status — never an operation name, a query text, a path with ids in it
or a credential, so neither secrets nor unbounded label values can reach a scrape.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal, Protocol, get_args

from prometheus_client import (
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    PROCESS_COLLECTOR,
    CollectorRegistry,
    Counter,
    Histogram,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import choose_encoder
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response

if TYPE_CHECKING:
    from prometheus_client.metrics_core import Metric

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


# The limits that refuse a request, as ``extensions.limit`` names them (gateway.limits.errors) and the
# HTTP layer's (gateway.http): a closed set, so a label value never comes from the caller.
RefusedLimit = Literal[
    "depth", "aliases", "tokens", "rootFields", "cost", "inValues", "listLength", "entities",
    "inputValues", "introspection", "bodySize", "bodyTimeout", "jsonDepth", "headerSize",
    "headerTimeout", "inFlight",
]  # fmt: skip
REFUSED_LIMITS: frozenset[str] = frozenset(get_args(RefusedLimit))

REFUSALS = Counter(
    "staffgraph_requests_refused",
    "Requests refused by a limit before any upstream call, by limit (inFlight is load shedding: 503).",
    ["limit"],
    registry=REGISTRY,
)
BUDGET_REFUSALS = Counter(
    "staffgraph_budget_refusals",
    "Upstream calls the gateway's client-side budget refused (UPSTREAM_RATE_LIMITED, no call made), "
    "by upstream and scope: the account's whole budget or one caller's share of it.",
    ["upstream", "scope"],
    registry=REGISTRY,
)
CACHE_LOOKUPS = Counter(
    "staffgraph_cache_lookups",
    "Lookups in the shared caches (gateway.caches), by cache and result (hit or miss).",
    ["cache", "result"],
    registry=REGISTRY,
)
LOADER_BATCHES = Histogram(
    "staffgraph_loader_batch_size",
    "Keys in one DataLoader batch, by loader.",
    ["loader"],
    buckets=(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000),
    registry=REGISTRY,
)


class _Result(Protocol):
    """A GraphQL execution result (strawberry's or graphql-core's)."""

    @property
    def errors(self) -> Any: ...

    @property
    def data(self) -> Any: ...


def outcome_of(result: _Result) -> Outcome:
    """``partial`` when at least one root field has data despite errors; all-null roots are ``error``."""
    if not result.errors:
        return "ok"
    data = result.data or {}
    return "partial" if any(value is not None for value in data.values()) else "error"


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


def observe_refusal(limit: RefusedLimit) -> None:
    REFUSALS.labels(limit).inc()


def observe_budget_refusal(upstream: str, scope: Literal["account", "caller"]) -> None:
    BUDGET_REFUSALS.labels(upstream, scope).inc()


def observe_cache(cache: str, hit: bool) -> None:
    """``cache`` is a name the code gives (``loket.employers``), never a key."""
    CACHE_LOOKUPS.labels(cache, "hit" if hit else "miss").inc()


def observe_batch(loader: str, size: int) -> None:
    LOADER_BATCHES.labels(loader).observe(size)


class _Circuit(Protocol):
    @property
    def state(self) -> str: ...


class _Upstream(Protocol):
    name: str

    @property
    def circuit(self) -> _Circuit: ...


class _Clients(Protocol):
    def all(self) -> Iterable[_Upstream]: ...


_CIRCUIT_STATES = {"closed": 0, "half-open": 1, "open": 2}


class CircuitCollector(Collector):
    """``staffgraph_circuit_state{upstream}``, read at scrape time from the clients of the app made
    last (one per process when serving; tests make many): 0 closed, 1 half-open, 2 open. Read, not
    pushed, because an open circuit turns half-open by the clock alone."""

    def __init__(self) -> None:
        self._clients: weakref.ref[_Clients] | None = None

    def watch(self, clients: _Clients) -> None:
        self._clients = weakref.ref(clients)

    def collect(self) -> Iterator[Metric]:
        family = GaugeMetricFamily(
            "staffgraph_circuit_state",
            "Circuit breaker state per upstream: 0 closed, 1 half-open, 2 open.",
            labels=["upstream"],
        )
        clients = self._clients() if self._clients is not None else None
        for client in clients.all() if clients is not None else ():
            family.add_metric([client.name], _CIRCUIT_STATES.get(client.circuit.state, 0))
        yield family


CIRCUITS = CircuitCollector()
REGISTRY.register(CIRCUITS)


async def metrics_endpoint(request: Request) -> Response:
    """``GET /metrics``: the Prometheus text format (OpenMetrics when the scraper asks for it)."""
    encoder, content_type = choose_encoder(request.headers.get("accept", ""))
    return Response(encoder(REGISTRY), media_type=content_type)


__all__ = [
    "CIRCUITS",
    "REFUSED_LIMITS",
    "REGISTRY",
    "RefusedLimit",
    "metrics_endpoint",
    "observe_batch",
    "observe_budget_refusal",
    "observe_cache",
    "observe_graphql",
    "observe_refusal",
    "observe_rows",
    "observe_upstream_bytes",
    "observe_upstream_call",
    "outcome_of",
]
