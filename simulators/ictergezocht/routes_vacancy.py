"""``POST /vacancy``, ``PUT``/``DELETE /vacancy/{vacancyId}`` and ``GET /vacancy/insight``.

Where the document is silent:
- Choice: POST and PUT need ``Content-Type: application/json`` (or ``*/*+json``), as the
  document's curl examples send; otherwise 400 on ``path`` ``Content-Type``. GETs do not
  need it although the examples send it (a GET has no body to describe).
- Choice: ``referenceNumber`` is unique among the account's current vacancies (400 ``unique``).
- Choice: A ``vacancyId`` that is not one of the caller's vacancies (another account's, a
  deleted one, or not a number) is a 404 with ``path`` ``vacancyId``; never a 403, so a
  key cannot learn which ids other accounts hold. The 404 comes before body validation.
- Choice: PUT answers 200 with the same ``{vacancyId, vacancyUrl}`` as POST's 201.
- Choice: Insight lists the account's vacancies in ``vacancyId`` order; ``startDate``/``endDate``
  select vacancies by ``publishDate`` (published on a day in the period), and the
  figures (clicks, cost, applications) are the vacancy's totals to date. Selecting on
  the publish date keeps each row's figures equal to its rows in ``GET /click``, and
  "my vacancies of last quarter" is what a period over a vacancy list asks for.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from simulators.ictergezocht.accounts import CREATE, DELETE, INSIGHT, UPDATE
from simulators.ictergezocht.auth import Caller, Gatekeeper
from simulators.ictergezocht.errors import ApiError, error_item
from simulators.ictergezocht.paging import page_body, read_page
from simulators.ictergezocht.query import QueryReader
from simulators.ictergezocht.records import Vacancy
from simulators.ictergezocht.store import Store
from simulators.ictergezocht.validation import validate_vacancy
from simulators.responses import JSONResponse


async def read_json(request: Request) -> Any:
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        message = "Stuur de body als JSON (Content-Type: application/json)."
        raise ApiError.one(400, "content_type", "Content-Type", message)
    try:
        return orjson.loads(await request.body())
    except orjson.JSONDecodeError:
        raise ApiError.one(400, "invalid_json", "", "De body is geen geldige JSON.") from None


def _created(vacancy: Vacancy, status: int) -> Response:
    return JSONResponse({"vacancyId": vacancy.vacancy_id, "vacancyUrl": vacancy.url}, status_code=status)


def vacancy_routes(store: Store, gate: Gatekeeper) -> list[Route]:
    async def _valid_fields(request: Request, caller: Caller, except_id: int | None) -> dict[str, Any]:
        fields, errors = validate_vacancy(await read_json(request))
        reference = fields.get("referenceNumber")
        if reference is not None and store.reference_taken(caller.account_id, reference, except_id):
            errors.append(error_item("Dit referentienummer is al in gebruik.", "unique", "referenceNumber"))
        if errors:
            raise ApiError(400, errors)
        return fields

    def _own_vacancy(request: Request, caller: Caller) -> Vacancy:
        raw = request.path_params["vacancyId"]
        numeric = raw.isascii() and raw.isdigit() and len(raw) < 19
        vacancy = store.get(caller.account_id, int(raw)) if numeric else None
        if vacancy is None:
            raise ApiError.one(404, "not_found", "vacancyId", "Vacature niet gevonden.")
        return vacancy

    async def create_vacancy(request: Request, caller: Caller) -> Response:
        fields = await _valid_fields(request, caller, None)
        return _created(store.create(caller.account_id, fields), 201)

    async def update_vacancy(request: Request, caller: Caller) -> Response:
        vacancy = _own_vacancy(request, caller)
        fields = await _valid_fields(request, caller, vacancy.vacancy_id)
        store.update(vacancy, fields)
        return _created(vacancy, 200)

    async def delete_vacancy(request: Request, caller: Caller) -> Response:
        store.delete(caller.account_id, _own_vacancy(request, caller).vacancy_id)
        return Response(status_code=204)

    async def insight(request: Request, caller: Caller) -> Response:
        reader = QueryReader(request)
        page = read_page(reader)
        period = reader.period()
        reader.raise_errors()
        vacancies = store.vacancies(caller.account_id)
        rows = [vacancy for vacancy in vacancies if period.touches_day(vacancy.publish_date)]
        items = [vacancy.insight() for vacancy in page.slice(rows)]
        return JSONResponse(page_body(request, page, len(rows), items))

    return [
        Route("/vacancy", gate.guard(CREATE, create_vacancy), methods=["POST"]),
        Route("/vacancy/insight", gate.guard(INSIGHT, insight), methods=["GET"]),
        Route("/vacancy/{vacancyId}", gate.guard(UPDATE, update_vacancy), methods=["PUT"]),
        Route("/vacancy/{vacancyId}", gate.guard(DELETE, delete_vacancy), methods=["DELETE"]),
    ]
