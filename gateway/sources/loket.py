"""Loket as a source of employers, people, employments and absences: a data plan per request.

Every list a request needs is fetched, converted into records and indexed once per request
(``Context.once``); resolvers then take each parent's rows from the index, so no resolver
scans an employer-wide list per parent. Which endpoints serve a batch of people depends on
its size (``choose``):

- ``PER_ITEM``: one employee (or one employment) reads its own endpoints
  (``/employees/{id}/employments``, ``/employees/{id}/absences``,
  ``/employments/{id}/organizationalentities``); the rows are exactly that person's.
- ``FILTERED``: a few employees read the employer-wide lists with a ``filter`` on their
  employee numbers (``employee.employeeNumber eq 12 or ...``), split into as few requests as
  keep every URL under ``MAX_URL`` (about 40 numbers each); the rows are the batch's only.
- ``WHOLE``: when the whole employer's list takes fewer requests than the filtered ones and
  the batch is at least a fifth of the employer (``WHOLE_SHARE``; or the filtered requests
  would pass ``FILTERED_MAX_CALLS``), the employer-wide lists whole. The employer's size is
  known only when this request listed its employees unfiltered (the page reports it);
  without it the plan never reads a whole employer.

So one person costs the same at any employer size, 25 people cost one request per list, and
200 of a 450-person employer cost one request per list. The employer-wide lists are the
real ones (``../shared/reference/loket-endpoints.json``): ``employees/employments``,
``leavebalances?referenceDate=`` (employment-rooted rows with the organizational entity of
the reference date: the job title and department), ``calendar/absences`` and
``calendar/leave`` (both need ``startDate``/``endDate``; leave there is taken leave only).
Lists are paged by the page size Loket reports.
"""

from __future__ import annotations

import asyncio
import math
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import date, timedelta
from enum import Enum
from typing import Any, TypeVar

from gateway.caches import caches_of
from gateway.context import Context
from gateway.dialects import loket as dialect
from gateway.dialects.evaluate import distinct_keys, sort_key, sort_records
from gateway.dialects.filters import AllOf, Condition, Filter, Op, all_of, any_of, rename
from gateway.dialects.loket import OrderKey
from gateway.exceptions import UpstreamForbidden, UpstreamNotFound
from gateway.names import Upstream
from gateway.paging import Page, Window
from gateway.records import (
    AbsenceKind,
    AbsenceQuery,
    AbsenceRecord,
    EmployerRecord,
    EmploymentQuery,
    EmploymentRecord,
    PersonKey,
    PersonRecord,
    day,
)
from gateway.secrets import Secret
from gateway.shared import codecs
from gateway.sources import loket_rows as rows
from gateway.upstreams.loket import (
    CALENDAR_ABSENCES,
    CALENDAR_LEAVE,
    EMPLOYEE_ABSENCES,
    EMPLOYEE_EMPLOYMENTS,
    EMPLOYEES,
    EMPLOYER_EMPLOYMENTS,
    LEAVE_BALANCES,
    MAX_PAGE_SIZE,
    ORG_ENTITIES,
    LoketClient,
    LoketPage,
)
from gateway.upstreams.paths import Endpoint

Row = dict[str, Any]
T = TypeVar("T")
U = Upstream.LOKET

PER_ITEM_MAX = 1
# the whole employer's list instead of filtered requests, when it takes fewer requests and the batch
# is at least this share of the employer (or the filtered requests would pass FILTERED_MAX_CALLS)
WHOLE_SHARE = 1 / 5
DEFAULT_PERIOD = timedelta(days=365)
FILTERED_MAX_CALLS = 8
# employments (and leave-balance rows) per employee, to estimate a whole list's pages
ROWS_PER_EMPLOYEE = 1.25
EMPLOYER_CACHE = "loket.employers"

NUMBER = ("employee", "employeeNumber")
CALENDAR_NUMBER = ("employment", "employee", "employeeNumber")

# PersonFilter / PersonOrder attribute -> Loket employee field path
PERSON_PATHS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("first_name",): ("personalDetails", "firstName"),
    ("last_name",): ("personalDetails", "lastName"),
    ("initials",): ("personalDetails", "initials"),
    ("date_of_birth",): ("personalDetails", "dateOfBirth"),
    ("employee_number",): ("employeeNumber",),
}
EMPLOYER_PATHS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("company_name",): ("companyName",),
    ("city",): ("address", "city"),
    ("employer_number",): ("employerNumber",),
}


class Plan(Enum):
    PER_ITEM = "per-item"
    FILTERED = "filtered"
    WHOLE = "whole"


def choose(items: int, filtered_calls: int, employer_size: int | None) -> Plan:
    """The cheapest way to read the rows of ``items`` employees (or employments) of one employer."""
    if items <= PER_ITEM_MAX:
        return Plan.PER_ITEM
    if employer_size is None:
        return Plan.FILTERED  # never pull an employer of unknown size for a batch
    whole_calls = max(1, math.ceil(employer_size * ROWS_PER_EMPLOYEE / MAX_PAGE_SIZE))
    if whole_calls < filtered_calls and (
        items >= employer_size * WHOLE_SHARE or filtered_calls > FILTERED_MAX_CALLS
    ):
        return Plan.WHOLE
    return Plan.FILTERED


def _numbers(path: tuple[str, ...], numbers: Sequence[int]) -> str:
    return dialect.render_filter(Condition(path, Op.IN, tuple(numbers)))


def _chunk_lengths(
    values: Sequence[Any],
    render: Callable[[Sequence[Any]], str],
    size: Callable[[Sequence[Any]], int],
    encoded_length: Callable[[str], int],
) -> Callable[[int, int], int] | None:
    """How many values from ``start`` fit in ``room``, estimated from each value's own clause length
    (``size`` of two and three values gives a chunk's fixed part and the separator); None with
    fewer than three values, where measuring is as cheap as estimating."""
    if len(values) < 3:
        return None
    own = [encoded_length(render([value])) for value in values]
    separator = size(values[:3]) - size(values[:2]) - own[2]
    fixed = size(values[:2]) - own[0] - own[1] - separator  # brackets and the rest of the filter

    def estimate(start: int, room: int) -> int:
        count, length = 1, fixed + own[start]
        for index in range(start + 1, len(values)):
            length += separator + own[index]
            if length > room:
                break
            count += 1
        return count

    return estimate


def _and(*texts: str | None) -> str | None:
    kept = [text for text in texts if text]
    if not kept:
        return None
    return " and ".join(f"({text})" if len(kept) > 1 else text for text in kept)


class LoketSource:
    """Stateless: everything per request lives in the ``Context`` (credential, memo, facts)."""

    upstream = U

    @staticmethod
    def _client(context: Context) -> LoketClient:
        return context.upstreams.loket

    @staticmethod
    def _token(context: Context) -> Secret:
        return context.credential(U)

    def _count(self, context: Context, *, fetched: int = 0, converted: int = 0) -> None:
        context.work.add(U, fetched=fetched, converted=converted)

    # ---- employers ----

    async def employers_page(
        self, context: Context, tree: Filter | None, order: list[OrderKey], win: Window
    ) -> Page[EmployerRecord]:
        """One page of the employers the caller's Loket user may see, filtered and ordered by Loket."""
        token, client = self._token(context), self._client(context)
        text = dialect.render_filter(rename(tree, EMPLOYER_PATHS)) if tree else None
        if win.limit == 0:
            page = await client.employers(token, page_size=1, filter=text)
            return Page([], win, page.total)
        plan = dialect.page_plan(win.offset, win.limit)
        order_text = dialect.render_order([OrderKey(EMPLOYER_PATHS[k.path], k.descending) for k in order])
        found: list[Row] = []
        total = 0
        for number, size in plan.pages:
            page = await client.employers(
                token, page_number=number, page_size=size, filter=text, order_by=order_text
            )
            found.extend(page.items)
            total = page.total
        chosen = found[plan.skip : plan.skip + win.limit]
        self._count(context, fetched=len(found), converted=len(chosen))
        return Page([rows.employer(row) for row in chosen], win, total)

    async def employers_by_id(self, context: Context, ids: Iterable[str]) -> dict[str, EmployerRecord]:
        """Employers by id from one list call: a Loket user sees a handful. The list is what the token
        may see, so it is shared across requests under the token's hash (``gateway.caches``)."""
        wanted = list(ids)
        if not wanted:
            return {}
        token, client = self._token(context), self._client(context)

        async def fetch() -> dict[str, EmployerRecord]:
            page = await client.employers(token, page_size=MAX_PAGE_SIZE)
            self._count(context, fetched=len(page.items), converted=len(page.items))
            return {str(row["id"]): rows.employer(row) for row in page.items}

        async def shared() -> dict[str, EmployerRecord]:
            return await caches_of(context)[EMPLOYER_CACHE].get_or_load(
                token, "visible", fetch, codecs.EMPLOYERS
            )

        visible = await context.once((U, "employers"), shared)
        return {ident: visible[ident] for ident in wanted if ident in visible}

    # ---- people ----

    async def persons_page(
        self, context: Context, employer_id: str, tree: Filter | None, order: list[OrderKey], win: Window
    ) -> Page[PersonRecord]:
        """Employees of one employer, filtered, ordered and paged by Loket; the rows prime the by-id
        lookups, and an unfiltered page's total tells the employer's size to the data plan."""
        token, client = self._token(context), self._client(context)
        text = dialect.render_filter(rename(tree, PERSON_PATHS)) if tree else None
        order_text = dialect.render_order([OrderKey(PERSON_PATHS[k.path], k.descending) for k in order])
        if win.limit == 0:
            page = await client.employees(token, employer_id, page_size=1, filter=text)
            return Page([], win, page.total)
        plan = dialect.page_plan(win.offset, win.limit)

        def fetch(number: int, size: int) -> Callable[[], Awaitable[LoketPage]]:
            return lambda: client.employees(
                token, employer_id, page_number=number, page_size=size, filter=text, order_by=order_text
            )

        pages = await asyncio.gather(
            *(
                context.once(
                    (U, "employees", employer_id, number, size, text, order_text), fetch(number, size)
                )
                for number, size in plan.pages
            )
        )
        found = [row for page in pages for row in page.items]
        chosen = found[plan.skip : plan.skip + win.limit]
        total = pages[-1].total
        if text is None:
            context.facts[(U, "employer-size", employer_id)] = total
        self._count(context, fetched=len(found), converted=len(chosen))
        records = [rows.person(row, employer_id) for row in chosen]
        for record in records:
            context.facts[(U, "person", employer_id, record.key.person_id)] = record
        return Page(records, win, total)

    async def persons_by_id(
        self, context: Context, wanted: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], PersonRecord]:
        """``(employerId, employeeId)`` -> person: known ones from this request, the rest through one
        ``id`` filter per employer (split to keep URLs short)."""
        found: dict[tuple[str, str], PersonRecord] = {}
        missing: dict[str, list[str]] = defaultdict(list)
        for employer_id, employee_id in dict.fromkeys(wanted):
            known = context.facts.get((U, "person", employer_id, employee_id))
            if known is not None:
                found[(employer_id, employee_id)] = known
            else:
                missing[employer_id].append(employee_id)
        if not missing:
            return found
        token, client = self._token(context), self._client(context)

        async def one_employer(employer_id: str, ids: list[str]) -> list[PersonRecord]:
            texts = self._split(
                client, EMPLOYEES, {"employerId": employer_id}, ids, lambda part: _ids_filter(part), None
            )
            pages = await asyncio.gather(
                *(client.all_rows(token, EMPLOYEES, {"employerId": employer_id}, filter=t) for t in texts)
            )
            got = [row for page in pages for row in page]
            self._count(context, fetched=len(got), converted=len(got))
            return [rows.person(row, employer_id) for row in got]

        results = await asyncio.gather(*(one_employer(e, ids) for e, ids in missing.items()))
        for employer_id, records in zip(missing, results, strict=True):
            for record in records:
                context.facts[(U, "person", employer_id, record.key.person_id)] = record
                found[(employer_id, record.key.person_id)] = record
        return found

    async def persons(self, context: Context, keys: Sequence[PersonKey]) -> dict[PersonKey, PersonRecord]:
        found = await self.persons_by_id(context, [(key.scope, key.person_id) for key in keys])
        return {key: found[(key.scope, key.person_id)] for key in keys if (key.scope, key.person_id) in found}

    async def employments(
        self, context: Context, keys: Sequence[PersonKey], query: EmploymentQuery
    ) -> dict[PersonKey, list[EmploymentRecord]]:
        return await self.employments_of(context, keys, query.reference_date or context.today())

    async def absences(
        self, context: Context, keys: Sequence[PersonKey], query: AbsenceQuery
    ) -> dict[PersonKey, list[AbsenceRecord]]:
        first, last = period(context, query)
        return await self.absences_of(context, keys, first, last)

    # ---- the data plan ----

    @staticmethod
    def _split(
        client: LoketClient,
        endpoint: Endpoint,
        ids: dict[str, str],
        values: Sequence[Any],
        render: Callable[[Sequence[Any]], str],
        extra: dict[str, str] | None,
        base: str | None = None,
    ) -> list[str]:
        """``filter`` texts covering ``values`` in order, each as long as a URL under ``MAX_URL`` allows.

        Percent-encoding works character by character, so a filter naming k values is as long as
        a fixed part plus each value's own clause plus k - 1 separators. Each value's clause is
        measured once and a chunk is grown along those lengths; the chunk found is then rendered
        and measured for real, and only if the estimate was wrong (a render that does not add up)
        does a binary search find the longest prefix that fits. So a request of 200 employee
        numbers renders its few chunks about once each, not once per value or per probe."""
        room = client.filter_room(endpoint, ids, extra)

        def size(part: Sequence[Any]) -> int:
            return client.encoded_length(_and(base, render(part)) or "")

        def longest(start: int) -> int:
            low, high = 1, len(values) - start  # the first value always goes, even alone too long
            while low < high:
                middle = (low + high + 1) // 2
                if size(values[start : start + middle]) <= room:
                    low = middle
                else:
                    high = middle - 1
            return low

        estimate = _chunk_lengths(values, render, size, client.encoded_length)
        texts: list[str] = []
        start = 0
        while start < len(values):
            count = estimate(start, room) if estimate is not None else 0
            fits = count > 0 and size(values[start : start + count]) <= room
            grows = start + count < len(values) and size(values[start : start + count + 1]) <= room
            if not fits or grows:
                count = longest(start)
            texts.append(_and(base, render(values[start : start + count])) or "")
            start += count
        return texts

    async def _batched(
        self,
        context: Context,
        employer_id: str,
        keys: Sequence[PersonKey],
        endpoint: Endpoint,
        number_path: tuple[str, ...],
        extra: dict[str, str] | None,
        label: str,
        per_item: Callable[[PersonKey], Awaitable[list[Row]]] | None,
        measure: Callable[[list[Row]], int] = len,
    ) -> list[list[Row]]:
        """The rows of ``endpoint`` for ``keys`` by the plan, each fetch once per request (and counted
        then, by ``measure``); returns the fetched row lists (the caller indexes them)."""
        token, client = self._token(context), self._client(context)
        ids = {"employerId": employer_id}
        numbers = sorted({key.number for key in keys if key.number is not None})
        size = context.facts.get((U, "employer-size", employer_id))

        def render(part: Sequence[Any]) -> str:
            return _numbers(number_path, part)

        # the fewest filtered requests there could be, from one render of every number: enough to
        # rule the whole list in or out without splitting; the split itself only for a filtered plan
        room = max(1, client.filter_room(endpoint, ids, extra))
        fewest = math.ceil(client.encoded_length(render(numbers)) / room) if numbers else 0
        plan = choose(len(keys), fewest, size)
        texts: list[str] = []
        if plan is Plan.FILTERED or (plan is Plan.PER_ITEM and per_item is None):
            texts = self._split(client, endpoint, ids, numbers, render, extra)
            plan = choose(len(keys), len(texts), size)

        def counted(
            read: Callable[[PersonKey], Awaitable[list[Row]]], key: PersonKey
        ) -> Callable[[], Awaitable[list[Row]]]:
            async def load() -> list[Row]:
                got = await read(key)
                self._count(context, fetched=measure(got))
                return got

            return load

        if plan is Plan.PER_ITEM and per_item is not None:
            key = keys[0]
            return [await context.once((U, label, "item", key.person_id, str(extra)), counted(per_item, key))]
        if plan is Plan.WHOLE or len(numbers) < len({key.person_id for key in keys}):
            # a person without an employee number cannot be named in a filter: read the whole list
            # rather than miss their rows (Loket always gives one; this only guards the answer)
            texts = [""]

        def fetch(text: str) -> Callable[[], Awaitable[list[Row]]]:
            async def load() -> list[Row]:
                got = await client.all_rows(token, endpoint, ids, filter=text or None, extra=extra)
                self._count(context, fetched=measure(got))
                return got

            return load

        return list(
            await asyncio.gather(
                *(context.once((U, label, employer_id, text, str(extra)), fetch(text)) for text in texts)
            )
        )

    # ---- employments ----

    async def employments_of(
        self, context: Context, keys: Sequence[PersonKey], on: date
    ) -> dict[PersonKey, list[EmploymentRecord]]:
        """Each person's employments, with the job title and department valid on ``on``."""
        return await _per_employer(
            keys, lambda employer, group: self._employments_at(context, employer, group, on)
        )

    async def _employments_at(
        self, context: Context, employer_id: str, keys: list[PersonKey], on: date
    ) -> dict[PersonKey, list[EmploymentRecord]]:
        token, client = self._token(context), self._client(context)

        async def own(key: PersonKey) -> list[Row]:
            return await client.all_rows(token, EMPLOYEE_EMPLOYMENTS, {"employeeId": key.person_id})

        fetched = await self._batched(
            context, employer_id, keys, EMPLOYER_EMPLOYMENTS, NUMBER, None, "employments", own
        )
        wanted = {key.person_id for key in keys}
        chosen = [row for batch in fetched for row in batch if rows.employee_id_of(row) in wanted]
        entities = await self._entities(context, employer_id, keys, chosen, on)
        by_person: dict[str, list[EmploymentRecord]] = defaultdict(list)
        seen: set[str] = set()
        for row in chosen:
            if row["id"] in seen:
                continue
            seen.add(row["id"])
            by_person[rows.employee_id_of(row) or ""].append(
                rows.employment(row, employer_id, entities.get(rows.employment_join(row)))
            )
        self._count(context, converted=len(seen))
        return {key: by_person.get(key.person_id, []) for key in keys}

    async def _entities(
        self, context: Context, employer_id: str, keys: list[PersonKey], employments: list[Row], on: date
    ) -> dict[rows.EmploymentJoin, Row]:
        """The organizational entity valid on ``on`` per employment: one employment reads its own
        entities; more read the employer-wide leave balances of ``on`` (filtered or whole)."""
        token, client = self._token(context), self._client(context)
        if len(employments) == 1:
            employment = employments[0]

            async def own() -> list[Row]:
                got = await client.all_rows(token, ORG_ENTITIES, {"employmentId": str(employment["id"])})
                self._count(context, fetched=len(got))
                return got

            entities = await context.once((U, "entities", employment["id"]), own)
            valid = next((entity for entity in entities if rows.valid_on(entity, on)), None)
            return {rows.employment_join(employment): valid} if valid else {}
        if not employments:
            return {}
        fetched = await self._batched(
            context,
            employer_id,
            keys,
            LEAVE_BALANCES,
            NUMBER,
            {"referenceDate": on.isoformat()},
            "leavebalances",
            None,
        )
        return rows.entities_by_employment(row for batch in fetched for row in batch)

    async def employments_in(
        self, context: Context, employer_id: str, on: date, tree: Filter | None = None
    ) -> list[EmploymentRecord]:
        """The employments of an employer (a root list). A filter on the department or job title is
        pushed down to the leave-balance list (whose rows carry the organizational entity of ``on``),
        and only the employments of the employees it names are read; the gateway still applies the
        whole filter afterwards, so the push-down only narrows what is fetched. Without such a filter
        the employer's lists are read whole (the answer is employer-wide)."""
        token, client = self._token(context), self._client(context)
        ids = {"employerId": employer_id}
        reference = {"referenceDate": on.isoformat()}
        entity_filter = entity_pushdown(tree)
        dates = dates_pushdown(tree)

        def joined(found: list[Row], balances: list[Row], *, only_joined: bool) -> list[EmploymentRecord]:
            entities = rows.entities_by_employment(balances)
            kept = [row for row in found if not only_joined or rows.employment_join(row) in entities]
            self._count(context, fetched=len(found) + len(balances), converted=len(kept))
            return [
                rows.employment(row, employer_id, entities.get(rows.employment_join(row))) for row in kept
            ]

        async def whole() -> list[EmploymentRecord]:
            found, balances = await asyncio.gather(
                client.all_rows(token, EMPLOYER_EMPLOYMENTS, ids, filter=dates),
                client.all_rows(token, LEAVE_BALANCES, ids, extra=reference),
            )
            return joined(found, balances, only_joined=False)

        async def narrowed() -> list[EmploymentRecord]:
            balances = await client.all_rows(
                token, LEAVE_BALANCES, ids, filter=entity_filter, extra=reference
            )
            found = await self._employment_rows_of(context, employer_id, balances, dates)
            return joined(found, balances, only_joined=True)

        if entity_filter is None:
            return await context.once((U, "employments-in", employer_id, on, dates), whole)
        return await context.once((U, "employments-in", employer_id, on, entity_filter, dates), narrowed)

    @staticmethod
    def answers_from_balances(tree: Filter | None, order: Sequence[OrderKey]) -> bool:
        """Whether an employer's employment list with this filter and order can be filtered, ordered
        and counted on leave-balance rows alone (``employment_candidates``): a department or job-title
        condition to push down, and nothing but those and the dates in the filter or the order."""
        return (
            entity_pushdown(tree) is not None
            and _paths(tree) <= BALANCE_PATHS
            and {key.path for key in order} <= BALANCE_PATHS
        )

    async def employment_candidates(
        self, context: Context, employer_id: str, on: date, tree: Filter | None
    ) -> list[EmploymentRecord]:
        """The employments ``tree`` may match, built from the leave-balance rows its department or job
        title (and dates) narrow to: the rows are employment-rooted (dates, employee, organizational
        entity of ``on``), so filtering, ordering and counting need no employment list. Their
        ``employment_id`` is provisional (the balance row's own id: that it is the employment's is not
        documented); ``resolve_candidates`` turns the few on a page into the real employments.

        So a team page reads the department's balance rows and then the employments of the 25 people
        on the page, not those of the whole department: at scale 20 (a department of hundreds) that
        is 3 + 1 requests instead of 3 + 46.
        """
        token, client = self._token(context), self._client(context)
        pushed = _and(entity_pushdown(tree), dates_pushdown(tree))
        reference = {"referenceDate": on.isoformat()}

        async def load() -> list[EmploymentRecord]:
            balances = await client.all_rows(
                token, LEAVE_BALANCES, {"employerId": employer_id}, filter=pushed, extra=reference
            )
            found = []
            for row in balances:
                record = rows.balance_employment(row, employer_id)
                context.facts[(U, "candidate", employer_id, record.employment_id)] = row
                found.append(record)
            self._count(context, fetched=len(balances), converted=len(found))
            return found

        return await context.once((U, "candidates", employer_id, on, pushed), load)

    async def employment_page_by_title(
        self,
        context: Context,
        employer_id: str,
        on: date,
        tree: Filter | None,
        order: Sequence[OrderKey],
        win: Window,
    ) -> Page[EmploymentRecord] | None:
        """A page of an employer's employments ordered by job title, read as a page from the leave
        balances: Loket filters, orders and counts, so the work follows the page, not the department.

        The job title is the deviating description when there is one, else the function's, an order
        Loket cannot sort by in one list. So three filtered lists are read, each at most as long as
        the window's end: the rows without a deviating title ordered by the function's, the rows with
        one ordered by it, and the rows with no title (last, as the gateway orders missing values).
        The first two are merged; their ``totalSize`` sum is the count. ``None`` (use the
        department-wide read) when the filter is not exactly expressible on the balance rows, the
        order is not by the job title alone, the window ends past one page, or an upstream list comes
        back in another order than the gateway's (its collation differs): the answer never changes.
        """
        keys = distinct_keys(order)
        expressible, base = exact_balance_filter(tree)
        end = win.offset + win.limit
        if (
            len(keys) != 1
            or keys[0].path != ("job_title",)
            or not expressible
            or not 0 < end <= MAX_PAGE_SIZE
        ):
            return None
        descending = keys[0].descending
        token, client = self._token(context), self._client(context)
        ids, reference = {"employerId": employer_id}, {"referenceDate": on.isoformat()}
        deviating, function = _DEVIATING, _FUNCTION
        sign = "-" if descending else ""
        streams = [
            (f"{deviating} eq null and {function} ne null", sign + function),
            (f"{deviating} ne null", sign + deviating),
            (f"{deviating} eq null and {function} eq null", None),
        ]
        pages = await asyncio.gather(
            *(
                client.page(
                    token, LEAVE_BALANCES, ids, page_size=end, filter=_and(base, part),
                    order_by=by, extra=reference,
                )
                for part, by in streams
            )
        )  # fmt: skip
        if any(len(page.items) < min(end, page.total) for page in pages):
            return None  # Loket gave a shorter page than asked (a capped pageSize): read the department
        lists: list[list[tuple[EmploymentRecord, Row]]] = []
        for page in pages:
            lists.append(
                [(rows.balance_employment(row, employer_id), row) for row in page.items]
            )  # fmt: skip
        titled = lists[0] + lists[1]
        for found in lists[:2]:
            titles = [sort_key(record.job_title) for record, _ in found]
            if titles != sorted(titles, reverse=descending):
                return None  # Loket ordered otherwise than the gateway would: read the department
        merged = [pair for pair in sort_records(titled, keys, lambda pair, _: pair[0].job_title)] + lists[2]
        self._count(context, fetched=sum(len(found) for found in lists), converted=len(merged))
        chosen = merged[win.offset : end]
        for record, row in chosen:
            context.facts[(U, "candidate", employer_id, record.employment_id)] = row
        total = sum(page.total for page in pages)
        return Page([record for record, _ in chosen], win, total)

    async def resolve_candidates(
        self, context: Context, employer_id: str, candidates: Sequence[EmploymentRecord]
    ) -> list[EmploymentRecord]:
        """The real employments behind ``candidates`` (from ``employment_candidates``), in their order:
        the employer's employment list filtered to their employees' numbers, joined on employee,
        income relationship and start date, as the leave balances are joined everywhere else."""
        if not candidates:
            return []
        balances = [context.facts[(U, "candidate", employer_id, c.employment_id)] for c in candidates]
        employments = await self._employment_rows_of(context, employer_id, balances)
        by_join = {rows.employment_join(row): row for row in employments}
        self._count(context, fetched=len(by_join))
        resolved = []
        for row in balances:
            found = by_join.get(rows.employment_join(row))
            if found is not None:
                resolved.append(rows.employment(found, employer_id, rows.balance_entity(row)))
        self._count(context, converted=len(resolved))
        return resolved

    async def _employment_rows_of(
        self, context: Context, employer_id: str, balances: Iterable[Row], base: str | None = None
    ) -> list[Row]:
        """The employer's employment rows of the employees these leave-balance rows name (and
        ``base``), in as few requests as keep every URL short enough (``_split``)."""
        numbers = sorted({number for row in balances if (number := rows.employee_number(row)) is not None})
        token, client = self._token(context), self._client(context)
        ids = {"employerId": employer_id}
        texts = self._split(
            client, EMPLOYER_EMPLOYMENTS, ids, numbers, lambda part: _numbers(NUMBER, part), None, base
        )
        pages = await asyncio.gather(
            *(client.all_rows(token, EMPLOYER_EMPLOYMENTS, ids, filter=text) for text in texts)
        )
        return [row for page in pages for row in page]

    async def employment_by_id(
        self, context: Context, employer_id: str, employment_id: str
    ) -> EmploymentRecord | None:
        """One employment (its own GET) with the entity valid today, only under its own employer."""
        token, client = self._token(context), self._client(context)
        try:
            item, entities = await asyncio.gather(
                client.employment(token, employment_id),
                client.all_rows(token, ORG_ENTITIES, {"employmentId": employment_id}),
            )
        except (UpstreamNotFound, UpstreamForbidden):
            return None
        employee_id = rows.employee_id_of(item.content)
        # the item names its employee, not its employer: the employer in the id must be theirs
        if employee_id is None or not await self.persons_by_id(context, [(employer_id, employee_id)]):
            return None
        on = context.today()
        self._count(context, fetched=1 + len(entities), converted=1)
        valid = next((entity for entity in entities if rows.valid_on(entity, on)), None)
        return rows.employment(item.content, employer_id, valid)

    # ---- absences ----

    async def absences_of(
        self, context: Context, keys: Sequence[PersonKey], first: date, last: date
    ) -> dict[PersonKey, list[AbsenceRecord]]:
        """Each person's sickness (absence endpoints) and taken leave (leave calendar) overlapping
        ``first .. last``."""
        return await _per_employer(
            keys, lambda employer, group: self._absences_at(context, employer, group, first, last)
        )

    async def _absences_at(
        self, context: Context, employer_id: str, keys: list[PersonKey], first: date, last: date
    ) -> dict[PersonKey, list[AbsenceRecord]]:
        token, client = self._token(context), self._client(context)
        period = {"startDate": first.isoformat(), "endDate": last.isoformat()}
        overlapping = (
            f"progress.startDate le {dialect.literal(last)} and "
            f"(endOfAbsence.date eq null or endOfAbsence.date ge {dialect.literal(first)})"
        )

        async def own(key: PersonKey) -> list[Row]:
            found = await client.all_rows(
                token, EMPLOYEE_ABSENCES, {"employeeId": key.person_id}, filter=overlapping
            )
            # shaped like a calendar row, so both plans index the same way
            return [{"employment": {"employee": {"id": key.person_id}}, "absences": found}]

        sick, taken = await asyncio.gather(
            self._batched(
                context,
                employer_id,
                keys,
                CALENDAR_ABSENCES,
                CALENDAR_NUMBER,
                period,
                "calendar-absences",
                own,
                _items("absences"),
            ),
            self._batched(
                context,
                employer_id,
                keys,
                CALENDAR_LEAVE,
                CALENDAR_NUMBER,
                period,
                "calendar-leave",
                None,
                _items("leave"),
            ),
        )
        records = rows.calendar_records(
            (row for batch in sick for row in batch),
            (row for batch in taken for row in batch),
            employer_id,
            {key.person_id for key in keys},
        )
        self._count(context, converted=len(records))
        by_person: dict[str, list[AbsenceRecord]] = defaultdict(list)
        for record in records:
            by_person[record.person_id].append(record)
        return {key: by_person.get(key.person_id, []) for key in keys}

    async def absences_in(
        self, context: Context, employer_id: str, first: date, last: date, tree: Filter | None = None
    ) -> list[AbsenceRecord]:
        """Every absence and taken leave at an employer overlapping the period (a root list). A filter
        that rules out a kind skips its calendar: sickness is only in the absence calendar, leave only
        in the leave calendar."""
        token, client = self._token(context), self._client(context)
        period = {"startDate": first.isoformat(), "endDate": last.isoformat()}
        kinds = kinds_allowed(tree)

        async def calendar(endpoint: Endpoint, kind: AbsenceKind) -> list[Row]:
            if kind not in kinds:
                return []
            return await client.all_rows(token, endpoint, {"employerId": employer_id}, extra=period)

        async def load() -> list[AbsenceRecord]:
            sick, taken = await asyncio.gather(
                calendar(CALENDAR_ABSENCES, AbsenceKind.SICKNESS), calendar(CALENDAR_LEAVE, AbsenceKind.LEAVE)
            )
            found = rows.calendar_records(sick, taken, employer_id)
            fetched = _items("absences")(sick) + _items("leave")(taken)
            self._count(context, fetched=fetched, converted=len(found))
            return found

        return await context.once((U, "absences-in", employer_id, first, last, frozenset(kinds)), load)

    async def absence_by_id(
        self, context: Context, employer_id: str, employee_id: str, item: str, ident: str
    ) -> AbsenceRecord | None:
        """One absence or leave entry (its own GET, with the ETag a close needs), only under the
        employee its id names: Loket's item shows no employee, so the employee's own list is asked
        in parallel whether it holds the item (an id relabelled with someone else's ids finds
        nothing rather than the wrong person)."""
        token, client = self._token(context), self._client(context)

        async def load() -> AbsenceRecord | None:
            try:
                if item == "absence":
                    found, theirs = await asyncio.gather(
                        client.absence(token, ident),
                        self._employee_holds_absence(context, employee_id, ident),
                    )
                else:
                    found = await client.leave(token, ident)
                    theirs = await self._employee_holds_leave(
                        context, employer_id, employee_id, found.content
                    )
            except (UpstreamNotFound, UpstreamForbidden):
                return None
            if not theirs:
                return None
            self._count(context, fetched=1, converted=1)
            if item == "absence":
                return rows.absence(found.content, employer_id, employee_id, version=found.etag)
            return rows.leave(found.content, employer_id, employee_id)

        return await context.once((U, "item", item, ident), load)

    async def _employee_holds_absence(self, context: Context, employee_id: str, ident: str) -> bool:
        token, client = self._token(context), self._client(context)
        text = dialect.render_filter(Condition(("id",), Op.EQ, ident))
        return bool(await client.all_rows(token, EMPLOYEE_ABSENCES, {"employeeId": employee_id}, filter=text))

    async def _employee_holds_leave(
        self, context: Context, employer_id: str, employee_id: str, leave: Row
    ) -> bool:
        """Whether the employee's taken-leave calendar over the entry's own days lists it."""
        person = (await self.persons_by_id(context, [(employer_id, employee_id)])).get(
            (employer_id, employee_id)
        )
        first, last = day(leave.get("startDate")), day(leave.get("endDate"))
        if person is None or person.employee_number is None or first is None or last is None:
            return False
        token, client = self._token(context), self._client(context)
        found = await client.all_rows(
            token,
            CALENDAR_LEAVE,
            {"employerId": employer_id},
            filter=_numbers(CALENDAR_NUMBER, [person.employee_number]),
            extra={"startDate": first.isoformat(), "endDate": last.isoformat()},
        )
        return any(
            item["id"] == leave.get("id") for row in found for item in rows.calendar_items(row, "leave")
        )

    def forget_absence(self, context: Context, ident: str) -> None:
        """After a write: the next read of this absence in the request goes to Loket again."""
        context.forget((U, "item", "absence", ident))

    async def create_absence(
        self, context: Context, employer_id: str, employee_id: str, body: dict[str, Any]
    ) -> AbsenceRecord:
        item = await self._client(context).create_absence(self._token(context), employee_id, body)
        return rows.absence(item.content, employer_id, employee_id, version=item.etag)

    async def close_absence(
        self,
        context: Context,
        employer_id: str,
        employee_id: str,
        ident: str,
        body: dict[str, Any],
        if_match: str,
    ) -> AbsenceRecord:
        item = await self._client(context).close_absence(self._token(context), ident, body, if_match=if_match)
        self.forget_absence(context, ident)
        return rows.absence(item.content, employer_id, employee_id, version=item.etag)


def period(context: Context, query: AbsenceQuery) -> tuple[date, date]:
    """The period asked for; without one, the twelve months up to today (``DEFAULT_PERIOD``)."""
    last = query.last or max(context.today(), query.first or context.today())
    return query.first or last - DEFAULT_PERIOD, last


# Employment attribute -> the leave-balance row paths that hold it (``rows.job_title``'s rule)
ENTITY_PATHS: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {
    ("department",): (("organizationalEntity", "department", "description"),),
    ("job_title",): (
        ("organizationalEntity", "deviatingFunctionDescription"),
        ("organizationalEntity", "function", "description"),
    ),
}


def _required(tree: Filter | None) -> list[Condition]:
    """The conditions every match must meet (the top-level ``and``)."""
    if isinstance(tree, Condition):
        return [tree]
    if isinstance(tree, AllOf):
        return [part for part in tree.parts if isinstance(part, Condition)]
    return []


def entity_pushdown(tree: Filter | None) -> str | None:
    """A leave-balance ``filter`` that keeps at least every employment ``tree`` can match: equality on
    the department or job title only (Loket's ``lk`` may not ignore case as ``contains`` does)."""
    pieces: list[Filter] = []
    for condition in _required(tree):
        if condition.path in ENTITY_PATHS and condition.op in (Op.EQ, Op.IN):
            pieces.append(
                any_of(
                    [Condition(path, condition.op, condition.value) for path in ENTITY_PATHS[condition.path]]
                )
            )
    found = all_of(pieces)
    return dialect.render_filter(found) if found is not None else None


DATE_PATHS = {("start_date",): ("startDate",), ("end_date",): ("endDate",)}
# Employment fields a leave-balance row holds as the employment list does (``employment_candidates``)
BALANCE_PATHS = frozenset({*ENTITY_PATHS, *DATE_PATHS})


def _paths(tree: Filter | None) -> set[tuple[str, ...]]:
    """Every field path ``tree`` compares."""
    if tree is None:
        return set()
    if isinstance(tree, Condition):
        return {tree.path}
    return {path for part in tree.parts for path in _paths(part)}


_DEVIATING = "organizationalEntity.deviatingFunctionDescription"
_FUNCTION = "organizationalEntity.function.description"
# Employment attribute -> the leave-balance row path holding exactly it (the job title has none: it is
# one of two fields, see ``employment_page_by_title``)
EXACT_BALANCE_PATHS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("department",): ("organizationalEntity", "department", "description"),
    ("start_date",): ("startDate",),
    ("end_date",): ("endDate",),
}


def exact_balance_filter(tree: Filter | None) -> tuple[bool, str | None]:
    """``(True, filter)``: ``tree`` as a leave-balance ``filter`` that keeps exactly the rows it matches
    (``None``: no filter); ``(False, None)`` when that cannot be written (another field, or
    ``contains``, whose case rules Loket's ``lk`` may not share)."""
    if tree is None:
        return True, None
    if not _paths(tree) <= set(EXACT_BALANCE_PATHS) or _has_contains(tree):
        return False, None
    return True, dialect.render_filter(rename(tree, EXACT_BALANCE_PATHS))


def _has_contains(tree: Filter) -> bool:
    if isinstance(tree, Condition):
        return tree.op is Op.CONTAINS
    return any(_has_contains(part) for part in tree.parts)


def dates_pushdown(tree: Filter | None) -> str | None:
    """An employment-list ``filter`` for the required start/end date conditions (Loket compares ISO
    dates and knows ``null``), so ended employments are not fetched for a filter on open ones."""
    pieces = [
        Condition(DATE_PATHS[condition.path], condition.op, condition.value)
        for condition in _required(tree)
        if condition.path in DATE_PATHS and condition.op is not Op.CONTAINS
    ]
    found = all_of(list(pieces))
    return dialect.render_filter(found) if found is not None else None


def kinds_allowed(tree: Filter | None) -> set[AbsenceKind]:
    """The absence kinds ``tree`` can match (by its top-level ``kind`` conditions)."""
    kinds = set(AbsenceKind)
    for condition in _required(tree):
        if condition.path != ("kind",):
            continue
        if condition.op is Op.EQ:
            kinds &= {condition.value} if isinstance(condition.value, AbsenceKind) else set()
        elif condition.op is Op.IN and isinstance(condition.value, tuple):
            kinds &= {value for value in condition.value if isinstance(value, AbsenceKind)}
        elif condition.op is Op.NE and isinstance(condition.value, AbsenceKind):
            kinds -= {condition.value}
    return kinds


async def _per_employer(
    keys: Sequence[PersonKey],
    load: Callable[[str, list[PersonKey]], Awaitable[dict[PersonKey, list[T]]]],
) -> dict[PersonKey, list[T]]:
    """``load`` for each employer's share of a batch, all at once; one answer for the whole batch."""
    by_employer: dict[str, list[PersonKey]] = defaultdict(list)
    for key in dict.fromkeys(keys):
        by_employer[key.scope].append(key)
    found: dict[PersonKey, list[T]] = {}
    for result in await asyncio.gather(*(load(employer, group) for employer, group in by_employer.items())):
        found.update(result)
    return found


def _items(name: str) -> Callable[[list[Row]], int]:
    """How many calendar items (``absences`` or ``leave``) a list of calendar rows holds."""
    return lambda got: sum(len(rows.calendar_items(row, name)) for row in got)


def _ids_filter(ids: Sequence[str]) -> str:
    return dialect.render_filter(Condition(("id",), Op.IN, tuple(ids)))


__all__ = ["FILTERED_MAX_CALLS", "PER_ITEM_MAX", "LoketSource", "Plan", "choose"]
