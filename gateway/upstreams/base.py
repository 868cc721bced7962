"""The base of every upstream client: one pooled ``httpx.AsyncClient``, one error boundary.

Subclasses (``loket.py``, ``informat.py``, ...) decide *what* to send; this class does
the I/O and is the only place where httpx exceptions and upstream statuses become the
gateway's exception tree (``gateway.exceptions``), as ``map_httpcore_exceptions`` is for
httpx. The transport is injectable, so tests reach the simulators in-process through
``httpx.ASGITransport`` and end-to-end tests over loopback.

It is also the one request point where resilience applies (``gateway.resilience``):

- every call is bounded by the time left of the GraphQL request's deadline — connecting,
  sending and reading the whole body (a body dribbled out slowly cannot outlast it),
  on top of the per-upstream connect and read timeouts;
- idempotent calls (GET, and the Informat token fetch) are retried after timeouts,
  connection failures, 500/502/503/504 and 429, with jittered exponential backoff or
  the upstream's ``Retry-After``, while the deadline and ``attempts`` allow;
- a circuit per upstream fails fast while the upstream keeps failing, and one per
  credential fails fast for a credential the upstream keeps refusing (401);
- a client-side budget per account (ICTerGezocht) refuses before the upstream would.

Only the credential header a caller gives is sent: never cookies, ``Host`` overrides or
``X-Forwarded-*``. Messages name the upstream, the method and the path template, never
the credential, the query string or the raw body.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import orjson

from gateway.auth import check_write
from gateway.exceptions import (
    UnsendableRequest,
    UpstreamBadResponse,
    UpstreamConflict,
    UpstreamError,
    UpstreamForbidden,
    UpstreamNotFound,
    UpstreamRateLimited,
    UpstreamStatusError,
    UpstreamTimeout,
    UpstreamUnauthenticated,
    UpstreamUnavailable,
    UpstreamValidationError,
)
from gateway.metrics import observe_upstream_bytes, observe_upstream_call
from gateway.resilience.breaker import CircuitBreaker, CredentialBreakers
from gateway.resilience.budget import RequestBudget
from gateway.resilience.deadline import Deadline, current_deadline
from gateway.resilience.retry import IDEMPOTENT_METHODS, is_retryable, wait_before_retry
from gateway.secrets import Secret, credential_hash
from gateway.settings import (
    DEFAULT_BREAKER,
    DEFAULT_RETRY,
    BreakerPolicy,
    BudgetPolicy,
    RetryPolicy,
    UpstreamTimeouts,
)
from gateway.shared.redis import SharedRedis
from gateway.telemetry.upstream import UpstreamCall
from gateway.upstreams.transport import default_transport

JOIN_SLACK = 0.25
"""Seconds a caller's deadline may pass the deadline of an identical call in flight and still join it."""
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)
_STATUS_ERRORS: dict[int, type[UpstreamError]] = {
    401: UpstreamUnauthenticated,
    403: UpstreamForbidden,
    404: UpstreamNotFound,
    409: UpstreamConflict,
    429: UpstreamRateLimited,
}
Decode = Callable[[httpx.Response, str], Any]


def _retry_after(response: httpx.Response) -> float | None:
    """``Retry-After`` in seconds, given as seconds or as an HTTP date; ``None`` if absent or unreadable."""
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _sendable(value: str) -> bool:
    """A header value HTTP/1.1 can carry as the caller meant it: visible ASCII and spaces, no CR/LF/NUL."""
    return value.isascii() and all(" " <= char <= "~" or char == "\t" for char in value)


def _credential_key(headers: Mapping[str, str], form: Mapping[str, str] | None) -> str | None:
    """SHA-256 of the credential a request carries (bearer token, or a client id and secret)."""
    for name, value in headers.items():
        if name.lower() == "authorization":
            scheme, _, token = value.partition(" ")
            return credential_hash(token if scheme.lower() == "bearer" and token else value)
    if form and form.get("client_secret"):
        return credential_hash(f"{form.get('client_id', '')}\0{form['client_secret']}")
    return None


@dataclass(frozen=True)
class _Outgoing:
    method: str
    path: str
    where: str
    params: Mapping[str, str | list[str]] | None
    headers: dict[str, str]
    content: bytes | None
    data: Mapping[str, str] | None


class UpstreamClient:
    """Talks to one upstream; ``name`` appears in error extensions (``extensions.upstream``)."""

    name = "upstream"

    def __init__(
        self,
        base_url: str,
        *,
        timeouts: UpstreamTimeouts,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy = DEFAULT_RETRY,
        breaker: BreakerPolicy = DEFAULT_BREAKER,
        budget: BudgetPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
        redis: SharedRedis | None = None,
        http_transport: str = "aiohttp",
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeouts.read, connect=timeouts.connect),
            limits=DEFAULT_LIMITS,
            # tests inject one (ASGI); otherwise the pool chosen by STAFFGRAPH_HTTP_TRANSPORT (transport.py)
            transport=transport or default_transport(http_transport, DEFAULT_LIMITS),
            follow_redirects=False,
            # no cookie jar: one caller's upstream cookies must never reach another's request
            cookies=None,
        )
        self.retry = retry
        self.circuit = CircuitBreaker(breaker, clock=clock)
        self.credential_circuits = CredentialBreakers(breaker, clock=clock)
        self.budget = (
            RequestBudget(self.name, budget, clock=clock, sleep=sleep, redis=redis) if budget else None
        )
        self._sleep = sleep
        self._rng = rng
        # identical GETs in flight (same credential, path, query and headers) share one upstream call
        self._inflight: dict[tuple[Any, ...], tuple[asyncio.Future[tuple[httpx.Response, Any]], float]] = {}

    async def aclose(self) -> None:
        await self._http.aclose()

    @staticmethod
    def bearer(token: Secret) -> dict[str, str]:
        return {"Authorization": f"Bearer {token.reveal()}"}

    async def request(
        self,
        method: str,
        path: str,
        *,
        template: str | None = None,
        params: Mapping[str, str | list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
        guarded: bool = True,
    ) -> httpx.Response:
        """Send one request; a non-2xx status or a transport failure raises an ``UpstreamError``.

        ``template`` (``/providers/employers/{employerId}``) is what error messages show,
        so ids and query strings stay out of them. ``idempotent`` (default: GET, HEAD,
        OPTIONS) allows retries. ``guarded=False`` sends exactly one attempt past the
        circuit, the budget and the deadline: readiness probes, which must see the upstream
        itself.
        """
        response, _ = await self._call(
            self._outgoing(method, path, template, params, headers, json, data), idempotent, guarded, None
        )
        return response

    async def json(
        self,
        method: str,
        path: str,
        *,
        template: str | None = None,
        params: Mapping[str, str | list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
    ) -> Any:
        """``request`` and decode JSON; a body that is not JSON is ``UpstreamBadResponse`` (and, being
        the upstream's fault, counts against its circuit like a 5xx)."""
        outgoing = self._outgoing(method, path, template, params, headers, json, data)
        if outgoing.method.upper() != "GET" or outgoing.content is not None or outgoing.data is not None:
            _, body = await self._call(outgoing, idempotent, True, self._decode_json)
            return body
        return await self._shared_get(outgoing, idempotent)

    async def _shared_get(self, out: _Outgoing, idempotent: bool | None) -> Any:
        """A GET, joined to an identical one already in flight, as Hive Gateway and Apollo Router
        deduplicate in-flight subgraph requests.

        Sixteen clients asking the same employer's lists at once cost one upstream call per list, not
        sixteen, and one decode. "Identical" is the whole request: method, path, query, every header
        (so the credential, by its hash): a caller only ever joins a call it could have made itself,
        and gets exactly what that call got, as fresh as its own would have been. Nothing is kept
        once the call is answered: this is not a cache. The decoded body is shared, so the sources
        treat upstream rows as read-only (none writes into them).

        The call runs as a task of its own, bounded by the deadline of the caller that started it,
        so a caller that leaves does not cancel it for the others. A caller joins only a call whose
        deadline is no earlier than its own less ``JOIN_SLACK`` (it could otherwise be cut off well
        before its own time); a caller with more time left starts a call of its own, which later
        callers then join.
        """
        key = (
            out.path,
            tuple(sorted((k, str(v)) for k, v in (out.params or {}).items())),
            tuple(sorted((k.lower(), credential_hash(v)) for k, v in out.headers.items())),
        )
        deadline = current_deadline()
        until = math.inf if deadline is None else deadline.expires_at
        joined = self._inflight.get(key)
        if joined is None or joined[1] < until - JOIN_SLACK:
            call = asyncio.ensure_future(self._call(out, idempotent, True, self._decode_json))
            joined = self._inflight[key] = (call, until)
            call.add_done_callback(lambda done: self._settled(key, done))
        try:
            async with asyncio.timeout(None if deadline is None else deadline.remaining()):
                _, body = await asyncio.shield(joined[0])
        except TimeoutError:
            raise self._deadline_passed(out.where, deadline) from None
        return body

    def _settled(self, key: tuple[Any, ...], done: asyncio.Future[tuple[httpx.Response, Any]]) -> None:
        if key in self._inflight and self._inflight[key][0] is done:
            del self._inflight[key]
        if not done.cancelled():
            done.exception()  # retrieved: every caller may have left before it failed

    def _outgoing(
        self,
        method: str,
        path: str,
        template: str | None,
        params: Mapping[str, str | list[str]] | None,
        headers: Mapping[str, str] | None,
        json: Any,
        data: Mapping[str, str] | None,
    ) -> _Outgoing:
        content = orjson.dumps(json) if json is not None else None
        send_headers = dict(headers or {})
        for name, value in send_headers.items():
            if not _sendable(value):
                # before any circuit or budget sees it: the caller's input, not the upstream, is wrong
                raise UnsendableRequest(
                    f"a value for the {name!r} header of {method} {template or 'the request'} cannot be "
                    "sent: it holds a line break, a control or a non-ASCII character"
                )
        if content is not None:
            send_headers.setdefault("Content-Type", "application/json")
        where = f"{method} {template or path}"
        return _Outgoing(method, path, where, params, send_headers, content, data)

    async def _call(
        self, out: _Outgoing, idempotent: bool | None, guarded: bool, decode: Decode | None
    ) -> tuple[httpx.Response, Any]:
        """The attempts of one call: circuit, budget, deadline, retries, then the verdict."""
        if not guarded:
            response = await self._send(out, None)
            return response, self._check(response, out.where, decode)
        deadline = current_deadline()
        credential = _credential_key(out.headers, out.data)
        retries_allowed = idempotent if idempotent is not None else out.method.upper() in IDEMPOTENT_METHODS
        attempts = self.retry.attempts if retries_allowed else 1
        if not retries_allowed:  # a write: never with a credential the caller may not write with
            check_write(self.name, out.where, credential)
        attempt = 0
        while True:
            attempt += 1
            self._admit(out.where, credential)
            try:
                if self.budget is not None and credential is not None:
                    await self.budget.acquire(credential, None if deadline is None else deadline.remaining())
                response = await self._send(out, deadline, attempt)
                value = self._check(response, out.where, decode)
            except TimeoutError:  # the request deadline (httpx's own timeouts arrive as UpstreamTimeout)
                self._released(credential)
                raise self._deadline_passed(out.where, deadline) from None
            except UpstreamError as error:
                self._judge(error, credential)
                if attempt >= attempts or not is_retryable(error) or self.circuit.state == "open":
                    raise
                wait = wait_before_retry(self.retry, attempt, error, self._rng)
                if deadline is not None and wait >= deadline.remaining():
                    raise
                await self._sleep(wait)
                continue
            except BaseException:  # cancelled (the caller left, a sibling failed): no verdict
                self._released(credential)
                raise
            self.circuit.succeeded()
            if credential is not None:
                self.credential_circuits.accepted(credential)
            return response, value

    def _admit(self, where: str, credential: str | None) -> None:
        """Fail fast, without a request, while a circuit is open (letting one probe through)."""
        if not self.circuit.allow():
            wait = self.circuit.retry_in()
            raise UpstreamUnavailable(
                f"{self.name} is failing: its circuit is open after {self.circuit.failures} failures in a "
                f"row, so {where} was not sent; the gateway tries again in {wait:.0f} s",
                upstream=self.name,
                retry_after=round(wait, 1) if wait > 0 else None,
            )
        circuit = self.credential_circuits.get(credential) if credential is not None else None
        if circuit is not None and not circuit.allow():
            self.circuit.released()
            wait = circuit.retry_in()
            raise UpstreamUnauthenticated(
                f"{self.name} refused this credential {circuit.failures} times in a row, so {where} was not "
                f"sent; the gateway will not send it again for {wait:.0f} s",
                upstream=self.name,
                status=401,
                retry_after=round(wait, 1) if wait > 0 else None,
            )

    def _judge(self, error: UpstreamError, credential: str | None) -> None:
        """Feed one failed attempt to the circuits: the upstream's fault, the credential's, or an answer."""
        upstreams_fault = isinstance(error, UpstreamTimeout | UpstreamBadResponse) or (
            isinstance(error, UpstreamUnavailable) and (error.status is None or error.status >= 500)
        )
        if error.status is None and not upstreams_fault:
            # raised before anything was sent (the budget): no verdict on anybody
            self._released(credential)
            return
        if upstreams_fault:
            self.circuit.failed()
            self._released(credential)
            return
        self.circuit.succeeded()  # the upstream answered; a 4xx is about the caller
        if credential is None:
            return
        if isinstance(error, UpstreamUnauthenticated):
            self.credential_circuits.refused(credential)
        elif isinstance(error, UpstreamStatusError) and not isinstance(error, UpstreamForbidden):
            self.credential_circuits.accepted(credential)
        else:
            self.credential_circuits.released(credential)

    def _released(self, credential: str | None) -> None:
        self.circuit.released()
        if credential is not None:
            self.credential_circuits.released(credential)

    def _deadline_passed(self, where: str, deadline: Deadline | None) -> UpstreamTimeout:
        seconds = f" ({deadline.seconds:g} s)" if deadline is not None else ""
        return UpstreamTimeout(
            f"{self.name} did not answer {where} within the request deadline{seconds}", upstream=self.name
        )

    async def _send(self, out: _Outgoing, deadline: Deadline | None, attempt: int = 1) -> httpx.Response:
        """One HTTP exchange, body included, bounded by ``deadline`` (``TimeoutError`` when it passes)."""
        time_left = None if deadline is None else deadline.remaining()
        if time_left is not None and time_left <= 0:
            raise TimeoutError
        self._http.cookies.clear()
        # metrics: every request is counted once, by its fate ("cancelled": the caller left)
        outcome, started = "error", time.perf_counter()
        call = UpstreamCall(self.name, self.base_url, out.where, attempt)  # request id, span, log line
        try:
            async with asyncio.timeout(time_left):
                response = await self._http.request(
                    out.method,
                    out.path,
                    params=out.params,
                    headers=call.headers(out.headers),
                    content=out.content,
                    data=out.data,
                )
            outcome = str(response.status_code)
            observe_upstream_bytes(self.name, len(response.content))
            return response
        except TimeoutError:
            outcome = "timeout"
            raise
        except asyncio.CancelledError:
            outcome = "cancelled"
            raise
        except httpx.TimeoutException:
            outcome = "timeout"
            raise UpstreamTimeout(
                f"{self.name} did not answer {out.where} in time", upstream=self.name
            ) from None
        except (httpx.LocalProtocolError, httpx.InvalidURL, UnicodeEncodeError):
            # httpx refused to form the request: input that slipped past the checks, not an upstream fault
            outcome = "refused"
            raise UnsendableRequest(f"{out.where} could not be formed as an HTTP request") from None
        except httpx.DecodingError:
            raise UpstreamBadResponse(
                f"{self.name} answered {out.where} with a body that could not be decoded", upstream=self.name
            ) from None
        except httpx.RequestError as exc:  # connection refused or reset, protocol errors
            outcome = "unreachable"
            raise UpstreamUnavailable(
                f"{self.name} could not be reached for {out.where} ({type(exc).__name__})", upstream=self.name
            ) from None
        finally:
            seconds = time.perf_counter() - started
            observe_upstream_call(self.name, out.method, outcome, seconds)
            call.end(outcome, seconds)

    def _check(self, response: httpx.Response, where: str, decode: Decode | None) -> Any:
        if not response.is_success:
            try:
                error = self.status_error(response, where)
            except Exception:  # an error body of a shape the subclass did not expect
                error = self._bare_status_error(response, where)
            raise error
        return decode(response, where) if decode is not None else None

    def _bare_status_error(self, response: httpx.Response, where: str) -> UpstreamError:
        """The status mapping without reading the body: what is left when the body cannot be read."""
        status = response.status_code
        if status in (400, 422):
            return UpstreamValidationError(f"{self.name} rejected {where}", upstream=self.name, status=status)
        return UpstreamClient.status_error(self, response, where)

    def status_error(self, response: httpx.Response, where: str) -> UpstreamError:
        """The exception for a non-2xx answer; subclasses refine 400/409 with the fields the body names."""
        status = response.status_code
        if status in (400, 422):
            fields = self.validation_fields(response)
            return UpstreamValidationError(
                f"{self.name} rejected {where}: {self.summarise(response)}",
                upstream=self.name,
                status=status,
                fields=fields,
            )
        if status < 400:  # a redirect (never followed: it could carry the credential elsewhere)
            return UpstreamBadResponse(
                f"{self.name} answered {where} with a redirect ({status})", upstream=self.name, status=status
            )
        error_type = _STATUS_ERRORS.get(status, UpstreamUnavailable if status >= 500 else UpstreamError)
        return error_type(
            f"{self.name} answered {status} to {where}",
            upstream=self.name,
            status=status,
            retry_after=_retry_after(response),
        )

    def validation_fields(self, response: httpx.Response) -> dict[str, str]:
        """Input field -> message, from the upstream's own error body (per-upstream override)."""
        return {}

    def summarise(self, response: httpx.Response) -> str:
        """A short, safe description of an error body (per-upstream override); never the raw body."""
        return f"status {response.status_code}"

    def _decode_json(self, response: httpx.Response, where: str) -> Any:
        content_type = response.headers.get("content-type", "")
        if "json" not in content_type:
            # the media type only, never the body: an HTML error page may echo anything
            media_type = content_type.split(";", 1)[0].strip()[:60] or "no content type"
            raise UpstreamBadResponse(
                f"{self.name} answered {where} with {media_type}, not JSON",
                upstream=self.name,
                status=response.status_code,
            )
        try:
            return orjson.loads(response.content)
        except orjson.JSONDecodeError:
            raise UpstreamBadResponse(
                f"{self.name} answered {where} with malformed JSON",
                upstream=self.name,
                status=response.status_code,
            ) from None
