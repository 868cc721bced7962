"""ICTerGezocht's error answers: ``{"errors": [{"error", "label", "path"}]}`` for every status.

Choice: ``error`` is the human-readable Dutch message (the document's own wording for
401/403/404/429/500), ``label`` a stable machine key (``required``, ``unauthorized``,
``rate_limit``...) a client can branch on, and ``path`` names what is wrong: the body
field in dot notation (``company.name``, ``customFields.0.value``), the query parameter
(``limit``) or the header (``Authorization``); ``""`` when the whole request is meant
(invalid JSON, rate limit), the request path for an unknown endpoint. The document
only gives the three keys as strings; this reading lets one body serve all statuses.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from simulators.responses import JSONResponse

# The document's status table, in its own words.
MESSAGES: dict[int, str] = {
    400: "De request is niet succesvol door ongeldige data.",
    401: "Ongeldige autorisatie / apikey.",
    403: "Je hebt geen toegang tot dit endpoint.",
    404: "Het gebruikte endpoint bestaat niet.",
    429: "Het maximaal aantal requests is bereikt (rate limit).",
    500: "Algemene fout, neem contact op met ICTerGezocht.nl.",
}
LABELS: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    429: "rate_limit",
    500: "server_error",
    502: "bad_gateway",
    503: "service_unavailable",
    504: "gateway_timeout",
}
UNAVAILABLE_MESSAGE = "De API van ICTerGezocht.nl is tijdelijk niet beschikbaar, probeer het later opnieuw."
# Retry-After for injected 429/503 faults whose plan gives none
DEFAULT_FAULT_RETRY_AFTER = 1


def api_path(scope: Scope) -> str:
    """The request path below the mount point (``/vacancy/12``), as a client of the real API sees it."""
    return str(scope["path"])[len(scope.get("root_path", "")) :] or "/"


def error_item(error: str, label: str, path: str = "") -> dict[str, str]:
    return {"error": error, "label": label, "path": path}


class ApiError(Exception):
    """Raised anywhere in a handler; the app turns it into the documented error body."""

    def __init__(
        self, status: int, errors: list[dict[str, str]], headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(status, errors)
        self.status = status
        self.errors = errors
        self.headers = headers

    @classmethod
    def one(
        cls, status: int, label: str, path: str = "", error: str | None = None, **kwargs: Any
    ) -> ApiError:
        return cls(status, [error_item(error or MESSAGES.get(status, ""), label, path)], **kwargs)


def error_response(
    status: int, errors: list[dict[str, str]], headers: dict[str, str] | None = None
) -> Response:
    return JSONResponse({"errors": errors}, status_code=status, headers=headers)


async def api_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.errors, exc.headers)


async def http_error_handler(request: Request, exc: Exception) -> Response:
    """Choice: a known path with a method it does not serve (``GET /vacancy``) is a 404 like
    an unknown path; the document's status table has no 405 and names an endpoint by
    method and path ("POST .../vacancy")."""
    assert isinstance(exc, HTTPException)
    status = 404 if exc.status_code in (404, 405) else exc.status_code
    label = LABELS.get(status, "error")
    message = MESSAGES.get(status, str(exc.detail))
    return error_response(status, [error_item(message, label, api_path(request.scope))])


async def server_error_handler(request: Request, exc: Exception) -> Response:
    return error_response(500, [error_item(MESSAGES[500], LABELS[500])])


def fault_response(upstream: str, status: int, retry_after: int | None) -> Response:
    """What the fault injector answers for ``status``: the documented body, Retry-After on 429/503."""
    if retry_after is None and status in (429, 503):
        retry_after = DEFAULT_FAULT_RETRY_AFTER
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    fallback = UNAVAILABLE_MESSAGE if status >= 502 else MESSAGES[400 if status < 500 else 500]
    message = MESSAGES.get(status, fallback)
    return error_response(status, [error_item(message, LABELS.get(status, f"http_{status}"))], headers)
