"""Directus error answers: ``{"errors": [{"message": ..., "extensions": {"code": ..., ...}}]}``.

Messages and extra extension keys are Directus's own (``@directus/errors``): an invalid
query reads ``Invalid query. <reason>.`` with ``extensions.reason``; a rate-limit answer
carries ``limit`` and ``reset`` and a ``Retry-After`` header. Everything the simulator
rejects is raised as ``DirectusError`` and rendered here, so no bad input reaches a 500.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from starlette._utils import get_route_path
from starlette.requests import Request
from starlette.responses import Response

from simulators.responses import JSONResponse

MEDIA_TYPE = "application/json; charset=utf-8"
DEFAULT_FORBIDDEN = "You don't have permission to access this."


class DirectusError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        extensions: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extensions = extensions or {}
        self.headers = headers

    def response(self) -> Response:
        body = {"errors": [{"message": self.message, "extensions": {"code": self.code, **self.extensions}}]}
        return JSONResponse(body, status_code=self.status, headers=self.headers, media_type=MEDIA_TYPE)


def invalid_query(reason: str) -> DirectusError:
    return DirectusError(400, "INVALID_QUERY", f"Invalid query. {reason}.", {"reason": reason})


def invalid_payload(reason: str) -> DirectusError:
    return DirectusError(400, "INVALID_PAYLOAD", f"Invalid payload. {reason}.", {"reason": reason})


def forbidden(reason: str | None = None) -> DirectusError:
    return DirectusError(
        403, "FORBIDDEN", reason or DEFAULT_FORBIDDEN, {"reason": reason} if reason else None
    )


def collection_forbidden(collection: str) -> DirectusError:
    reason = f'You don\'t have permission to access collection "{collection}" or it does not exist.'
    return forbidden(f"{reason} Queried in root.")


def invalid_credentials() -> DirectusError:
    return DirectusError(401, "INVALID_CREDENTIALS", "Invalid user credentials.")


def token_expired() -> DirectusError:
    return DirectusError(401, "TOKEN_EXPIRED", "Token expired.")


def invalid_token() -> DirectusError:
    return DirectusError(403, "INVALID_TOKEN", "Invalid token.")


def route_not_found(path: str) -> DirectusError:
    return DirectusError(404, "ROUTE_NOT_FOUND", f"Route {path} doesn't exist.", {"path": path})


def human_duration(ms: float) -> str:
    """The ``ms`` package's short form, as in ``retry after 1s``."""
    for unit, size in (("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000)):
        if abs(ms) >= size:
            return f"{round(ms / size)}{unit}"
    return f"{round(ms)}ms"


def requests_exceeded(limit: int, retry_ms: float, reset_iso: str) -> DirectusError:
    return DirectusError(
        429,
        "REQUESTS_EXCEEDED",
        f"Too many requests, retry after {human_duration(retry_ms)}.",
        {"limit": limit, "reset": reset_iso},
        {"Retry-After": str(max(1, round(retry_ms / 1000)))},
    )


_FAULTS: dict[int, tuple[str, str]] = {
    400: ("INVALID_QUERY", "Invalid query."),
    401: ("INVALID_CREDENTIALS", "Invalid user credentials."),
    403: ("FORBIDDEN", DEFAULT_FORBIDDEN),
    404: ("ROUTE_NOT_FOUND", "Route doesn't exist."),
    500: ("INTERNAL_SERVER_ERROR", "An unexpected error occurred."),
    503: ("SERVICE_UNAVAILABLE", 'Service "api" is unavailable. Under pressure.'),
}


def fault_response(upstream: str, status: int, retry_after: int | None) -> Response:
    """What Directus answers for an injected status (the fault injector's ``FaultResponder``).

    Choice: statuses Directus itself never sends (502, 504, ...) get the same envelope
    with the upper-cased reason phrase as code, as a Directus behind a proxy might.
    """
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    if status == 429:
        seconds = retry_after if retry_after is not None else 1
        message = f"Too many requests, retry after {human_duration(seconds * 1000)}."
        return DirectusError(
            429, "REQUESTS_EXCEEDED", message, headers={"Retry-After": str(seconds)}
        ).response()
    code, message = _FAULTS.get(status, ("", ""))
    if not code:
        phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
        code, message = phrase.upper().replace(" ", "_").replace("-", "_"), f"{phrase}."
    return DirectusError(status, code, message, headers=headers).response()


async def not_found_handler(request: Request, exc: Exception) -> Response:
    """Unknown routes and unsupported methods: Directus has no such route."""
    return route_not_found(get_route_path(request.scope) or "/").response()


def unknown_field(parameter: str, name: str, collection: str) -> DirectusError:
    return invalid_query(f'Field "{name}" in "{parameter}" does not exist in collection "{collection}"')


def not_relational(parameter: str, name: str, collection: str) -> DirectusError:
    return invalid_query(
        f'Field "{name}" in "{parameter}" is not a relational field of collection "{collection}"'
    )
