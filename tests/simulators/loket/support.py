"""Shared helpers for the Loket simulator tests: demo headers, a fake clock, ids by visibility."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from simulators.loket.store import LoketStore

API = "/loket/v2/providers/employers"
ALICE = {"Authorization": "Bearer demo-loket-alice"}
BOB = {"Authorization": "Bearer demo-loket-bob"}
UNAUTHORIZED = {"message": "Authorization has been denied for this request."}
MISSING_ID = "00000000-0000-4000-8000-000000000000"


@dataclass(frozen=True)
class Employers:
    alice: tuple[str, str]  # the two alice sees, in seeded order
    bob: str
    hidden: str  # seen by nobody


def employers_of(store: LoketStore) -> Employers:
    users = store.data.users
    ids = list(store.data.employers.rows)
    alice = tuple(i for i in ids if users["alice"].may_see(i))
    (bob,) = (i for i in ids if users["bob"].may_see(i))
    (hidden,) = (i for i in ids if i not in alice and i != bob)
    assert len(alice) == 2
    return Employers((alice[0], alice[1]), bob, hidden)


async def get_json(client: httpx.AsyncClient, url: str, **params: Any) -> dict[str, Any]:
    """A 200 answer's body, as alice."""
    response = await client.get(url, params=params, headers=ALICE)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def everything(client: httpx.AsyncClient, url: str, **params: Any) -> list[dict[str, Any]]:
    """Every row of a list, page by page."""
    rows: list[dict[str, Any]] = []
    page = 1
    while True:
        body = await get_json(client, url, pageSize=1000, pageNumber=page, **params)
        rows.extend(body["_embedded"])
        if page >= body["totalPages"]:
            assert len(rows) == body["totalSize"]
            return rows
        page += 1


def assert_messages(response: httpx.Response, status: int, kind: str, *words: str) -> list[dict[str, Any]]:
    """The answer is Loket's envelope with ``kind`` messages whose descriptions mention ``words``."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) >= {"version", "messages"}
    assert ("_embedded" in body and body["_embedded"] == []) or (
        "content" in body and body["content"] is None
    )
    messages = body["messages"]
    assert messages and all(m["type"] == kind for m in messages)
    assert all(set(m) == {"code", "id", "type", "description", "properties"} for m in messages)
    text = " ".join(m["description"] for m in messages)
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"
    return list(messages)


def urls_below(store: LoketStore, employer_id: str) -> dict[str, str]:
    """One URL per GET endpoint that reaches into ``employer_id`` (an employer, or a row below it)."""
    data = store.data
    employee = data.employees.children[employer_id][0]
    employment = next(e for e in data.employments_by_employer[employer_id] if data.leave.children.get(e))
    absent = next(e for e in data.employees.children[employer_id] if data.absences.children.get(e))
    absence = data.absences.children[absent][0]
    record = data.progress.children[absence][0]
    asking = next(e for e in data.employments_by_employer[employer_id] if data.leave_requests.children.get(e))
    request = data.leave_requests.children[asking][0]
    base = API
    return {
        "employer": f"{base}/{employer_id}",
        "employees": f"{base}/{employer_id}/employees",
        "employee": f"{base}/employees/{employee}",
        "employee employments": f"{base}/employees/{employee}/employments",
        "employer employments": f"{base}/{employer_id}/employees/employments",
        "employments minimized": f"{base}/{employer_id}/employees/employments/minimized",
        "employment": f"{base}/employees/employments/{employment}",
        "org entities": f"{base}/employees/employments/{employment}/organizationalentities",
        "org entity": f"{base}/employees/employments/organizationalentities/"
        f"{data.org_entities.children[employment][0]}",
        "actual org entities": f"{base}/{employer_id}/actualorganizationalentities",
        "departments": f"{base}/{employer_id}/departments",
        "department": f"{base}/departments/{data.departments.children[employer_id][0]}",
        "functions": f"{base}/{employer_id}/functions",
        "function": f"{base}/functions/{data.functions.children[employer_id][0]}",
        "absences": f"{base}/employees/{absent}/absences",
        "absence": f"{base}/employees/absences/{absence}",
        "absence progress": f"{base}/employees/absences/{absence}/absenceprogress",
        "absence progress item": f"{base}/employees/absences/absenceprogress/{record}",
        "calendar": f"{base}/{employer_id}/employees/employments/calendar/absences"
        "?startDate=2026-01-01&endDate=2026-12-31",
        "leave": f"{base}/employees/employments/{employment}/leave",
        "leave item": f"{base}/employees/employments/leave/{data.leave.children[employment][0]}",
        "calendar leave": f"{base}/{employer_id}/employees/employments/calendar/leave"
        "?startDate=2026-01-01&endDate=2026-12-31",
        "leave requests": f"{base}/employees/employments/{asking}/leaverequests",
        "employer leave requests": f"{base}/{employer_id}/employees/employments/leaverequests",
        "leave request": f"{base}/employees/employments/leaverequests/{request}",
        "leave balances": f"{base}/employees/employments/{employment}/leavebalances",
        "employer leave balances": f"{base}/{employer_id}/leavebalances",
    }
