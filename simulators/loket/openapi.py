"""The Loket simulator's OpenAPI 3.0 document, built from its route tables (``app.ROUTE_TABLES``).

Every served operation needs an entry in ``OPERATIONS`` (the document cannot be built
without one), and the document has no operation that is not served. Lists get the paged
envelope (``totalSize`` ... ``_embedded``) and the list query parameters; items the
``{version, messages, content}`` envelope. Authentication is Loket's OAuth 2.0 (token at
``/loket/token``, login page at ``/loket/authorize``), and every call may choose the
resource version with ``Accept: application/json;version=YYYY-MM-DD``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from simulators.loket.app import ROUTE_TABLES
from simulators.loket.openapi_schemas import ROWS, SHARED
from simulators.loket.paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from simulators.openapi.document import openapi_document
from simulators.openapi.schema import INTEGER, STRING, Schema, array, obj, ref, titled


@dataclass(frozen=True)
class Doc:
    operation_id: str
    row: str
    summary: str
    query: tuple[str, ...] = ()  # extra query parameters, names from QUERY_PARAMETERS
    body: str | None = None  # request body component


E = "/providers/employers"
OPERATIONS: dict[tuple[str, str], Doc] = {
    ("GET", E): Doc("getEmployers", "Employer", "The employers the user may see"),
    ("GET", f"{E}/minimized"): Doc("getEmployersMinimized", "EmployerMinimized", "Employers, few fields"),
    ("GET", f"{E}/{{employerId}}"): Doc("getEmployer", "Employer", "One employer"),
    ("GET", f"{E}/{{employerId}}/employees"): Doc("getEmployees", "Employee", "An employer's employees"),
    ("GET", f"{E}/employees/{{employeeId}}"): Doc("getEmployee", "Employee", "One employee"),
    ("GET", f"{E}/employees/{{employeeId}}/employments"): Doc(
        "getEmployeeEmployments", "Employment", "An employee's employments"
    ),
    ("GET", f"{E}/{{employerId}}/employees/employments"): Doc(
        "getEmployerEmployments", "Employment", "Every employment of an employer"
    ),
    ("GET", f"{E}/{{employerId}}/employees/employments/minimized"): Doc(
        "getEmployerEmploymentsMinimized",
        "EmploymentMinimized",
        "Every employment of an employer, few fields",
    ),
    ("GET", f"{E}/employees/employments/{{employmentId}}"): Doc(
        "getEmployment", "Employment", "One employment"
    ),
    ("GET", f"{E}/employees/employments/organizationalentities/{{organizationalEntityId}}"): Doc(
        "getOrganizationalEntity", "OrganizationalEntity", "One organizational entity (function, department)"
    ),
    ("GET", f"{E}/employees/employments/{{employmentId}}/organizationalentities"): Doc(
        "getEmploymentOrganizationalEntities",
        "OrganizationalEntity",
        "An employment's organizational entities",
    ),
    ("GET", f"{E}/{{employerId}}/actualorganizationalentities"): Doc(
        "getActualOrganizationalEntities",
        "OrganizationalEntity",
        "Per employment of the employer, the organizational entity valid on referenceDate",
        ("referenceDate",),
    ),
    ("GET", f"{E}/departments/{{departmentId}}"): Doc("getDepartment", "Department", "One department"),
    ("GET", f"{E}/{{employerId}}/departments"): Doc(
        "getDepartments", "Department", "An employer's departments"
    ),
    ("GET", f"{E}/functions/{{functionId}}"): Doc("getFunction", "Function", "One function"),
    ("GET", f"{E}/{{employerId}}/functions"): Doc("getFunctions", "Function", "An employer's functions"),
    ("GET", f"{E}/employees/{{employeeId}}/absences"): Doc(
        "getEmployeeAbsences", "Absence", "An employee's absences"
    ),
    ("POST", f"{E}/employees/{{employeeId}}/absences"): Doc(
        "createAbsence", "Absence", "Report an absence (and its first progress record)", body="AbsenceCreate"
    ),
    ("GET", f"{E}/employees/absences/{{absenceId}}"): Doc("getAbsence", "Absence", "One absence"),
    ("PUT", f"{E}/employees/absences/{{absenceId}}"): Doc(
        "updateAbsence", "Absence", "Edit an absence", body="AbsenceUpdate"
    ),
    ("DELETE", f"{E}/employees/absences/{{absenceId}}"): Doc(
        "deleteAbsence", "Absence", "Delete an absence and its progress records"
    ),
    ("PATCH", f"{E}/employees/absences/{{absenceId}}/closeabsence"): Doc(
        "closeAbsence", "Absence", "Close an absence", body="AbsenceClose"
    ),
    ("PATCH", f"{E}/employees/absences/{{absenceId}}/reopenabsence"): Doc(
        "reopenAbsence", "Absence", "Reopen a closed absence"
    ),
    ("GET", f"{E}/employees/absences/absenceprogress/{{absenceProgressId}}"): Doc(
        "getAbsenceProgress", "AbsenceProgress", "One absence progress record"
    ),
    ("GET", f"{E}/employees/absences/{{absenceId}}/absenceprogress"): Doc(
        "getAbsenceProgressRecords", "AbsenceProgress", "An absence's progress records"
    ),
    ("GET", f"{E}/{{employerId}}/employees/employments/calendar/absences"): Doc(
        "getCalendarAbsences",
        "CalendarAbsence",
        "Per employment of the employer, its absences in the period",
        ("startDate", "endDate"),
    ),
    ("GET", f"{E}/{{employerId}}/employees/employments/calendar/leave"): Doc(
        "getCalendarLeave",
        "CalendarLeave",
        "Per employment of the employer, its leave taken in the period",
        ("startDate", "endDate"),
    ),
    ("GET", f"{E}/employees/employments/leave/{{leaveId}}"): Doc("getLeave", "Leave", "One leave entry"),
    ("GET", f"{E}/employees/employments/{{employmentId}}/leave"): Doc(
        "getEmploymentLeave", "Leave", "An employment's leave entries"
    ),
    ("GET", f"{E}/employees/employments/leaverequests/{{leaveRequestId}}"): Doc(
        "getLeaveRequest", "LeaveRequest", "One leave request"
    ),
    ("GET", f"{E}/employees/employments/{{employmentId}}/leaverequests"): Doc(
        "getEmploymentLeaveRequests", "LeaveRequest", "An employment's leave requests"
    ),
    ("GET", f"{E}/{{employerId}}/employees/employments/leaverequests"): Doc(
        "getEmployerLeaveRequests", "LeaveRequest", "Every leave request of an employer"
    ),
    ("GET", f"{E}/employees/employments/{{employmentId}}/leavebalances"): Doc(
        "getEmploymentLeaveBalances", "LeaveBalance", "An employment's leave balances, per year"
    ),
    ("GET", f"{E}/{{employerId}}/leavebalances"): Doc(
        "getEmployerLeaveBalances",
        "EmployerLeaveBalance",
        "Per employment of the employer, its leave balances on referenceDate",
        ("referenceDate", "leaveType"),
    ),
}

DATE_PARAM: Schema = {"type": "string", "format": "date"}
QUERY_PARAMETERS: dict[str, dict[str, Any]] = {
    "referenceDate": {"schema": DATE_PARAM, "description": "Default: today."},
    "startDate": {"schema": DATE_PARAM, "required": True},
    "endDate": {"schema": DATE_PARAM, "required": True},
    "leaveType": {
        "schema": array(INTEGER),
        "style": "form",
        "explode": True,
        "description": "Leave type keys (repeatable); default: all.",
    },
}
LIST_PARAMETERS: list[dict[str, Any]] = [
    {"name": "pageNumber", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
    {
        "name": "pageSize",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
    },
    {
        "name": "filter",
        "in": "query",
        "schema": STRING,
        "description": "Loket filter expression, e.g. `personalDetails.lastName eq 'Jansen'`.",
    },
    {
        "name": "orderBy",
        "in": "query",
        "schema": STRING,
        "description": "Comma-separated fields, `-` = descending.",
    },
]
ACCEPT: dict[str, Any] = {
    "name": "Accept",
    "in": "header",
    "schema": {"type": "string", "default": "application/json"},
    "description": "`application/json;version=YYYY-MM-DD` picks the resource version on or before that date; "
    "without one the newest is used.",
}
IF_MATCH: dict[str, Any] = {
    "name": "If-Match",
    "in": "header",
    "schema": STRING,
    "description": "ETag; 409 if stale.",
}

OPTION = obj({"key": INTEGER}, closed=False)
BODIES: dict[str, Schema] = {
    "AbsenceUpdate": obj(
        {
            "causeOfAbsence": OPTION,
            "actionToBeTakenByOccupationalHealthAndSafetyService": OPTION,
            "expectedDuration": OPTION,
            "accidentType": OPTION,
            "hoursWorkedOnFirstDayOfAbsence": INTEGER,
            "isDisruptedEmploymentRelationship": {"type": "boolean"},
            "isWorkRelatedIllness": {"type": "boolean"},
            "isRecoveredWithinTwoWeeks": {"type": "boolean"},
            "comments": STRING,
        },
        optional=[
            "expectedDuration",
            "accidentType",
            "hoursWorkedOnFirstDayOfAbsence",
            "comments",
        ],
        closed=False,
        description="The writable fields of an absence (the same names as it is read with).",
    ),
    "AbsenceClose": obj({"endOfAbsence": obj({"date": DATE_PARAM, "reason": OPTION}, optional=["reason"])}),
}
BODIES["AbsenceCreate"] = {
    **BODIES["AbsenceUpdate"],
    "properties": {
        **BODIES["AbsenceUpdate"]["properties"],
        "progress": obj({"startDate": DATE_PARAM, "currentIncapacityPercentage": INTEGER}),
    },
    "required": [*BODIES["AbsenceUpdate"]["required"], "progress"],
}


def _envelopes() -> dict[str, Schema]:
    schemas: dict[str, Schema] = {}
    for name in ROWS:
        common = {"version": ref("ResourceVersion"), "messages": array(ref("Message"))}
        schemas[f"{name}Page"] = obj(
            {
                "totalSize": INTEGER,
                "pageSize": INTEGER,
                "totalPages": INTEGER,
                "currentPage": INTEGER,
                **common,
                "_embedded": array(ref(name)),
            }
        )
        schemas[f"{name}Item"] = obj({**common, "content": ref(name)})
    return schemas


def _operation(method: str, path: str, doc: Doc, is_list: bool) -> dict[str, Any]:
    params: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
        for name in _placeholders(path)
    ]
    params += [{"name": name, "in": "query", **QUERY_PARAMETERS[name]} for name in doc.query]
    if is_list:
        params += LIST_PARAMETERS
    params.append(ACCEPT)
    if method in ("PUT", "PATCH", "DELETE"):
        params.append(IF_MATCH)
    envelope = f"{doc.row}Page" if is_list else f"{doc.row}Item"
    status = "201" if method == "POST" else "200"
    content = {"application/json": {"schema": ref(envelope)}}
    operation: dict[str, Any] = {
        "operationId": doc.operation_id,
        "summary": doc.summary,
        "parameters": params,
        "responses": {status: {"description": "OK", "content": content}, **ERRORS},
    }
    if method == "DELETE":
        operation["responses"][status] = {
            "description": "Deleted: the envelope with `content: {}`",
            "content": {
                "application/json": {
                    "schema": obj(
                        {
                            "version": ref("ResourceVersion"),
                            "messages": array(ref("Message")),
                            "content": obj({}),
                        }
                    )
                }
            },
        }
    if doc.body is not None:
        body_schema = {"application/json": {"schema": ref(doc.body)}}
        operation["requestBody"] = {"required": True, "content": body_schema}
    return operation


ERRORS: dict[str, Any] = {
    "400": {"description": "Broken business rule, bad parameter, filter or version (`messages` say which)"},
    "401": {"description": 'No or unknown token: `{"message": ...}`'},
    "403": {"description": 'The user may not see this employer: `{"message": ...}`'},
    "404": {"description": "Not found"},
}


def _placeholders(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


def build_paths() -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for table in ROUTE_TABLES:
        for route_path, operations in table:
            path = route_path.removeprefix("/v2")
            for method, operation in operations.items():
                doc = OPERATIONS[(method, path)]
                item = paths.setdefault(path, {})
                item[method.lower()] = _operation(method, path, doc, operation.view is not None)
    return paths


def loket_openapi(root: str) -> dict[str, Any]:
    """The document for a simulator server at ``root`` (API at ``{root}/loket/v2``)."""
    oauth = {
        "type": "oauth2",
        "description": "Fixed demo tokens: `demo-loket-alice`, `demo-loket-bob`.",
        "flows": {
            "authorizationCode": {
                "authorizationUrl": f"{root}/loket/authorize",
                "tokenUrl": f"{root}/loket/token",
                "refreshUrl": f"{root}/loket/token",
                "scopes": {},
            },
            "password": {
                "tokenUrl": f"{root}/loket/token",
                "refreshUrl": f"{root}/loket/token",
                "scopes": {},
            },
        },
    }
    return openapi_document(
        title="Loket.nl API (simulated)",
        version="v2",
        description=__doc__ or "",
        server=f"{root}/loket/v2",
        paths=build_paths(),
        schemas=titled({**SHARED, **ROWS, **_envelopes(), **BODIES}),
        security_schemes={"loketOAuth": oauth},
    )
