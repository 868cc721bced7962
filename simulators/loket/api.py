"""The request pipeline every ``/v2`` endpoint shares, in the order ASP.NET Web API runs it.

route matched (else 404/405) -> bearer token (401) -> resource version from Accept
(400) -> list query: pageNumber, pageSize, filter, orderBy (400) -> the handler:
path ids (400), existence (404), rights (403), If-Match (409), body rules (400).

Handlers return what to answer (``Page``, ``Item``, ``Removed``); this module wraps
it in the envelope with the chosen version, ``ETag`` and ``Expires``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from simulators.loket.auth import User
from simulators.loket.dataset import Row
from simulators.loket.envelopes import error_response, etag_of, listing, single
from simulators.loket.errors import CODE_INVALID_BODY, LoketError, broken
from simulators.loket.paging import ListQuery, list_body, parse_list_query
from simulators.loket.query import QueryArgs
from simulators.loket.store import LoketStore
from simulators.loket.versions import ResourceVersion, Versions, requested_version, select


@dataclass
class Page:
    rows: Sequence[Row]


@dataclass
class Item:
    content: Row
    status: int = 200


@dataclass
class Removed:
    pass


Result = Page | Item | Removed


@dataclass
class Call:
    request: Request
    store: LoketStore
    user: User
    version: ResourceVersion
    args: QueryArgs
    messages: list[dict[str, Any]] = field(default_factory=list)
    query: ListQuery = field(default_factory=ListQuery)

    def path(self, name: str) -> str:
        return str(self.request.path_params[name])

    async def body(self) -> dict[str, Any]:
        raw = await self.request.body()
        if not raw.strip():
            raise broken(CODE_INVALID_BODY, "A JSON request body is required")
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise broken(CODE_INVALID_BODY, f"The request body is not valid JSON: {error}") from None
        if not isinstance(body, dict):
            raise broken(CODE_INVALID_BODY, "The request body must be a JSON object")
        return body


Handler = Callable[[Call], Awaitable[Result]]


@dataclass(frozen=True)
class Operation:
    handler: Handler
    versions: Versions
    # list endpoints: the name of the rows' schema and where to sample it from
    view: str | None = None
    sample: Callable[[LoketStore], list[Row]] | None = None


def api_route(store: LoketStore, path: str, operations: dict[str, Operation]) -> Route:
    """One Starlette route whose methods each run the shared pipeline."""

    async def endpoint(request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        return await run(store, operations[method], request)

    return Route(path, endpoint, methods=list(operations), name=path)


async def run(store: LoketStore, operation: Operation, request: Request) -> Response:
    clock = store.config.clock
    version = operation.versions[-1]
    is_list = operation.view is not None
    try:
        user = store.tokens.authenticate(request.headers.get("authorization"))
        version, warning = select(operation.versions, requested_version(request.headers.get("accept")))
        call = Call(request, store, user, version, QueryArgs(request.query_params))
        if warning is not None:
            call.messages.append(warning)
        if operation.view is not None and operation.sample is not None:
            sample = operation.sample
            schema = store.schema(operation.view, lambda: sample(store))
            call.query = parse_list_query(call.args, schema)
        result = await operation.handler(call)
    except LoketError as error:
        return error_response(error, is_list=is_list, version=version, clock=clock)
    if isinstance(result, Page):
        return listing(list_body(call.query, result.rows, version, call.messages), version, clock)
    if isinstance(result, Removed):
        return single({}, version, call.messages, clock)
    return single(
        result.content, version, call.messages, clock, status=result.status, etag=etag_of(result.content)
    )
