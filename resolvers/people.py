"""Resolvers over people and their work, for every upstream alike.

The schema hands over what the caller asked (a scope, typed filters already turned into
trees over record attributes, orderings, a window) and gets a ``Page`` of records back.
Which upstream answers is decided by the scope or the person's key, through
``gateway.sources``; nothing here knows an upstream's fields or endpoints. Filters,
orderings and paging that an upstream cannot apply are applied by ``resolvers.local``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from gateway.context import Context
from gateway.dialects.filters import Filter
from gateway.dialects.informat import SchoolYear
from gateway.dialects.loket import OrderKey
from gateway.exceptions import InputError
from gateway.names import Upstream
from gateway.paging import Page, Window
from gateway.records import (
    AbsenceQuery,
    AbsenceRecord,
    EmployerRecord,
    EmploymentQuery,
    EmploymentRecord,
    PersonKey,
    PersonRecord,
)
from gateway.sources import INFORMAT, LOKET
from gateway.sources.loket import period
from gateway.upstreams.paths import valid_id
from resolvers import ids
from resolvers.loaders.people import AbsencesLoader, EmploymentsLoader, PersonsLoader
from resolvers.local import check_period, local_page, overlaps

START = [OrderKey(("start_date",))]
R = TypeVar("R")
Ref = TypeVar("Ref")


@dataclass(frozen=True)
class Scope:
    """Where a root list reads: one Loket employer or one Informat school."""

    upstream: Upstream
    scope: str


def scope(
    employer_node_id: str | None,
    institute: str | None,
    *,
    school_year: SchoolYear | None = None,
    reference_date: date | None = None,
) -> Scope:
    """Exactly one of ``employerId`` (Loket) and ``instituteNo`` (Informat), checked before any call."""
    if employer_node_id is not None and institute is not None:
        raise InputError(
            "give 'employerId' (Loket) or 'instituteNo' (Informat), not both", argument="instituteNo"
        )
    if employer_node_id is None and institute is None:
        raise InputError("give 'employerId' (Loket) or 'instituteNo' (Informat)", argument="employerId")
    if employer_node_id is not None:
        if school_year is not None:
            raise InputError("'schoolYear' is for Informat; Loket lists take dates", argument="schoolYear")
        return Scope(Upstream.LOKET, ids.employer_key(employer_node_id, "employerId"))
    assert institute is not None
    if reference_date is not None:
        raise InputError("'referenceDate' is for Loket employments", argument="referenceDate")
    return Scope(Upstream.INFORMAT, institute)


def institute_argument(value: str, decode: str | None, argument: str = "instituteNo") -> str:
    """An institute number as given (``"032912"``), or the one inside an Institute's node id."""
    text = value.strip()
    if valid_id("instituteNo", text):
        return text
    if decode is None:
        raise InputError(f"'{argument}' is not an institute number or Institute id", argument=argument)
    return ids.institute_number(decode, argument)


# ---- employers (Loket) and institutes (Informat) ----


async def employers_page(
    context: Context, tree: Filter | None, order: list[OrderKey], win: Window
) -> Page[EmployerRecord]:
    return await LOKET.employers_page(context, tree, order, win)


async def employers_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, EmployerRecord]:
    wanted = {node_id: ids.employer_key(node_id) for node_id in node_ids}
    found = await LOKET.employers_by_id(context, wanted.values())
    return {node_id: found[key] for node_id, key in wanted.items() if key in found}


async def employer_of(context: Context, upstream: Upstream, scope_id: str) -> EmployerRecord | None:
    """The Loket employer a person or employment belongs to (``None`` for Informat records)."""
    if upstream is not Upstream.LOKET:
        return None
    return (await LOKET.employers_by_id(context, [scope_id])).get(scope_id)


async def institutes_page(context: Context, win: Window) -> Page[str]:
    numbers = sorted(await INFORMAT.visible_institutes(context))
    return Page(numbers[win.offset : win.offset + win.limit], win, len(numbers))


async def institutes_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, str]:
    wanted = {node_id: ids.institute_number(node_id) for node_id in node_ids}
    if not wanted:
        return {}
    visible = set(await INFORMAT.visible_institutes(context))
    return {node_id: number for node_id, number in wanted.items() if number in visible}


# ---- people ----


async def persons_page(
    context: Context,
    where: Scope,
    school_year: SchoolYear | None,
    tree: Filter | None,
    order: list[OrderKey],
    win: Window,
) -> Page[PersonRecord]:
    """Loket pages, filters and orders employees itself; Informat's staff list is held in full."""
    if where.upstream is Upstream.LOKET:
        return await LOKET.persons_page(context, where.scope, tree, order, win)
    return await local_page(await INFORMAT.persons_in(context, where.scope, school_year), tree, order, win)


async def persons_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, PersonRecord]:
    """Every id is checked before any call; the lookups then go to the loader as one batch."""
    wanted = {node_id: ids.person_key(node_id) for node_id in node_ids}
    if not wanted:
        return {}
    found = await context.loader(PersonsLoader).load_many(list(wanted.values()))
    return {node_id: record for node_id, record in zip(wanted, found, strict=True) if record is not None}


async def person_of(
    context: Context, upstream: Upstream, scope_id: str, person_id: str, year: int | None
) -> PersonRecord | None:
    """The person an employment or absence belongs to (batched with every other such lookup)."""
    found: PersonRecord | None = await context.loader(PersonsLoader).load(
        PersonKey(upstream, scope_id, person_id, year=year)
    )
    return found


# ---- employments ----


async def person_employments(
    context: Context,
    person: PersonKey,
    query: EmploymentQuery,
    tree: Filter | None,
    order: list[OrderKey],
    win: Window,
) -> Page[EmploymentRecord]:
    records = await context.loader(EmploymentsLoader).load((person, query))
    return await local_page(records, tree, order, win)


async def employments_page(
    context: Context,
    where: Scope,
    query: EmploymentQuery,
    tree: Filter | None,
    order: list[OrderKey],
    win: Window,
) -> Page[EmploymentRecord]:
    if where.upstream is Upstream.LOKET:
        on = query.reference_date or context.today()
        titled = await LOKET.employment_page_by_title(context, where.scope, on, tree, order, win)
        if titled is not None:  # Loket filtered, ordered, paged and counted the leave balances
            items = await LOKET.resolve_candidates(context, where.scope, titled.items)
            return Page(items, titled.window, titled.total, titled.has_more)
        if LOKET.answers_from_balances(tree, order):
            # filtered, ordered and counted on the leave-balance rows; the real employments read
            # for the page only (the source's ``employment_candidates``)
            candidates = await LOKET.employment_candidates(context, where.scope, on, tree)
            page = await local_page(candidates, tree, order, win)
            items = await LOKET.resolve_candidates(context, where.scope, page.items)
            return Page(items, page.window, page.total, page.has_more)
        records = await LOKET.employments_in(context, where.scope, on, tree)
    else:
        records = await INFORMAT.employments_in(context, where.scope, query.school_year)
    return await local_page(records, tree, order, win)


async def _each(refs: dict[str, Ref], load: Callable[[Ref], Awaitable[R | None]]) -> dict[str, R]:
    """``load`` for every checked id at once (each source memoizes per request); misses left out."""
    results = await asyncio.gather(*(load(ref) for ref in refs.values()))
    return {node_id: record for node_id, record in zip(refs, results, strict=True) if record is not None}


async def employments_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, EmploymentRecord]:
    async def load(ref: ids.EmploymentRef) -> EmploymentRecord | None:
        if ref.upstream is Upstream.LOKET:
            return await LOKET.employment_by_id(context, ref.scope, ref.ident)
        assert ref.year is not None
        return await INFORMAT.employment_by_id(context, ref.scope, ref.year, ref.ident)

    return await _each({node_id: ids.employment_ref(node_id) for node_id in node_ids}, load)


# ---- absences ----


async def person_absences(
    context: Context,
    person: PersonKey,
    query: AbsenceQuery,
    tree: Filter | None,
    order: list[OrderKey],
    win: Window,
) -> Page[AbsenceRecord]:
    check_period(query.first, query.last)
    records = await context.loader(AbsencesLoader).load((person, query))
    if query.first is not None or query.last is not None:
        records = [record for record in records if overlaps(record, query.first, query.last)]
    return await local_page(records, tree, order or START, win)


async def absences_page(
    context: Context,
    where: Scope,
    query: AbsenceQuery,
    tree: Filter | None,
    order: list[OrderKey],
    win: Window,
) -> Page[AbsenceRecord]:
    check_period(query.first, query.last)
    first: date | None = query.first
    last: date | None = query.last
    if where.upstream is Upstream.LOKET:
        first, last = period(context, query)
        records = await LOKET.absences_in(context, where.scope, first, last, tree)
    else:
        records = await INFORMAT.absences_in(context, where.scope, query.school_year)
    kept = [record for record in records if overlaps(record, first, last)]
    return await local_page(kept, tree, order or START, win)


async def absences_by_node_id(context: Context, node_ids: Iterable[str]) -> dict[str, AbsenceRecord]:
    """Loket: single GETs (they carry the ETag a close needs); Informat: from the person's list."""

    async def load(ref: ids.AbsenceRef) -> AbsenceRecord | None:
        if ref.upstream is Upstream.LOKET:
            return await LOKET.absence_by_id(context, ref.scope, ref.person_id, ref.item, ref.ident)
        assert ref.year is not None
        return await INFORMAT.absence_by_id(context, ref.scope, ref.year, ref.person_id, ref.ident)

    return await _each({node_id: ids.absence_ref(node_id) for node_id in node_ids}, load)
