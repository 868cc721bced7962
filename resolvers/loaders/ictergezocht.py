"""Per-request DataLoaders over ICTerGezocht.nl: insight pages and vacancies by id.

``GET /vacancy/insight`` is the API's only way to read vacancies, so both loaders end in
it: a page key is one request (identical pages in one operation are fetched once), and a
vacancy is found by its id *and* publish date (both in its global id), which selects the
one day's vacancies with ``startDate = endDate`` instead of paging through the account.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from aiodataloader import DataLoader

from gateway.context import Context
from gateway.dialects.ictergezocht import MAX_LIMIT, PageRequest, Period
from gateway.upstreams.ictergezocht import InsightPage

Row = dict[str, Any]
InsightKey = tuple[PageRequest, Period]


class InsightPageLoader(DataLoader[InsightKey, InsightPage]):
    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context

    async def batch_load_fn(self, keys: list[InsightKey]) -> list[InsightPage]:
        token = self.context.credential("ictergezocht")
        partner = self.context.settings.ictergezocht_partner_key
        client = self.context.upstreams.ictergezocht
        return list(
            await asyncio.gather(
                *(client.insight(token, page, period, partner=partner) for page, period in keys)
            )
        )


async def scan(context: Context, period: Period, first: PageRequest | None = None) -> list[InsightPage]:
    """Every page of ``period`` from ``first`` on, following ``rel.next`` until there is none."""
    loader = context.loader(InsightPageLoader)
    pages = [await loader.load((first or PageRequest(0, MAX_LIMIT), period))]
    while pages[-1].next is not None:
        pages.append(await loader.load((pages[-1].next, period)))
    return pages


class VacancyLoader(DataLoader[tuple[int, date], Row | None]):
    """Key ``(vacancyId, publishDate)``: one insight request per distinct publish date."""

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context

    async def batch_load_fn(self, keys: list[tuple[int, date]]) -> list[Row | None]:
        days = sorted({day for _, day in keys})
        scans = await asyncio.gather(*(scan(self.context, Period(day, day)) for day in days))
        found: dict[tuple[int, date], Row] = {}
        for day, pages in zip(days, scans, strict=True):
            for page in pages:
                for item in page.items:
                    if isinstance(item.get("vacancyId"), int):
                        found[(item["vacancyId"], day)] = item
        return [found.get(key) for key in keys]

    def forget(self) -> None:
        """After a write: this request must not answer from what it read before."""
        self.clear_all()
        self.context.loader(InsightPageLoader).clear_all()
