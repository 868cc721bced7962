"""What every API request passes before it is answered: Api-Version, bearer token, InstituteNo.

Choice: the checks run in the order the ASP.NET pipeline behind the real service runs
them: an unsupported ``Api-Version`` is refused (400) before authentication (401), and
the ``InstituteNo`` header is checked against the token's scopes after that (400 when
missing, 403 when the token has no scope for it).

Choice: a missing ``InstituteNo`` answers 400 with the document's BR003A error
("Instelnr is required"): the document says the header is mandatory but shows no body.
Several ``InstituteNo`` headers arrive comma-joined (as the document warns) and match no
scope, so they get 403.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from starlette.requests import Request

from simulators.informat.auth import IssuedToken, TokenStore
from simulators.informat.errors import empty, rule_error, unauthorized, unsupported_version

SUPPORTED_VERSIONS = (1, 2)
DEFAULT_VERSION = 1
_VERSION = re.compile(r"^(\d+)(?:\.(\d+))?$")


@dataclass(frozen=True)
class Caller:
    institute: str
    version: int
    token: IssuedToken


def api_version(request: Request) -> int:
    """``Api-Version: 2`` (``2.0`` too); absent means 1.

    Choice: every endpoint accepts 1 and 2, the range the document names; the calls it
    calls "version neutral" answer the same for both, and ``GET /employees`` differs.
    """
    values = request.headers.getlist("api-version")
    if not values:
        return DEFAULT_VERSION
    raw = ",".join(value.strip() for value in values)
    match = _VERSION.match(raw)
    if match is None:
        raise unsupported_version(str(request.url), raw, malformed=True)
    major, minor = int(match.group(1)), int(match.group(2) or 0)
    if major not in SUPPORTED_VERSIONS or minor != 0:
        raise unsupported_version(str(request.url), raw, malformed=False)
    return major


def bearer_token(request: Request, tokens: TokenStore) -> IssuedToken:
    scheme, _, value = request.headers.get("authorization", "").strip().partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer" or not value:
        raise unauthorized()
    token = tokens.lookup(value)
    if token is None:
        raise unauthorized("invalid_token")
    if tokens.expired(token):
        expired_at = datetime.fromtimestamp(token.expires_at, UTC).strftime("%m/%d/%Y %H:%M:%S")
        raise unauthorized("invalid_token", f"The token expired at '{expired_at}'")
    return token


def institute_number(request: Request, token: IssuedToken) -> str:
    values = request.headers.getlist("instituteno")
    if not values or not ",".join(values).strip():
        raise rule_error("BR003A")
    number = ",".join(value.strip() for value in values)
    if number not in token.institutes:
        raise empty(403)
    return number


def caller(request: Request, tokens: TokenStore) -> Caller:
    version = api_version(request)
    token = bearer_token(request, tokens)
    return Caller(institute_number(request, token), version, token)
