"""The request being served: its id and what the log line and the span will say about it.

One ``RequestRecord`` per ``/graphql`` request, made by ``ObservedRequests`` and held in a
context variable: the tasks the request starts (resolvers, DataLoader batches, upstream
calls) copy the variable and share the one record, so an upstream call can count itself
and send the id on without anything passing it down.

The id is the caller's ``X-Request-Id`` when that is sane — 1 to 128 characters of letters,
digits and ``. _ : -`` (a UUID, a ULID, a trace id, an nginx ``$request_id`` all fit) — and
otherwise a new ``uuid4().hex``: a caller's raw bytes are never echoed, logged or sent on.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

REQUEST_ID_HEADER = "X-Request-Id"
_HEADER_KEY = REQUEST_ID_HEADER.lower().encode("latin-1")
_SANE = re.compile(rb"[A-Za-z0-9._:-]{1,128}")


@dataclass(slots=True)
class RequestRecord:
    request_id: str
    started: float
    operation_type: str = "unknown"
    operation_name: str | None = None
    # ok | partial | error; "error" until the operation reports (a refusal never runs one)
    outcome: str = "error"
    upstream_calls: int = 0
    span: Any = None  # the operation's span when tracing is on


_CURRENT: ContextVar[RequestRecord | None] = ContextVar("staffgraph_request", default=None)


def current_request() -> RequestRecord | None:
    return _CURRENT.get()


def request_id() -> str:
    """The current request's id, or a new one outside a request (a bare ``schema.execute``)."""
    record = _CURRENT.get()
    return record.request_id if record is not None else uuid.uuid4().hex


def accepted_id(headers: Iterable[tuple[bytes, bytes]]) -> str:
    """The caller's ``X-Request-Id`` if it is sent once and sane, else a new one."""
    found = [value for name, value in headers if name == _HEADER_KEY]
    if len(found) == 1 and _SANE.fullmatch(found[0]):
        return found[0].decode("ascii")
    return uuid.uuid4().hex


__all__ = ["REQUEST_ID_HEADER", "RequestRecord", "accepted_id", "current_request", "request_id"]
