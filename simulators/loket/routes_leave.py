"""Leave entries, leave requests and leave balances, per employment and per employer (GET).

Only the operations the spec has are served: there is no GET on
``/providers/employers/{employerId}/leave`` (the spec has only a POST there, collective
leave); an employer's taken leave is read from ``calendar/leave`` (``routes_calendar.py``).
The employer-wide balances take ``referenceDate`` (default today) and ``leaveType``
(repeatable integer keys) as the spec's parameters do; the per-employment balances list
every year (row shapes and choices in ``balances.py``).
"""

from __future__ import annotations

from simulators.loket import versions as v
from simulators.loket.api import Call, Item, Operation, Page
from simulators.loket.balances import balances, employer_balances, employer_balances_of
from simulators.loket.dataset import Row
from simulators.loket.query import optional_date, parse_int32
from simulators.loket.store import LoketStore
from simulators.loket.views import employer_leave_requests, sample_employments

BASE = "/v2/providers/employers"


async def list_leave(call: Call) -> Page:
    employment = call.store.employment(call.user, call.path("employmentId"))
    return Page(call.store.data.leave.under(employment["id"]))


async def get_leave(call: Call) -> Item:
    return Item(call.store.leave(call.user, call.path("leaveId")))


async def list_leave_requests(call: Call) -> Page:
    employment = call.store.employment(call.user, call.path("employmentId"))
    return Page(call.store.data.leave_requests.under(employment["id"]))


async def list_employer_leave_requests(call: Call) -> Page:
    employer = call.store.employer(call.user, call.path("employerId"))
    return Page(employer_leave_requests(call.store, employer["id"]))


async def get_leave_request(call: Call) -> Item:
    return Item(call.store.leave_request(call.user, call.path("leaveRequestId")))


async def list_balances(call: Call) -> Page:
    employment = call.store.employment(call.user, call.path("employmentId"))
    return Page(balances(call.store, employment["id"]))


async def list_employer_balances(call: Call) -> Page:
    employer = call.store.employer(call.user, call.path("employerId"))
    day = optional_date(call.args, "referenceDate", call.store.data.today)
    kinds = frozenset(parse_int32("leaveType", text) for text in call.args.many("leaveType") if text.strip())
    return Page(employer_balances(call.store, employer["id"], day, kinds or None))


def _leave(store: LoketStore) -> list[Row]:
    leave = store.data.leave
    return [row for employment in sample_employments(store) for row in leave.under(employment)]


def _requests(store: LoketStore) -> list[Row]:
    requests = store.data.leave_requests
    return [row for employment in sample_employments(store) for row in requests.under(employment)]


def _balances(store: LoketStore) -> list[Row]:
    return [row for employment in sample_employments(store) for row in balances(store, employment)]


def _employer_balances(store: LoketStore) -> list[Row]:
    return employer_balances_of(store, sample_employments(store), store.data.today, None)


ROUTES: list[tuple[str, dict[str, Operation]]] = [
    (f"{BASE}/employees/employments/leave/{{leaveId}}", {"GET": Operation(get_leave, v.GENERAL)}),
    (
        f"{BASE}/employees/employments/{{employmentId}}/leave",
        {"GET": Operation(list_leave, v.GENERAL, "leave", _leave)},
    ),
    (
        f"{BASE}/employees/employments/leaverequests/{{leaveRequestId}}",
        {"GET": Operation(get_leave_request, v.GENERAL)},
    ),
    (
        f"{BASE}/employees/employments/{{employmentId}}/leaverequests",
        {"GET": Operation(list_leave_requests, v.GENERAL, "leave_request", _requests)},
    ),
    (
        f"{BASE}/{{employerId}}/employees/employments/leaverequests",
        {"GET": Operation(list_employer_leave_requests, v.GENERAL, "leave_request", _requests)},
    ),
    (
        f"{BASE}/employees/employments/{{employmentId}}/leavebalances",
        {"GET": Operation(list_balances, v.GENERAL, "leave_balance", _balances)},
    ),
    (
        f"{BASE}/{{employerId}}/leavebalances",
        {"GET": Operation(list_employer_balances, v.GENERAL, "leave_balance_employer", _employer_balances)},
    ),
]
