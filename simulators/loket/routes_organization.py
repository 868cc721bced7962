"""Organizational entities (function and department per employment), departments and functions.

``actualorganizationalentities?referenceDate=`` gives, for every employment of the
employer, the entity valid on that date (default: today), in the per-employment entity
shape (see ``views.py`` for that choice); employments without one on that date (ended,
or not yet started) are left out.
"""

from __future__ import annotations

from simulators.loket import versions as v
from simulators.loket.api import Call, Item, Operation, Page
from simulators.loket.dataset import Row
from simulators.loket.query import optional_date
from simulators.loket.store import LoketStore
from simulators.loket.views import actual_org_entities, actual_org_entities_of, sample_employments

BASE = "/v2/providers/employers"


async def list_org_entities(call: Call) -> Page:
    employment = call.store.employment(call.user, call.path("employmentId"))
    return Page(call.store.data.org_entities.under(employment["id"]))


async def get_org_entity(call: Call) -> Item:
    return Item(call.store.org_entity(call.user, call.path("organizationalEntityId")))


async def list_actual_org_entities(call: Call) -> Page:
    employer = call.store.employer(call.user, call.path("employerId"))
    day = optional_date(call.args, "referenceDate", call.store.data.today)
    return Page(actual_org_entities(call.store, employer["id"], day))


async def list_departments(call: Call) -> Page:
    employer = call.store.employer(call.user, call.path("employerId"))
    return Page(call.store.data.departments.under(employer["id"]))


async def get_department(call: Call) -> Item:
    return Item(call.store.department(call.user, call.path("departmentId")))


async def list_functions(call: Call) -> Page:
    employer = call.store.employer(call.user, call.path("employerId"))
    return Page(call.store.data.functions.under(employer["id"]))


async def get_function(call: Call) -> Item:
    return Item(call.store.function(call.user, call.path("functionId")))


def _org_entities(store: LoketStore) -> list[Row]:
    return list(store.data.org_entities)


def _actual(store: LoketStore) -> list[Row]:
    return actual_org_entities_of(store, sample_employments(store), store.data.today)


def _departments(store: LoketStore) -> list[Row]:
    return list(store.data.departments)


def _functions(store: LoketStore) -> list[Row]:
    return list(store.data.functions)


ROUTES: list[tuple[str, dict[str, Operation]]] = [
    (
        f"{BASE}/employees/employments/organizationalentities/{{organizationalEntityId}}",
        {"GET": Operation(get_org_entity, v.GENERAL)},
    ),
    (
        f"{BASE}/employees/employments/{{employmentId}}/organizationalentities",
        {"GET": Operation(list_org_entities, v.GENERAL, "org_entity", _org_entities)},
    ),
    (
        f"{BASE}/{{employerId}}/actualorganizationalentities",
        {"GET": Operation(list_actual_org_entities, v.GENERAL, "actual_org_entity", _actual)},
    ),
    (f"{BASE}/departments/{{departmentId}}", {"GET": Operation(get_department, v.GENERAL)}),
    (
        f"{BASE}/{{employerId}}/departments",
        {"GET": Operation(list_departments, v.GENERAL, "department", _departments)},
    ),
    (f"{BASE}/functions/{{functionId}}", {"GET": Operation(get_function, v.GENERAL)}),
    (
        f"{BASE}/{{employerId}}/functions",
        {"GET": Operation(list_functions, v.GENERAL, "function", _functions)},
    ),
]
