"""Informat as a source of people, employments (assignments) and absences (interruptions).

Informat answers whole arrays per school and school year and takes no filter, so each
list a request needs (staff, assignments, interruptions of one school year) is fetched
once per request (``Context.once``) and grouped by ``personId``; a person's rows are turned
into records only when that person is asked for, once. One person alone (a batch of
``PER_ITEM_MAX``, when the school's list is not already being read for this request) reads
their own lists instead (``/employees/{personId}/assignments``, ``.../interruptions``), so
one person's page pulls that person's rows, not the school's. A 404 on a list means the
list is empty (the document: "no data in the response set"), which the client turns into
``[]``.

The credential: the caller's ``X-Informat-Authorization`` (or ``Authorization`` when
Informat is configured for pass-through), else the gateway's client-credentials token
(``gateway.tokens``); a gateway token the API refuses with 401 is dropped and fetched once
more (it may have been revoked early); a caller's token is never retried.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from gateway.context import Context
from gateway.dialects.informat import SchoolYear, current_school_year, school_year_params
from gateway.exceptions import UpstreamNotFound, UpstreamUnauthenticated
from gateway.names import Upstream
from gateway.records import (
    AbsenceQuery,
    AbsenceRecord,
    EmploymentQuery,
    EmploymentRecord,
    PersonKey,
    PersonRecord,
)
from gateway.secrets import Secret
from gateway.sources import informat_rows as rows
from gateway.tokens import jwt_institutes
from gateway.upstreams.informat import InformatClient

Row = dict[str, Any]
R = TypeVar("R")
PER_ITEM_MAX = 1
PersonFetch = Callable[[InformatClient, Secret, str, str, dict[str, str]], Awaitable[list[Row]]]
T = TypeVar("T")
I = Upstream.INFORMAT  # noqa: E741


@dataclass
class Grouped(Generic[R]):
    """One school year's list, grouped by person; each person's rows become records once."""

    rows: dict[str, list[Row]]
    convert: Callable[[Row], R]
    on_convert: Callable[[int], None]
    _records: dict[str, list[R]] = field(default_factory=dict)

    def of(self, person_id: str) -> list[R]:
        found = self._records.get(person_id)
        if found is None:
            found = self._records[person_id] = [self.convert(row) for row in self.rows.get(person_id, ())]
            self.on_convert(len(found))
        return found

    def all(self) -> list[R]:
        return [record for person_id in self.rows for record in self.of(person_id)]


class InformatSource:
    upstream = I

    @staticmethod
    def _client(context: Context) -> InformatClient:
        return context.upstreams.informat

    @staticmethod
    def year(context: Context, given: SchoolYear | int | None) -> SchoolYear:
        """The year asked for, else the current one (1 September - 31 August) by the gateway's today."""
        if isinstance(given, SchoolYear):
            return given
        if isinstance(given, int):
            return SchoolYear(given)
        return current_school_year(context.today())

    # ---- credential ----

    async def token(self, context: Context) -> Secret:
        """The token for Informat; none at all is ``UNAUTHENTICATED`` on Informat's fields only."""
        caller = context.credentials.for_upstream(I)
        if caller is not None:
            return caller
        held = await context.upstreams.informat_tokens.token()
        if held is None:
            raise UpstreamUnauthenticated(
                "no credential for informat: send 'X-Informat-Authorization: Bearer <token>' or configure "
                "STAFFGRAPH_INFORMAT_CLIENT_ID and STAFFGRAPH_INFORMAT_CLIENT_SECRET",
                upstream=I,
            )
        return held.value

    async def with_token(self, context: Context, call: Callable[[Secret], Awaitable[T]]) -> T:
        """Run ``call`` with the Informat token, refetching a refused gateway token once."""
        token = await self.token(context)
        try:
            return await call(token)
        except UpstreamUnauthenticated:
            if context.credentials.for_upstream(I) is not None:
                raise
            context.upstreams.informat_tokens.forget()
            return await call(await self.token(context))

    # ---- the school-year lists, once per request ----

    async def _grouped(
        self,
        context: Context,
        name: str,
        institute: str,
        year: SchoolYear,
        fetch: Callable[[InformatClient, Secret, str, dict[str, str]], Awaitable[list[Row]]],
        convert: Callable[[Row, str, int], R],
    ) -> Grouped[R]:
        client = self._client(context)

        async def load() -> Grouped[R]:
            params = school_year_params(year)
            found = await self.with_token(context, lambda token: fetch(client, token, institute, params))
            context.work.add(I, fetched=len(found))
            grouped: dict[str, list[Row]] = defaultdict(list)
            for row in found:
                grouped[rows.guid(row.get("personId"))].append(row)
            return Grouped(
                dict(grouped),
                lambda row: convert(row, institute, year.start_year),
                lambda count: context.work.add(I, converted=count),
            )

        return await context.once((I, name, institute, year.start_year), load)

    async def _staff(self, context: Context, institute: str, year: SchoolYear) -> Grouped[PersonRecord]:
        return await self._grouped(
            context, "staff", institute, year, lambda c, t, i, p: c.employees(t, i, p), rows.person
        )

    async def _assignments(
        self, context: Context, institute: str, year: SchoolYear
    ) -> Grouped[EmploymentRecord]:
        return await self._grouped(
            context,
            "assignments",
            institute,
            year,
            lambda c, t, i, p: c.assignments(t, i, p),
            rows.employment,
        )

    async def _interruptions(
        self, context: Context, institute: str, year: SchoolYear
    ) -> Grouped[AbsenceRecord]:
        return await self._grouped(
            context,
            "interruptions",
            institute,
            year,
            lambda c, t, i, p: c.interruptions(t, i, p),
            rows.interruption,
        )

    def forget_interruptions(self, context: Context, institute: str, year: SchoolYear) -> None:
        """After a write: the next read of that school year's interruptions goes to Informat again."""
        context.forget((I, "interruptions", institute, year.start_year))
        for key in [key for key in context.once_keys() if key[:3] == (I, "interruptions", "person")]:
            context.forget(key)

    # ---- people ----

    async def persons_in(
        self, context: Context, institute: str, year: SchoolYear | None
    ) -> list[PersonRecord]:
        return (await self._staff(context, institute, self.year(context, year))).all()

    async def persons_by_id(
        self, context: Context, wanted: Sequence[tuple[str, str, int | None]]
    ) -> dict[tuple[str, str, int | None], PersonRecord]:
        """``(institute, personId, year)``: from that year's staff list when the person is listed there
        (the list is read once per request anyway), else one ``GET /employees/{personId}``."""
        found: dict[tuple[str, str, int | None], PersonRecord] = {}
        for wanted_key in dict.fromkeys(wanted):
            institute, person_id, year_start = wanted_key
            year = self.year(context, year_start)
            if year_start is not None:
                listed = (await self._staff(context, institute, year)).of(person_id)
                if listed:
                    found[wanted_key] = listed[0]
                    continue
            record = await self._employee(context, institute, person_id, year)
            if record is not None:
                found[wanted_key] = record
        return found

    async def _employee(
        self, context: Context, institute: str, person_id: str, year: SchoolYear
    ) -> PersonRecord | None:
        client = self._client(context)

        async def load() -> PersonRecord | None:
            try:
                row = await self.with_token(
                    context,
                    lambda token: client.employee(token, institute, person_id, school_year_params(year)),
                )
            except UpstreamNotFound:
                return None
            if not row.get("personId"):
                return None
            context.work.add(I, fetched=1, converted=1)
            return rows.person(row, institute, year.start_year)

        return await context.once((I, "employee", institute, person_id, year.start_year), load)

    async def persons(self, context: Context, keys: Sequence[PersonKey]) -> dict[PersonKey, PersonRecord]:
        found = await self.persons_by_id(context, [(key.scope, key.person_id, key.year) for key in keys])
        return {
            key: found[(key.scope, key.person_id, key.year)]
            for key in keys
            if (key.scope, key.person_id, key.year) in found
        }

    async def employments(
        self, context: Context, keys: Sequence[PersonKey], query: EmploymentQuery
    ) -> dict[PersonKey, list[EmploymentRecord]]:
        return await self.employments_of(context, keys, query.school_year)

    async def absences(
        self, context: Context, keys: Sequence[PersonKey], query: AbsenceQuery
    ) -> dict[PersonKey, list[AbsenceRecord]]:
        return await self.absences_of(context, keys, query.school_year)

    # ---- employments ----

    async def _of_people(
        self,
        context: Context,
        keys: Sequence[PersonKey],
        year: SchoolYear | None,
        name: str,
        bulk: Callable[[Context, str, SchoolYear], Awaitable[Grouped[R]]],
        own: PersonFetch,
        convert: Callable[[Row, str, int], R],
    ) -> dict[PersonKey, list[R]]:
        """Each person's rows of one kind: their own list when they are alone in the batch, else the
        school year's list (once per request)."""
        groups: dict[tuple[str, SchoolYear], list[PersonKey]] = defaultdict(list)
        for key in dict.fromkeys(keys):
            groups[(key.scope, self.year(context, year if year is not None else key.year))].append(key)
        client = self._client(context)
        found: dict[PersonKey, list[R]] = {}
        for (institute, chosen), group in groups.items():
            if len(group) <= PER_ITEM_MAX and not context.holds((I, name, institute, chosen.start_year)):
                for key in group:

                    async def load(
                        key: PersonKey = key, institute: str = institute, chosen: SchoolYear = chosen
                    ) -> list[R]:
                        params = school_year_params(chosen)
                        got = await self.with_token(
                            context,
                            lambda token: own(client, token, institute, key.person_id, params),
                        )
                        mine = [row for row in got if rows.guid(row.get("personId")) == key.person_id]
                        context.work.add(I, fetched=len(got), converted=len(mine))
                        return [convert(row, institute, chosen.start_year) for row in mine]

                    found[key] = await context.once(
                        (I, name, "person", institute, key.person_id, chosen.start_year), load
                    )
                continue
            grouped = await bulk(context, institute, chosen)
            for key in group:
                found[key] = grouped.of(key.person_id)
        return found

    async def employments_of(
        self, context: Context, keys: Sequence[PersonKey], year: SchoolYear | None
    ) -> dict[PersonKey, list[EmploymentRecord]]:
        return await self._of_people(
            context,
            keys,
            year,
            "assignments",
            self._assignments,
            lambda c, t, i, p, q: c.person_assignments(t, i, p, q),
            rows.employment,
        )

    async def employments_in(
        self, context: Context, institute: str, year: SchoolYear | None
    ) -> list[EmploymentRecord]:
        return (await self._assignments(context, institute, self.year(context, year))).all()

    async def employment_by_id(
        self, context: Context, institute: str, year: int, ident: str
    ) -> EmploymentRecord | None:
        grouped = await self._assignments(context, institute, SchoolYear(year))
        index = await context.once(
            (I, "assignment-ids", institute, year),
            _by_id(grouped.rows, lambda row: rows.guid(row.get("id"))),
        )
        row = index.get(ident)
        return rows.employment(row, institute, year) if row is not None else None

    # ---- absences ----

    async def absences_of(
        self, context: Context, keys: Sequence[PersonKey], year: SchoolYear | None
    ) -> dict[PersonKey, list[AbsenceRecord]]:
        return await self._of_people(
            context,
            keys,
            year,
            "interruptions",
            self._interruptions,
            lambda c, t, i, p, q: c.person_interruptions(t, i, p, q),
            rows.interruption,
        )

    async def absences_in(
        self, context: Context, institute: str, year: SchoolYear | None
    ) -> list[AbsenceRecord]:
        return (await self._interruptions(context, institute, self.year(context, year))).all()

    async def absence_by_id(
        self, context: Context, institute: str, year: int, person_id: str, ident: str
    ) -> AbsenceRecord | None:
        key = PersonKey(I, institute, person_id, year=year)
        found = (await self.absences_of(context, [key], SchoolYear(year))).get(key, [])
        return next((record for record in found if record.absence_id == ident), None)

    # ---- institutes ----

    async def visible_institutes(self, context: Context) -> list[str]:
        """Configured schools, else those the gateway's token (or the caller's JWT) has scopes for."""
        configured = [number for number, _ in context.settings.informat_institutes]
        if configured:
            return configured
        caller = context.credentials.for_upstream(I)
        if caller is not None:
            return list(jwt_institutes(caller))
        await self.token(context)
        held = await context.upstreams.informat_tokens.token()
        return list(held.institutes) if held else []


def _by_id(
    grouped: dict[str, list[Row]], ident: Callable[[Row], str]
) -> Callable[[], Awaitable[dict[str, Row]]]:
    async def load() -> dict[str, Row]:
        return {ident(row): row for rows_ in grouped.values() for row in rows_}

    return load
