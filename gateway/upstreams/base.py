"""The base of every upstream client: one pooled ``httpx.AsyncClient``, one error boundary.

Subclasses (``loket.py``, ``informat.py``, ...) decide *what* to send; this class does
the I/O and is the only place where httpx exceptions and upstream statuses become the
gateway's exception tree (``gateway.exceptions``), as ``map_httpcore_exceptions`` is for
httpx. The transport is injectable, so tests reach the simulators in-process through
``httpx.ASGITransport`` and end-to-end tests over loopback.

Only the credential header a caller gives is sent: never cookies, ``Host`` overrides or
``X-Forwarded-*``. Messages name the upstream, the method and the path template, never
the credential, the query string or the raw body.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from typing import Any

import httpx
import orjson

from gateway.exceptions import (
    UpstreamBadResponse,
    UpstreamConflict,
    UpstreamError,
    UpstreamForbidden,
    UpstreamNotFound,
    UpstreamRateLimited,
    UpstreamTimeout,
    UpstreamUnauthenticated,
    UpstreamUnavailable,
    UpstreamValidationError,
)
from gateway.metrics import observe_upstream_call
from gateway.secrets import Secret
from gateway.settings import UpstreamTimeouts

DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)
_STATUS_ERRORS: dict[int, type[UpstreamError]] = {
    401: UpstreamUnauthenticated,
    403: UpstreamForbidden,
    404: UpstreamNotFound,
    409: UpstreamConflict,
    429: UpstreamRateLimited,
}


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


class UpstreamClient:
    """Talks to one upstream; ``name`` appears in error extensions (``extensions.upstream``)."""

    name = "upstream"

    def __init__(
        self,
        base_url: str,
        *,
        timeouts: UpstreamTimeouts,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeouts.read, connect=timeouts.connect),
            limits=DEFAULT_LIMITS,
            transport=transport,
            follow_redirects=False,
            # no cookie jar: one caller's upstream cookies must never reach another's request
            cookies=None,
        )

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
    ) -> httpx.Response:
        """Send one request; a non-2xx status or a transport failure raises an ``UpstreamError``.

        ``template`` (``/providers/employers/{employerId}``) is what error messages show,
        so ids and query strings stay out of them.
        """
        where = f"{method} {template or path}"
        content = orjson.dumps(json) if json is not None else None
        send_headers = dict(headers or {})
        if content is not None:
            send_headers.setdefault("Content-Type", "application/json")
        self._http.cookies.clear()
        # metrics: every request is counted once, by its fate ("cancelled": a deadline or the caller left)
        outcome, started = "error", time.perf_counter()
        try:
            response = await self._http.request(
                method, path, params=params, headers=send_headers, content=content, data=data
            )
            outcome = str(response.status_code)
        except asyncio.CancelledError:
            outcome = "cancelled"
            raise
        except httpx.TimeoutException:
            outcome = "timeout"
            raise UpstreamTimeout(f"{self.name} did not answer {where} in time", upstream=self.name) from None
        except httpx.TransportError as exc:
            outcome = "unreachable"
            raise UpstreamUnavailable(
                f"{self.name} could not be reached for {where} ({type(exc).__name__})", upstream=self.name
            ) from None
        finally:
            observe_upstream_call(self.name, method, outcome, time.perf_counter() - started)
        if response.is_success:
            return response
        raise self.status_error(response, where)

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

    async def json(self, method: str, path: str, **kwargs: Any) -> Any:
        """``request`` and decode JSON; a body that is not JSON is ``UpstreamBadResponse``."""
        response = await self.request(method, path, **kwargs)
        where = f"{method} {kwargs.get('template') or path}"
        content_type = response.headers.get("content-type", "")
        if "json" not in content_type:
            raise UpstreamBadResponse(
                f"{self.name} answered {where} with {content_type or 'no content type'}, not JSON",
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
