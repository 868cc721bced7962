"""The read-only lists: ``GET /click``, ``GET /company/type``, ``GET /company/user/function``.

Where the document is silent:
- Choice: Clicks come oldest first (by ``clickDate``), so paging through a period stays stable
  while new clicks arrive at the end. ``startDate``/``endDate`` select on ``clickDate``
  (both inclusive, see ``dates``); ``referenceNumber`` is an exact match, and one the
  account does not have gives an empty list, not an error (it is a filter).
- Choice: The two company lists are short fixed vocabularies, ordered by id, paged like every list.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from simulators.ictergezocht.accounts import CLICKS, COMPANY_TYPES, USER_FUNCTIONS
from simulators.ictergezocht.auth import Caller, Endpoint, Gatekeeper
from simulators.ictergezocht.catalog import COMPANY_TYPES as COMPANY_TYPE_ROWS
from simulators.ictergezocht.catalog import USER_FUNCTIONS as USER_FUNCTION_ROWS
from simulators.ictergezocht.paging import page_body, read_page
from simulators.ictergezocht.query import QueryReader
from simulators.ictergezocht.store import Store
from simulators.responses import JSONResponse


def _fixed_list(gate: Gatekeeper, right: str, rows: tuple[tuple[int, str], ...]) -> Endpoint:
    items = [{"id": row_id, "name": name} for row_id, name in rows]

    async def fixed_list(request: Request, caller: Caller) -> Response:
        reader = QueryReader(request)
        page = read_page(reader)
        reader.raise_errors()
        return JSONResponse(page_body(request, page, len(items), list(page.slice(items))))

    return gate.guard(right, fixed_list)


def list_routes(store: Store, gate: Gatekeeper) -> list[Route]:
    async def clicks(request: Request, caller: Caller) -> Response:
        reader = QueryReader(request)
        page = read_page(reader)
        period = reader.period()
        reference = reader.text("referenceNumber")
        reader.raise_errors()
        rows = store.clicks[caller.account_id].select(period, reference)
        items: list[dict[str, Any]] = [click.item for click in page.slice(rows)]
        return JSONResponse(page_body(request, page, len(rows), items))

    company_types = _fixed_list(gate, COMPANY_TYPES, COMPANY_TYPE_ROWS)
    user_functions = _fixed_list(gate, USER_FUNCTIONS, USER_FUNCTION_ROWS)
    return [
        Route("/click", gate.guard(CLICKS, clicks), methods=["GET"]),
        Route("/company/type", company_types, methods=["GET"]),
        Route("/company/user/function", user_functions, methods=["GET"]),
    ]
