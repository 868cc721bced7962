"""The identity server: ``POST /connect/token`` with the client-credentials grant.

Errors follow IdentityServer's token endpoint: status 400 with ``{"error": "..."}``:

- ``invalid_request``: the body is not ``application/x-www-form-urlencoded``.
- ``invalid_client``: unknown client, wrong or missing secret (checked first, as IdentityServer does).
- ``unsupported_grant_type``: missing or unknown ``grant_type``.
- ``unauthorized_client``: a grant the server knows but this client may not use (``password``…).
- ``invalid_scope``: a scope the client may not have.

Choice: with no ``scope`` the client gets all its allowed scopes (IdentityServer's rule);
credentials may come in the form or as HTTP Basic (``client_secret_basic``); every error,
``invalid_client`` included, is a 400 as IdentityServer4's token endpoint sends it.
"""

from __future__ import annotations

import base64
import binascii
from urllib.parse import parse_qsl, unquote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from simulators.informat.auth import CLIENTS, TOKEN_LIFETIME_SECONDS, Client, TokenStore
from simulators.responses import JSONResponse

KNOWN_GRANTS = frozenset(
    {
        "authorization_code",
        "refresh_token",
        "password",
        "implicit",
        "urn:ietf:params:oauth:grant-type:device_code",
    }
)
NO_STORE = {"Cache-Control": "no-store, no-cache, max-age=0", "Pragma": "no-cache"}


def _oauth_error(error: str) -> Response:
    return JSONResponse({"error": error}, 400, NO_STORE)


def _basic_credentials(header: str) -> tuple[str, str] | None:
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return (unquote(client_id), unquote(secret)) if sep else None


def _client(request: Request, form: dict[str, str]) -> Client | None:
    basic = _basic_credentials(request.headers.get("authorization", ""))
    client_id, secret = basic or (form.get("client_id", ""), form.get("client_secret", ""))
    client = CLIENTS.get(client_id)
    return client if client is not None and secret == client.secret else None


def identity_app(tokens: TokenStore) -> Starlette:
    async def token(request: Request) -> Response:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/x-www-form-urlencoded":
            return _oauth_error("invalid_request")
        body = (await request.body()).decode("utf-8", errors="replace")
        form = dict(parse_qsl(body, keep_blank_values=True))
        client = _client(request, form)
        if client is None:
            return _oauth_error("invalid_client")
        grant = form.get("grant_type", "")
        if grant != "client_credentials":
            return _oauth_error("unauthorized_client" if grant in KNOWN_GRANTS else "unsupported_grant_type")
        requested = tuple(dict.fromkeys(form.get("scope", "").split()))
        if any(scope not in client.scopes for scope in requested):
            return _oauth_error("invalid_scope")
        issued = tokens.issue(client, requested or client.scopes)
        body_out = {
            "access_token": issued.value,
            "expires_in": TOKEN_LIFETIME_SECONDS,
            "token_type": "Bearer",
            "scope": " ".join(issued.scopes),
        }
        return JSONResponse(body_out, 200, NO_STORE, "application/json; charset=UTF-8")

    async def empty_status(request: Request, exc: Exception) -> Response:
        return Response(status_code=getattr(exc, "status_code", 500))

    return Starlette(
        routes=[Route("/connect/token", token, methods=["POST"])],
        exception_handlers={404: empty_status, 405: empty_status},
    )
