"""Loket's response envelopes, headers and error bodies.

- single item: ``{"version": {...}, "messages": [...], "content": {...}}`` with an
  ``ETag`` (the mock-sample document: "etag header is returned with every GET of a
  detail"); the ETag is a hash of the content, so it changes exactly when the item does.
- every answer carries ``Expires``. Choice: the document says caching is not allowed
  for most resources, so ``Expires`` is the moment of the answer (by the simulator
  clock) with ``Cache-Control: no-cache``.

Choice: error envelopes keep the shape of the endpoint: ``"_embedded": []`` for a list
(the document's 400 example) and ``"content": null`` for a single item; a DELETE
answers ``"content": {}`` (the document's sample). The 400 example spells the version
key ``versionNumber`` in broken JSON; every other example says ``resourceVersion``,
which we use throughout.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from email.utils import formatdate
from typing import Any

import orjson
from starlette.responses import Response

from simulators.loket.errors import (
    UNAUTHORIZED_MESSAGE,
    Forbidden,
    LoketError,
    MessageError,
)
from simulators.loket.versions import ResourceVersion
from simulators.responses import JSONResponse

Clock = Callable[[], float]


def base_headers(clock: Clock) -> dict[str, str]:
    return {"Expires": formatdate(clock(), usegmt=True), "Cache-Control": "no-cache"}


def etag_of(content: Any) -> str:
    return '"' + hashlib.blake2b(orjson.dumps(content), digest_size=10).hexdigest() + '"'


def if_match_fails(header: str | None, etag: str) -> bool:
    """True when an If-Match header is present and names neither this ETag nor ``*``."""
    if header is None:
        return False
    wanted = {part.strip().removeprefix("W/") for part in header.split(",")}
    return "*" not in wanted and etag not in wanted and etag.strip('"') not in wanted


def single(
    content: Any,
    version: ResourceVersion,
    messages: list[dict[str, Any]],
    clock: Clock,
    *,
    status: int = 200,
    etag: str | None = None,
) -> Response:
    headers = base_headers(clock)
    if etag is not None:
        headers["ETag"] = etag
    body = {"version": version.as_json(), "messages": messages, "content": content}
    return JSONResponse(body, status_code=status, media_type=version.media_type, headers=headers)


def listing(body: dict[str, Any], version: ResourceVersion, clock: Clock) -> Response:
    return JSONResponse(body, media_type=version.media_type, headers=base_headers(clock))


def plain_message(status: int, text: str, clock: Clock, extra: dict[str, str] | None = None) -> Response:
    """The bare ``{"message": ...}`` bodies of ASP.NET Web API (401, 403, 404 route, 405)."""
    headers = base_headers(clock) | (extra or {})
    return JSONResponse({"message": text}, status_code=status, headers=headers)


def error_response(error: LoketError, *, is_list: bool, version: ResourceVersion, clock: Clock) -> Response:
    if isinstance(error, MessageError):
        body: dict[str, Any] = {"version": version.as_json(), "messages": error.messages}
        body["_embedded" if is_list else "content"] = [] if is_list else None
        return JSONResponse(
            body, status_code=error.status, media_type=version.media_type, headers=base_headers(clock)
        )
    if isinstance(error, Forbidden):
        return plain_message(403, str(error), clock)
    return plain_message(401, UNAUTHORIZED_MESSAGE, clock, {"WWW-Authenticate": "Bearer"})
