"""GraphQL over WebSocket (graphql-transport-ws) on ``/graphql``: who the connection's caller is,
and what it may run.

A WebSocket carries subscriptions only: queries and mutations go over HTTP, where the request
deadline, load shedding and the per-request context apply (a connection's context lives as
long as the connection). A query or mutation sent as ``subscribe`` gets an ``error`` message
(``STREAM_FOR_SUBSCRIPTIONS_ONLY``); the connection stays open.

The caller is read as on HTTP (``gateway.auth``, ``gateway.callers``), from the handshake's
headers and, since browsers cannot set headers on a WebSocket, from the ``connection_init``
payload, whose keys are read as header names (``{"X-Staffgraph-Authorization": "Bearer
…"}``, case-insensitive). A credential header sent twice in the handshake is refused before
the connection opens (403); one given in both the handshake and the payload, or one the
gateway does not accept (``STAFFGRAPH_AUTH``), closes the connection with 4403 at
``connection_init``. Whether the caller may subscribe is the subscription's own check
(``resolvers.applications``), as on SSE.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import GraphQLError, GraphQLFormattedError, OperationDefinitionNode, parse
from starlette.datastructures import Headers
from starlette.types import Receive, Scope, Send
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ErrorMessage, SubscribeMessage

from gateway.auth import CREDENTIAL_HEADERS
from gateway.context import Context, open_context
from gateway.http import HTTPRefusal
from gateway.settings import Settings
from gateway.upstreams import Upstreams

# where the handshake's headers and client address wait for connection_init (Context.facts)
HANDSHAKE = "live:websocket-handshake"
ONLY_SUBSCRIPTIONS = "STREAM_FOR_SUBSCRIPTIONS_ONLY"


async def refuse_duplicate_credentials(scope: Scope, receive: Receive, send: Send) -> bool:
    """Close a handshake carrying a credential header twice before it is accepted (HTTP 403), as HTTP
    answers 400 ``DUPLICATE_HEADER``; ``True`` when it was refused."""
    headers = Headers(scope=scope)
    if all(len(headers.getlist(name)) <= 1 for name in CREDENTIAL_HEADERS):
        return False
    await receive()  # websocket.connect
    await send({"type": "websocket.close", "code": 1008, "reason": "a credential header sent twice"})
    return True


def remember_handshake(context: Context, headers: Mapping[str, str], client: str | None) -> None:
    context.facts[HANDSHAKE] = (dict(headers), client)


async def accept_connection(context: Context, settings: Settings, upstreams: Upstreams) -> None:
    """At ``connection_init``: the caller from the handshake and the payload; ``ConnectionRejectionError``
    (4403) for a credential given twice or refused."""
    payload = context.connection_params or {}
    given = {
        key.lower(): value
        for key, value in payload.items()
        if isinstance(key, str) and key.lower() in CREDENTIAL_HEADERS
    }
    headers, client = context.facts.get(HANDSHAKE, ({}, None))
    if not given:
        if context.credentials.inbound.refused is not None:
            raise ConnectionRejectionError({"message": "X-Staffgraph-Authorization was not accepted"})
        return
    lowered = {key.lower(): value for key, value in headers.items()}
    for key, value in given.items():
        if not isinstance(value, str):
            raise ConnectionRejectionError({"message": f"connection_init '{key}' must be a string"})
        if key in lowered:
            raise ConnectionRejectionError(
                {"message": f"'{key}' came in the handshake and in connection_init: send it once"}
            )
    try:
        fresh = await open_context({**lowered, **given}, settings, upstreams, client=client)
    except HTTPRefusal as refusal:
        raise ConnectionRejectionError({"message": refusal.reason}) from None
    if fresh.credentials.inbound.refused is not None:
        raise ConnectionRejectionError({"message": "X-Staffgraph-Authorization was not accepted"})
    context.credentials = fresh.credentials


def _operation_kind(query: Any, operation_name: Any, max_tokens: int) -> str | None:
    """``query``/``mutation``/``subscription`` of a ``subscribe`` message; ``None`` when it cannot be
    told here (strawberry then reports the syntax or the limit as usual)."""
    if not isinstance(query, str):
        return None
    try:
        document = parse(query, no_location=True, max_tokens=max_tokens)
    except GraphQLError:
        return None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if isinstance(operation_name, str):
        operations = [o for o in operations if o.name is not None and o.name.value == operation_name]
    return operations[0].operation.value if len(operations) == 1 else None


class LiveTransportWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws, for subscriptions only (see the module docstring)."""

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        payload = message.get("payload") if isinstance(message, dict) else None
        if self.connection_acknowledged and isinstance(payload, dict):
            settings = self.context.settings
            kind = _operation_kind(
                payload.get("query"), payload.get("operationName"), settings.limits.max_tokens
            )
            if kind in ("query", "mutation") and message.get("id") not in self.operations:
                error: GraphQLFormattedError = {
                    "message": f"A {kind} is not run over a WebSocket: send it to /graphql over HTTP; "
                    "WebSockets carry subscriptions.",
                    "extensions": {"code": ONLY_SUBSCRIPTIONS},
                }
                refusal: ErrorMessage = {"id": message["id"], "type": "error", "payload": [error]}
                await self.send_message(refusal)
                return
        await super().handle_subscribe(message)


__all__ = [
    "LiveTransportWSHandler",
    "accept_connection",
    "refuse_duplicate_credentials",
    "remember_handshake",
]
