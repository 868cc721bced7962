"""The middleware around every simulated upstream: count the call, then inject faults.

Pure ASGI (as ``starlette/middleware``): non-HTTP scopes pass straight through. Every
``http.response.body`` chunk that leaves the upstream, whether the app's own answer, an
error body or a fault's (a status body, a truncated ``reset`` body, a ``slow_body`` chunk),
is added to the call log's bytes for the endpoint the request routed to.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from starlette.applications import Starlette
from starlette.types import Message, Receive, Scope, Send

from simulators.calls import CallLog, route_template
from simulators.faults import FaultBoard, FaultPlan
from simulators.upstream import FaultResponder

DEFAULT_TIMEOUT_HOLD_MS = 30_000
DEFAULT_SLOW_BODY_MS = 5_000
SLOW_BODY_CHUNKS = 10
MALFORMED_BODY = b'{"data": [{"id": "8f1c", "name": "trunc'
HTML_BODY = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>"


class SimulatedConnectionReset(ConnectionResetError):
    """Raised mid-response so the ASGI server drops the connection (the ``reset`` fault)."""


class ResetLogFilter(logging.Filter):
    """Keeps uvicorn from logging a traceback for every deliberate ``reset`` fault."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, SimulatedConnectionReset)


class UpstreamHarness:
    def __init__(
        self,
        app: Starlette,
        *,
        upstream: str,
        calls: CallLog,
        faults: FaultBoard,
        fault_response: FaultResponder,
        canonical_path: Callable[[str], str] | None = None,
    ) -> None:
        self.app = app
        self.upstream = upstream
        self.calls = calls
        self.faults = faults
        self.fault_response = fault_response
        self.canonical_path = canonical_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        routed = (
            scope if self.canonical_path is None else {**scope, "path": self.canonical_path(scope["path"])}
        )
        method, template = scope["method"], route_template(self.app.routes, routed)
        self.calls.record(self.upstream, method, template)
        send = self._counting(send, method, template)
        plan, hit = self.faults.draw(self.upstream)
        if plan is not None and plan.latency_ms:
            await asyncio.sleep(plan.latency_ms / 1000)
        if plan is None or not hit:
            await self.app(scope, receive, send)
            return
        await self._inject(plan, scope, receive, send)

    def _counting(self, send: Send, method: str, template: str) -> Send:
        """``send``, adding the body bytes of each response message to the call log.

        Counted as the message is handed to the server, not after: a client that has read the
        whole answer then finds every byte of it in ``GET /_sim/calls``, however the server's
        write buffer drains.
        """

        async def counted(message: Message) -> None:
            if message["type"] == "http.response.body":
                self.calls.record_bytes(self.upstream, method, template, len(message.get("body", b"")))
            await send(message)

        return counted

    async def _inject(self, plan: FaultPlan, scope: Scope, receive: Receive, send: Send) -> None:
        if plan.mode == "status":
            await self.fault_response(self.upstream, plan.status, plan.retry_after)(scope, receive, send)
        elif plan.mode == "timeout":
            await self._hold(plan, receive, send)
        elif plan.mode == "malformed":
            await _send_raw(send, 200, b"application/json; charset=utf-8", MALFORMED_BODY)
        elif plan.mode == "content_type":
            await _send_raw(send, 200, b"text/html; charset=utf-8", HTML_BODY)
        elif plan.mode == "reset":
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"4096")],
                }
            )
            await send({"type": "http.response.body", "body": b'{"items": [', "more_body": True})
            raise SimulatedConnectionReset(f"simulated connection reset on {self.upstream}")
        elif plan.mode == "slow_body":
            await self._dribble(plan, scope, receive, send)

    async def _hold(self, plan: FaultPlan, receive: Receive, send: Send) -> None:
        """Answer nothing until the client hangs up; 504 if it is still there after the hold."""
        hold = (plan.duration_ms if plan.duration_ms is not None else DEFAULT_TIMEOUT_HOLD_MS) / 1000

        async def until_disconnect() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass

        try:
            await asyncio.wait_for(until_disconnect(), timeout=hold)
        except TimeoutError:
            await _send_raw(send, 504, b"text/plain", b"Gateway Timeout")

    async def _dribble(self, plan: FaultPlan, scope: Scope, receive: Receive, send: Send) -> None:
        """Send the real answer's headers at once and its body in slow chunks."""
        start: Message | None = None
        body = bytearray()

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))

        await self.app(scope, receive, capture)
        assert start is not None
        await send(start)
        total = (plan.duration_ms if plan.duration_ms is not None else DEFAULT_SLOW_BODY_MS) / 1000
        size = max(1, -(-len(body) // SLOW_BODY_CHUNKS))
        chunks = [bytes(body[i : i + size]) for i in range(0, len(body), size)] or [b""]
        for index, chunk in enumerate(chunks):
            await asyncio.sleep(total / len(chunks))
            await send({"type": "http.response.body", "body": chunk, "more_body": index < len(chunks) - 1})


async def _send_raw(send: Send, status: int, content_type: bytes, body: bytes) -> None:
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
