"""Every route the Onderwijsloket simulator serves is a documented Directus route.

The seed document (``004_113b6cea9796da47.txt``) names the API (Directus, token auth) and
its collections, not its paths; the paths come from the references in
``../shared/reference/`` and from Directus's own documentation, which the Onderwijsloket
docs defer to for platform behaviour ("use the Directus documentation for platform-level
details", O1 ``02.directus/01.your-first-request.md``). Each route below names where it is
documented; a route the simulator serves that is not here fails the test, and so does a
route listed here that it no longer serves (the table must stay true).

``HEAD`` is served with every ``GET`` route (Starlette does so; Directus's Express router
answers HEAD on every GET route as well), so it is checked as part of its ``GET``.
"""

from __future__ import annotations

from starlette.routing import Route

from simulators.config import SimConfig
from simulators.onderwijsloket.app import build_app
from simulators.onderwijsloket.context import Onderwijsloket

UPSTREAMS_MD = (
    "../shared/reference/upstreams.md §2.1 (O1 onderwijsloket-docs 02.directus/01.your-first-request.md)"
)
AUTH_MD = "O1 onderwijsloket-docs 02.directus/02.authentication.md"
ITEMS_API = "https://directus.io/docs/api/items"

DOCUMENTED: dict[tuple[str, str], str] = {
    ("GET", "/items/{collection}"): f"{UPSTREAMS_MD}: GET /items/{{collection}} returns a data list",
    ("GET", "/items/{collection}/{key}"): f"{UPSTREAMS_MD}: GET /items/{{collection}}/{{id}}: one item",
    ("SEARCH", "/items/{collection}"): (
        "https://directus.io/docs/guides/connect/query-parameters (SEARCH with the query in the body; "
        "added in directus/directus#5183), the query-parameter guide upstreams.md cites as D1"
    ),
    # write routes: the simulator answers them as Directus answers a read-only role (403)
    ("POST", "/items/{collection}"): f"{ITEMS_API} (create items)",
    ("PATCH", "/items/{collection}"): f"{ITEMS_API} (update items)",
    ("DELETE", "/items/{collection}"): f"{ITEMS_API} (delete items)",
    ("PATCH", "/items/{collection}/{key}"): f"{ITEMS_API} (update an item)",
    ("DELETE", "/items/{collection}/{key}"): f"{ITEMS_API} (delete an item)",
    ("POST", "/auth/login"): (
        f"{AUTH_MD} (a password account obtains a temporary token); "
        "https://directus.io/docs/guides/auth/email-login (POST /auth/login)"
    ),
    ("POST", "/auth/refresh"): (
        f"{AUTH_MD} (the temporary token 'expires and must be refreshed'); "
        "https://directus.io/docs/guides/auth/email-login (POST /auth/refresh)"
    ),
    ("GET", "/users/me"): f"{AUTH_MD} (/users/me); https://directus.io/docs/api/users (current user)",
    ("GET", "/server/ping"): "https://directus.io/docs/api/server (GET /server/ping, 'pong')",
}


def _served(simulator: Onderwijsloket) -> set[tuple[str, str]]:
    app = build_app(simulator)
    served = set()
    for route in app.routes:
        assert isinstance(route, Route), route  # no mounts or other route kinds hiding paths
        methods = set(route.methods or ())
        if "GET" in methods:
            methods.discard("HEAD")
        served.update((method, route.path) for method in methods)
    return served


def test_every_served_route_is_documented(sim_config: SimConfig) -> None:
    served = _served(Onderwijsloket.build(sim_config))
    undocumented = served - set(DOCUMENTED)
    assert not undocumented, f"routes no document shows: {sorted(undocumented)}"


def test_every_listed_route_is_served(sim_config: SimConfig) -> None:
    served = _served(Onderwijsloket.build(sim_config))
    assert set(DOCUMENTED) - served == set()
