"""``POST /webhooks/ictergezocht/applications``: ICTerGezocht.nl posts each application here.

What the document asks of a webhook receiver ("Webhooks / Sollicitaties"): authorization by
a key agreed with ICTerGezocht, sent as ``Authorization: Bearer <apikey>``; answers 201 with
a unique id of the application (``{"id": 1}``), 400 for invalid data with the reason in the
response, 401 for an invalid authorization. Here:

- the key is ``STAFFGRAPH_ICTERGEZOCHT_WEBHOOK_KEY`` (or ``_FILE``), compared in constant time;
  a missing or wrong key is 401 (``WWW-Authenticate: Bearer``) before a byte of the body is
  read, so only ICTerGezocht can make the gateway read a 28 MB body. Without a key configured
  the endpoint does not exist: 404, for every request.
- the body is read within ``MAX_BODY_BYTES`` (a 20 MB CV is 28 MB of base64) and
  ``BODY_TIMEOUT`` (413 / 408, as on ``/graphql``), then checked (``gateway.live.validation``):
  400 ``{"message": ..., "errors": [{"field": "email", "message": "is required"}]}``.
- a valid application is published (``gateway.live.broker``) without its CV and answered 201
  ``{"id": <int>}``. The log line names the vacancy's reference number and whether a CV came,
  never the candidate or the CV.

- Choice: the id is random below 2**53 (exact in every JSON reader): unique without a counter
  shared by the replicas, and the gateway keeps no applications to number.
- Choice: a body that is not JSON is 400 with field ``body``; the content type is not checked
  (the document does not name one).
"""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import Callable
from datetime import UTC, datetime

import orjson
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from gateway.callers import bearer
from gateway.http.body import RequestBody
from gateway.live.broker import Broker
from gateway.live.metrics import WEBHOOKS
from gateway.live.validation import InvalidApplication, Problem, parse_application
from gateway.secrets import Secret

log = logging.getLogger("staffgraph.live")

PATH = "/webhooks/ictergezocht/applications"
KEY_SETTING = "STAFFGRAPH_ICTERGEZOCHT_WEBHOOK_KEY"
MAX_BODY_BYTES = 30 * 1024 * 1024  # a 20 MiB CV as base64 (26.7 MiB), the other fields and room
BODY_TIMEOUT = 120.0  # seconds for the whole body: only a sender holding the key gets this far
ID_BITS = 53


def _json(status: int, body: object, headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json", headers=headers)


class ApplicationWebhook:
    """The endpoint as a pure ASGI app (the key is checked before the body is read)."""

    def __init__(
        self,
        broker: Broker,
        key: Secret | None,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        new_id: Callable[[], int] = lambda: secrets.randbits(ID_BITS) or 1,
    ) -> None:
        self.broker = broker
        self.key = key
        self.clock = clock
        self.new_id = new_id
        self._read = RequestBody(self._receive, max_bytes=MAX_BODY_BYTES, timeout=BODY_TIMEOUT)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope)
        if self.key is None:
            response = _json(404, {"message": "Not Found"})
        elif scope.get("method") != "POST":
            response = _json(405, {"message": "Use POST."}, {"Allow": "POST"})
        elif not self._authorized(headers):
            WEBHOOKS.labels("unauthorized").inc()
            log.info("refused an application webhook: missing or wrong Authorization")
            response = _json(
                401, {"message": "Invalid authorization: send 'Authorization: Bearer <key>'."},
                {"WWW-Authenticate": "Bearer"},
            )  # fmt: skip
        else:
            await self._read(scope, receive, send)
            return
        await response(scope, receive, send)

    def _authorized(self, headers: Headers) -> bool:
        assert self.key is not None
        values = headers.getlist("authorization")
        token = bearer(values[0]) if len(values) == 1 else None
        expected = self.key.reveal().encode()
        # compared even without a token, so the time taken never says whether one was sent
        presented = token.encode("utf-8", errors="replace") if token is not None else b""
        return hmac.compare_digest(presented, expected) and token is not None

    async def _receive(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await Request(scope, receive).body()
        try:
            decoded = orjson.loads(body)
        except orjson.JSONDecodeError:
            decoded = None
            problems = [Problem("body", "is not JSON")]
        else:
            problems = []
        del body
        if not problems:
            try:
                record = parse_application(decoded, application_id=self.new_id(), received_at=self.clock())
            except InvalidApplication as invalid:
                problems = invalid.problems
        del decoded  # the CV goes no further than this function
        if problems:
            WEBHOOKS.labels("invalid").inc()
            fields = ", ".join(dict.fromkeys(p.field for p in problems))
            log.info("refused an application webhook: invalid %s", fields)
            answer = {
                "message": f"The application is invalid: {fields}.",
                "errors": [{"field": p.field, "message": f"'{p.field}' {p.message}"} for p in problems],
            }
            await _json(400, answer)(scope, receive, send)
            return
        await self.broker.publish(record)
        WEBHOOKS.labels("published").inc()
        log.info(
            "application %d received for vacancy %s (cv: %s)",
            record.application_id, record.reference_number, "yes" if record.has_cv else "no",
        )  # fmt: skip
        await _json(201, {"id": record.application_id})(scope, receive, send)


__all__ = ["KEY_SETTING", "PATH", "ApplicationWebhook"]
