"""The routes a simulated upstream serves, for the tests that hold each simulator to its document."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from starlette.routing import Route

Served = set[tuple[str, str, str]]


def shape(path: str) -> str:
    """The path with every placeholder alike."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def served(upstream: Any) -> Served:
    """(app, method, path template) of every route of a simulated upstream's apps.

    HEAD is left out: Starlette answers it wherever GET is (a GET without the body,
    RFC 9110 §9.3.2), so it is no operation of its own. A route of another kind (a mount,
    a websocket) has no method and is reported as ``*``, so it can never pass unseen.
    """
    found = set()
    for name, app in upstream.apps.items():
        for route in app.routes:
            if isinstance(route, Route) and route.methods:
                found |= {(name, method, route.path) for method in route.methods - {"HEAD"}}
            else:
                found.add((name, "*", getattr(route, "path", repr(route))))
    return found


def undocumented(routes: Served, documented: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    known = {(name, method, shape(path)) for name, method, path in documented}
    return sorted(route for route in routes if (route[0], route[1], shape(route[2])) not in known)


def unserved(routes: Served, documented: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    present = {(name, method, shape(path)) for name, method, path in routes}
    return sorted(route for route in documented if (route[0], route[1], shape(route[2])) not in present)
