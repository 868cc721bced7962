"""ICTerGezocht as a source of vacancies: insight pages read once per request, and vacancy writes.

``GET /vacancy/insight`` is the API's only read. It pages by ``offset``/``limit`` (at most
50) and selects only by publish period. A filter that is only a publish period (and no
ordering) maps a page straight onto offset/limit requests, with ``count`` as the total.
Anything else in the filter (title, city, status, figures, ``or``...) and every ordering is
applied here, on the records of the pages read: the pages of the period are read in order
by following ``rel.next``, for a filter only until the page asked for is full, for an
ordering all of them (at most ``MAX_SCAN_ITEMS``). The total is then only known when the
whole period was read.

A vacancy is found by its id *and* publish date (both in its global id): one day's
vacancies (``startDate = endDate``) instead of paging through the account. Each insight
page is fetched and converted once per request (``Context.once``); a write forgets them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from gateway.context import Context
from gateway.dialects.evaluate import Lookup, matches, sort_records
from gateway.dialects.filters import Filter, rename
from gateway.dialects.ictergezocht import MAX_LIMIT, PageRequest, Period, page_requests, split_period
from gateway.dialects.loket import OrderKey
from gateway.exceptions import InputError
from gateway.job_records import VacancyDraft, VacancyRecord, VacancyWritten
from gateway.names import Upstream
from gateway.paging import Page, Window
from gateway.secrets import Secret
from gateway.sources import ictergezocht_rows as rows
from gateway.upstreams.ictergezocht import ICTerGezochtClient

U = Upstream.ICTERGEZOCHT
# Most vacancies read to filter or sort in the gateway (20 calls; the account may make 200 a minute).
MAX_SCAN_ITEMS = 1000
_INSIGHT = "insight"  # what Context.once keys of insight pages start with, after the upstream


@dataclass(frozen=True)
class InsightRecords:
    """One insight page as records; ``count`` is the period's total, ``next`` the following page."""

    records: list[VacancyRecord]
    count: int
    next: PageRequest | None


def _attribute(record: VacancyRecord, path: tuple[str, ...]) -> Any:
    return getattr(record, path[0], None)


def _lookup(record: VacancyRecord) -> Lookup:
    return lambda path: _attribute(record, path)


def split(tree: Filter | None) -> tuple[Period, Filter | None]:
    """The publish period the API selects, and the rest of ``tree`` (over record attributes)."""
    period, rest = split_period(rename(tree, rows.FIELD_PATHS) if tree is not None else None)
    return period, rename(rest, rows.RECORD_PATHS) if rest is not None else None


class ICTerGezochtSource:
    """Stateless: everything per request lives in the ``Context``."""

    upstream = U

    @staticmethod
    def _client(context: Context) -> ICTerGezochtClient:
        return context.upstreams.ictergezocht

    @staticmethod
    def _keys(context: Context) -> tuple[Secret, Secret | None]:
        """The account's API key (the caller's or the gateway's) and the gateway's partner key."""
        return context.credential(U), context.settings.ictergezocht_partner_key

    async def _page(self, context: Context, request: PageRequest, period: Period) -> InsightRecords:
        token, partner = self._keys(context)

        async def fetch() -> InsightRecords:
            page = await self._client(context).insight(token, request, period, partner=partner)
            records = [rows.vacancy(item) for item in page.items if rows.vacancy_id_of(item) is not None]
            context.work.add(U, fetched=len(page.items), converted=len(records))
            return InsightRecords(records, page.count, page.next)

        return await context.once((U, _INSIGHT, request, period), fetch)

    async def _scan(self, context: Context, period: Period) -> list[VacancyRecord]:
        """Every vacancy of ``period``, following ``rel.next`` until there is none."""
        page = await self._page(context, PageRequest(0, MAX_LIMIT), period)
        found = list(page.records)
        while page.next is not None:
            page = await self._page(context, page.next, period)
            found.extend(page.records)
        return found

    # ---- reads ----

    async def vacancies_page(
        self, context: Context, tree: Filter | None, order: list[OrderKey], win: Window
    ) -> Page[VacancyRecord]:
        period, rest = split(tree)
        if period.empty:
            return Page([], win, 0)
        if rest is not None or order:
            return await self._scanned_page(context, period, rest, order, win)
        if win.limit == 0:
            counted = await self._page(context, PageRequest(0, 1), period)
            return Page([], win, counted.count)
        pages = await asyncio.gather(
            *(self._page(context, request, period) for request in page_requests(win.offset, win.limit))
        )
        records = [record for page in pages for record in page.records][: win.limit]
        return Page(records, win, pages[0].count)

    async def _scanned_page(
        self, context: Context, period: Period, rest: Filter | None, order: list[OrderKey], win: Window
    ) -> Page[VacancyRecord]:
        page = await self._page(context, PageRequest(0, MAX_LIMIT), period)
        if page.count > MAX_SCAN_ITEMS:
            argument = "orderBy" if order else "filter"
            raise InputError(
                f"'{argument}' must be applied by the gateway to all {page.count} vacancies, more than "
                f"{MAX_SCAN_ITEMS}; narrow the list with a publishDate range first",
                argument=argument,
            )
        enough = win.offset + win.limit + 1  # one more than the page: tells whether a next page exists
        found: list[VacancyRecord] = []
        while True:
            found.extend(record for record in page.records if matches(rest, _lookup(record)))
            if page.next is None or (not order and len(found) >= enough):
                break
            page = await self._page(context, page.next, period)
        complete = page.next is None
        if order:
            found = sort_records(found, order, _attribute)
        return Page(
            found[win.offset : win.offset + win.limit],
            win,
            len(found) if complete else None,
            has_more=len(found) > win.offset + win.limit,
        )

    async def vacancies_by_id(
        self, context: Context, keys: Iterable[tuple[int, date]]
    ) -> dict[tuple[int, date], VacancyRecord]:
        """``(vacancyId, publishDate)`` -> the vacancy: one scan per distinct publish date."""
        wanted = list(dict.fromkeys(keys))
        days = sorted({day for _, day in wanted})
        scans = await asyncio.gather(*(self._scan(context, Period(day, day)) for day in days))
        found = {
            (record.vacancy_id, day): record
            for day, records in zip(days, scans, strict=True)
            for record in records
        }
        return {key: found[key] for key in wanted if key in found}

    async def newest(self, context: Context, vacancy_id: int) -> VacancyRecord | None:
        """A vacancy just created, whose publish date the API does not return.

        Choice: new vacancies get the highest ids and insight lists by ``vacancyId``, so it is
        on the last page: one call learns ``count``, one reads the last 50.
        """
        counted = await self._page(context, PageRequest(0, 1), Period())
        last = await self._page(context, PageRequest(max(0, counted.count - MAX_LIMIT), MAX_LIMIT), Period())
        return next((record for record in last.records if record.vacancy_id == vacancy_id), None)

    # ---- writes ----

    def _forget(self, context: Context) -> None:
        """After a write: this request must not answer from the pages it read before."""
        for key in context.once_keys():
            if isinstance(key, tuple) and key[:2] == (U, _INSIGHT):
                context.forget(key)

    async def create(self, context: Context, draft: VacancyDraft) -> VacancyWritten:
        token, partner = self._keys(context)
        created = await self._client(context).create_vacancy(token, rows.body(draft), partner=partner)
        self._forget(context)
        return rows.written(created)

    async def update(self, context: Context, vacancy_id: int, draft: VacancyDraft) -> VacancyWritten:
        token, partner = self._keys(context)
        updated = await self._client(context).update_vacancy(
            token, vacancy_id, rows.body(draft), partner=partner
        )
        self._forget(context)
        return rows.written(updated)

    async def delete(self, context: Context, vacancy_id: int) -> None:
        token, partner = self._keys(context)
        await self._client(context).delete_vacancy(token, vacancy_id, partner=partner)
        self._forget(context)


ICTERGEZOCHT = ICTerGezochtSource()
