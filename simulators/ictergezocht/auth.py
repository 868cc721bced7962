"""Who is calling: the API key (``Authorization: Bearer <apikey>``), the optional partner
key (``Partner-Authorization: Bearer <partnerkey>``), the account's rate limit and the
key's rights, checked in that order for every endpoint.

Where the document is silent:
- Choice: Routing comes first: an unknown endpoint is a 404 whatever the key (as in a framework
  where authentication is middleware on the route). Then 401 (no, malformed, unknown or
  revoked key; an unknown partner key), then 429 per account, then 403 when the key was
  not created for this endpoint, then the request's own validation (400).
- Choice: The scheme is matched case-insensitively (``bearer``), as RFC 7235 says; anything but
  Bearer is a 401.
- Choice: A partner key that is sent must be known (401, ``path`` ``Partner-Authorization``);
  leaving the header out is fine. It identifies the partner only; it adds no rights.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from simulators.ictergezocht.accounts import API_KEYS, PARTNER_KEYS, ApiKey
from simulators.ictergezocht.errors import ApiError, api_path
from simulators.ictergezocht.ratelimit import SlidingWindow, rate_limited

AUTHORIZATION = "Authorization"
PARTNER_AUTHORIZATION = "Partner-Authorization"


@dataclass(frozen=True)
class Caller:
    account_id: int
    key: ApiKey
    partner: str | None


Handler = Callable[[Request, Caller], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]


def _bearer(request: Request, header: str) -> str | None:
    """The token of ``header``; None if absent; ApiError 401 if not a Bearer credential."""
    value = request.headers.get(header)
    if value is None:
        return None
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError.one(401, "unauthorized", header, "Gebruik 'Bearer <key>' in deze header.")
    return token.strip()


def authenticate(request: Request) -> Caller:
    token = _bearer(request, AUTHORIZATION)
    if token is None:
        raise ApiError.one(401, "unauthorized", AUTHORIZATION, "Geen API key meegestuurd.")
    key = API_KEYS.get(token)
    if key is None or key.revoked:
        raise ApiError.one(401, "unauthorized", AUTHORIZATION)
    partner_token = _bearer(request, PARTNER_AUTHORIZATION)
    partner = None
    if partner_token is not None:
        partner = PARTNER_KEYS.get(partner_token)
        if partner is None:
            raise ApiError.one(401, "unauthorized", PARTNER_AUTHORIZATION, "Ongeldige partner key.")
    return Caller(key.account_id, key, partner)


class Gatekeeper:
    def __init__(self, per_account: SlidingWindow) -> None:
        self.per_account = per_account

    def guard(self, right: str, handler: Handler) -> Endpoint:
        """The endpoint for ``handler``: authenticated, rate-limited and allowed for ``right``."""

        async def endpoint(request: Request) -> Response:
            caller = authenticate(request)
            retry_after = self.per_account.hit(caller.account_id)
            if retry_after is not None:
                raise rate_limited(retry_after)
            if right not in caller.key.rights:
                raise ApiError.one(403, "forbidden", api_path(request.scope))
            return await handler(request, caller)

        endpoint.__name__ = handler.__name__
        return endpoint
