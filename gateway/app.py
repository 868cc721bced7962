"""The ASGI application: ``/graphql``, GraphiQL, ``/healthz``, ``/readyz``, ``/metrics``.

``create_app(settings)`` is the one place the service is assembled: settings come in
explicitly (the CLI reads them from the environment), the upstream clients are built
once per app and shared by every request (pooled connections), and the lifespan closes
them on shutdown. Each GraphQL request gets its own ``Context`` — the caller's
credentials and fresh DataLoaders — from ``build_context``.

``GET /graphql`` runs queries (cacheable links, ``curl``) but never mutations: a
mutation over GET is refused with 400 before anything is resolved, so a link or a
prefetching browser cannot write upstream.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from cross_web import AsyncHTTPRequestAdapter
from graphql import GraphQLError, OperationDefinitionNode, parse
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult

from gateway.context import Context, build_context
from gateway.examples import Example, load_examples
from gateway.graphiql import PAGE_HEADERS, render_page
from gateway.health import Readiness, healthz
from gateway.metrics import OperationType, Outcome, metrics_endpoint, observe_graphql
from gateway.settings import Settings
from gateway.upstreams import Upstreams, build_upstreams
from schema.schema import schema


def operation_type(query: str | None, operation_name: str | None) -> OperationType:
    """The type of the operation a request runs, for metrics only ("unknown" if it cannot be told).

    Parsing a second time (strawberry parses too) keeps the metrics out of the schema's
    extensions; it costs microseconds next to the upstream calls the operation makes.
    """
    if not query:
        return "unknown"
    try:
        document = parse(query, no_location=True)
    except GraphQLError:
        return "unknown"
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name is not None and o.name.value == operation_name]
    if len(operations) != 1:
        return "unknown"
    value = operations[0].operation.value
    return value if value in ("query", "mutation", "subscription") else "unknown"  # type: ignore[return-value]


def outcome_of(result: ExecutionResult) -> Outcome:
    """``partial`` when at least one root field has data despite errors; all-null roots are ``error``."""
    if not result.errors:
        return "ok"
    data = result.data or {}
    return "partial" if any(value is not None for value in data.values()) else "error"


class GatewayGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view with the gateway's context, GraphiQL page and metrics."""

    def __init__(
        self, settings: Settings, upstreams: Upstreams, *, demo: bool, examples: Sequence[Example]
    ) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True)
        self.settings = settings
        self.upstreams = upstreams
        self.demo = demo
        self.examples = list(examples)

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        return build_context(request.headers, self.settings, self.upstreams)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        page = render_page(request.scope.get("root_path", ""), demo=self.demo, examples=self.examples)
        return HTMLResponse(page, headers=PAGE_HEADERS)

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        kind = operation_type(request_data.query, request_data.operation_name)
        started = time.perf_counter()
        outcome: Outcome = "error"  # refused (a mutation over GET, no query) unless it ran
        try:
            result = await super().execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
            outcome = outcome_of(result)
            return result
        finally:
            observe_graphql(kind, outcome, time.perf_counter() - started)


def create_app(settings: Settings, *, upstreams: Upstreams | None = None, demo: bool = False) -> Starlette:
    """The gateway. ``upstreams`` (tests: clients over the in-process simulators) stay the
    caller's to close; the ones built here are closed when the app shuts down."""
    owned = upstreams is None
    clients = upstreams if upstreams is not None else build_upstreams(settings)
    readiness = Readiness(clients)
    graphql = GatewayGraphQL(settings, clients, demo=demo, examples=load_examples() if demo else ())

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if owned:
                await clients.aclose()

    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readiness.endpoint, methods=["GET"]),
            Route("/metrics", metrics_endpoint, methods=["GET"]),
            Mount("/static", StaticFiles(packages=[("gateway", "static")]), name="static"),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.upstreams = clients
    app.state.readiness = readiness
    return app


__all__ = ["GatewayGraphQL", "create_app"]
