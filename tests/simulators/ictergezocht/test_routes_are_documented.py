"""Every route the ICTerGezocht simulator serves is an operation of the upstream's document, and
every operation the document shows is served.

The documented list is written out by hand from upstream document 003 (the ICTerGezocht.nl
API documentation, ``../shared/seeds/003_8c24e3650c10e4a1.txt``; the line of each request
line is cited) and ``../shared/reference/upstreams.md`` §3. Placeholders compare by position
only (the document writes ``<vacancyid>``). The application webhook (line 401) is a call
*from* ICTerGezocht.nl to the customer, so it is no route here; the simulator's
``POST /_sim/applications``, which triggers it, is a control route outside the API's app.
"""

from __future__ import annotations

import re

from starlette.routing import Route

from simulators.config import SimConfig
from simulators.ictergezocht import create_upstream

DOCUMENTED = {
    # base https://api.ictergezocht.nl
    ("ictergezocht", "POST", "/vacancy"),  # line 77
    ("ictergezocht", "PUT", "/vacancy/{vacancyId}"),  # line 163
    ("ictergezocht", "DELETE", "/vacancy/{vacancyId}"),  # line 249
    ("ictergezocht", "GET", "/vacancy/insight"),  # line 258
    ("ictergezocht", "GET", "/company/type"),  # line 307
    ("ictergezocht", "GET", "/company/user/function"),  # line 333
    ("ictergezocht", "GET", "/click"),  # line 361
}


def shape(path: str) -> str:
    """The path with every placeholder alike."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def served(config: SimConfig) -> set[tuple[str, str, str]]:
    """(app, method, path template) of every route of the simulated upstream's apps.

    HEAD is left out: Starlette answers it wherever GET is (a GET without the body,
    RFC 9110 §9.3.2), so it is no operation of its own. A route of another kind (a mount,
    a websocket) has no method and is reported as ``*``, so it can never pass unseen.
    """
    found = set()
    for name, app in create_upstream(config).apps.items():
        for route in app.routes:
            if isinstance(route, Route) and route.methods:
                found |= {(name, method, route.path) for method in route.methods - {"HEAD"}}
            else:
                found.add((name, "*", getattr(route, "path", repr(route))))
    return found


def test_every_served_route_is_documented(sim_config: SimConfig) -> None:
    documented = {(name, method, shape(path)) for name, method, path in DOCUMENTED}
    extra = sorted(
        route for route in served(sim_config) if (route[0], route[1], shape(route[2])) not in documented
    )
    assert extra == [], f"routes the document does not show: {extra}"


def test_every_documented_operation_is_served(sim_config: SimConfig) -> None:
    routes = {(name, method, shape(path)) for name, method, path in served(sim_config)}
    missing = sorted(route for route in DOCUMENTED if (route[0], route[1], shape(route[2])) not in routes)
    assert missing == [], f"documented operations the simulator lacks: {missing}"
