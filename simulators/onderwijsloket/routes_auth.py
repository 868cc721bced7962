"""``/auth/login``, ``/auth/refresh``, ``/users/me`` and ``/server/ping``.

The Onderwijsloket docs (``02.directus/02.authentication.md``) recommend the static token
but say an account with a password can obtain a temporary token that "expires and must be
refreshed"; this is Directus's flow for it in JSON mode
(https://directus.io/docs/guides/auth/email-login): ``POST /auth/login {"email",
"password"}`` -> ``{"data": {"access_token", "expires", "refresh_token"}}`` and
``POST /auth/refresh``. ``/users/me`` (the same docs rotate a token with ``PATCH
/users/me``; Directus's users API reads the current user with ``GET``) tells a client
whose token it holds (401 without one); ``/server/ping`` answers ``pong`` to anybody
(https://directus.io/docs/api/server). Where each route is documented is listed in
``tests/simulators/onderwijsloket/test_routes_are_documented.py``.

Choice: of ``/users/me`` only ``GET`` is served (no demo account may rotate its token).
"""

from __future__ import annotations

import re
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from simulators.onderwijsloket.context import Onderwijsloket, query_of
from simulators.onderwijsloket.errors import MEDIA_TYPE, invalid_credentials, invalid_payload
from simulators.onderwijsloket.routes_items import directus_errors
from simulators.responses import JSONResponse

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


async def _json_object(request: Request) -> dict[str, Any]:
    try:
        body = orjson.loads(await request.body())
    except orjson.JSONDecodeError:
        raise invalid_payload("Invalid JSON body") from None
    if not isinstance(body, dict):
        raise invalid_payload('"value" must be of type object')
    return body


def _string(body: dict[str, Any], name: str) -> str:
    if name not in body:
        raise invalid_payload(f'"{name}" is required')
    if not isinstance(body[name], str):
        raise invalid_payload(f'"{name}" must be a string')
    if not body[name]:
        raise invalid_payload(f'"{name}" is not allowed to be empty')
    value: str = body[name]
    return value


@directus_errors
async def login(request: Request) -> Response:
    simulator: Onderwijsloket = request.app.state.onderwijsloket
    simulator.limiter.hit()
    body = await _json_object(request)
    email = _string(body, "email")
    if not _EMAIL.fullmatch(email):
        raise invalid_payload('"email" must be a valid email')
    password = _string(body, "password")
    return JSONResponse({"data": simulator.auth.login(email, password)}, media_type=MEDIA_TYPE)


@directus_errors
async def refresh(request: Request) -> Response:
    simulator: Onderwijsloket = request.app.state.onderwijsloket
    simulator.limiter.hit()
    body = await _json_object(request)
    token = body.get("refresh_token")
    if not isinstance(token, str) or not token:
        raise invalid_payload("The refresh token is required in either the payload or cookie")
    return JSONResponse({"data": simulator.auth.refresh(token)}, media_type=MEDIA_TYPE)


@directus_errors
async def me(request: Request) -> Response:
    simulator: Onderwijsloket = request.app.state.onderwijsloket
    account = simulator.authenticate(request, query_of(request))
    if account is None:
        raise invalid_credentials()
    user = {
        "id": account.id,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "role": account.role,
        "status": "active",
    }
    return JSONResponse({"data": user}, media_type=MEDIA_TYPE)


@directus_errors
async def ping(request: Request) -> Response:
    request.app.state.onderwijsloket.limiter.hit()
    return PlainTextResponse("pong")


ROUTES = [
    Route("/auth/login", login, methods=["POST"]),
    Route("/auth/refresh", refresh, methods=["POST"]),
    Route("/users/me", me, methods=["GET"]),
    Route("/server/ping", ping, methods=["GET"]),
]
