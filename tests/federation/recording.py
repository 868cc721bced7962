"""An ASGI wrapper that keeps every GraphQL request a subgraph receives, for assertions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send


@dataclass(frozen=True)
class Received:
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def query(self) -> str:
        return str(self.body.get("query", ""))


@dataclass
class Recording:
    """``Recording(app)`` serves ``app`` and appends each JSON POST it got to ``received``."""

    app: ASGIApp
    received: list[Received] = field(default_factory=list)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        chunks: list[bytes] = []
        while True:
            message = await receive()
            messages.append(message)
            chunks.append(message.get("body", b""))
            if message["type"] != "http.request" or not message.get("more_body"):
                break
        try:
            body = orjson.loads(b"".join(chunks))
        except orjson.JSONDecodeError:
            body = {}
        headers = {key.decode("latin-1"): value.decode("latin-1") for key, value in scope["headers"]}
        self.received.append(Received(headers=headers, body=body if isinstance(body, dict) else {}))

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    def entity_calls(self) -> list[Received]:
        """The requests that asked for ``_entities`` (what a router sends to resolve a key)."""
        return [request for request in self.received if "_entities" in request.query]
