"""The Loket Starlette app: ``/v2/...`` resources, ``/token`` and ``/authorize``.

Route order matters where a literal segment competes with a parameter
(``/employers/minimized`` before ``/employers/{employerId}``); each route table lists
its item routes with literal segments first.

Choice: an unknown path is ASP.NET Web API's 404 ``{"message": "No HTTP resource was
found that matches the request URI '...'."}`` and a wrong method its 405 ``{"message":
"The requested resource does not support http method 'X'."}`` with ``Allow``; both
come before authentication, as routing does in ASP.NET. Bodies over
``MAX_BODY_BYTES`` are refused with 413. A trailing slash is redirected (307) to the
path without it (Starlette's routing; ASP.NET would answer directly).
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from simulators.loket import (
    routes_absences,
    routes_calendar,
    routes_employers,
    routes_leave,
    routes_organization,
    routes_progress,
)
from simulators.loket.api import api_route
from simulators.loket.envelopes import plain_message
from simulators.loket.oauth import oauth_routes
from simulators.loket.store import LoketStore

MAX_BODY_BYTES = 1024 * 1024
ROUTE_TABLES = (
    routes_employers.ROUTES,
    routes_organization.ROUTES,
    routes_absences.ROUTES,
    routes_progress.ROUTES,
    routes_calendar.ROUTES,
    routes_leave.ROUTES,
)


def create_app(store: LoketStore) -> Starlette:
    clock = store.config.clock
    routes: list[BaseRoute] = [api_route(store, path, ops) for table in ROUTE_TABLES for path, ops in table]
    routes.extend(oauth_routes(store.tokens))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404:
            text = f"No HTTP resource was found that matches the request URI '{request.url}'."
        elif exc.status_code == 405:
            text = f"The requested resource does not support http method '{request.method}'."
        else:
            text = exc.detail
        return plain_message(exc.status_code, text, clock, dict(exc.headers or {}))

    async def server_error(request: Request, exc: Exception) -> Response:
        return plain_message(500, "An error has occurred.", clock)

    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error, Exception: server_error},
        max_body_size=MAX_BODY_BYTES,
    )
    app.state.store = store
    return app
