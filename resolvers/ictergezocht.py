"""Resolvers over ICTerGezocht.nl: the vacancy list, vacancies by id, and vacancy writes.

``GET /vacancy/insight`` pages by ``offset``/``limit`` (at most 50) and selects only by
publish period. A filter that is only a publish period (and no ``orderBy``) maps a Relay
page straight onto offset/limit requests, with ``count`` as ``totalCount``. Anything else
in ``VacancyFilter`` (title, city, status, figures, ``or``...) and every ``orderBy`` is
applied here, on the fetched items: the pages of the period are read in order by
following ``rel.next`` — for a filter only until the page asked for is full, for an
ordering all of them (at most ``MAX_SCAN_ITEMS``). ``totalCount`` is then only known
(non-null) when the whole period was read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from gateway.context import Context
from gateway.dialects.evaluate import matches, row_lookup, sort_records, value_at
from gateway.dialects.filters import Filter
from gateway.dialects.ictergezocht import (
    MAX_LIMIT,
    PageRequest,
    Period,
    page_requests,
    split_period,
)
from gateway.dialects.loket import OrderKey
from gateway.exceptions import InputError
from resolvers.loaders.ictergezocht import InsightPageLoader, VacancyLoader
from schema.node import Source, split_node_id
from schema.pagination import Connection, Window, build_connection
from schema.vacancy import Vacancy

# Most vacancies read to filter or sort in the gateway (20 calls; the account may make 200 a minute).
MAX_SCAN_ITEMS = 1000
Row = dict[str, Any]


async def vacancies_page(
    context: Context, win: Window, tree: Filter | None, order: list[OrderKey]
) -> Connection[Vacancy]:
    period, rest = split_period(tree)
    if period.empty:
        return build_connection([], win, 0)
    loader = context.loader(InsightPageLoader)
    if rest is None and not order:
        if win.limit == 0:
            counted = await loader.load((PageRequest(0, 1), period))
            return build_connection([], win, counted.count)
        pages = await loader.load_many(
            [(request, period) for request in page_requests(win.offset, win.limit)]
        )
        rows = [item for page in pages for item in page.items][: win.limit]
        return build_connection([Vacancy.from_insight(row) for row in rows], win, pages[0].count)
    return await _scanned_page(context, win, period, rest, order)


async def _scanned_page(
    context: Context, win: Window, period: Period, rest: Filter | None, order: list[OrderKey]
) -> Connection[Vacancy]:
    loader = context.loader(InsightPageLoader)
    page = await loader.load((PageRequest(0, MAX_LIMIT), period))
    if page.count > MAX_SCAN_ITEMS:
        argument = "orderBy" if order else "filter"
        raise InputError(
            f"'{argument}' must be applied by the gateway to all {page.count} vacancies, more than "
            f"{MAX_SCAN_ITEMS}; narrow the list with a publishDate range first",
            argument=argument,
        )
    enough = win.offset + win.limit + 1  # one more than the page: tells whether a next page exists
    found: list[Row] = []
    while True:
        found.extend(item for item in page.items if matches(rest, row_lookup(item)))
        if page.next is None or (not order and len(found) >= enough):
            break
        page = await loader.load((page.next, period))
    complete = page.next is None
    if order:
        found = sort_records(found, order, value_at)
    chosen = found[win.offset : win.offset + win.limit]
    return build_connection(
        [Vacancy.from_insight(row) for row in chosen],
        win,
        len(found) if complete else None,
        has_more=len(found) > win.offset + win.limit,
    )


def parse_vacancy_id(node_id: str, argument: str = "id") -> tuple[int, date]:
    """``ictergezocht:<vacancyId>:<publishDate>`` -> ``(vacancyId, publishDate)``."""
    _, (raw_id, raw_day) = split_node_id(node_id, sources=[Source.ICTERGEZOCHT], parts=2, argument=argument)
    try:
        return int(raw_id), date.fromisoformat(raw_day)
    except ValueError:
        raise InputError(f"'{argument}' is not a vacancy id", argument=argument) from None


async def vacancies_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, Vacancy]:
    wanted = {node_id: parse_vacancy_id(node_id) for node_id in node_ids}
    rows = await context.loader(VacancyLoader).load_many(list(wanted.values()))
    return {node_id: Vacancy.from_insight(row) for node_id, row in zip(wanted, rows, strict=True) if row}


async def vacancy(context: Context, vacancy_id: int, publish_date: date) -> Vacancy | None:
    row = await context.loader(VacancyLoader).load((vacancy_id, publish_date))
    return Vacancy.from_insight(row) if row else None


async def newest_vacancy(context: Context, vacancy_id: int) -> Vacancy | None:
    """A vacancy just created, whose publish date the API does not return.

    Choice: new vacancies get the highest ids and insight lists by ``vacancyId``, so it is
    on the last page: one call learns ``count``, one reads the last 50.
    """
    loader = context.loader(InsightPageLoader)
    counted = await loader.load((PageRequest(0, 1), Period()))
    last = await loader.load((PageRequest(max(0, counted.count - MAX_LIMIT), MAX_LIMIT), Period()))
    row = next((item for item in last.items if item.get("vacancyId") == vacancy_id), None)
    return Vacancy.from_insight(row) if row else None


async def create_vacancy(context: Context, payload: Row) -> Row:
    token = context.credential("ictergezocht")
    partner = context.settings.ictergezocht_partner_key
    created = await context.upstreams.ictergezocht.create_vacancy(token, payload, partner=partner)
    context.loader(VacancyLoader).forget()
    return created


async def update_vacancy(context: Context, vacancy_id: int, payload: Row) -> Row:
    token = context.credential("ictergezocht")
    partner = context.settings.ictergezocht_partner_key
    updated = await context.upstreams.ictergezocht.update_vacancy(token, vacancy_id, payload, partner=partner)
    context.loader(VacancyLoader).forget()
    return updated


async def delete_vacancy(context: Context, vacancy_id: int) -> None:
    token = context.credential("ictergezocht")
    partner = context.settings.ictergezocht_partner_key
    await context.upstreams.ictergezocht.delete_vacancy(token, vacancy_id, partner=partner)
    context.loader(VacancyLoader).forget()
