"""Latency and fault injection per upstream (``PUT /_sim/faults``).

A plan is JSON such as::

    {"upstream": "loket", "latency_ms": 50, "error_rate": 0.1, "status": 503, "mode": "status"}

- ``latency_ms`` delays every request to that upstream.
- ``mode`` picks the fault; ``error_rate`` (default 1.0 when a mode is given) is the
  share of requests that get it. Giving ``status`` without ``mode`` means ``"status"``.
- ``status`` (default 503) and ``retry_after`` (seconds; 429 defaults to 1) shape a
  status fault, answered with the upstream's own error body.
- ``duration_ms``: how long ``timeout`` holds the request (default 30 000) and how
  long ``slow_body`` spreads the body over (default 5 000).
- ``seed``: which requests are hit is drawn from a generator seeded with this value
  and the upstream name, so the same sequence of requests meets the same faults.

Modes: ``timeout`` (no answer until the client gives up or ``duration_ms`` passes,
then 504), ``reset`` (headers sent, then the connection is dropped mid-body; an ASGI
server cannot send a TCP RST, so the client sees a connection closed without a
complete message), ``malformed`` (200 with a truncated JSON body), ``slow_body`` (the
real answer, dribbled out in chunks), ``status`` (the given status), ``content_type``
(200 with an HTML page instead of JSON, as a misrouted proxy would send).
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from typing import Any

from simulators.seeding import rng_for

MODES = ("timeout", "reset", "malformed", "slow_body", "status", "content_type")
_FIELDS = {"upstream", "latency_ms", "error_rate", "status", "mode", "retry_after", "duration_ms", "seed"}


class FaultPlanError(ValueError):
    """A fault plan that cannot be applied; the message names the field."""


@dataclass(frozen=True)
class FaultPlan:
    upstream: str
    latency_ms: int = 0
    error_rate: float = 0.0
    mode: str | None = None
    status: int = 503
    retry_after: int | None = None
    duration_ms: int | None = None
    seed: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "upstream": self.upstream,
            "latency_ms": self.latency_ms,
            "error_rate": self.error_rate,
            "mode": self.mode,
            "status": self.status,
            "retry_after": self.retry_after,
            "duration_ms": self.duration_ms,
            "seed": self.seed,
        }


def _number(body: dict[str, Any], key: str, kind: type, low: float, high: float) -> Any:
    value = body[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or (kind is int and value != int(value)):
        raise FaultPlanError(f"'{key}' must be {'an integer' if kind is int else 'a number'}, got {value!r}")
    if not low <= value <= high:
        raise FaultPlanError(f"'{key}' must be between {low} and {high}, got {value!r}")
    return kind(value)


def parse_fault_plan(body: Any, upstreams: set[str]) -> FaultPlan:
    """Validate one plan object from a ``PUT /_sim/faults`` body."""
    if not isinstance(body, dict):
        raise FaultPlanError("a fault plan must be a JSON object")
    unknown = sorted(set(body) - _FIELDS)
    if unknown:
        raise FaultPlanError(f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_FIELDS))}")
    upstream = body.get("upstream")
    if upstream not in upstreams:
        raise FaultPlanError(f"'upstream' must be one of {', '.join(sorted(upstreams))}, got {upstream!r}")
    mode = body.get("mode")
    if mode is None and "status" in body:
        mode = "status"
    if mode is not None and mode not in MODES:
        raise FaultPlanError(f"'mode' must be one of {', '.join(MODES)}, got {mode!r}")
    plan: dict[str, Any] = {"upstream": upstream, "mode": mode, "error_rate": 1.0 if mode else 0.0}
    if "latency_ms" in body:
        plan["latency_ms"] = _number(body, "latency_ms", int, 0, 600_000)
    if "error_rate" in body:
        plan["error_rate"] = _number(body, "error_rate", float, 0.0, 1.0)
    if "status" in body:
        plan["status"] = _number(body, "status", int, 400, 599)
    if "retry_after" in body and body["retry_after"] is not None:
        plan["retry_after"] = _number(body, "retry_after", int, 0, 86_400)
    elif plan.get("status") == 429:
        plan["retry_after"] = 1
    if "duration_ms" in body and body["duration_ms"] is not None:
        plan["duration_ms"] = _number(body, "duration_ms", int, 0, 600_000)
    if "seed" in body:
        plan["seed"] = _number(body, "seed", int, 0, 2**63)
    return FaultPlan(**plan)


class FaultBoard:
    """The active plan per upstream and the seeded draw that decides which requests fail."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._plans: dict[str, tuple[FaultPlan, random.Random]] = {}

    def set(self, plan: FaultPlan) -> None:
        with self._lock:
            self._plans[plan.upstream] = (plan, rng_for(plan.seed, "faults", plan.upstream))

    def clear(self, upstream: str | None = None) -> None:
        with self._lock:
            if upstream is None:
                self._plans.clear()
            else:
                self._plans.pop(upstream, None)

    def plans(self) -> list[dict[str, Any]]:
        with self._lock:
            return [plan.as_json() for plan, _ in self._plans.values()]

    def draw(self, upstream: str) -> tuple[FaultPlan | None, bool]:
        """The plan for ``upstream`` and whether this request gets its fault."""
        with self._lock:
            entry = self._plans.get(upstream)
            if entry is None:
                return None, False
            plan, rng = entry
            hit = plan.mode is not None and rng.random() < plan.error_rate
            return plan, hit
