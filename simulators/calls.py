"""Counting upstream calls and the response bytes they cost, per endpoint path template
(``GET /_sim/calls``).

Tests assert the gateway's batching by these counts, so a call is recorded the moment
it arrives, before any fault is injected and whatever status it gets. The bytes are the
response body bytes the upstream actually sent (error and fault-injected bodies included,
headers not), counted as each body chunk goes out, so a budget on "how much JSON did the
gateway pull" is as deterministic as a budget on calls.
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


def endpoint_key(method: str, template: str) -> str:
    """How an endpoint is named in the snapshot: ``"GET /v2/providers/employers"``."""
    return f"{method} {template}"


class CallLog:
    """Thread-safe counts of calls and response body bytes per ``"METHOD /template"`` and upstream."""

    def __init__(self, upstreams: Iterable[str]) -> None:
        self._upstreams = list(upstreams)
        self._lock = threading.Lock()
        self._counts: dict[str, Counter[str]] = {}
        self._bytes: dict[str, Counter[str]] = {}
        self.reset()

    def record(self, upstream: str, method: str, template: str) -> None:
        """One call arrived at ``method template``."""
        with self._lock:
            self._counts.setdefault(upstream, Counter())[endpoint_key(method, template)] += 1

    def record_bytes(self, upstream: str, method: str, template: str, size: int) -> None:
        """``size`` response body bytes went out for a call to ``method template``."""
        with self._lock:
            self._bytes.setdefault(upstream, Counter())[endpoint_key(method, template)] += size

    def reset(self) -> None:
        """Forget every count and byte (``DELETE /_sim/calls``)."""
        with self._lock:
            self._counts = {name: Counter() for name in self._upstreams}
            self._bytes = {name: Counter() for name in self._upstreams}

    def snapshot(self) -> dict[str, Any]:
        """Per upstream its calls and bytes, in total and per endpoint, and the totals over all::

            {"loket": {"total": 3, "endpoints": {"GET /v2/...": 3},
                       "bytes": 5120, "endpoint_bytes": {"GET /v2/...": 5120}},
             ..., "total": 3, "bytes": 5120}

        ``endpoint_bytes`` names every endpoint in ``endpoints`` (0 when its bodies were empty) and
        sums to ``bytes``; a body still streaming across a reset adds its later bytes there only.
        """
        with self._lock:
            body: dict[str, Any] = {}
            for name, counts in self._counts.items():
                sizes = self._bytes.get(name, Counter())
                body[name] = {
                    "total": sum(counts.values()),
                    "endpoints": dict(sorted(counts.items())),
                    "bytes": sum(sizes.values()),
                    "endpoint_bytes": {key: sizes[key] for key in sorted(counts.keys() | sizes.keys())},
                }
        upstreams = list(body.values())
        body["total"] = sum(entry["total"] for entry in upstreams)
        body["bytes"] = sum(entry["bytes"] for entry in upstreams)
        return body
