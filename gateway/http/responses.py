"""Refusals of the HTTP layer, answered as GraphQL responses with an ``errors`` list.

Whatever refuses a request before GraphQL runs (the view's checks, the body's size and
time limits, load shedding, the connection's header limits) answers with the same body a
client already parses, without ``data``::

    {"errors": [{"message": "...", "extensions": {"code": "PAYLOAD_TOO_LARGE"}}]}

in the media type the client accepts (``application/json`` when it accepts neither, and
for the header limits, which answer before there are headers to read).

=====  ==========================  ==========================================================
 400   ``BAD_REQUEST``             the body is not JSON, its JSON nests deeper than
                                   ``STAFFGRAPH_MAX_JSON_DEPTH``, a parameter has the wrong type, no query
 400   ``BATCHING_NOT_SUPPORTED``  a JSON array body (batching is off)
 405   ``METHOD_NOT_ALLOWED``      not GET or POST; a mutation over GET (``Allow: POST``)
 406   ``NOT_ACCEPTABLE``          ``Accept`` names neither JSON response type
 408   ``REQUEST_TIMEOUT``         headers or body slower than ``STAFFGRAPH_HEADER_TIMEOUT`` /
                                   ``STAFFGRAPH_BODY_TIMEOUT`` (and the connection is closed)
 413   ``PAYLOAD_TOO_LARGE``       the body is over ``STAFFGRAPH_MAX_BODY_BYTES``
 415   ``UNSUPPORTED_MEDIA_TYPE``  a POST body that is not ``application/json`` in UTF-8
 431   ``HEADERS_TOO_LARGE``       request line and headers over ``STAFFGRAPH_MAX_HEADER_BYTES``
 503   ``OVERLOADED``              over ``STAFFGRAPH_MAX_IN_FLIGHT`` requests (``Retry-After``)
=====  ==========================  ==========================================================
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from http import HTTPStatus

from cross_web import HTTPException
from starlette.responses import Response

from gateway.http.media import JSON, negotiate

CODES = {
    400: "BAD_REQUEST",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    408: "REQUEST_TIMEOUT",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    431: "HEADERS_TOO_LARGE",
    503: "OVERLOADED",
}


class HTTPRefusal(HTTPException):
    """A request refused before GraphQL runs. It extends the exception strawberry's view raises
    for the same purpose, so the view's own refusals and ours take one path to the client."""

    def __init__(
        self,
        status_code: int,
        reason: str,
        *,
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(status_code, reason)
        self.code = code or CODES.get(status_code, "BAD_REQUEST")
        self.headers = dict(headers or {})


def refusal_response(exc: HTTPException, accept: str | None) -> Response:
    """The JSON answer to ``exc`` (ours or strawberry's) in the media type ``accept`` allows."""
    code = exc.code if isinstance(exc, HTTPRefusal) else CODES.get(exc.status_code, "BAD_REQUEST")
    headers = exc.headers if isinstance(exc, HTTPRefusal) else {}
    if exc.status_code == 405 and "Allow" not in headers:
        headers = {**headers, "Allow": "GET, POST"}
    return Response(
        _error_body(exc.reason, code),
        status_code=exc.status_code,
        headers=headers,
        media_type=negotiate(accept) or JSON,
    )


def raw_refusal(status_code: int, reason: str) -> bytes:
    """The refusal as a whole HTTP/1.1 response that closes the connection, for a refusal made
    below ASGI (``gateway.http.protocol``), where there is no request yet to answer."""
    body = _error_body(reason, CODES.get(status_code, "BAD_REQUEST")).encode()
    phrase = HTTPStatus(status_code).phrase
    head = (
        f"HTTP/1.1 {status_code} {phrase}\r\n"
        f"content-type: {JSON}\r\n"
        f"content-length: {len(body)}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


def _error_body(reason: str, code: str) -> str:
    return json.dumps({"errors": [{"message": reason, "extensions": {"code": code}}]}, separators=(",", ":"))


__all__ = ["CODES", "HTTPRefusal", "raw_refusal", "refusal_response"]
