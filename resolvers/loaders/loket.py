"""Per-request DataLoaders over Loket.nl: each key is one upstream request or one record.

Identical keys in one operation are loaded once (DataLoader caching), and keys that
arrive in the same tick are batched into the fewest employer-wide list calls: all
employments of an employer, the organizational entities valid on a date, the absence
calendar and the leave of a period, employees by id through one ``filter`` of ids.
Results are matched to keys by id, never by position; a key with no row gets ``None``.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from aiodataloader import DataLoader

from gateway.caches import caches_of
from gateway.context import Context
from gateway.dialects import loket as dialect
from gateway.dialects.filters import Condition, Op, all_of
from gateway.exceptions import UpstreamNotFound
from gateway.upstreams.loket import MAX_PAGE_SIZE, LoketClient, LoketItem, LoketPage

Row = dict[str, Any]


class _LoketLoader(DataLoader[Any, Any]):
    def __init__(self, context: Context) -> None:
        super().__init__(max_batch_size=context.settings.loader_batch_size)
        self.context = context

    @property
    def client(self) -> LoketClient:
        return self.context.upstreams.loket


EMPLOYERS_CACHE = "loket.employers"


class VisibleEmployersLoader(DataLoader[str, dict[str, Any] | None]):
    """Employers by Loket id, from one list call: a Loket user sees only a handful.

    The list is what the *token* may see, so it is shared across requests under the
    token's hash (``gateway.caches``): another request with the same token reuses it, a
    request with any other token never does, and a refused call is not remembered.
    """

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context

    async def batch_load_fn(self, keys: list[str]) -> list[dict[str, Any] | None]:
        token = self.context.credential("loket")
        client = self.context.upstreams.loket

        async def fetch() -> dict[str, Row]:
            page = await client.employers(token, page_size=MAX_PAGE_SIZE)
            return {row["id"]: row for row in page.items}

        by_id = await caches_of(self.context)[EMPLOYERS_CACHE].get_or_load(token, "visible", fetch)
        return [by_id.get(key) for key in keys]


@dataclass(frozen=True)
class EmployeePage:
    """One ``GET .../employees`` page request; equal requests in one operation are sent once."""

    employer_id: str
    page_number: int
    page_size: int
    filter: str | None
    order_by: str | None


class EmployeePagesLoader(_LoketLoader):
    async def batch_load_fn(self, keys: list[EmployeePage]) -> list[LoketPage]:
        token = self.context.credential("loket")
        return await asyncio.gather(
            *(
                self.client.employees(
                    token,
                    key.employer_id,
                    page_number=key.page_number,
                    page_size=key.page_size,
                    filter=key.filter,
                    order_by=key.order_by,
                )
                for key in keys
            )
        )


class EmployeesLoader(_LoketLoader):
    """Employees by ``(employerId, employeeId)``: one list call per employer with an ``id`` filter."""

    async def batch_load_fn(self, keys: list[tuple[str, str]]) -> list[Row | None]:
        token = self.context.credential("loket")
        wanted: dict[str, list[str]] = defaultdict(list)
        for employer_id, employee_id in keys:
            wanted[employer_id].append(employee_id)

        async def fetch(employer_id: str, ids: list[str]) -> list[Row]:
            tree = Condition(("id",), Op.IN, tuple(dict.fromkeys(ids)))
            page = await self.client.employees(
                token, employer_id, page_size=len(ids), filter=dialect.render_filter(tree)
            )
            return list(page.items)

        found = await asyncio.gather(*(fetch(employer, ids) for employer, ids in wanted.items()))
        by_key = {
            (employer, row["id"]): row for employer, rows in zip(wanted, found, strict=True) for row in rows
        }
        return [by_key.get(key) for key in keys]


class EmploymentsLoader(_LoketLoader):
    """All employments of an employer (``.../employees/employments``), by employer id."""

    async def batch_load_fn(self, keys: list[str]) -> list[list[Row]]:
        token = self.context.credential("loket")

        async def every(employer_id: str) -> list[Row]:
            return await self.client.every_page(
                lambda number, size: self.client.employer_employments(
                    token, employer_id, page_number=number, page_size=size
                )
            )

        return list(await asyncio.gather(*(every(key) for key in keys)))


class OrgEntitiesLoader(_LoketLoader):
    """``(employerId, referenceDate)`` -> employment id -> the organizational entity valid that day."""

    async def batch_load_fn(self, keys: list[tuple[str, date]]) -> list[dict[str, Row]]:
        token = self.context.credential("loket")

        async def every(employer_id: str, day: date) -> dict[str, Row]:
            rows = await self.client.every_page(
                lambda number, size: self.client.actual_org_entities(
                    token, employer_id, day, page_number=number, page_size=size
                )
            )
            return {row["employment"]["id"]: row for row in rows if row.get("employment")}

        return list(await asyncio.gather(*(every(*key) for key in keys)))


class CalendarAbsencesLoader(_LoketLoader):
    """``(employerId, first, last)`` -> employee id -> ``[(employment, absence)]`` overlapping the period."""

    async def batch_load_fn(self, keys: list[tuple[str, date, date]]) -> list[dict[str, list[Row]]]:
        token = self.context.credential("loket")

        async def every(employer_id: str, first: date, last: date) -> dict[str, list[Row]]:
            rows = await self.client.every_page(
                lambda number, size: self.client.calendar_absences(
                    token, employer_id, first, last, page_number=number, page_size=size
                )
            )
            by_employee: dict[str, list[Row]] = defaultdict(list)
            seen: set[str] = set()
            for row in rows:
                employment = row.get("employment") or {}
                employee_id = (employment.get("employee") or {}).get("id")
                for absence in row.get("absences") or []:
                    # an absence belongs to the employee; two employments may both list it
                    if employee_id and absence["id"] not in seen:
                        seen.add(absence["id"])
                        by_employee[employee_id].append(absence)
            return by_employee

        return list(await asyncio.gather(*(every(*key) for key in keys)))


class LeaveLoader(_LoketLoader):
    """``(employerId, first, last)`` -> employee id -> leave taken (not accrued) overlapping the period.

    Loket filters the employer-wide leave list itself (``isAccrual eq false`` and the
    period), so only the rows the graph shows are transferred.
    """

    async def batch_load_fn(self, keys: list[tuple[str, date, date]]) -> list[dict[str, list[Row]]]:
        token = self.context.credential("loket")

        async def every(employer_id: str, first: date, last: date) -> dict[str, list[Row]]:
            tree = all_of(
                [
                    Condition(("isAccrual",), Op.EQ, False),
                    Condition(("endDate",), Op.GTE, first),
                    Condition(("startDate",), Op.LTE, last),
                ]
            )
            assert tree is not None
            text = dialect.render_filter(tree)
            rows = await self.client.every_page(
                lambda number, size: self.client.employer_leave(
                    token, employer_id, filter=text, page_number=number, page_size=size
                )
            )
            by_employee: dict[str, list[Row]] = defaultdict(list)
            for row in rows:
                employee_id = ((row.get("employment") or {}).get("employee") or {}).get("id")
                if employee_id:
                    by_employee[employee_id].append(row)
            return by_employee

        return list(await asyncio.gather(*(every(*key) for key in keys)))


class AbsenceItemsLoader(_LoketLoader):
    """Single absences (``kind`` "absence") or leave entries ("leave") by id, with their ETags."""

    async def batch_load_fn(self, keys: list[tuple[str, str]]) -> list[LoketItem | None]:
        token = self.context.credential("loket")

        async def one(kind: str, ident: str) -> LoketItem | None:
            try:
                if kind == "absence":
                    return await self.client.absence(token, ident)
                return await self.client.leave(token, ident)
            except UpstreamNotFound:
                return None

        return list(await asyncio.gather(*(one(*key) for key in keys)))
