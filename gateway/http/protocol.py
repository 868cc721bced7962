"""The connection below ASGI: request headers must arrive in time and within a size.

uvicorn (0.55, its httptools protocol, the one ``uvicorn[standard]`` runs) has no header
timeout: its only timer, ``timeout_keep_alive``, is armed after a response and disarmed by
any byte that arrives, so a connection that never sends a request, or sends half of one
and stalls, stays open forever — nothing of the app runs until the headers are complete, so
no middleware can see it. Nor does it bound the headers' size: httptools caps the URL
(64 KiB) but accepts a header line of megabytes or a million header lines, all kept in
memory. (Its h11 protocol has ``h11_max_incomplete_event_size`` for the size, and no timer
either.) So ``serve`` and ``demo`` run this subclass of uvicorn's httptools protocol
(``uvicorn.Config(app, http=protocol_for(settings))``), which adds both:

- **header deadline** (``STAFFGRAPH_HEADER_TIMEOUT``): armed when the connection opens
  and when a response is complete (the next request on a kept-alive connection), or when a
  pipelined request begins; disarmed when that request's headers are complete. Trickled
  bytes do not put it off. When it passes, a connection that had begun a request is
  answered 408 and closed; one that had not (idle, or still sending the rest of a body
  already refused) is closed silently, as uvicorn closes an idle keep-alive connection.
  A request being answered on the same connection is finished first, then it closes.
- **header size** (``STAFFGRAPH_MAX_HEADER_BYTES``): the bytes received while headers are
  incomplete, request line included, are counted (a chunk that also starts the body counts
  whole, so the bound is approximate by one read); over the limit the answer is 431 and the
  connection is closed.

Both answers are the GraphQL-over-HTTP error body of ``gateway.http.responses``; both are
the client's doing, so they are logged at INFO, never ERROR.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from gateway.http.responses import raw_refusal
from gateway.metrics import observe_refusal
from gateway.settings import Settings

HEADER_TIMEOUT_SETTING = "STAFFGRAPH_HEADER_TIMEOUT"
HEADER_BYTES_SETTING = "STAFFGRAPH_MAX_HEADER_BYTES"

log = logging.getLogger("staffgraph.http")


class HeaderLimitedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline and a size bound on every request's headers.

    ``header_timeout`` and ``max_header_bytes`` are class attributes because uvicorn builds one
    protocol object per connection from the class alone; ``protocol_for`` makes the subclass."""

    header_timeout: ClassVar[float] = 10.0
    max_header_bytes: ClassVar[int] = 128 * 1024

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_deadline: asyncio.TimerHandle | None = None
        self._request_begun = False  # a request line has started, its headers are not complete
        self._header_bytes = 0  # raw bytes received since the request began (headers not complete)
        self._parsed_bytes = 0  # request line and header lines parsed so far
        self._refused = False  # answered with a refusal: the rest of what arrives is ignored

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        super().data_received(data)
        if self._request_begun and not self.transport.is_closing():
            self._header_bytes += len(data)
            if self._header_bytes > self.max_header_bytes:
                self._refuse(
                    431,
                    f"The request line and headers are over the limit of {self.max_header_bytes} bytes "
                    f"({HEADER_BYTES_SETTING}).",
                )

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._request_begun = True
        self._header_bytes = 0
        self._parsed_bytes = 0
        if self._header_deadline is None:
            self._arm()  # a pipelined request, begun while the one before is being answered

    # The request line and headers as parsed, counted whatever the packets: headers that arrive whole
    # in one packet complete inside one ``data_received`` and never meet the check on raw bytes there.
    def on_url(self, url: bytes) -> None:
        self._parsed(len(url))
        if not self._refused:
            super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._parsed(len(name) + len(value) + 4)  # "name: value\r\n"
        if not self._refused:
            super().on_header(name, value)

    def _parsed(self, size: int) -> None:
        self._parsed_bytes += size
        if self._parsed_bytes > self.max_header_bytes and not self._refused:
            self._refuse(
                431,
                f"The request line and headers are over the limit of {self.max_header_bytes} bytes "
                f"({HEADER_BYTES_SETTING}).",
            )

    def on_headers_complete(self) -> None:
        self._request_begun = False
        self._disarm()
        if not self._refused:  # a refused request is never handed to the app
            super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self._refused:
            super().on_body(body)

    def on_message_complete(self) -> None:
        if not self._refused:
            super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and not self._answering() and self._header_deadline is None:
            self._arm()  # the next request on this connection

    def _answering(self) -> bool:
        return self.cycle is not None and not self.cycle.response_complete

    def _arm(self) -> None:
        self._header_deadline = self.loop.call_later(self.header_timeout, self._headers_overdue)

    def _disarm(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_overdue(self) -> None:
        self._header_deadline = None
        if self.transport.is_closing():
            return
        if self._answering():
            self.cycle.keep_alive = False  # finish the response under way, then close
        elif self._request_begun:
            self._refuse(
                408,
                f"The request headers did not arrive within {self.header_timeout:g} s "
                f"({HEADER_TIMEOUT_SETTING}).",
            )
        else:
            self.transport.close()  # no request begun: nothing to answer

    def _refuse(self, status_code: int, reason: str) -> None:
        """Answer and close; a pipelined request that breaks a limit while the one before it is
        still being answered closes the connection without an answer (a response cannot be
        sent in between)."""
        client = f"{self.client[0]}:{self.client[1]}" if self.client else "-"
        log.info("%s: %d, %s", client, status_code, reason)
        self._refused = True
        observe_refusal("headerSize" if status_code == 431 else "headerTimeout")
        self._disarm()
        if not self._answering():
            self.transport.write(raw_refusal(status_code, reason))
        self.transport.close()


def protocol_for(settings: Settings) -> type[HeaderLimitedProtocol]:
    """The protocol class with ``settings``' header deadline and size."""

    class Configured(HeaderLimitedProtocol):
        header_timeout = settings.client_timeouts.header
        max_header_bytes = settings.limits.max_header_bytes

    return Configured


__all__ = ["HeaderLimitedProtocol", "protocol_for"]
