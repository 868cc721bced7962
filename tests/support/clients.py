"""In-process HTTP clients for ASGI apps (simulators now, the gateway later)."""

from __future__ import annotations

import httpx
from starlette.types import ASGIApp


def asgi_client(
    app: ASGIApp, base_url: str = "http://sim", headers: dict[str, str] | None = None
) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` that talks to ``app`` without a socket."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url, headers=headers)
