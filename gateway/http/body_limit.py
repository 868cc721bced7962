"""A bound on the request body, enforced before anything reads it as JSON or GraphQL.

A ``Content-Length`` over the limit is refused at once, without reading a byte; a body
without one (chunked) is counted as it streams in and refused as soon as it passes the
limit. Either way the answer is 413 with a JSON error (``PAYLOAD_TOO_LARGE``) and the
application behind never sees the request.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.http.responses import HTTPRefusal, refusal_response

SETTING = "STAFFGRAPH_MAX_BODY_BYTES"


class BodySizeLimit:
    """Pure ASGI middleware: 413 for an HTTP request body over ``max_bytes``."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send, headers)
            return
        # Read the body here, counting, so an oversized chunked body is refused before the app
        # starts; GraphQL bodies are small and the app would read all of it anyway.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                await self.app(scope, _replay([message], receive), send)
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send, headers)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body: Message = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        await self.app(scope, _replay([body], receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, headers: Headers) -> None:
        refusal = HTTPRefusal(
            413, f"The request body is over the limit of {self.max_bytes} bytes ({SETTING})."
        )
        await refusal_response(refusal, headers.get("accept"))(scope, receive, send)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A ``receive`` that hands the app ``messages`` (the body already read), then the server's own
    (which waits for the disconnect)."""
    pending = list(messages)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay


__all__ = ["BodySizeLimit"]
