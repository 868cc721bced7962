"""Circuit breakers: stop calling an upstream that keeps failing, and probe it now and then.

::

    closed --(``failures`` in a row)--> open --(``cooldown`` s)--> half-open
       ^                                  ^                            |
       +------(the probe succeeds)--------+----(the probe fails)-------+

While open, calls fail fast (``UPSTREAM_UNAVAILABLE``, no upstream request); once the
cool-down has passed, one call goes through as a probe while the others keep failing
fast. What counts is the upstream's own health — 5xx, timeouts, no connection, answers
that are not JSON; a 4xx is the caller's (wrong input, no rights) and counts as an
answer. Calls cut short by the caller's deadline or cancelled count as neither.

A refused credential (401) is not the upstream's fault either: ``CredentialBreakers``
keeps a separate circuit per SHA-256 of the credential, so one caller's bad token makes
the gateway stop sending *that* token, and never opens the circuit for anybody else.
Choice: 403 counts for no circuit at all — Loket answers it for one employer a user
may not see and Informat for one institute outside the token's scopes, while the same
credential works elsewhere, so failing it fast everywhere would refuse legitimate calls.

The breaker is called from one event loop and never awaits, so it needs no lock.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Literal

from gateway.settings import BreakerPolicy

State = Literal["closed", "open", "half-open"]
# Most credentials with a circuit of their own that are remembered (least recently failed go first).
MAX_CREDENTIALS = 1024


class CircuitBreaker:
    def __init__(self, policy: BreakerPolicy, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.policy = policy
        self.clock = clock
        self.failures = 0
        self._state: State = "closed"
        self._opened_at = 0.0
        self._probing = False

    @property
    def state(self) -> State:
        """``open`` turns ``half-open`` by itself once the cool-down has passed."""
        if self._state == "open" and self.clock() - self._opened_at >= self.policy.cooldown:
            return "half-open"
        return self._state

    def retry_in(self) -> float:
        """Seconds until a probe may go through (0 when one may go now)."""
        if self._state != "open":
            return 0.0
        return max(0.0, self._opened_at + self.policy.cooldown - self.clock())

    def allow(self) -> bool:
        """May a call go out now? In half-open, ``True`` for exactly one caller: the probe."""
        state = self.state
        if state == "closed":
            return True
        if state == "half-open" and not self._probing:
            self._state, self._probing = "half-open", True
            return True
        return False

    def succeeded(self) -> None:
        self._state, self.failures, self._probing = "closed", 0, False

    def failed(self) -> None:
        if self._state == "open":
            return  # a call let through before the circuit opened: the cool-down stands
        self.failures += 1
        if self._state == "half-open" or self.failures >= self.policy.failures:
            self._state, self._opened_at, self._probing = "open", self.clock(), False

    def released(self) -> None:
        """The call ended with no verdict (deadline, cancelled): let another probe through."""
        self._probing = False

    def as_json(self) -> dict[str, object]:
        state = self.state
        entry: dict[str, object] = {"state": state, "failures": self.failures}
        if state == "open":
            entry["retryInSeconds"] = round(self.retry_in(), 1)
        return entry


class CredentialBreakers:
    """One circuit per credential hash, made on a first refusal and forgotten on a success."""

    def __init__(self, policy: BreakerPolicy, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.policy = policy
        self.clock = clock
        self._circuits: OrderedDict[str, CircuitBreaker] = OrderedDict()

    def get(self, key: str) -> CircuitBreaker | None:
        return self._circuits.get(key)

    def refused(self, key: str) -> None:
        circuit = self._circuits.pop(key, None) or CircuitBreaker(self.policy, clock=self.clock)
        self._circuits[key] = circuit
        circuit.failed()
        while len(self._circuits) > MAX_CREDENTIALS:
            self._circuits.popitem(last=False)

    def accepted(self, key: str) -> None:
        self._circuits.pop(key, None)

    def released(self, key: str) -> None:
        circuit = self._circuits.get(key)
        if circuit is not None:
            circuit.released()

    def open_count(self) -> int:
        """How many credentials are failing fast now (for ``/readyz``; never which ones)."""
        return sum(circuit.state == "open" for circuit in self._circuits.values())
