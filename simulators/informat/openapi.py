"""The Informat "Personeel" simulator's OpenAPI 3.0 document (API at ``/informat``).

Every call sends ``Authorization: Bearer`` (a client-credentials token of the identity server
at ``/identity/connect/token``), ``InstituteNo`` (a school within the token's scopes) and
optionally ``Api-Version`` (1 or 2; only ``GET /employees`` answers differently). Lists are
bare JSON arrays; a list with no rows is a 404 with an empty body.
``tests/simulators/test_openapi.py`` holds ``OPERATIONS`` equal to the routes served.

Choice: ``GET /employees`` is one operation whose rows are ``EmployeeV1`` (Api-Version 1, the
default) or ``Employee`` (Api-Version 2); OpenAPI has one response per status, so the
document says ``oneOf`` (the vendor's document shows the two versions as two sections).
"""

from __future__ import annotations

from typing import Any

from simulators.informat.catalog import INSTITUTES_BY_NUMBER
from simulators.informat.openapi_schemas import BODIES, ROWS
from simulators.openapi.document import openapi_document
from simulators.openapi.schema import STRING, Schema, array, ref, titled

SCHOOL_YEAR: dict[str, Any] = {
    "name": "schoolYear",
    "in": "query",
    "required": True,
    "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
    "description": "School year, e.g. `2025-26`.",
}
STRUCTURE: dict[str, Any] = {
    "name": "structure",
    "in": "query",
    "schema": {"type": "string", "minLength": 3, "maxLength": 3},
    "description": "Structure (hoofdstructuur) code, e.g. `311`.",
}
NON_SUBSIDISED: dict[str, Any] = {"name": "inclNonSubHours", "in": "query", "schema": {"type": "boolean"}}
CHANGED_SINCE: dict[str, Any] = {"name": "changedSince", "in": "query", "schema": STRING}
HEADERS: list[dict[str, Any]] = [
    {
        "name": "InstituteNo",
        "in": "header",
        "required": True,
        "schema": STRING,
        "description": "School number.",
    },
    {"name": "Api-Version", "in": "header", "schema": {"type": "string", "enum": ["1", "2"], "default": "1"}},
]
EMPLOYEE_ROWS: Schema = array({"oneOf": [ref("EmployeeV1"), ref("Employee")]})

# (method, path) -> (operationId, summary, query parameters, 200 schema or None, request body)
Entry = tuple[str, str, list[dict[str, Any]], Schema | None, str | None]
P = "/employees/{personId}"
OPERATIONS: dict[tuple[str, str], Entry] = {
    ("GET", "/employees"): (
        "getEmployees",
        "The school's staff (v1: by structure, school year optional; v2: school year required)",
        [{**SCHOOL_YEAR, "required": False}, STRUCTURE],
        EMPLOYEE_ROWS,
        None,
    ),
    ("GET", P): (
        "getEmployee",
        "One staff member (always the v2 object)",
        [SCHOOL_YEAR, STRUCTURE],
        ref("Employee"),
        None,
    ),
    ("GET", "/employees/assignments"): (
        "getAssignments",
        "Assignments (opdrachten) of the school year",
        [SCHOOL_YEAR, STRUCTURE, NON_SUBSIDISED],
        array(ref("Assignment")),
        None,
    ),
    ("GET", f"{P}/assignments"): (
        "getEmployeeAssignments",
        "One person's assignments",
        [SCHOOL_YEAR, STRUCTURE, NON_SUBSIDISED],
        array(ref("Assignment")),
        None,
    ),
    ("GET", "/employees/interruptions"): (
        "getInterruptions",
        "Interruptions (absences) in the school year",
        [SCHOOL_YEAR, STRUCTURE],
        array(ref("Interruption")),
        None,
    ),
    ("GET", f"{P}/interruptions"): (
        "getEmployeeInterruptions",
        "One person's interruptions",
        [SCHOOL_YEAR, STRUCTURE],
        array(ref("Interruption")),
        None,
    ),
    ("PUT", f"{P}/interruptions/{{interruptionId}}"): (
        "putEmployeeInterruption",
        "Add or update a sickness interruption",
        [],
        None,
        "InterruptionWrite",
    ),
    ("DELETE", "/employees/interruptions/{interruptionId}"): (
        "deleteInterruption",
        "Delete an interruption",
        [],
        None,
        None,
    ),
    ("GET", "/employees/diplomas"): (
        "getDiplomas",
        "Diplomas of the staff",
        [SCHOOL_YEAR, STRUCTURE],
        array(ref("Diploma")),
        None,
    ),
    ("GET", f"{P}/diplomas"): (
        "getEmployeeDiplomas",
        "One person's diplomas",
        [SCHOOL_YEAR, STRUCTURE],
        array(ref("Diploma")),
        None,
    ),
    ("GET", "/employees/appointments"): (
        "getAppointments",
        "Appointments (benoemingen)",
        [SCHOOL_YEAR, STRUCTURE],
        array(ref("Appointment")),
        None,
    ),
    ("GET", f"{P}/appointments"): (
        "getEmployeeAppointments",
        "One person's appointments at this school",
        [STRUCTURE],
        array(ref("Appointment")),
        None,
    ),
    ("GET", "/employees/photos"): (
        "getPhotos",
        "Photos of the staff",
        [SCHOOL_YEAR, STRUCTURE, CHANGED_SINCE],
        array(ref("Photo")),
        None,
    ),
    ("GET", f"{P}/photos"): ("getEmployeePhoto", "One person's photo", [], ref("Photo"), None),
    ("GET", "/employees/ownfields"): (
        "getOwnFields",
        "Own fields (vrije velden) of the staff",
        [SCHOOL_YEAR, STRUCTURE],
        array(ref("OwnField")),
        None,
    ),
    ("GET", f"{P}/ownfields"): (
        "getEmployeeOwnFields",
        "One person's own fields",
        [SCHOOL_YEAR, STRUCTURE],
        array(ref("OwnField")),
        None,
    ),
    ("PUT", "/employees/interruptions/{interruptionId}/attachments/{attachmentId}"): (
        "putInterruptionAttachment",
        "Add or replace an attachment of an interruption",
        [],
        None,
        "AttachmentWrite",
    ),
    ("DELETE", "/employees/interruptions/{interruptionId}/attachments/{attachmentId}"): (
        "deleteInterruptionAttachment",
        "Delete an attachment of an interruption",
        [],
        None,
        None,
    ),
    ("PUT", f"{P}/communication-number"): (
        "putEmployeeCommunicationNumber",
        "Add or update a phone number",
        [],
        None,
        "CommunicationNumberWrite",
    ),
    ("DELETE", f"{P}/communication-number/{{communicationNoId}}"): (
        "deleteEmployeeCommunicationNumber",
        "Delete a phone number",
        [],
        None,
        None,
    ),
}
ERRORS: dict[str, Any] = {
    "400": {"description": "Business-rule errors (BR...) or an unsupported Api-Version"},
    "401": {"description": "No, unknown or expired token"},
    "403": {"description": "InstituteNo is not within the token's scopes"},
    "404": {"description": "No rows, or no such person at this school (empty body)"},
}


def _operation(path: str, entry: Entry) -> dict[str, Any]:
    operation_id, summary, query, schema, body = entry
    placeholders = [part[1:-1] for part in path.split("/") if part.startswith("{")]
    params = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
        for name in placeholders
    ]
    ok: dict[str, Any] = {"description": "OK (writes: an empty body)"}
    if schema is not None:
        ok = {"description": "OK", "content": {"application/json": {"schema": schema}}}
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "summary": summary,
        "parameters": [*params, *query, *HEADERS],
        "responses": {"200": ok, **ERRORS},
    }
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": ref(body)}}}
    return operation


def informat_openapi(root: str) -> dict[str, Any]:
    """The document for a simulator server at ``root`` (API at ``{root}/informat``)."""
    paths: dict[str, Any] = {}
    for (method, path), entry in OPERATIONS.items():
        paths.setdefault(path, {})[method.lower()] = _operation(path, entry)
    scopes = {
        f"api_informat_sas_personeel.personeel.{number}": "one school" for number in INSTITUTES_BY_NUMBER
    }
    oauth = {
        "type": "oauth2",
        "description": "Demo client `staffgraph-demo` / `demo-secret`.",
        "flows": {"clientCredentials": {"tokenUrl": f"{root}/identity/connect/token", "scopes": scopes}},
    }
    return openapi_document(
        title="Informat Personeel API (simulated)",
        version="2",
        description=__doc__ or "",
        server=f"{root}/informat",
        paths=paths,
        schemas=titled({**ROWS, **BODIES}),
        security_schemes={"informatOAuth": oauth},
    )
