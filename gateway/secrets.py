"""A string that never shows itself: credentials held in settings and token caches.

Like ``starlette.datastructures.Secret``, ``repr``/``str`` hide the value, so a
credential in a settings object cannot leak through a log line, a traceback or an
exception message; code that needs it calls ``reveal()`` at the single point of use.
"""

from __future__ import annotations

import hashlib


class Secret:
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def fingerprint(self) -> str:
        """SHA-256 of the value: what cache keys and logs may carry instead of the value."""
        return credential_hash(self._value)

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self.fingerprint())

    def __bool__(self) -> bool:
        return bool(self._value)


def credential_hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def credential_problem(token: str) -> str | None:
    """Why ``token`` cannot be a credential in an HTTP header, completing "the token ..."; ``None``
    when it can. Only visible ASCII: what RFC 6750 allows in a bearer token (and more), and what
    httpx will send (it refuses anything else with an exception, which must never happen upstream).
    A space or comma inside is the mark of two header values joined into one."""
    if all("!" <= char <= "~" for char in token):
        return None
    if any(char in " \t" for char in token):
        return "holds white space (two credentials in one header?)"
    return "holds characters other than visible ASCII, which no upstream accepts"
