"""The Personeel API as one Starlette app (mounted at ``/informat``).

Choice: paths match case-insensitively, as ASP.NET routing does (``/employees/OwnFields``
works); ``canonical_path`` is also handed to the shared harness, so such a call is
counted against the same template as the document's spelling.
Choice: unknown paths answer 404 and a known path with the wrong method 405, both with
an empty body, as the service's framework does.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from simulators.informat.errors import CORS, ApiError
from simulators.informat.routes_attachments import attachment_routes
from simulators.informat.routes_comnrs import comnr_routes
from simulators.informat.routes_employees import employee_routes
from simulators.informat.routes_interruptions import interruption_routes
from simulators.informat.routes_records import record_routes
from simulators.informat.state import ApiState


def canonical_path(path: str) -> str:
    """The path as the router sees it: lower-cased (GUIDs in it are case-insensitive anyway)."""
    return path.lower()


class CaseInsensitivePaths:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope = {**scope, "path": canonical_path(scope["path"])}
        await self.app(scope, receive, send)


def _routes(state: ApiState) -> list[Route]:
    routes = [
        *employee_routes(state),
        *record_routes(state),
        *interruption_routes(state),
        *attachment_routes(state),
        *comnr_routes(state),
    ]
    # literal segments ("/employees/assignments") must win over "/employees/{personId}"
    return sorted(routes, key=lambda route: route.path.startswith("/employees/{personId}"))


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return exc.response


async def _empty_status(request: Request, exc: Exception) -> Response:
    headers = {**CORS, **(getattr(exc, "headers", None) or {})}  # keeps 405's Allow
    return Response(status_code=getattr(exc, "status_code", 500), headers=headers)


def api_app(state: ApiState) -> Starlette:
    return Starlette(
        routes=_routes(state),
        middleware=[Middleware(CaseInsensitivePaths)],
        exception_handlers={ApiError: _api_error, 404: _empty_status, 405: _empty_status},
    )
