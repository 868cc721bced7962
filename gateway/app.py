"""The ASGI application: ``/graphql``, GraphiQL, ``/healthz``, ``/readyz``, ``/metrics``.

``create_app(settings)`` is the one place the service is assembled: settings come in
explicitly (the CLI reads them from the environment), the upstream clients are built
once per app and shared by every request (pooled connections), and the lifespan closes
them on shutdown. Each GraphQL request gets its own ``Context`` — the caller's
credentials and fresh DataLoaders — from ``build_context``.

``/graphql`` speaks GraphQL over HTTP (https://graphql.github.io/graphql-over-http/):
``application/graphql-response+json`` to clients that accept it, with 400 and no ``data``
for a request error (syntax, validation, a limit, variables that do not coerce) and 200
for field errors; ``application/json`` to the rest, 200 for anything well-formed, as
before. ``GET`` runs queries (cacheable links, ``curl``) but never mutations: a mutation
over GET is refused with 405 before anything is resolved, so a link or a prefetching
browser cannot write upstream. Malformed requests get 400, other methods 405, an
``Accept`` naming neither type 406, a body that is not UTF-8 JSON 415, JSON nested deeper
than ``STAFFGRAPH_MAX_JSON_DEPTH`` 400, measured before it is parsed
(``gateway.http.responses`` lists the codes). In front of the view, in this order: the
body, read whole within its size and time (413 over ``STAFFGRAPH_MAX_BODY_BYTES``, 408
past ``STAFFGRAPH_BODY_TIMEOUT``), then load shedding (503 over
``STAFFGRAPH_MAX_IN_FLIGHT``, counting only requests whose body is in). The request
headers' deadline and size are the server's (``gateway.http.protocol``).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import timedelta

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError, OperationDefinitionNode
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData, process_result
from strawberry.http.base import BaseRequestProtocol
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType as StrawberryOperationType
from strawberry.types.unset import UnsetType

from gateway.context import Context, open_context
from gateway.documents import PersistedDocuments, build_persisted_documents, get_cache_headers
from gateway.examples import Example, load_examples
from gateway.graphiql import PAGE_HEADERS, render_page
from gateway.health import Readiness, healthz
from gateway.http import (
    GRAPHQL_RESPONSE_JSON,
    JSON,
    HTTPRefusal,
    LoadShedder,
    RequestBody,
    body_type_problem,
    negotiate,
    nests_deeper_than,
    refusal_response,
)
from gateway.live import Broker
from gateway.live.relay import build_relay
from gateway.live.sse import EventStreams, GraphQLOverSSE, refuse_over_http
from gateway.live.webhook import PATH as WEBHOOK_PATH
from gateway.live.webhook import ApplicationWebhook
from gateway.live.websocket import (
    LiveTransportWSHandler,
    accept_connection,
    refuse_duplicate_credentials,
    remember_handshake,
)
from gateway.metrics import (
    CIRCUITS,
    OperationType,
    Outcome,
    metrics_endpoint,
    observe_graphql,
    observe_refusal,
    outcome_of,
)
from gateway.prepared import parse_document
from gateway.settings import DEFAULT_LIMITS, Settings
from gateway.telemetry import ObservedRequests
from gateway.upstreams import Upstreams, build_upstreams
from schema.schema import schema


def operation_type(
    query: str | None, operation_name: str | None, max_tokens: int = DEFAULT_LIMITS.max_tokens
) -> OperationType:
    """The type of the operation a request runs, for metrics only ("unknown" if it cannot be told).

    The document comes from the parse cache (``gateway.prepared``) the schema reads too, so
    knowing it here costs a dictionary lookup.
    """
    if not query:
        return "unknown"
    try:
        document = parse_document(query, max_tokens)
    except GraphQLError:
        return "unknown"
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name is not None and o.name.value == operation_name]
    if len(operations) != 1:
        return "unknown"
    value = operations[0].operation.value
    return value if value in ("query", "mutation", "subscription") else "unknown"  # type: ignore[return-value]


def is_request_error(result: ExecutionResult) -> bool:
    """A GraphQL *request* error: nothing ran (syntax, validation, a limit, variable coercion), so
    every error is path-less and there is no data; a field error has a path, even one that nulls
    the whole ``data``."""
    return result.data is None and bool(result.errors) and all(e.path is None for e in result.errors or ())


class GatewayGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view with the gateway's context, GraphiQL page and metrics; subscriptions
    over graphql-transport-ws (``gateway.live.websocket``)."""

    graphql_transport_ws_handler_class = LiveTransportWSHandler
    live: Broker | None = None  # the app's broker of live applications (gateway.live)

    def __init__(
        self,
        settings: Settings,
        upstreams: Upstreams,
        *,
        demo: bool,
        examples: Sequence[Example],
        documents: PersistedDocuments | None = None,
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
            allow_queries_via_get=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            max_subscriptions_per_connection=settings.limits.max_subscriptions,
            connection_init_wait_timeout=timedelta(seconds=settings.client_timeouts.header),
        )
        self.settings = settings
        self.upstreams = upstreams
        self.demo = demo
        self.examples = list(examples)
        self.documents = documents if documents is not None else build_persisted_documents(settings)

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        client = request.client.host if request.client else None  # the caller when it shows no credential
        context = await open_context(request.headers, self.settings, self.upstreams, client=client)
        context.live = self.live
        if request.scope["type"] == "websocket":
            remember_handshake(context, request.headers, client)
        return context

    async def on_ws_connect(self, context: Context) -> UnsetType:
        await accept_connection(context, self.settings, self.upstreams)
        return UnsetType()  # connection_ack without a payload

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] != "websocket" or not await refuse_duplicate_credentials(scope, receive, send):
                await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        try:
            response = await self.run(request)
        except HTTPException as exc:
            response = refusal_response(exc, request.headers.get("accept"))
        media_type = getattr(request.state, _RESPONSE_TYPE, None)
        if media_type is not None:  # a GraphQL response (not the GraphiQL page or a refusal)
            response.headers["content-type"] = media_type
            if getattr(request.state, _REQUEST_ERROR, False) and media_type == GRAPHQL_RESPONSE_JSON:
                response.status_code = 400
        if request.method == "GET" and not isinstance(response, HTMLResponse):  # gateway.documents.caching
            cacheable = response.status_code == 200 and not getattr(request.state, _HAD_ERRORS, True)
            max_age = self.settings.trusted_documents.get_max_age
            response.headers.update(get_cache_headers(max_age=max_age, cacheable=cacheable))
        await response(scope, receive, send)

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        named = "extensions" in request.query_params or "documentId" in request.query_params  # APQ
        return self.settings.graphiql and not named and super().should_render_graphql_ide(request)

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData:
        """The request's parameters, or the 4xx the GraphQL-over-HTTP specification asks for."""
        accept = request.headers.get("accept")
        # A link opened in a browser (Accept: text/html, the page aside) still gets its JSON answer.
        if negotiate(accept) is None and not (request.method == "GET" and "text/html" in (accept or "")):
            raise HTTPRefusal(
                406,
                "Accept names no type this endpoint answers in: 'application/graphql-response+json' "
                "or 'application/json'",
            )
        if request.method == "GET":
            data: object = self.parse_query_params(request.query_params)
        else:
            problem = body_type_problem(request.content_type)
            if problem is not None:
                raise HTTPRefusal(415, problem)
            body = await request.get_body()
            if not body.strip():
                raise HTTPRefusal(400, "The request body is empty: send a JSON object with 'query'.")
            try:
                data = self.decode_json(body)
            except ValueError:
                raise HTTPRefusal(400, "The request body is not valid UTF-8 JSON.") from None
        return _request_data(await self.documents.resolve(data, accept))  # a hash or id -> its query

    def encode_json(self, data: object) -> bytes:
        """The answer as JSON by orjson: a 200-person answer is ~0.5 MB, which the standard library
        encodes several times slower. Non-string keys and exotic values never reach here (strawberry
        has turned the result into plain JSON types)."""
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        """The body (or a GET request's ``variables`` or ``extensions``) as JSON, once its nesting
        is known to be within ``STAFFGRAPH_MAX_JSON_DEPTH`` (deeper JSON made the parser recurse
        until ``RecursionError``: a 500)."""
        limit = self.settings.limits.max_json_depth
        depth = nests_deeper_than(data, limit)
        if depth is not None:
            observe_refusal("jsonDepth")
            raise HTTPRefusal(
                400,
                f"The request's JSON nests {depth} levels deep, over the limit of {limit} "
                f"(STAFFGRAPH_MAX_JSON_DEPTH).",
            )
        return super().decode_json(data)

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        """Strawberry's body, without ``data`` for a request error to graphql-response+json clients."""
        media_type = negotiate(request.headers.get("accept")) or JSON
        setattr(request.state, _RESPONSE_TYPE, media_type)
        setattr(request.state, _HAD_ERRORS, bool(result.errors))
        body = process_result(result)
        if is_request_error(result):
            setattr(request.state, _REQUEST_ERROR, True)
            if media_type == GRAPHQL_RESPONSE_JSON:
                body.pop("data", None)
        return body

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
        kind = operation_type(
            request_data.query, request_data.operation_name, self.settings.limits.max_tokens
        )
        started = time.perf_counter()
        outcome: Outcome = "error"  # refused (a mutation over GET, no query) unless it ran
        allowed = StrawberryOperationType.from_http(request_adapter.method)
        if kind == "subscription":  # a stream: over SSE or a WebSocket (gateway.live), not one JSON result
            observe_graphql(kind, outcome, time.perf_counter() - started)
            raise refuse_over_http(request_adapter.method)
        try:
            result = await self.schema.execute(
                request_data.query,
                root_value=root_value,
                variable_values=request_data.variables,
                context_value=context,
                operation_name=request_data.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=request_data.extensions,
            )
            outcome = outcome_of(result)
            return result
        except InvalidOperationTypeError as exc:
            reason = exc.as_http_error_reason(request_adapter.method)
            raise HTTPRefusal(405, f"{reason}: send them with POST", headers={"Allow": "POST"}) from None
        except CannotGetOperationTypeError as exc:  # a request error like any validation error
            error = GraphQLError(exc.as_http_error_reason(), extensions={"code": "GRAPHQL_VALIDATION_FAILED"})
            return PreExecutionError(data=None, errors=[error])
        except MissingQueryError:
            raise HTTPRefusal(400, "No GraphQL query found in the request: send 'query'.") from None
        finally:
            observe_graphql(kind, outcome, time.perf_counter() - started)
            context.close()


_RESPONSE_TYPE = "staffgraph_response_type"
_REQUEST_ERROR = "staffgraph_request_error"
_HAD_ERRORS = "staffgraph_had_errors"
_PARAMETERS = {"query": str, "operationName": str, "variables": dict, "extensions": dict}


def _request_data(data: object) -> GraphQLRequestData:
    """``query``, ``operationName``, ``variables``, ``extensions`` of a decoded request, each of the
    right type or null; a JSON array (a batch) is refused, batching being off."""
    if isinstance(data, list):
        raise HTTPRefusal(
            400, "Batching is not supported: send one operation per request, as a JSON object.",
            code="BATCHING_NOT_SUPPORTED",
        )  # fmt: skip
    if not isinstance(data, dict):
        raise HTTPRefusal(400, "The request body must be a JSON object with 'query'.")
    for name, kind in _PARAMETERS.items():
        value = data.get(name)
        if value is not None and not isinstance(value, kind):
            expected = "a string" if kind is str else "an object"
            raise HTTPRefusal(400, f"'{name}' must be {expected} or null.")
    if data.get("query") is None:
        raise HTTPRefusal(400, "No GraphQL query found in the request: send 'query'.")
    return GraphQLRequestData(
        query=data["query"],
        variables=data.get("variables"),
        operation_name=data.get("operationName"),
        extensions=data.get("extensions"),
    )


def _limited(view: GatewayGraphQL, settings: Settings) -> RequestBody:
    """The view behind load shedding, behind the body reader: a request is in flight only once
    its body is in, so slow senders cannot take the places of requests ready to run. Event
    streams (GraphQL over SSE) pass beside load shedding: they have their own limits."""
    shedder = LoadShedder(view, max_in_flight=settings.limits.max_in_flight)
    streams = EventStreams(GraphQLOverSSE(view), shedder)
    return RequestBody(
        streams, max_bytes=settings.limits.max_body_bytes, timeout=settings.client_timeouts.body
    )


def create_app(settings: Settings, *, upstreams: Upstreams | None = None, demo: bool = False) -> Starlette:
    """The gateway. ``upstreams`` (tests: clients over the in-process simulators) stay the
    caller's to close; the ones built here are closed when the app shuts down."""
    owned = upstreams is None
    clients = upstreams if upstreams is not None else build_upstreams(settings)
    readiness = Readiness(clients)
    CIRCUITS.watch(clients)  # staffgraph_circuit_state on /metrics
    documents = build_persisted_documents(settings)
    graphql = GatewayGraphQL(
        settings, clients, demo=demo, examples=load_examples() if demo else (), documents=documents
    )
    broker = graphql.live = Broker(
        relay=build_relay(settings.redis_url),
        max_per_caller=settings.limits.max_subscriptions,
        max_total=settings.limits.max_subscribers,
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await broker.start()
        try:
            yield
        finally:
            await broker.aclose()
            await documents.store.aclose()  # the Redis connection of the APQ store, if any
            if owned:
                await clients.aclose()

    app = Starlette(
        routes=[
            # every method reaches the view, which answers 405 as a GraphQL error body
            # request ids, the request's log line and span: outside every refusal (gateway.telemetry)
            Route("/graphql", ObservedRequests(_limited(graphql, settings))),
            WebSocketRoute("/graphql", graphql),  # subscriptions (graphql-transport-ws)
            Route(WEBHOOK_PATH, ApplicationWebhook(broker, settings.ictergezocht_webhook_key)),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readiness.endpoint, methods=["GET"]),
            Route("/metrics", metrics_endpoint, methods=["GET"]),
            Mount("/static", StaticFiles(packages=[("gateway", "static")]), name="static"),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.upstreams = clients
    app.state.redis = clients.redis  # shared state of the replicas (gateway.shared.redis), or None
    app.state.readiness = readiness
    app.state.live = broker
    app.state.documents = documents
    return app


__all__ = ["GatewayGraphQL", "create_app", "outcome_of"]
