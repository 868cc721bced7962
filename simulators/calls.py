"""Counting upstream calls per endpoint path template (``GET /_sim/calls``).

Tests assert the gateway's batching by these counts, so a call is recorded the moment
it arrives, before any fault is injected and whatever status it gets.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from typing import Any

from starlette.routing import BaseRoute, Match, Mount
from starlette.types import Scope

UNMATCHED = "<unmatched>"


def route_template(routes: Iterable[BaseRoute], scope: Scope) -> str:
    """The path template (``/v2/providers/employers/{employerId}``) a request routes to.

    A route that matches the path but not the method still names the template, so a
    405 is counted against the endpoint the client meant.
    """
    partial: str | None = None
    for route in routes:
        match, child_scope = route.matches(scope)
        if match is Match.NONE:
            continue
        if isinstance(route, Mount):
            inner = route_template(route.routes, {**scope, **child_scope})
            template = route.path + inner if inner != UNMATCHED else UNMATCHED
        else:
            template = getattr(route, "path", UNMATCHED)
        if match is Match.FULL:
            return template
        partial = partial or template
    return partial or UNMATCHED


class CallLog:
    """Thread-safe counts of ``"METHOD /template"`` per upstream."""

    def __init__(self, upstreams: Iterable[str]) -> None:
        self._upstreams = list(upstreams)
        self._lock = threading.Lock()
        self._counts: dict[str, Counter[str]] = {name: Counter() for name in self._upstreams}

    def record(self, upstream: str, method: str, template: str) -> None:
        with self._lock:
            self._counts.setdefault(upstream, Counter())[f"{method} {template}"] += 1

    def reset(self) -> None:
        with self._lock:
            self._counts = {name: Counter() for name in self._upstreams}

    def snapshot(self) -> dict[str, Any]:
        """``{"loket": {"total": 3, "endpoints": {"GET /v2/...": 3}}, ..., "total": 3}``."""
        with self._lock:
            body: dict[str, Any] = {
                name: {"total": sum(counts.values()), "endpoints": dict(sorted(counts.items()))}
                for name, counts in self._counts.items()
            }
        body["total"] = sum(entry["total"] for entry in body.values())
        return body
