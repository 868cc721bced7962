"""Assembling an OpenAPI 3.0 document and serving it with absolute URLs for the caller.

A document's ``servers`` (and its OAuth token URLs) must be absolute for GraphQL Mesh, and
only the request that fetches the document knows under which host and port the simulator
server runs. So each simulator gives a ``DocumentBuilder``: a function from the server's
root URL (``http://127.0.0.1:8100``) to its document, which it builds once per root.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from simulators.openapi.schema import Schema
from simulators.responses import JSONResponse

OPENAPI_VERSION = "3.0.3"

# the server's root URL (no trailing slash) -> the document
DocumentBuilder = Callable[[str], dict[str, Any]]


def openapi_document(
    *,
    title: str,
    version: str,
    description: str,
    server: str,
    paths: dict[str, Any],
    schemas: dict[str, Schema],
    security_schemes: dict[str, Any],
) -> dict[str, Any]:
    """One document; every operation needs the schemes in ``security_schemes`` (any one of them)."""
    return {
        "openapi": OPENAPI_VERSION,
        "info": {"title": title, "version": version, "description": description},
        "servers": [{"url": server}],
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": security_schemes},
        "security": [{name: []} for name in security_schemes],
    }


def root_url(request: Request) -> str:
    """``http://host:port`` (plus any ASGI root path) the request reached the simulator server at."""
    return str(request.base_url).rstrip("/")


def document_endpoint(build: DocumentBuilder) -> Callable[[Request], Any]:
    cached = lru_cache(maxsize=8)(build)

    async def endpoint(request: Request) -> Response:
        return JSONResponse(cached(root_url(request)))

    return endpoint
