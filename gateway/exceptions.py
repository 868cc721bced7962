"""The gateway's exceptions, in one small tree.

::

    GatewayError
    ├── ConfigError                 settings that cannot work (missing URL, unreadable secret file)
    ├── InputError                  bad user input, caught before any upstream call (BAD_USER_INPUT)
    │   └── UnsendableRequest       input that cannot go into an HTTP request at all
    ├── PlaceUnknown                a town no upstream puts on the map (PLACE_UNKNOWN)
    └── UpstreamError               anything an upstream did; carries ``upstream`` and ``status``
        ├── UpstreamTimeout         connect or read timeout (UPSTREAM_TIMEOUT)
        ├── UpstreamUnavailable     connection refused/reset, 5xx, circuit open (UPSTREAM_UNAVAILABLE)
        ├── UpstreamRateLimited     429 or the gateway's own budget spent (UPSTREAM_RATE_LIMITED)
        ├── UpstreamBadResponse     malformed JSON, wrong content type, bad shape (UPSTREAM_BAD_RESPONSE)
        └── UpstreamStatusError     a 4xx that means something to the caller
            ├── UpstreamUnauthenticated   401 (UNAUTHENTICATED)
            ├── UpstreamForbidden         403 (FORBIDDEN)
            ├── UpstreamNotFound          404 (NOT_FOUND)
            ├── UpstreamConflict          409 / failed If-Match (CONFLICT)
            └── UpstreamValidationError   400/422 naming input fields (BAD_USER_INPUT)

httpx exceptions and upstream statuses are mapped onto this tree in one place, the
upstream base client; GraphQL error formatting reads ``code`` and ``extensions()`` and
nothing else. Messages say what failed and where, never a credential or a raw body.
"""

from __future__ import annotations

from typing import Any


class GatewayError(Exception):
    code = "INTERNAL"

    def extensions(self) -> dict[str, Any]:
        return {"code": self.code}


class ConfigError(GatewayError):
    code = "INTERNAL"


def _with_argument(extensions: dict[str, Any], argument: str | None) -> dict[str, Any]:
    if argument is not None:
        extensions["argument"] = argument
    return extensions


class InputError(GatewayError):
    """Input rejected before any upstream call; ``argument`` names the offending argument."""

    code = "BAD_USER_INPUT"

    def __init__(self, message: str, *, argument: str | None = None) -> None:
        super().__init__(message)
        self.argument = argument

    def extensions(self) -> dict[str, Any]:
        return _with_argument(super().extensions(), self.argument)


class UnsendableRequest(InputError):
    """A request the gateway could not form from the caller's input (a header value with a line break
    or a non-ASCII character, a URL httpx refuses): BAD_USER_INPUT, and never the upstream's fault, so
    no circuit counts it. The ids and arguments that build requests are checked before this point;
    this is the net under those checks."""


class PlaceUnknown(GatewayError):
    """A town that cannot be put on the map (``PLACE_UNKNOWN``): no known point lies in it.

    Not an ``InputError``: the town may be spelt right and simply have no Onderwijsloket
    location, so it is not the caller's mistake; ``argument`` names the argument it came
    from when it came from one (``near.city``).
    """

    code = "PLACE_UNKNOWN"

    def __init__(self, town: str | None, *, argument: str | None = None) -> None:
        if town and town.strip():
            message = (
                f"Cannot place '{town}' on the map: Onderwijsloket has no location in that town, so "
                "nothing is known to be near it. Ask near a latitude and longitude instead."
            )
        else:
            message = "No town is given, so nothing can be placed on the map."
        super().__init__(message)
        self.town = town
        self.argument = argument

    def extensions(self) -> dict[str, Any]:
        return _with_argument(super().extensions(), self.argument)


class UpstreamError(GatewayError):
    code = "UPSTREAM_UNAVAILABLE"

    def __init__(
        self,
        message: str,
        *,
        upstream: str,
        status: int | None = None,
        retry_after: float | None = None,
        fields: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.upstream = upstream
        self.status = status
        self.retry_after = retry_after
        self.fields = fields or {}

    def extensions(self) -> dict[str, Any]:
        extensions = {**super().extensions(), "upstream": self.upstream, "status": self.status}
        if self.retry_after is not None:
            extensions["retryAfter"] = self.retry_after
        if self.fields:
            extensions["fields"] = dict(self.fields)
        return extensions


class UpstreamTimeout(UpstreamError):
    code = "UPSTREAM_TIMEOUT"


class UpstreamUnavailable(UpstreamError):
    code = "UPSTREAM_UNAVAILABLE"


class UpstreamRateLimited(UpstreamError):
    code = "UPSTREAM_RATE_LIMITED"


class UpstreamBadResponse(UpstreamError):
    code = "UPSTREAM_BAD_RESPONSE"


class UpstreamStatusError(UpstreamError):
    code = "UPSTREAM_UNAVAILABLE"


class UpstreamUnauthenticated(UpstreamStatusError):
    code = "UNAUTHENTICATED"


class UpstreamForbidden(UpstreamStatusError):
    code = "FORBIDDEN"


class UpstreamNotFound(UpstreamStatusError):
    code = "NOT_FOUND"


class UpstreamConflict(UpstreamStatusError):
    code = "CONFLICT"


class UpstreamValidationError(UpstreamStatusError):
    code = "BAD_USER_INPUT"
