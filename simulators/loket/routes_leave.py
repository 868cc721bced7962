"""Leave entries, leave requests and leave balances, per employment and per employer (GET).

Choice: ``GET /providers/employers/{employerId}/leave`` is served although the spec
only has a POST (collective leave) there: the gateway needs every leave entry of an
employer in few calls, and the per-employment list has the same rows.
Choice: the employer-wide balances take ``referenceDate`` (default today; its year is
listed) and ``leaveType`` (repeatable integer keys) as the spec's parameters do; the
per-employment balances list every year.
"""

from __future__ import annotations

from simulators.loket import versions as v
from simulators.loket.api import Call, Item, Operation, Page
from simulators.loket.dataset import Row
from simulators.loket.query import optional_date, parse_int32
from simulators.loket.store import LoketStore
from simulators.loket.views import all_employers, balances, employer_balances, per_employer

BASE = "/v2/providers/employers"


async def list_leave(call: Call) -> Page:
    employment = call.store.employment(call.user, call.path("employmentId"))
    return Page(call.store.data.leave.under(employment["id"]))


async def get_leave(call: Call) -> Item:
    return Item(call.store.leave(call.user, call.path("leaveId")))


async def list_employer_leave(call: Call) -> Page:
    employer = call.store.employer(call.user, call.path("employerId"))
    return Page(per_employer(call.store, call.store.data.leave, "leave", employer["id"]))


async def list_leave_requests(call: Call) -> Page:
    employment = call.store.employment(call.user, call.path("employmentId"))
    return Page(call.store.data.leave_requests.under(employment["id"]))


async def list_employer_leave_requests(call: Call) -> Page:
    employer = call.store.employer(call.user, call.path("employerId"))
    return Page(per_employer(call.store, call.store.data.leave_requests, "leave_requests", employer["id"]))


async def get_leave_request(call: Call) -> Item:
    return Item(call.store.leave_request(call.user, call.path("leaveRequestId")))


async def list_balances(call: Call) -> Page:
    employment = call.store.employment(call.user, call.path("employmentId"))
    return Page(balances(call.store, employment["id"]))


async def list_employer_balances(call: Call) -> Page:
    employer = call.store.employer(call.user, call.path("employerId"))
    day = optional_date(call.args, "referenceDate", call.store.data.today)
    kinds = {parse_int32("leaveType", text) for text in call.args.many("leaveType") if text.strip()} or None
    return Page(employer_balances(call.store, employer["id"], day.year, kinds))


def _leave(store: LoketStore) -> list[Row]:
    return list(store.data.leave)


def _employer_leave(store: LoketStore) -> list[Row]:
    return all_employers(store, store.data.leave, "leave")


def _requests(store: LoketStore) -> list[Row]:
    return list(store.data.leave_requests)


def _employer_requests(store: LoketStore) -> list[Row]:
    return all_employers(store, store.data.leave_requests, "leave_requests")


def _balances(store: LoketStore) -> list[Row]:
    return [row for employment in store.data.employments.rows for row in balances(store, employment)]


def _employer_balances(store: LoketStore) -> list[Row]:
    year = store.data.today.year
    return [
        row
        for employer in store.data.employers.rows
        for row in employer_balances(store, employer, year, None)
    ]


ROUTES: list[tuple[str, dict[str, Operation]]] = [
    (f"{BASE}/employees/employments/leave/{{leaveId}}", {"GET": Operation(get_leave, v.GENERAL)}),
    (
        f"{BASE}/employees/employments/{{employmentId}}/leave",
        {"GET": Operation(list_leave, v.GENERAL, "leave", _leave)},
    ),
    (
        f"{BASE}/{{employerId}}/leave",
        {"GET": Operation(list_employer_leave, v.GENERAL, "leave_employer", _employer_leave)},
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
        {
            "GET": Operation(
                list_employer_leave_requests, v.GENERAL, "leave_request_employer", _employer_requests
            )
        },
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
