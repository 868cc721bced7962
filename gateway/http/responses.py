"""Refusals of the HTTP layer, answered as GraphQL responses with an ``errors`` list.

Whatever refuses a request before GraphQL runs (the view's checks, the body-size limit,
load shedding) answers with the same body a client already parses, without ``data``::

    {"errors": [{"message": "...", "extensions": {"code": "PAYLOAD_TOO_LARGE"}}]}

in the media type the client accepts (``application/json`` when it accepts neither).

=====  ==========================  ==========================================================
 400   ``BAD_REQUEST``             the body is not JSON, a parameter has the wrong type, no query
 400   ``BATCHING_NOT_SUPPORTED``  a JSON array body (batching is off)
 405   ``METHOD_NOT_ALLOWED``      not GET or POST; a mutation over GET (``Allow: POST``)
 406   ``NOT_ACCEPTABLE``          ``Accept`` names neither JSON response type
 413   ``PAYLOAD_TOO_LARGE``       the body is over ``STAFFGRAPH_MAX_BODY_BYTES``
 415   ``UNSUPPORTED_MEDIA_TYPE``  a POST body that is not ``application/json`` in UTF-8
 503   ``OVERLOADED``              over ``STAFFGRAPH_MAX_IN_FLIGHT`` requests (``Retry-After``)
=====  ==========================  ==========================================================
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from cross_web import HTTPException
from starlette.responses import Response

from gateway.http.media import JSON, negotiate

CODES = {
    400: "BAD_REQUEST",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
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
    body = {"errors": [{"message": exc.reason, "extensions": {"code": code}}]}
    return Response(
        json.dumps(body, separators=(",", ":")),
        status_code=exc.status_code,
        headers=headers,
        media_type=negotiate(accept) or JSON,
    )


__all__ = ["CODES", "HTTPRefusal", "refusal_response"]
