"""The request body, read whole before anything parses it: bounded in size and in time.

A ``Content-Length`` over ``max_bytes`` is refused at once, without reading a byte; a body
without one (chunked) is counted as it streams in and refused as soon as it passes the
limit: 413 (``PAYLOAD_TOO_LARGE``). The whole body must arrive within ``timeout`` seconds of
the headers, or the answer is 408 (``REQUEST_TIMEOUT``) with ``Connection: close``: a client
that sends its body a byte at a time, or stalls after its headers, holds its own connection
for that long and nothing else. The requests-in-flight limit (``gateway.http.shedding``)
sits *behind* this middleware, so a request counts as in flight only once its body is in,
and a hundred slow clients cannot make the gateway answer 503 to everyone else.

A client that goes away mid-body gets no answer (nobody would read it) and the app never
sees the request; that is the client's business, logged at DEBUG, never an ERROR.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.http.responses import HTTPRefusal, refusal_response
from gateway.metrics import observe_refusal

SIZE_SETTING = "STAFFGRAPH_MAX_BODY_BYTES"
TIMEOUT_SETTING = "STAFFGRAPH_BODY_TIMEOUT"

log = logging.getLogger("staffgraph.http")


class _TooLarge(Exception):
    """The body passed ``max_bytes`` while streaming in."""


class _Gone(Exception):
    """The client disconnected before its body was complete."""


class RequestBody:
    """Pure ASGI middleware: the app gets the whole body in one message, or never runs.

    ``reading`` is how many requests are sending their bodies right now (not in flight yet).
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int, timeout: float) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.reading = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send, headers, self._too_large())
            return
        self.reading += 1
        try:
            async with asyncio.timeout(self.timeout):
                body = await self._read(receive)
        except TimeoutError:
            await self._refuse(scope, receive, send, headers, self._too_slow())
            return
        except _TooLarge:
            await self._refuse(scope, receive, send, headers, self._too_large())
            return
        except _Gone:
            log.debug("%s %s: the client went away before its body was complete", *_request_line(scope))
            return
        finally:
            self.reading -= 1
        message: Message = {"type": "http.request", "body": body, "more_body": False}
        await self.app(scope, _replay(message, receive), send)

    async def _read(self, receive: Receive) -> bytes:
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # http.disconnect
                raise _Gone
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                raise _TooLarge
            chunks.append(chunk)
            more = message.get("more_body", False)
        return b"".join(chunks)

    def _too_large(self) -> HTTPRefusal:
        return HTTPRefusal(
            413, f"The request body is over the limit of {self.max_bytes} bytes ({SIZE_SETTING})."
        )

    def _too_slow(self) -> HTTPRefusal:
        return HTTPRefusal(
            408,
            f"The request body did not arrive within {self.timeout:g} s ({TIMEOUT_SETTING}).",
            headers={"Connection": "close"},  # the rest of the body may still be on its way
        )

    @staticmethod
    async def _refuse(
        scope: Scope, receive: Receive, send: Send, headers: Headers, refusal: HTTPRefusal
    ) -> None:
        log.debug("%s %s: %d, %s", *_request_line(scope), refusal.status_code, refusal.reason)
        observe_refusal("bodySize" if refusal.status_code == 413 else "bodyTimeout")
        await refusal_response(refusal, headers.get("accept"))(scope, receive, send)


def _request_line(scope: Scope) -> tuple[str, str]:
    return scope.get("method", "-"), scope.get("path", "-")


def _replay(message: Message, receive: Receive) -> Receive:
    """A ``receive`` that hands the app ``message`` (the body already read), then the server's own
    (which waits for the disconnect)."""
    pending = [message]

    async def replay() -> Message:
        if pending:
            return pending.pop()
        return await receive()

    return replay


__all__ = ["RequestBody"]
