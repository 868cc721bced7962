"""The Loket.nl v2 client: paged lists with ``filter``/``orderBy``, single items with ETags.

Every call sends the caller's bearer token and ``Accept: application/json;version=…``
with the resource version this client was written against (seed 000, "Resource
versioning"); the paged envelope (``_embedded``, ``totalSize``, ...) is unwrapped here.

Only real operations are called: each endpoint below is one of
``../shared/reference/loket-endpoints.json`` (``tests/gateway/upstreams/test_loket_endpoints.py``
holds the client to it), written once as an ``Endpoint`` whose ids are checked (Loket
path ids are UUIDs) and percent-encoded. A request whose URL would pass ``MAX_URL``
characters is refused before it is sent (``UrlTooLong``): callers that batch ids into a
``filter`` split them with ``fits`` first.
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

import httpx

from gateway.exceptions import InputError, UpstreamBadResponse
from gateway.names import Upstream
from gateway.secrets import Secret
from gateway.upstreams.base import UpstreamClient
from gateway.upstreams.paths import Endpoint

# The newest resource version this client understands; Loket picks the version on or before it.
RESOURCE_VERSION = "2020-03-16"
ACCEPT = f"application/json;version={RESOURCE_VERSION}"
MAX_PAGE_SIZE = 1000
# Longer URLs are refused by common proxies and servers (IIS answers 404.14 past its limits).
MAX_URL = 2000

EMPLOYERS = Endpoint("/providers/employers")
EMPLOYEES = Endpoint("/providers/employers/{employerId}/employees")
EMPLOYER_EMPLOYMENTS = Endpoint("/providers/employers/{employerId}/employees/employments")
EMPLOYEE_EMPLOYMENTS = Endpoint("/providers/employers/employees/{employeeId}/employments")
EMPLOYMENT = Endpoint("/providers/employers/employees/employments/{employmentId}")
ORG_ENTITIES = Endpoint("/providers/employers/employees/employments/{employmentId}/organizationalentities")
LEAVE_BALANCES = Endpoint("/providers/employers/{employerId}/leavebalances")
EMPLOYEE_ABSENCES = Endpoint("/providers/employers/employees/{employeeId}/absences")
ABSENCE = Endpoint("/providers/employers/employees/absences/{absenceId}")
CLOSE_ABSENCE = Endpoint("/providers/employers/employees/absences/{absenceId}/closeabsence")
LEAVE = Endpoint("/providers/employers/employees/employments/leave/{leaveId}")
CALENDAR_ABSENCES = Endpoint("/providers/employers/{employerId}/employees/employments/calendar/absences")
CALENDAR_LEAVE = Endpoint("/providers/employers/{employerId}/employees/employments/calendar/leave")
# every endpoint this client calls, for the test that holds them to the real API
ENDPOINTS = {
    "GET": (
        EMPLOYERS,
        EMPLOYEES,
        EMPLOYER_EMPLOYMENTS,
        EMPLOYEE_EMPLOYMENTS,
        EMPLOYMENT,
        ORG_ENTITIES,
        LEAVE_BALANCES,
        EMPLOYEE_ABSENCES,
        ABSENCE,
        LEAVE,
        CALENDAR_ABSENCES,
        CALENDAR_LEAVE,
    ),
    "POST": (EMPLOYEE_ABSENCES,),
    "PATCH": (CLOSE_ABSENCE,),
}

# Loket's field path (the start of a BrokenBusinessRule description) -> the mutation input field.
MESSAGE_FIELDS = {
    "progress.startDate": "startDate",
    "progress.currentIncapacityPercentage": "incapacityPercentage",
    "progress": "startDate",
    "causeOfAbsence": "cause",
    "actionToBeTakenByOccupationalHealthAndSafetyService": "action",
    "hoursWorkedOnFirstDayOfAbsence": "hoursWorkedOnFirstDay",
    "comments": "comments",
    "endOfAbsence.date": "endDate",
    "endOfAbsence.reason.key": "reason",
    "endOfAbsence.reason": "reason",
    "The employee has no employment": "startDate",
    "The absence would overlap": "startDate",
    "The absence is already closed": "id",
}
_PATH = re.compile(r"^[A-Za-z][A-Za-z.]*")


@dataclass(frozen=True)
class LoketItem:
    """One item and its ``ETag`` (what ``If-Match`` must carry to change it)."""

    content: dict[str, Any]
    etag: str | None


@dataclass(frozen=True)
class LoketPage:
    """One page of a Loket list: the rows and the totals Loket reports with them."""

    items: list[dict[str, Any]]
    total: int
    page_number: int
    page_size: int

    @property
    def last_page(self) -> int:
        """The number of the last page, by the page size Loket reports (it may cap what was asked)."""
        return max(1, -(-self.total // self.page_size)) if self.page_size > 0 else 1


class UrlTooLong(InputError):
    """A request URL past ``MAX_URL``, refused before sending. The gateway splits the id filters it
    writes itself; what is left is a caller's filter that Loket's URL cannot carry (BAD_USER_INPUT)."""

    def __init__(self, endpoint: Endpoint) -> None:
        super().__init__(
            f"the filter is too long to send to Loket (GET {endpoint} would need a URL over {MAX_URL} "
            "characters); use fewer or shorter conditions",
            argument="filter",
        )


PageFetch = Callable[[int, int], Awaitable[LoketPage]]


class LoketClient(UpstreamClient):
    name = Upstream.LOKET

    def headers(self, token: Secret) -> dict[str, str]:
        return {**self.bearer(token), "Accept": ACCEPT}

    def summarise(self, response: httpx.Response) -> str:
        """Loket's messages (``BrokenBusinessRule`` descriptions), not the raw body."""
        try:
            messages = response.json().get("messages") or []
        except ValueError:
            return f"status {response.status_code}"
        texts = [str(m.get("description")) for m in messages if isinstance(m, dict) and m.get("description")]
        return "; ".join(texts[:3]) or f"status {response.status_code}"

    def validation_fields(self, response: httpx.Response) -> dict[str, str]:
        """Each message's description starts with the field it is about (``progress.startDate is ...``)."""
        try:
            messages = response.json().get("messages") or []
        except (ValueError, AttributeError):
            return {}
        fields: dict[str, str] = {}
        for entry in messages:
            text = str(entry.get("description") or "") if isinstance(entry, dict) else ""
            field = next((name for prefix, name in MESSAGE_FIELDS.items() if text.startswith(prefix)), None)
            if field is None:
                match = _PATH.match(text)
                field = match.group(0).split(".")[0] if match else "input"
            fields[field] = f"{fields[field]}; {text}" if field in fields else text
        return fields

    # ---- lists ----

    @staticmethod
    def list_params(
        page_number: int,
        page_size: int,
        filter: str | None = None,
        order_by: str | None = None,
        extra: dict[str, str] | None = None,
    ) -> dict[str, str]:
        params = {"pageNumber": str(page_number), "pageSize": str(min(page_size, MAX_PAGE_SIZE))}
        if filter:
            params["filter"] = filter
        if order_by:
            params["orderBy"] = order_by
        params.update(extra or {})
        return params

    def url_length(self, path: str, params: dict[str, str]) -> int:
        """How long the URL of ``GET path?params`` is, as sent (base URL and percent-encoding included)."""
        try:
            return len(str(self._http.build_request("GET", path, params=params).url))
        except httpx.InvalidURL:  # httpx refuses a query past 64 KB before measuring it
            return sys.maxsize

    def filter_room(
        self, endpoint: Endpoint, ids: dict[str, str], extra: dict[str, str] | None = None
    ) -> int:
        """How many characters the percent-encoded ``filter`` of a list request may take (at the largest
        paging) before its URL passes ``MAX_URL``: measured once, so splitting a long id list into
        requests does not build a request per id."""
        params = self.list_params(99999, MAX_PAGE_SIZE, None, None, extra)
        return MAX_URL - self.url_length(endpoint.path(**ids), params) - len("&filter=")

    @staticmethod
    def encoded_length(filter: str) -> int:
        """The length of ``filter`` in the query string, encoded as httpx encodes it."""
        return len(quote_plus(filter))

    def fits(
        self, endpoint: Endpoint, ids: dict[str, str], filter: str, extra: dict[str, str] | None = None
    ) -> bool:
        """Whether a list request with this ``filter`` stays within ``MAX_URL`` (at the largest paging)."""
        return self.encoded_length(filter) <= self.filter_room(endpoint, ids, extra)

    async def page(
        self,
        token: Secret,
        endpoint: Endpoint,
        ids: dict[str, str],
        *,
        page_number: int = 1,
        page_size: int = 250,
        filter: str | None = None,
        order_by: str | None = None,
        extra: dict[str, str] | None = None,
    ) -> LoketPage:
        """One page of any Loket list endpoint."""
        path = endpoint.path(**ids)
        params = self.list_params(page_number, page_size, filter, order_by, extra)
        if self.url_length(path, params) > MAX_URL:
            raise UrlTooLong(endpoint)
        body = await self.json(
            "GET", path, template=endpoint.template, params=params, headers=self.headers(token)
        )
        if not isinstance(body, dict):
            raise UpstreamBadResponse(
                f"{self.name} answered GET {endpoint} without a list envelope", upstream=self.name, status=200
            )
        return LoketPage(
            items=[row for row in body.get("_embedded") or [] if isinstance(row, dict)],
            total=int(body.get("totalSize") or 0),
            page_number=int(body.get("currentPage") or page_number),
            page_size=int(body.get("pageSize") or page_size),
        )

    async def every_page(self, fetch: PageFetch, *, page_size: int = MAX_PAGE_SIZE) -> list[dict[str, Any]]:
        """All rows of a list: the first page tells the total and the page size Loket really used
        (it may cap ``pageSize``); the remaining pages are then fetched together."""
        first = await fetch(1, page_size)
        rest = await asyncio.gather(
            *(fetch(number, first.page_size) for number in range(2, first.last_page + 1))
        )
        rows = list(first.items)
        for page in rest:
            rows.extend(page.items)
        return rows

    async def all_rows(
        self,
        token: Secret,
        endpoint: Endpoint,
        ids: dict[str, str],
        *,
        filter: str | None = None,
        extra: dict[str, str] | None = None,
    ) -> list[dict[str, Any]]:
        """Every row of a list endpoint (``every_page`` over ``page``)."""

        async def fetch(number: int, size: int) -> LoketPage:
            return await self.page(
                token, endpoint, ids, page_number=number, page_size=size, filter=filter, extra=extra
            )

        return await self.every_page(fetch)

    async def employers(
        self,
        token: Secret,
        *,
        page_number: int = 1,
        page_size: int = 250,
        filter: str | None = None,
        order_by: str | None = None,
    ) -> LoketPage:
        return await self.page(
            token,
            EMPLOYERS,
            {},
            page_number=page_number,
            page_size=page_size,
            filter=filter,
            order_by=order_by,
        )

    async def employees(
        self,
        token: Secret,
        employer_id: str,
        *,
        page_number: int = 1,
        page_size: int = 250,
        filter: str | None = None,
        order_by: str | None = None,
    ) -> LoketPage:
        return await self.page(
            token,
            EMPLOYEES,
            {"employerId": employer_id},
            page_number=page_number,
            page_size=page_size,
            filter=filter,
            order_by=order_by,
        )

    # ---- single items ----

    async def item(self, token: Secret, endpoint: Endpoint, ids: dict[str, str]) -> LoketItem:
        response = await self.request(
            "GET", endpoint.path(**ids), template=endpoint.template, headers=self.headers(token)
        )
        return self._item(response, f"GET {endpoint}")

    def _item(self, response: httpx.Response, where: str) -> LoketItem:
        try:
            content = response.json().get("content")
        except (ValueError, AttributeError):
            content = None
        if not isinstance(content, dict):
            raise UpstreamBadResponse(
                f"{self.name} answered {where} without content",
                upstream=self.name,
                status=response.status_code,
            )
        return LoketItem(content, response.headers.get("etag"))

    async def employment(self, token: Secret, employment_id: str) -> LoketItem:
        return await self.item(token, EMPLOYMENT, {"employmentId": employment_id})

    async def absence(self, token: Secret, absence_id: str) -> LoketItem:
        return await self.item(token, ABSENCE, {"absenceId": absence_id})

    async def leave(self, token: Secret, leave_id: str) -> LoketItem:
        return await self.item(token, LEAVE, {"leaveId": leave_id})

    # ---- writes ----

    async def create_absence(self, token: Secret, employee_id: str, body: dict[str, Any]) -> LoketItem:
        response = await self.request(
            "POST",
            EMPLOYEE_ABSENCES.path(employeeId=employee_id),
            template=EMPLOYEE_ABSENCES.template,
            json=body,
            headers=self.headers(token),
        )
        return self._item(response, f"POST {EMPLOYEE_ABSENCES}")

    async def close_absence(
        self, token: Secret, absence_id: str, body: dict[str, Any], *, if_match: str
    ) -> LoketItem:
        """``PATCH .../closeabsence`` with ``If-Match``: a stale ETag is a 409 (``UpstreamConflict``)."""
        response = await self.request(
            "PATCH",
            CLOSE_ABSENCE.path(absenceId=absence_id),
            template=CLOSE_ABSENCE.template,
            json=body,
            headers={**self.headers(token), "If-Match": if_match},
        )
        return self._item(response, f"PATCH {CLOSE_ABSENCE}")
