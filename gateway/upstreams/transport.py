"""The wire under every upstream client: aiohttp's connection pool behind httpx's API.

The clients keep httpx's interface (requests, responses, timeouts, ``ASGITransport`` in
tests); only the transport is swapped. Measured on this machine against the Loket
simulator (1 KB answers, 8 concurrent, uvloop): httpx's own pool spent 1.6–1.7 ms of CPU
per request, httpx over this transport 0.4–0.5 ms, four times less, and the gateway spends
most of a one-call query in that client (py-spy). So aiohttp is the default and httpx's
pool stays one setting away (``STAFFGRAPH_HTTP_TRANSPORT=httpx``) for comparison.

Why a transport of our own rather than the ``httpx-aiohttp`` package: that package maps
aiohttp's ``ClientConnectionError`` (a reset, a server that closed the socket) to
``httpx.ConnectTimeout``, which the gateway would report as a timeout rather than an
unreachable upstream, and it streams each body through a wrapper although the gateway
always reads it whole. Here:

- the body is read whole inside the exchange (the caller's deadline, an ``asyncio.timeout``
  around the call, bounds connect, headers and body together, as before);
- aiohttp's errors become the httpx exceptions httpx itself raises for the same event
  (connect refused → ``ConnectError``, reset or truncated body → ``ReadError`` /
  ``RemoteProtocolError``, socket timeouts → ``ConnectTimeout`` / ``ReadTimeout``), so
  ``UpstreamClient`` maps them to the same ``UpstreamError`` as before;
- no cookie jar (``DummyCookieJar``): one caller's upstream cookies never reach another's
  request; no proxy from the environment; redirects are not followed;
- the URL goes out exactly as httpx built and percent-encoded it (yarl would otherwise
  re-quote it);
- compressed answers are decompressed by aiohttp, so the returned response carries the
  plain body without ``Content-Encoding``.
"""

from __future__ import annotations

from collections.abc import Iterator

import aiohttp
import httpx
from yarl import URL

# Headers describing the body as it came over the wire; the response handed back holds it decoded.
_WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})

# What aiohttp decompresses without optional packages (httpx may advertise br/zstd it could decode).
_ENCODINGS = "gzip, deflate"


def _sent_headers(request: httpx.Request) -> Iterator[tuple[str, str]]:
    for name, value in request.headers.multi_items():
        if name.lower() != "accept-encoding":
            yield name, value


class AiohttpTransport(httpx.AsyncBaseTransport):
    """One aiohttp ``ClientSession`` (its pool bounded by ``limits``), created in the running loop on
    first use and closed by ``aclose``."""

    def __init__(self, limits: httpx.Limits) -> None:
        self._limits = limits
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(
                limit=self._limits.max_connections or 0,
                keepalive_timeout=self._limits.keepalive_expiry or 5.0,
                ttl_dns_cache=300,
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),
                auto_decompress=True,
                trust_env=False,
                skip_auto_headers=("User-Agent",),
            )
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeouts = request.extensions.get("timeout", {})
        session = self._open()
        try:
            async with session.request(
                request.method,
                URL(str(request.url), encoded=True),  # as httpx encoded it, not re-quoted by yarl
                headers=[*_sent_headers(request), ("Accept-Encoding", _ENCODINGS)],
                data=request.content or None,
                allow_redirects=False,
                timeout=aiohttp.ClientTimeout(
                    sock_connect=timeouts.get("connect"), sock_read=timeouts.get("read")
                ),
            ) as answer:
                body = await answer.read()
                headers = [(k, v) for k, v in answer.headers.items() if k.lower() not in _WIRE_HEADERS]
                return httpx.Response(answer.status, headers=headers, content=body, request=request)
        except aiohttp.ConnectionTimeoutError as exc:
            raise httpx.ConnectTimeout(str(exc), request=request) from exc
        except (aiohttp.SocketTimeoutError, aiohttp.ServerTimeoutError) as exc:
            raise httpx.ReadTimeout(str(exc), request=request) from exc
        except aiohttp.ClientConnectorError as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc
        except (aiohttp.ClientPayloadError, aiohttp.ClientResponseError) as exc:
            # a body cut short or malformed framing: what httpx reports as a protocol error
            raise httpx.RemoteProtocolError(str(exc), request=request) from exc
        except (aiohttp.ClientConnectionError, aiohttp.ClientOSError) as exc:  # reset, closed early
            raise httpx.ReadError(str(exc), request=request) from exc
        except (aiohttp.InvalidURL, ValueError) as exc:  # a URL or header aiohttp will not send
            raise httpx.LocalProtocolError(str(exc), request=request) from exc

    async def aclose(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None


def default_transport(kind: str, limits: httpx.Limits) -> httpx.AsyncBaseTransport | None:
    """The transport for ``STAFFGRAPH_HTTP_TRANSPORT``: ours over aiohttp, or None for httpx's own pool."""
    return AiohttpTransport(limits) if kind == "aiohttp" else None


__all__ = ["AiohttpTransport", "default_transport"]
