"""GraphQL over Server-Sent Events, distinct connections mode, on ``/graphql``.

The protocol (github.com/enisdenjo/graphql-sse, PROTOCOL.md): a GraphQL-over-HTTP request
(GET with ``query``/``variables``/``operationName``/``extensions`` parameters, or POST with
a JSON body) that accepts ``text/event-stream`` is answered with an event stream, one
subscription per connection: each result is a ``next`` event whose data is the execution
result, a ``complete`` event ends the stream, and the client ends it early by closing the
connection. Errors found before execution (syntax, validation, a request limit, not being
allowed to subscribe, too many subscriptions) come as a ``next`` event with ``errors`` and
then ``complete`` on a 200 stream, as the protocol requires; a request that is not
GraphQL over HTTP at all (not JSON, no query, a credential header twice) gets the usual 4xx
(``gateway.http.responses``). A comment line every ``HEARTBEAT_SECONDS`` keeps proxies from
closing an idle stream.

Only subscriptions run here (queries and mutations are answered as JSON, where the request
deadline and load shedding apply): anything else is a ``next`` event with the error. A stream
is not counted by ``STAFFGRAPH_MAX_IN_FLIGHT`` (it would hold a place for hours): subscriptions
have their own limits (``STAFFGRAPH_MAX_SUBSCRIPTIONS``, ``STAFFGRAPH_MAX_SUBSCRIBERS``), and the
request limits (depth, cost, tokens, introspection) apply to the document as on HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any, Protocol

import orjson
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.http import process_result
from strawberry.schema.base import BaseSchema
from strawberry.types import ExecutionResult

from gateway.context import Context
from gateway.http import HTTPRefusal, body_type_problem, refusal_response

EVENT_STREAM = "text/event-stream"
HEARTBEAT_SECONDS = 15.0
_PARAMETERS = {"query": str, "operationName": str, "variables": dict, "extensions": dict}


class StreamingView(Protocol):
    """What the SSE endpoint needs of the GraphQL view: its schema, its JSON decoding (with the
    nesting limit) and the per-request context."""

    schema: BaseSchema

    def decode_json(self, data: str | bytes) -> object: ...

    async def get_context(self, request: Request, response: Response) -> Context: ...


def wants_event_stream(scope: Scope) -> bool:
    accept = Headers(scope=scope).get("accept") or ""
    return any(part.split(";", 1)[0].strip().lower() == EVENT_STREAM for part in accept.split(","))


class EventStreams:
    """ASGI: requests that accept ``text/event-stream`` go to ``sse``, the rest to ``app``."""

    def __init__(self, sse: ASGIApp, app: ASGIApp) -> None:
        self.sse = sse
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        target = self.sse if scope["type"] == "http" and wants_event_stream(scope) else self.app
        await target(scope, receive, send)


def _event(name: str, data: object | None = None) -> bytes:
    payload = b"" if data is None else orjson.dumps(data)  # one line: orjson never writes newlines
    return b"event: " + name.encode() + b"\ndata: " + payload + b"\n\n"


class GraphQLOverSSE:
    """The endpoint (see the module docstring)."""

    def __init__(self, view: StreamingView, *, heartbeat: float = HEARTBEAT_SECONDS) -> None:
        self.view = view
        self.heartbeat = heartbeat

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            response = await self._respond(request)
        except HTTPRefusal as refusal:
            response = refusal_response(refusal, "application/json")
        await response(scope, receive, send)

    async def _respond(self, request: Request) -> Response:
        if request.method not in ("GET", "POST"):
            raise HTTPRefusal(405, "GraphQL over SSE takes GET or POST.", headers={"Allow": "GET, POST"})
        params = await self._parameters(request)
        context = await self.view.get_context(request, Response())
        results = await self.view.schema.subscribe(
            params["query"],
            variable_values=params.get("variables"),
            context_value=context,
            operation_name=params.get("operationName"),
            operation_extensions=params.get("extensions"),
        )
        if isinstance(results, ExecutionResult):  # older strawberry: a pre-execution error, not a stream
            results = _single(results)
        return StreamingResponse(
            self._events(results),
            media_type=EVENT_STREAM,
            headers={"Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no"},
        )

    async def _parameters(self, request: Request) -> dict[str, Any]:
        if request.method == "GET":
            data: dict[str, Any] = dict(request.query_params)
            for name in ("variables", "extensions"):
                if data.get(name):
                    data[name] = self._decode(data[name])
        else:
            problem = body_type_problem(request.headers.get("content-type"))
            if problem is not None:
                raise HTTPRefusal(415, problem)
            decoded = self._decode(await request.body())
            if not isinstance(decoded, dict):
                raise HTTPRefusal(400, "The request body must be a JSON object with 'query'.")
            data = decoded
        for name, kind in _PARAMETERS.items():
            value = data.get(name)
            if value is not None and not isinstance(value, kind):
                expected = "a string" if kind is str else "an object"
                raise HTTPRefusal(400, f"'{name}' must be {expected} or null.")
        if not data.get("query"):
            raise HTTPRefusal(400, "No GraphQL query found in the request: send 'query'.")
        return data

    def _decode(self, text: str | bytes) -> object:
        try:
            return self.view.decode_json(text)
        except ValueError:
            raise HTTPRefusal(400, "The request's JSON is not valid UTF-8 JSON.") from None

    async def _events(self, results: AsyncGenerator[ExecutionResult, None]) -> AsyncIterator[bytes]:
        """``next`` per result, ``complete`` at the end, a comment when idle; the subscription is closed
        (its place freed) however the stream ends, the client going away included."""
        pending: asyncio.Future[ExecutionResult] | None = None
        try:
            while True:
                if pending is None:
                    pending = asyncio.ensure_future(anext(results))
                done, _ = await asyncio.wait({pending}, timeout=self.heartbeat)
                if not done:
                    yield b": keep-alive\n\n"
                    continue
                try:
                    result = pending.result()
                except StopAsyncIteration:
                    break
                finally:
                    pending = None
                yield _event("next", process_result(result))
            yield _event("complete")
        finally:
            if pending is not None:
                pending.cancel()
                with contextlib.suppress(BaseException):
                    await pending
            await results.aclose()


async def _single(result: ExecutionResult) -> AsyncGenerator[ExecutionResult, None]:
    yield result


def refuse_over_http(method: str) -> HTTPRefusal:
    """A subscription sent as a plain GET/POST (JSON answer): 406, saying how to subscribe."""
    return HTTPRefusal(
        406,
        f"A subscription cannot be answered as one JSON result over {method}: send it with "
        "'Accept: text/event-stream' (GraphQL over SSE) or over a WebSocket to /graphql "
        "(graphql-transport-ws).",
        code="STREAM_REQUIRED",
    )


__all__ = ["EventStreams", "GraphQLOverSSE", "refuse_over_http", "wants_event_stream"]
