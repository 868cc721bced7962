"""Per-request DataLoaders over Onderwijsloket programmes: what fields ask for one at a time,
gathered into one call.

- ``ProgramsByIdLoader``: programmes by id (``node``, ``_entities``), many at once with an
  ``id._in`` filter.
- ``ProgramsAtLocationsLoader``: the programmes taught at any of many locations (every
  vacancy's nearby programmes), in one call.

Keys carry the ``ProgramSelection`` so differently selected programmes never share a record
that lacks a field; batches are split per selection. The location table and programme
pages need no loader: the source reads each once per request (``gateway.sources.onderwijsloket``).
"""

from __future__ import annotations

import asyncio
from collections import defaultdict

from aiodataloader import DataLoader

from gateway.context import Context
from gateway.job_records import ProgramRecord, ProgramSelection
from gateway.sources.onderwijsloket import ONDERWIJSLOKET
from gateway.telemetry import observed_batch

Key = tuple[str, ProgramSelection]

__all__ = ["ProgramsAtLocationsLoader", "ProgramsByIdLoader"]


def _by_selection(keys: list[Key]) -> dict[ProgramSelection, list[str]]:
    groups: dict[ProgramSelection, list[str]] = defaultdict(list)
    for value, selection in keys:
        groups[selection].append(value)
    return groups


class ProgramsByIdLoader(DataLoader[Key, ProgramRecord | None]):
    """Key ``(programme id, selection)``; one ``id._in`` call per distinct selection (and batch size)."""

    def __init__(self, context: Context) -> None:
        super().__init__(max_batch_size=context.settings.loader_batch_size)
        self.context = context

    @observed_batch("programsById")
    async def batch_load_fn(self, keys: list[Key]) -> list[ProgramRecord | None]:
        groups = _by_selection(keys)
        results = await asyncio.gather(
            *(
                ONDERWIJSLOKET.programs_by_id(self.context, ids, selection)
                for selection, ids in groups.items()
            )
        )
        found = {
            (record.program_id, selection): record
            for selection, records in zip(groups, results, strict=True)
            for record in records
        }
        return [found.get(key) for key in keys]


class ProgramsAtLocationsLoader(DataLoader[Key, list[ProgramRecord]]):
    """Key ``(location id, selection)``: the programmes taught there, for many locations in one call.

    However many vacancies (and towns) ask, a batch is one ``programs`` call per distinct
    selection; a programme is handed to each asked-for location it is taught at.
    """

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context

    @observed_batch("programsAtLocations")
    async def batch_load_fn(self, keys: list[Key]) -> list[list[ProgramRecord]]:
        groups = _by_selection(keys)
        results = await asyncio.gather(
            *(ONDERWIJSLOKET.programs_at(self.context, ids, selection) for selection, ids in groups.items())
        )
        taught: dict[Key, list[ProgramRecord]] = defaultdict(list)
        for selection, records in zip(groups, results, strict=True):
            for record in records:
                for location in set(record.location_ids):
                    taught[(location, selection)].append(record)
        return [taught.get(key, []) for key in keys]
