"""Each simulator's ``openapi.json`` is a valid OpenAPI 3.0 document of exactly what it serves.

For every upstream: the document validates (``openapi-spec-validator``); its operations are
exactly the served routes (a route without documentation, or documentation without a route,
fails); and every GET operation, called with real parameters and the demo credentials,
answers a body that validates against the document's 200 schema (``openapi-schema-validator``,
OpenAPI 3.0 semantics: ``nullable``, formats). The schemas require every field the
simulator always sends and admit no other, so a field that changes type, disappears or
appears unannounced fails here.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from openapi_schema_validator import OAS30Validator, oas30_format_checker
from openapi_spec_validator import validate
from starlette.applications import Starlette
from starlette.routing import Route

from simulators.config import SimConfig
from simulators.server import create_simulator_app, default_upstreams
from tests.support.clients import asgi_client

ROOT = "http://127.0.0.1:8123"
UPSTREAMS = ("loket", "informat", "ictergezocht", "onderwijsloket")
# served, but no OpenAPI 3.0 method can describe it (its module docstring says so)
UNDESCRIBABLE = {("onderwijsloket", "SEARCH", "/items/{collection}")}
PLACEHOLDER = re.compile(r"\{[^}]*\}")


@pytest.fixture(scope="module")
def app(sim_config: SimConfig) -> Starlette:
    return create_simulator_app(sim_config)


@pytest.fixture
async def http(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(app, ROOT) as client:
        yield client


async def document(http: httpx.AsyncClient, upstream: str) -> dict[str, Any]:
    response = await http.get(f"/{upstream}/openapi.json")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def operations(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method.upper(), path): operation
        for path, item in doc["paths"].items()
        for method, operation in item.items()
        if method in ("get", "put", "post", "delete", "patch", "head", "options", "trace")
    }


def served_routes(sim_config: SimConfig, upstream: str) -> set[tuple[str, str]]:
    bundle = next(b for b in default_upstreams(sim_config) if upstream in b.apps)
    found = set()
    for route in bundle.apps[upstream].routes:
        assert isinstance(route, Route) and route.methods, route
        found |= {(method, route.path) for method in route.methods - {"HEAD"}}
    return found


def matches(documented: str, template: str) -> bool:
    """A documented path is an instance of a served template: ``/items/programs``, ``/items/{collection}``."""
    ours, theirs = documented.split("/"), template.split("/")
    return len(ours) == len(theirs) and all(
        b.startswith("{") or (a == b and not a.startswith("{")) for a, b in zip(ours, theirs, strict=True)
    )


@pytest.mark.parametrize("upstream", UPSTREAMS)
async def test_the_document_is_valid_openapi_with_an_absolute_server(
    http: httpx.AsyncClient, upstream: str
) -> None:
    doc = await document(http, upstream)
    validate(doc)
    assert doc["openapi"].startswith("3.0.")
    server = doc["servers"][0]["url"]
    assert server.startswith(f"{ROOT}/{upstream}")
    ids = [operation["operationId"] for operation in operations(doc).values()]
    assert len(ids) == len(set(ids)), "operationIds must be unique (they become Mesh's root fields)"
    assert all(re.fullmatch(r"[a-z][A-Za-z]*", name) for name in ids), ids


@pytest.mark.parametrize("upstream", UPSTREAMS)
async def test_the_documented_operations_are_exactly_the_served_routes(
    http: httpx.AsyncClient, sim_config: SimConfig, upstream: str
) -> None:
    doc = await document(http, upstream)
    prefix = urlsplit(doc["servers"][0]["url"]).path.removeprefix(f"/{upstream}")  # "/v2" for Loket
    served = served_routes(sim_config, upstream)
    api = {(method, path.removeprefix(prefix)) for method, path in served if path.startswith(f"{prefix}/")}
    outside = {path for _, path in served if not path.startswith(f"{prefix}/")}
    # routes outside the API base (Loket's /token and /authorize) are the security scheme's URLs
    schemes = str(doc["components"]["securitySchemes"])
    assert all(f"{ROOT}/{upstream}{path}" in schemes for path in outside), outside
    documented = set(operations(doc))
    covered = {(m, t) for m, t in api for dm, dp in documented if dm == m and matches(dp, t)}
    invented = {(m, p) for m, p in documented if not any(sm == m and matches(p, t) for sm, t in api)}
    undocumented = {(m, t) for m, t in api - covered if (upstream, m, t) not in UNDESCRIBABLE}
    assert not invented, f"documented but not served: {sorted(invented)}"
    assert not undocumented, f"served but not documented: {sorted(undocumented)}"


def response_validator(doc: dict[str, Any], operation: dict[str, Any], status: str = "200") -> OAS30Validator:
    content = operation["responses"][status]["content"]
    schema = next(iter(content.values()))["schema"]
    # the schema's "#/components/..." references resolve against its own root
    return OAS30Validator({**schema, "components": doc["components"]}, format_checker=oas30_format_checker)


def check(doc: dict[str, Any], operation_id: str, response: httpx.Response, status: str = "200") -> Any:
    assert response.status_code == int(status), (
        f"{operation_id}: {response.status_code} {response.text[:300]}"
    )
    operation = next(op for op in operations(doc).values() if op["operationId"] == operation_id)
    body = response.json()
    errors = sorted(response_validator(doc, operation, status).iter_errors(body), key=str)
    assert not errors, (
        f"{operation_id}: {[f'{list(e.absolute_path)}: {e.message[-300:]}' for e in errors[:3]]}"
    )
    return body


class Caller:
    """Calls a document's GET operations by operationId, filling its path from ``ids``."""

    def __init__(self, http: httpx.AsyncClient, doc: dict[str, Any], headers: dict[str, str]) -> None:
        self.http, self.doc, self.headers = http, doc, headers
        self.base = doc["servers"][0]["url"]
        self.ids: dict[str, str] = {}
        self.called: set[str] = set()

    async def get(self, operation_id: str, **params: Any) -> Any:
        path = next(p for (m, p), op in operations(self.doc).items() if op["operationId"] == operation_id)
        url = self.base + PLACEHOLDER.sub(lambda m: self.ids[m.group(0)[1:-1]], path)
        headers = {**self.headers, **params.pop("headers", {})}
        response = await self.http.get(url, params=params, headers=headers)
        self.called.add(operation_id)
        return check(self.doc, operation_id, response)

    def uncalled(self) -> set[str]:
        return {op["operationId"] for (m, _), op in operations(self.doc).items() if m == "GET"} - self.called


async def test_every_loket_get_answers_what_the_document_says(http: httpx.AsyncClient) -> None:
    loket = Caller(http, await document(http, "loket"), {"Authorization": "Bearer demo-loket-alice"})
    ids = loket.ids
    ids["employerId"] = (await loket.get("getEmployers"))["_embedded"][0]["id"]
    await loket.get("getEmployersMinimized")
    await loket.get("getEmployer")
    employees = (await loket.get("getEmployees", pageSize=1000))["_embedded"]
    employments = (await loket.get("getEmployerEmployments", pageSize=1000))["_embedded"]
    await loket.get("getEmployerEmploymentsMinimized", pageSize=1000)
    await loket.get("getActualOrganizationalEntities", pageSize=1000)
    ids["departmentId"] = (await loket.get("getDepartments"))["_embedded"][0]["id"]
    await loket.get("getDepartment")
    ids["functionId"] = (await loket.get("getFunctions"))["_embedded"][0]["id"]
    await loket.get("getFunction")
    period = {"startDate": "2024-01-01", "endDate": "2026-12-31", "pageSize": 1000}
    await loket.get("getCalendarAbsences", **period)
    await loket.get("getCalendarLeave", **period)
    await loket.get("getEmployerLeaveRequests", pageSize=1000)
    await loket.get("getEmployerLeaveBalances", pageSize=1000)
    ids["employeeId"] = employees[0]["id"]
    await loket.get("getEmployee")
    await loket.get("getEmployeeEmployments")
    ids["employmentId"] = employments[0]["id"]
    await loket.get("getEmployment")
    ids["organizationalEntityId"] = (await loket.get("getEmploymentOrganizationalEntities"))["_embedded"][0][
        "id"
    ]
    await loket.get("getOrganizationalEntity")
    for employment in employments:  # one with leave, leave requests and balances
        ids["employmentId"] = employment["id"]
        leave = (await loket.get("getEmploymentLeave"))["_embedded"]
        requests = (await loket.get("getEmploymentLeaveRequests"))["_embedded"]
        balances = (await loket.get("getEmploymentLeaveBalances"))["_embedded"]
        if leave and requests and balances:
            break
    ids["leaveId"], ids["leaveRequestId"] = leave[0]["id"], requests[0]["id"]
    await loket.get("getLeave")
    await loket.get("getLeaveRequest")
    for employee in employees:  # one with absences
        ids["employeeId"] = employee["id"]
        absences = (await loket.get("getEmployeeAbsences"))["_embedded"]
        if absences:
            break
    ids["absenceId"] = absences[0]["id"]
    await loket.get("getAbsence")
    ids["absenceProgressId"] = (await loket.get("getAbsenceProgressRecords"))["_embedded"][0]["id"]
    await loket.get("getAbsenceProgress")
    assert loket.uncalled() == set()


async def test_every_informat_get_answers_what_the_document_says(http: httpx.AsyncClient) -> None:
    form = {
        "grant_type": "client_credentials",
        "client_id": "staffgraph-demo",
        "client_secret": "demo-secret",
    }
    token = (await http.post("/identity/connect/token", data=form)).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}", "InstituteNo": "047225", "Api-Version": "2"}
    informat = Caller(http, await document(http, "informat"), headers)
    year = {"schoolYear": "2026-27"}
    await informat.get("getEmployees", structure="311", headers={"Api-Version": "1"})
    staff = await informat.get("getEmployees", **year)
    for name in ("getAssignments", "getInterruptions", "getDiplomas", "getAppointments", "getOwnFields"):
        await informat.get(name, **year)
    photos = await informat.get("getPhotos", **year)
    informat.ids["personId"] = photos[0]["personId"]
    await informat.get("getEmployeePhoto")
    await informat.get("getEmployee", **year)
    interrupted = await informat.get("getInterruptions", **year)
    for name in (
        "getEmployeeAssignments",
        "getEmployeeAppointments",
        "getEmployeeOwnFields",
        "getEmployeeDiplomas",
    ):
        informat.ids["personId"] = staff[0]["personId"]
        await informat.get(name, **year)
    informat.ids["personId"] = interrupted[0]["personId"]
    await informat.get("getEmployeeInterruptions", **year)
    assert informat.uncalled() == set()


async def test_every_ictergezocht_get_answers_what_the_document_says(http: httpx.AsyncClient) -> None:
    ict = Caller(
        http, await document(http, "ictergezocht"), {"Authorization": "Bearer demo-ictergezocht-key"}
    )
    page = await ict.get("getClicks", offset=10, limit=5)
    assert set(page["rel"]) == {"prev", "next"}
    await ict.get("getVacancyInsight")
    await ict.get("getCompanyTypes")
    await ict.get("getUserFunctions")
    assert ict.uncalled() == set()


async def test_every_onderwijsloket_get_answers_what_the_document_says(http: httpx.AsyncClient) -> None:
    doc = await document(http, "onderwijsloket")
    ol = Caller(http, doc, {"Authorization": "Bearer demo-onderwijsloket-token"})
    for (method, path), operation in operations(doc).items():
        if method != "GET" or not path.startswith("/items/") or path.endswith("}"):
            continue
        rows = (await ol.get(operation["operationId"], meta="*", limit=-1))["data"]
        nested = await ol.get(operation["operationId"], fields="*.*", limit=20)
        assert nested["data"], path
        ol.ids["id"] = str(rows[0]["id"])
        await ol.get(item_of(doc, path))
    await ol.get("getCurrentUser")
    ping = await http.get(f"{ol.base}/server/ping")
    assert ping.status_code == 200 and ping.text == "pong"
    ol.called.add("ping")
    assert ol.uncalled() == set()


def item_of(doc: dict[str, Any], path: str) -> str:
    operation_id: str = doc["paths"][f"{path}/{{id}}"]["get"]["operationId"]
    return operation_id


async def test_a_changed_field_type_fails_validation(http: httpx.AsyncClient) -> None:
    """The check above can fail: a row with a field of the wrong type, or one missing, is refused."""
    doc = await document(http, "loket")
    operation = next(op for op in operations(doc).values() if op["operationId"] == "getEmployee")
    validator = response_validator(doc, operation)
    response = await http.get(
        f"{doc['servers'][0]['url']}/providers/employers",
        headers={"Authorization": "Bearer demo-loket-alice"},
    )
    employer_id = response.json()["_embedded"][0]["id"]
    employees = await http.get(
        f"{doc['servers'][0]['url']}/providers/employers/{employer_id}/employees",
        headers={"Authorization": "Bearer demo-loket-alice"},
    )
    row = employees.json()["_embedded"][0]
    good = {
        "version": {"obsoleteDate": None, "resourceVersion": "2018-12-31"},
        "messages": [],
        "content": row,
    }
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "content": {**row, "employeeNumber": str(row["employeeNumber"])}})
    assert not validator.is_valid({**good, "content": {k: v for k, v in row.items() if k != "id"}})
    assert not validator.is_valid({**good, "content": {**row, "unannounced": 1}})


async def test_the_document_is_not_an_upstream_call(http: httpx.AsyncClient) -> None:
    """Fetching a document leaves the call log alone: it is no call to the simulated API."""
    await http.delete("/_sim/calls")
    for upstream in UPSTREAMS:
        await document(http, upstream)
    calls = (await http.get("/_sim/calls")).json()
    assert all(calls[upstream]["total"] == 0 for upstream in UPSTREAMS)
