"""The Starlette app for one simulated Onderwijsloket, mounted by the server at ``/onderwijsloket``.

Routes are Starlette path templates (``/items/{collection}/{key}``), so the call log
counts per template. Anything else is Directus's 404 ROUTE_NOT_FOUND ``Route /x doesn't
exist.``, an unsupported method on a known path included (Directus has no such route).
"""

from __future__ import annotations

from starlette.applications import Starlette

from simulators.onderwijsloket import routes_auth, routes_items
from simulators.onderwijsloket.context import Onderwijsloket
from simulators.onderwijsloket.errors import not_found_handler


def build_app(simulator: Onderwijsloket) -> Starlette:
    app = Starlette(
        routes=[*routes_items.ROUTES, *routes_auth.ROUTES],
        exception_handlers={404: not_found_handler, 405: not_found_handler},
    )
    app.state.onderwijsloket = simulator
    return app
