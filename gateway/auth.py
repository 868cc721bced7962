"""Which credential goes to which upstream, for one GraphQL request.

- ``Authorization: Bearer <token>`` on the GraphQL request goes to the upstreams
  configured for pass-through (``Settings.passthrough``, Loket by default).
- ``X-Loket-Authorization``, ``X-Informat-Authorization``, ``X-ICTerGezocht-Authorization``
  and ``X-Onderwijsloket-Authorization`` override it for one upstream.
- Otherwise the gateway's own credential is used where it holds one (ICTerGezocht API
  key, Onderwijsloket token; Informat via ``gateway.tokens``).

Only these headers are read; nothing else from the caller's request is forwarded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from gateway.names import Upstream
from gateway.secrets import Secret
from gateway.settings import UPSTREAMS, Settings

OVERRIDE_HEADERS: dict[str, str] = {
    Upstream.LOKET: "x-loket-authorization",
    Upstream.INFORMAT: "x-informat-authorization",
    Upstream.ICTERGEZOCHT: "x-ictergezocht-authorization",
    Upstream.ONDERWIJSLOKET: "x-onderwijsloket-authorization",
}


def bearer_token(value: str | None) -> Secret | None:
    """The token of a ``Bearer <token>`` header value; ``None`` for anything else."""
    if not value:
        return None
    scheme, _, token = value.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return Secret(token)


@dataclass(frozen=True)
class RequestCredentials:
    """The caller's own credentials per upstream (``None`` where the caller gave none)."""

    caller: dict[str, Secret | None] = field(default_factory=dict)

    @classmethod
    def from_headers(cls, headers: Mapping[str, str], settings: Settings) -> RequestCredentials:
        lowered = {key.lower(): value for key, value in headers.items()}
        general = bearer_token(lowered.get("authorization"))
        caller: dict[str, Secret | None] = {}
        for upstream in UPSTREAMS:
            override = bearer_token(lowered.get(OVERRIDE_HEADERS[upstream]))
            caller[upstream] = override or (general if upstream in settings.passthrough else None)
        return cls(caller)

    def for_upstream(self, upstream: str) -> Secret | None:
        return self.caller.get(upstream)
