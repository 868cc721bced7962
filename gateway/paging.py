"""Windows over lists and the pages resolvers return: ``first``/``after`` -> an offset window.

Cursors are opaque (base64 of ``"cursor:<offset>"``). A ``Page`` holds the records of
one window and the total, whoever produced it (an upstream's own paging or the
gateway's, over a list held in full); ``schema.pagination`` wraps it in a Relay
connection. ``window`` validates its arguments before any upstream call.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from gateway.exceptions import InputError
from gateway.settings import DEFAULT_LIMITS

T = TypeVar("T")
U = TypeVar("U")

DEFAULT_FIRST = 20
MAX_FIRST = DEFAULT_LIMITS.max_first  # the default; STAFFGRAPH_MAX_FIRST sets the running value
_PREFIX = "cursor:"


def encode_cursor(offset: int) -> str:
    return base64.b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.b64decode(cursor.encode(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InputError("'after' is not a cursor from this API", argument="after") from None
    digits = text[len(_PREFIX) :]
    # ASCII digits only and a sane size: int() would take other scripts' digits and any length
    if not text.startswith(_PREFIX) or not digits.isascii() or not digits.isdigit() or len(digits) > 9:
        raise InputError("'after' is not a cursor from this API", argument="after")
    return int(digits)


@dataclass(frozen=True)
class Window:
    """Items ``offset .. offset + limit - 1`` of the full list."""

    offset: int
    limit: int


def window(first: int | None, after: str | None, *, max_first: int = MAX_FIRST) -> Window:
    """Validate ``first``/``after`` before any upstream call."""
    if first is None:
        first = DEFAULT_FIRST
    if first < 0:
        raise InputError("'first' must not be negative", argument="first")
    if first > max_first:
        raise InputError(f"'first' may be at most {max_first}", argument="first")
    offset = decode_cursor(after) + 1 if after is not None else 0
    return Window(offset, first)


@dataclass(frozen=True)
class Page(Generic[T]):
    """The records of one window, and the length of the whole list where it is known."""

    items: list[T]
    window: Window
    total: int | None
    has_more: bool | None = field(default=None)

    def map(self, convert: Callable[[T], U]) -> Page[U]:
        return Page([convert(item) for item in self.items], self.window, self.total, self.has_more)
