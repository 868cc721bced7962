"""``/items/{collection}`` and ``/items/{collection}/{key}``: Directus's items endpoints, read-only.

Order of checks, as in Directus: rate limit, token (401/403 for a bad one), reading the
query parameters (an unreadable ``filter`` is 400 INVALID_QUERY), the collection (unknown
-> 403 FORBIDDEN, so nobody learns which collections exist), validating the parameters
(400 INVALID_QUERY), then the role's read permission (the public role has none: 403).
``SEARCH /items/{collection}`` takes the query as JSON in the body (``{"query": {"filter":
{...}, "fields": [...]}}``), as Directus allows for long queries.

Choice: an unknown collection is 403 FORBIDDEN ("You don't have permission to access
this."), what Directus's ``collectionExists`` answers, not 404 ROUTE_NOT_FOUND; both demo
policies only read, so POST, PATCH and DELETE answer 403 FORBIDDEN too (what Directus
answers a role without create/update/delete permission).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from simulators.onderwijsloket.context import Onderwijsloket, query_of
from simulators.onderwijsloket.errors import (
    MEDIA_TYPE,
    DirectusError,
    collection_forbidden,
    forbidden,
    invalid_payload,
)
from simulators.onderwijsloket.items import read_many, read_one
from simulators.onderwijsloket.query import sanitize_query, validate_query
from simulators.onderwijsloket.schema import SCHEMA
from simulators.responses import JSONResponse

Handler = Callable[[Request], Awaitable[Response]]
READ_METHODS = ("GET", "HEAD", "SEARCH")


def directus_errors(handler: Handler) -> Handler:
    """Render every ``DirectusError`` a handler raises as Directus's error body."""

    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except DirectusError as error:
            return error.response()

    return wrapped


async def _search_body(request: Request) -> dict[str, Any]:
    try:
        body = orjson.loads(await request.body())
    except orjson.JSONDecodeError:
        raise invalid_payload("Invalid JSON body") from None
    query = body.get("query", {}) if isinstance(body, dict) else None
    if not isinstance(query, dict):
        raise invalid_payload('"query" has to be an object')
    return query


async def _items(request: Request) -> Response:
    simulator: Onderwijsloket = request.app.state.onderwijsloket
    url_query = query_of(request)
    account = simulator.authenticate(request, url_query)
    raw = await _search_body(request) if request.method == "SEARCH" else url_query
    query = sanitize_query(raw, simulator.filter_context(account))
    collection = request.path_params["collection"]
    if collection not in SCHEMA or request.method not in READ_METHODS:
        raise forbidden()
    validate_query(query)
    view = simulator.view(account)
    if view is None:
        raise collection_forbidden(collection)
    key = request.path_params.get("key")
    body = read_many(view, collection, query) if key is None else read_one(view, collection, key, query)
    return JSONResponse(body, media_type=MEDIA_TYPE)


handle_items = directus_errors(_items)

ROUTES = [
    Route("/items/{collection}", handle_items, methods=["GET", "SEARCH", "POST", "PATCH", "DELETE"]),
    Route("/items/{collection}/{key}", handle_items, methods=["GET", "PATCH", "DELETE"]),
]
