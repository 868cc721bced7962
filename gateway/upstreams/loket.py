"""The Loket.nl v2 client: paged lists with ``filter``/``orderBy``, single items with ETags.

Every call sends the caller's bearer token and ``Accept: application/json;version=…``
with the resource version this client was written against (seed 000, "Resource
versioning"); the paged envelope (``_embedded``, ``totalSize``, ...) is unwrapped here.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

from gateway.exceptions import UpstreamBadResponse
from gateway.secrets import Secret
from gateway.upstreams.base import UpstreamClient

# The newest resource version this client understands; Loket picks the version on or before it.
RESOURCE_VERSION = "2020-03-16"
ACCEPT = f"application/json;version={RESOURCE_VERSION}"
MAX_PAGE_SIZE = 1000
EMPLOYER = "/providers/employers/{employerId}"
EMPLOYEES = "/providers/employers/employees"

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


class LoketClient(UpstreamClient):
    name = "loket"

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

    async def page(
        self,
        token: Secret,
        path: str,
        *,
        template: str,
        page_number: int = 1,
        page_size: int = 250,
        filter: str | None = None,
        order_by: str | None = None,
        extra: dict[str, str] | None = None,
    ) -> LoketPage:
        """One page of any Loket list endpoint."""
        params: dict[str, str] = {
            "pageNumber": str(page_number),
            "pageSize": str(min(page_size, MAX_PAGE_SIZE)),
        }
        if filter:
            params["filter"] = filter
        if order_by:
            params["orderBy"] = order_by
        params.update(extra or {})
        body = await self.json("GET", path, template=template, params=params, headers=self.headers(token))
        return LoketPage(
            items=list(body.get("_embedded") or []),
            total=int(body.get("totalSize") or 0),
            page_number=int(body.get("currentPage") or page_number),
            page_size=int(body.get("pageSize") or page_size),
        )

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
            "/providers/employers",
            template="/providers/employers",
            page_number=page_number,
            page_size=page_size,
            filter=filter,
            order_by=order_by,
        )

    async def every_page(
        self, fetch: Callable[[int, int], Awaitable[LoketPage]], *, page_size: int = MAX_PAGE_SIZE
    ) -> list[dict[str, Any]]:
        """All rows of a list: the first page tells the total, the rest are fetched together."""
        first = await fetch(1, page_size)
        pages = -(-first.total // page_size) if first.total else 1
        rest = await asyncio.gather(*(fetch(number, page_size) for number in range(2, pages + 1)))
        rows = list(first.items)
        for page in rest:
            rows.extend(page.items)
        return rows

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
            f"/providers/employers/{employer_id}/employees",
            template=EMPLOYER + "/employees",
            page_number=page_number,
            page_size=page_size,
            filter=filter,
            order_by=order_by,
        )

    async def employer_employments(
        self,
        token: Secret,
        employer_id: str,
        *,
        page_number: int = 1,
        page_size: int = MAX_PAGE_SIZE,
        filter: str | None = None,
        order_by: str | None = None,
    ) -> LoketPage:
        """Every employment of an employer, each with its employee summary."""
        return await self.page(
            token,
            f"/providers/employers/{employer_id}/employees/employments",
            template=EMPLOYER + "/employees/employments",
            page_number=page_number,
            page_size=page_size,
            filter=filter,
            order_by=order_by,
        )

    async def actual_org_entities(
        self, token: Secret, employer_id: str, reference_date: date, *, page_number: int = 1, page_size: int
    ) -> LoketPage:
        """Per employment, the organizational entity (function, department) valid on ``reference_date``."""
        return await self.page(
            token,
            f"/providers/employers/{employer_id}/actualorganizationalentities",
            template=EMPLOYER + "/actualorganizationalentities",
            page_number=page_number,
            page_size=page_size,
            extra={"referenceDate": reference_date.isoformat()},
        )

    async def calendar_absences(
        self,
        token: Secret,
        employer_id: str,
        first: date,
        last: date,
        *,
        page_number: int = 1,
        page_size: int,
    ) -> LoketPage:
        """Per employment, the absences overlapping ``first .. last``."""
        return await self.page(
            token,
            f"/providers/employers/{employer_id}/employees/employments/calendar/absences",
            template=EMPLOYER + "/employees/employments/calendar/absences",
            page_number=page_number,
            page_size=page_size,
            extra={"startDate": first.isoformat(), "endDate": last.isoformat()},
        )

    async def employer_leave(
        self, token: Secret, employer_id: str, *, filter: str | None, page_number: int = 1, page_size: int
    ) -> LoketPage:
        """Leave entries of every employment of an employer, each with its employment."""
        return await self.page(
            token,
            f"/providers/employers/{employer_id}/leave",
            template=EMPLOYER + "/leave",
            page_number=page_number,
            page_size=page_size,
            filter=filter,
        )

    async def item(self, token: Secret, path: str, *, template: str) -> LoketItem:
        response = await self.request("GET", path, template=template, headers=self.headers(token))
        return self._item(response, f"GET {template}")

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

    async def absence(self, token: Secret, absence_id: str) -> LoketItem:
        return await self.item(
            token, f"{EMPLOYEES}/absences/{absence_id}", template=EMPLOYEES + "/absences/{absenceId}"
        )

    async def leave(self, token: Secret, leave_id: str) -> LoketItem:
        return await self.item(
            token,
            f"/providers/employers/employees/employments/leave/{leave_id}",
            template="/providers/employers/employees/employments/leave/{leaveId}",
        )

    async def create_absence(self, token: Secret, employee_id: str, body: dict[str, Any]) -> LoketItem:
        template = EMPLOYEES + "/{employeeId}/absences"
        response = await self.request(
            "POST",
            f"{EMPLOYEES}/{employee_id}/absences",
            template=template,
            json=body,
            headers=self.headers(token),
        )
        return self._item(response, f"POST {template}")

    async def close_absence(
        self, token: Secret, absence_id: str, body: dict[str, Any], *, if_match: str
    ) -> LoketItem:
        """``PATCH .../closeabsence`` with ``If-Match``: a stale ETag is a 409 (``UpstreamConflict``)."""
        template = EMPLOYEES + "/absences/{absenceId}/closeabsence"
        response = await self.request(
            "PATCH",
            f"{EMPLOYEES}/absences/{absence_id}/closeabsence",
            template=template,
            json=body,
            headers={**self.headers(token), "If-Match": if_match},
        )
        return self._item(response, f"PATCH {template}")
