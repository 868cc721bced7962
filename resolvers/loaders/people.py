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
from collections.abc import Hashable
from typing import Any

from aiodataloader import DataLoader

from gateway import sources
from gateway.context import Context
from gateway.records import (
    AbsenceQuery,
    AbsenceRecord,
    EmploymentQuery,
    EmploymentRecord,
    PersonKey,
    PersonRecord,
)


class _Loader(DataLoader[Any, Any]):
    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context


def _groups(keys: list[tuple[PersonKey, Hashable]]) -> dict[tuple[Any, Hashable], list[PersonKey]]:
    grouped: dict[tuple[Any, Hashable], list[PersonKey]] = defaultdict(list)
    for person, query in keys:
        grouped[(person.upstream, query)].append(person)
    return grouped


class PersonsLoader(_Loader):
    """``PersonKey`` -> the person (``None`` when the upstream does not know them)."""

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


class EmploymentsLoader(_Loader):
    """``(PersonKey, EmploymentQuery)`` -> that person's employments."""

    async def batch_load_fn(
        self, keys: list[tuple[PersonKey, EmploymentQuery]]
    ) -> list[list[EmploymentRecord]]:
        grouped = _groups(list(keys))
        results = await asyncio.gather(
            *(
                sources.employments(upstream).employments(self.context, people, query)  # type: ignore[arg-type]
                for (upstream, query), people in grouped.items()
            )
        )
        found: dict[tuple[PersonKey, Any], list[EmploymentRecord]] = {}
        for ((_, query), _people), result in zip(grouped.items(), results, strict=True):
            for person, records in result.items():
                found[(person, query)] = records
        return [found.get(key, []) for key in keys]


class AbsencesLoader(_Loader):
    """``(PersonKey, AbsenceQuery)`` -> that person's absences."""

    async def batch_load_fn(self, keys: list[tuple[PersonKey, AbsenceQuery]]) -> list[list[AbsenceRecord]]:
        grouped = _groups(list(keys))
        results = await asyncio.gather(
            *(
                sources.absences(upstream).absences(self.context, people, query)  # type: ignore[arg-type]
                for (upstream, query), people in grouped.items()
            )
        )
        found: dict[tuple[PersonKey, Any], list[AbsenceRecord]] = {}
        for ((_, query), _people), result in zip(grouped.items(), results, strict=True):
            for person, records in result.items():
                found[(person, query)] = records
        return [found.get(key, []) for key in keys]
