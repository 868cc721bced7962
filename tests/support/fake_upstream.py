"""A tiny upstream for testing the shared simulator machinery without the real ones."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route

from simulators.responses import JSONResponse
from simulators.upstream import SimulatedUpstream


def fake_upstream() -> SimulatedUpstream:
    async def items(request: Request) -> Response:
        return JSONResponse({"items": [{"id": n} for n in range(100)]})

    async def item(request: Request) -> Response:
        return JSONResponse({"id": request.path_params["item_id"]})

    def fault(upstream: str, status: int, retry_after: int | None) -> Response:
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
        return JSONResponse({"fake_error": status}, status_code=status, headers=headers)

    app = Starlette(
        routes=[
            Route("/items", items, methods=["GET"]),
            Mount("/v1", routes=[Route("/items/{item_id}", item, methods=["GET", "PUT"])]),
        ]
    )
    return SimulatedUpstream(apps={"fake": app}, fault_response=fault)
