"""Resolvers over ICTerGezocht.nl vacancies: the list, vacancies by id, and vacancy writes.

The schema hands over a filter tree and orderings over record attributes and a window,
and gets a ``Page`` of ``VacancyRecord`` back; which conditions the API can select (the
publish period) and which the gateway applies is the source's data plan
(``gateway.sources.ictergezocht``). The node id of a vacancy carries its publish date
(``ictergezocht:<vacancyId>:<publishDate>``): the API has no single-vacancy read, and the
publish date narrows the insight list to one day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from gateway.context import Context
from gateway.dialects.filters import Filter
from gateway.dialects.loket import OrderKey
from gateway.exceptions import InputError
from gateway.ids import make_node_id, parse_node_id
from gateway.job_records import VacancyDraft, VacancyRecord, VacancyWritten
from gateway.names import Upstream
from gateway.paging import Page, Window
from gateway.sources.ictergezocht import ICTERGEZOCHT

U = Upstream.ICTERGEZOCHT
VACANCY = ("vacancyId", "*")  # the publish date is checked as a date, below


def vacancy_node_id(record: VacancyRecord) -> str:
    # without a publish date the id cannot be looked up again; day 1 keeps it well-formed
    return make_node_id(U, str(record.vacancy_id), (record.publish_date or date.min).isoformat())


def parse_vacancy_id(node_id: str, argument: str = "id") -> tuple[int, date]:
    """``ictergezocht:<vacancyId>:<publishDate>`` -> ``(vacancyId, publishDate)``, before any call."""
    raw_id, raw_day = parse_node_id(node_id, U, VACANCY, argument=argument)
    try:
        return int(raw_id), date.fromisoformat(raw_day)
    except ValueError:
        raise InputError(f"'{argument}' is not a vacancy id", argument=argument) from None


async def vacancies_page(
    context: Context, win: Window, tree: Filter | None, order: list[OrderKey]
) -> Page[VacancyRecord]:
    return await ICTERGEZOCHT.vacancies_page(context, tree, order, win)


async def vacancies_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, VacancyRecord]:
    """Every id is checked before any call; one insight scan per distinct publish date."""
    wanted = {node_id: parse_vacancy_id(node_id) for node_id in node_ids}
    found = await ICTERGEZOCHT.vacancies_by_id(context, wanted.values())
    return {node_id: found[key] for node_id, key in wanted.items() if key in found}


async def vacancy(
    context: Context, written: VacancyWritten, publish_date: date | None
) -> VacancyRecord | None:
    """A vacancy just written, read back: by its publish date when known (an update), else as the
    newest of the account (a create: the API does not answer the publish date)."""
    if publish_date is None:
        return await ICTERGEZOCHT.newest(context, written.vacancy_id)
    key = (written.vacancy_id, publish_date)
    return (await ICTERGEZOCHT.vacancies_by_id(context, [key])).get(key)


async def create_vacancy(context: Context, draft: VacancyDraft) -> VacancyWritten:
    return await ICTERGEZOCHT.create(context, draft)


async def update_vacancy(context: Context, vacancy_id: int, draft: VacancyDraft) -> VacancyWritten:
    return await ICTERGEZOCHT.update(context, vacancy_id, draft)


async def delete_vacancy(context: Context, vacancy_id: int) -> None:
    await ICTERGEZOCHT.delete(context, vacancy_id)
