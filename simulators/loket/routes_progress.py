"""Absence progress records (verzuimverloop) of an absence (GET)."""

from __future__ import annotations

from simulators.loket import versions as v
from simulators.loket.api import Call, Item, Operation, Page
from simulators.loket.dataset import Row
from simulators.loket.store import LoketStore

BASE = "/v2/providers/employers"


async def list_progress(call: Call) -> Page:
    absence = call.store.absence(call.user, call.path("absenceId"))
    return Page(call.store.progress.under(absence["id"]))


async def get_progress(call: Call) -> Item:
    return Item(call.store.absence_progress(call.user, call.path("absenceProgressId")))


def _progress(store: LoketStore) -> list[Row]:
    return list(store.data.progress)


ROUTES: list[tuple[str, dict[str, Operation]]] = [
    (
        f"{BASE}/employees/absences/absenceprogress/{{absenceProgressId}}",
        {"GET": Operation(get_progress, v.ABSENCE_ITEM)},
    ),
    (
        f"{BASE}/employees/absences/{{absenceId}}/absenceprogress",
        {"GET": Operation(list_progress, v.GENERAL, "absence_progress", _progress)},
    ),
]
