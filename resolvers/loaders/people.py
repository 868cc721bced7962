"""Per-request DataLoaders over people, their employments and absences, for any upstream.

A resolver asks for one person's rows (``load(key)``); the loader gathers every key asked
for in the same tick and hands them to the person's source as one batch
(``gateway.sources``), which picks its endpoints by the size of the batch. Batches are not
split by count here (``max_batch_size`` is off): the sources split requests themselves, by
what an upstream URL can hold, and a split here would hide the batch's size from their plan.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Mapping
from typing import Any, TypeVar

from aiodataloader import DataLoader

from gateway import sources
from gateway.context import Context
from gateway.names import Upstream
from gateway.records import (
    AbsenceQuery,
    AbsenceRecord,
    EmploymentQuery,
    EmploymentRecord,
    PersonKey,
    PersonRecord,
)
from gateway.telemetry import observed_batch

R = TypeVar("R")


class _Loader(DataLoader[Any, Any]):
    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context


class PersonsLoader(_Loader):
    """``PersonKey`` -> the person (``None`` when the upstream does not know them)."""

    @observed_batch("persons")
    async def batch_load_fn(self, keys: list[PersonKey]) -> list[PersonRecord | None]:
        grouped: dict[Any, list[PersonKey]] = defaultdict(list)
        for key in keys:
            grouped[key.upstream].append(key)
        found: dict[PersonKey, PersonRecord] = {}
        for result in await asyncio.gather(
            *(sources.people(upstream).persons(self.context, group) for upstream, group in grouped.items())
        ):
            found.update(result)
        return [found.get(key) for key in keys]


Fetch = Callable[[Context, Upstream, list[PersonKey], Any], Awaitable[Mapping[PersonKey, list[R]]]]


async def _by_upstream_and_query(
    context: Context, keys: list[tuple[PersonKey, Any]], fetch: Fetch[R]
) -> list[list[R]]:
    """Hand each (upstream, query) group of a batch to its source at once; match answers by key."""
    grouped: dict[tuple[Upstream, Hashable], list[PersonKey]] = defaultdict(list)
    for person, query in keys:
        grouped[(person.upstream, query)].append(person)
    results = await asyncio.gather(
        *(fetch(context, upstream, people, query) for (upstream, query), people in grouped.items())
    )
    found: dict[tuple[PersonKey, Hashable], list[R]] = {}
    for (_, query), result in zip(grouped, results, strict=True):
        for person, records in result.items():
            found[(person, query)] = records
    return [found.get(key, []) for key in keys]


class EmploymentsLoader(_Loader):
    """``(PersonKey, EmploymentQuery)`` -> that person's employments."""

    @observed_batch("employments")
    async def batch_load_fn(
        self, keys: list[tuple[PersonKey, EmploymentQuery]]
    ) -> list[list[EmploymentRecord]]:
        return await _by_upstream_and_query(
            self.context,
            list(keys),
            lambda context, upstream, people, query: sources.employments(upstream).employments(
                context, people, query
            ),
        )


class AbsencesLoader(_Loader):
    """``(PersonKey, AbsenceQuery)`` -> that person's absences."""

    @observed_batch("absences")
    async def batch_load_fn(self, keys: list[tuple[PersonKey, AbsenceQuery]]) -> list[list[AbsenceRecord]]:
        return await _by_upstream_and_query(
            self.context,
            list(keys),
            lambda context, upstream, people, query: sources.absences(upstream).absences(
                context, people, query
            ),
        )
