"""Per-request DataLoaders over Informat Personeel, keyed by (institute, school year).

Informat answers whole arrays per institute and school year, so one call each for the
staff, their assignments and their interruptions serves every person of a school in an
operation; rows are grouped by ``personId`` here, never matched by position.

The credential: the caller's ``X-Informat-Authorization`` (or ``Authorization`` when
Informat is configured for pass-through), else the gateway's own client-credentials
token from ``gateway.tokens``. A gateway token the API refuses with 401 is dropped and
fetched once more (it may have been revoked early); a caller's token is never retried.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiodataloader import DataLoader

from gateway.context import Context
from gateway.dialects.informat import SchoolYear, school_year_params
from gateway.exceptions import UpstreamNotFound, UpstreamUnauthenticated
from gateway.secrets import Secret
from gateway.upstreams.informat import InformatClient

Row = dict[str, Any]
T = TypeVar("T")
YearKey = tuple[str, SchoolYear]


async def informat_token(context: Context) -> Secret:
    """The token for Informat; none at all is ``UNAUTHENTICATED`` on Informat's fields only."""
    caller = context.credentials.for_upstream("informat")
    if caller is not None:
        return caller
    held = await context.upstreams.informat_tokens.token()
    if held is None:
        raise UpstreamUnauthenticated(
            "no credential for informat: send 'X-Informat-Authorization: Bearer <token>' or configure "
            "STAFFGRAPH_INFORMAT_CLIENT_ID and STAFFGRAPH_INFORMAT_CLIENT_SECRET",
            upstream="informat",
        )
    return held.value


async def with_informat_token(context: Context, call: Callable[[Secret], Awaitable[T]]) -> T:
    """Run ``call`` with the Informat token, refetching a refused gateway token once."""
    token = await informat_token(context)
    try:
        return await call(token)
    except UpstreamUnauthenticated:
        if context.credentials.for_upstream("informat") is not None:
            raise
        context.upstreams.informat_tokens.forget()
        return await call(await informat_token(context))


class _InformatLoader(DataLoader[Any, Any]):
    def __init__(self, context: Context) -> None:
        super().__init__(max_batch_size=context.settings.loader_batch_size)
        self.context = context

    @property
    def client(self) -> InformatClient:
        return self.context.upstreams.informat


def _by_person(rows: list[Row]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[str(row.get("personId") or "").lower()].append(row)
    return grouped


class StaffLoader(_InformatLoader):
    """``(institute, year)`` -> the staff list (``GET /employees``, version 2) of that school year."""

    async def batch_load_fn(self, keys: list[YearKey]) -> list[list[Row]]:
        async def one(institute: str, year: SchoolYear) -> list[Row]:
            params = school_year_params(year)
            return await with_informat_token(
                self.context, lambda token: self.client.employees(token, institute, params)
            )

        return list(await asyncio.gather(*(one(*key) for key in keys)))


class AssignmentsLoader(_InformatLoader):
    """``(institute, year)`` -> person id -> assignments (``GET /employees/assignments``)."""

    async def batch_load_fn(self, keys: list[YearKey]) -> list[dict[str, list[Row]]]:
        async def one(institute: str, year: SchoolYear) -> dict[str, list[Row]]:
            params = school_year_params(year)
            rows = await with_informat_token(
                self.context, lambda token: self.client.assignments(token, institute, params)
            )
            return _by_person(rows)

        return list(await asyncio.gather(*(one(*key) for key in keys)))


class InterruptionsLoader(_InformatLoader):
    """``(institute, year)`` -> person id -> interruptions (``GET /employees/interruptions``)."""

    async def batch_load_fn(self, keys: list[YearKey]) -> list[dict[str, list[Row]]]:
        async def one(institute: str, year: SchoolYear) -> dict[str, list[Row]]:
            params = school_year_params(year)
            rows = await with_informat_token(
                self.context, lambda token: self.client.interruptions(token, institute, params)
            )
            return _by_person(rows)

        return list(await asyncio.gather(*(one(*key) for key in keys)))


class EmployeeLoader(_InformatLoader):
    """``(institute, personId, year)`` -> one employee (``GET /employees/{personId}``), ``None`` if unknown.

    Used for node lookups, where the person need not be in that year's staff list.
    """

    async def batch_load_fn(self, keys: list[tuple[str, str, SchoolYear]]) -> list[Row | None]:
        async def one(institute: str, person_id: str, year: SchoolYear) -> Row | None:
            params = school_year_params(year)
            try:
                return await with_informat_token(
                    self.context, lambda token: self.client.employee(token, institute, person_id, params)
                )
            except UpstreamNotFound:
                return None

        return list(await asyncio.gather(*(one(*key) for key in keys)))
