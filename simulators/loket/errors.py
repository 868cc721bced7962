"""Loket's error answers as one small hierarchy, raised by handlers and rendered in one place.

::

    LoketError
     ├─ Unauthorized        401  {"message": "Authorization has been denied for this request."}
     ├─ Forbidden           403  {"message": "Insufficient rights for this request, reason ..."}
     └─ MessageError            the documented envelope: version + messages + empty _embedded/content
         ├─ BrokenRule      400  messages of type BrokenBusinessRule
         ├─ NotFound        404  a message of type NotFound
         └─ Concurrency     409  a message of type ConcurrencyViolation

The 401 body and the "Authorization has been denied" wording are ASP.NET Web API's
defaults, which is what Loket runs on; unknown routes (404) and wrong methods (405)
get that framework's bare-``message`` bodies from ``app.py``.

Choice: the mock shows no body for 404; an unknown id gets the envelope with one
``NotFound`` message ("absence with id '...' does not exist"), a message type the
document lists, so a client can tell a missing item from an unknown route.
Choice: message codes are our own (the document says codes "may change" and lists
none except 83 for an invalid length); they are stable constants below so tests and
the gateway can tell the failures apart.
"""

from __future__ import annotations

from typing import Any

UNAUTHORIZED_MESSAGE = "Authorization has been denied for this request."
FORBIDDEN_PREFIX = "Insufficient rights for this request, reason"

CODE_INVALID_LENGTH = 83  # the one code the document shows ("[field] has an invalid length")
CODE_INVALID_PAGING = 1001
CODE_INVALID_FILTER = 1002
CODE_INVALID_ORDER_BY = 1003
CODE_INVALID_PARAMETER = 1004
CODE_INVALID_VERSION = 1005
CODE_INVALID_ID = 1006
CODE_INVALID_BODY = 1007
CODE_REQUIRED_FIELD = 1008
CODE_INVALID_VALUE = 1009
CODE_DATE_ORDER = 1010
CODE_OVERLAP = 1011
CODE_INVALID_STATE = 1012
CODE_NOT_FOUND = 2001
CODE_CONCURRENCY = 3001


def message(code: int, kind: str, description: str, entity_id: str | None = None) -> dict[str, Any]:
    """One entry of ``messages``, with the keys in the document's order."""
    return {"code": code, "id": entity_id, "type": kind, "description": description, "properties": []}


class LoketError(Exception):
    status: int = 500


class Unauthorized(LoketError):
    status = 401


class Forbidden(LoketError):
    status = 403

    def __init__(self, reason: str) -> None:
        super().__init__(f"{FORBIDDEN_PREFIX}: {reason}")
        self.reason = reason


class MessageError(LoketError):
    """An error answered with the envelope (version, messages, empty payload)."""

    kind = "Exception"

    def __init__(self, *entries: tuple[int, str]) -> None:
        super().__init__("; ".join(text for _, text in entries))
        self.messages = [message(code, self.kind, text) for code, text in entries]


class BrokenRule(MessageError):
    status = 400
    kind = "BrokenBusinessRule"


class NotFound(MessageError):
    status = 404
    kind = "NotFound"

    def __init__(self, what: str, ident: str) -> None:
        super().__init__((CODE_NOT_FOUND, f"{what} with id '{ident}' does not exist"))


class Concurrency(MessageError):
    status = 409
    kind = "ConcurrencyViolation"

    def __init__(self) -> None:
        super().__init__(
            (
                CODE_CONCURRENCY,
                "The given If-Match header no longer represents the current state of the object. "
                "Acquire the current state with a GET, resolve the differences and try again.",
            )
        )


def broken(code: int, description: str) -> BrokenRule:
    return BrokenRule((code, description))
