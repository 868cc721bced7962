"""The ICTerGezocht.nl simulator's OpenAPI 3.0 document (API at ``/ictergezocht``).

Every call sends the account's API key as ``Authorization: Bearer <apikey>`` (optionally a
partner key as ``Partner-Authorization: Bearer <partnerkey>``). Lists are paged with
``offset``/``limit`` (at most 50) in ``{count, offset, limit, rel: {prev, next}, items}``;
every failure is ``{"errors": [{"error", "label", "path"}]}``. The request body is the
vacancy payload of ``validation.py``, whose field tables are the document's.
``tests/simulators/test_openapi.py`` holds ``OPERATIONS`` equal to the routes served.
"""

from __future__ import annotations

from typing import Any

from simulators.ictergezocht.paging import MAX_LIMIT
from simulators.ictergezocht.validation import LONG, SHORT
from simulators.openapi.document import openapi_document
from simulators.openapi.schema import (
    DATE,
    DATE_TIME,
    INTEGER,
    NUMBER,
    STRING,
    Schema,
    array,
    obj,
    ref,
    titled,
)


def _text(limit: int = SHORT) -> Schema:
    return {"type": "string", "maxLength": limit}


ID_OR_DIGITS: Schema = {"oneOf": [INTEGER, {"type": "string", "pattern": "^[0-9]{1,9}$"}]}
VACANCY_TEXT = ("education", "experience", "employment", "hours", "salary", "industry", "atsId")
ROWS: dict[str, Schema] = {
    "VacancyInsight": obj(
        {
            "vacancyId": INTEGER,
            "referenceNumber": STRING,
            "publishDate": DATE,
            "status": INTEGER,
            "title": STRING,
            "city": STRING,
            "runtime": INTEGER,
            "campaign": STRING,
            "functionGroup": STRING,
            "companyUser": obj({"name": STRING, "email": STRING}),
            "clicks": INTEGER,
            "cpc": NUMBER,
            "cost": NUMBER,
            "applications": INTEGER,
        }
    ),
    "Click": obj(
        {"vacancyId": INTEGER, "clickDate": DATE_TIME, "referenceNumber": STRING, "ip": STRING, "cpc": NUMBER}
    ),
    "CompanyType": obj({"id": INTEGER, "name": STRING}),
    "UserFunction": obj({"id": INTEGER, "name": STRING}),
}
SHARED: dict[str, Schema] = {
    "PageLinks": obj({"prev": STRING, "next": STRING}, optional=["prev", "next"]),
    "VacancyCreated": obj({"vacancyId": INTEGER, "vacancyUrl": STRING}),
    "Error": obj({"error": STRING, "label": STRING, "path": STRING}),
    "Errors": obj({"errors": array(ref("Error"))}),
    "Vacancy": obj(
        {
            "referenceNumber": _text(),
            "title": _text(),
            "description": _text(LONG),
            "location": _text(),
            **{name: _text() for name in VACANCY_TEXT},
            "countryCode": {"type": "string", "minLength": 2, "maxLength": 2},
            "autoDeleteDate": STRING,
            "company": obj(
                {"name": _text(), "description": _text(LONG), "logoUrl": _text(), "typeId": ID_OR_DIGITS},
                optional=["description", "logoUrl", "typeId"],
                closed=False,
            ),
            "companyUser": obj(
                {
                    "name": _text(),
                    "email": _text(),
                    "phone": _text(),
                    "photoUrl": _text(),
                    "functionId": ID_OR_DIGITS,
                },
                optional=["phone", "photoUrl", "functionId"],
                closed=False,
            ),
            "customFields": array(obj({"name": _text(), "value": _text(LONG)}, closed=False)),
        },
        optional=[*VACANCY_TEXT, "countryCode", "autoDeleteDate", "company", "companyUser", "customFields"],
        closed=False,
        description="Fields the document does not list are ignored.",
    ),
}
PAGING: list[dict[str, Any]] = [
    {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}},
    {
        "name": "limit",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "default": MAX_LIMIT},
        "description": f"At most {MAX_LIMIT}; more is capped.",
    },
]
PERIOD: list[dict[str, Any]] = [
    {
        "name": "startDate",
        "in": "query",
        "schema": STRING,
        "description": "ISO 8601 date or moment, inclusive.",
    },
    {
        "name": "endDate",
        "in": "query",
        "schema": STRING,
        "description": "ISO 8601 date or moment, inclusive.",
    },
]
REFERENCE: dict[str, Any] = {"name": "referenceNumber", "in": "query", "schema": STRING}
VACANCY_ID: dict[str, Any] = {"name": "vacancyId", "in": "path", "required": True, "schema": INTEGER}

# (method, path) -> (operationId, summary, parameters, (status, schema) or status without body, body)
Entry = tuple[str, str, list[dict[str, Any]], tuple[str, Schema | None], bool]
OPERATIONS: dict[tuple[str, str], Entry] = {
    ("POST", "/vacancy"): ("createVacancy", "Publish a vacancy", [], ("201", ref("VacancyCreated")), True),
    ("PUT", "/vacancy/{vacancyId}"): (
        "updateVacancy",
        "Replace a vacancy",
        [VACANCY_ID],
        ("200", ref("VacancyCreated")),
        True,
    ),
    ("DELETE", "/vacancy/{vacancyId}"): (
        "deleteVacancy",
        "Take a vacancy offline",
        [VACANCY_ID],
        ("204", None),
        False,
    ),
    ("GET", "/vacancy/insight"): (
        "getVacancyInsight",
        "The account's vacancies with clicks, cost and applications, by publish date",
        [*PERIOD, *PAGING],
        ("200", ref("VacancyInsightPage")),
        False,
    ),
    ("GET", "/click"): (
        "getClicks",
        "Clicks on the account's vacancies",
        [*PERIOD, REFERENCE, *PAGING],
        ("200", ref("ClickPage")),
        False,
    ),
    ("GET", "/company/type"): (
        "getCompanyTypes",
        "Company types",
        PAGING,
        ("200", ref("CompanyTypePage")),
        False,
    ),
    ("GET", "/company/user/function"): (
        "getUserFunctions",
        "Functions of a company user",
        PAGING,
        ("200", ref("UserFunctionPage")),
        False,
    ),
}
ERROR_STATUSES = {
    "400": "Invalid parameters or body",
    "401": "No, unknown or revoked key",
    "403": "The key was not created for this endpoint",
    "404": "No such vacancy of this account",
    "429": "Rate limit (per account, per IP)",
}


def _pages() -> dict[str, Schema]:
    return {
        f"{name}Page": obj(
            {
                "count": INTEGER,
                "offset": INTEGER,
                "limit": INTEGER,
                "rel": ref("PageLinks"),
                "items": array(ref(name)),
            }
        )
        for name in ROWS
    }


def _operation(entry: Entry) -> dict[str, Any]:
    operation_id, summary, params, (status, schema), body = entry
    ok: dict[str, Any] = {"description": "No content"}
    if schema is not None:
        ok = {"description": "OK", "content": {"application/json": {"schema": schema}}}
    errors = {"application/json": {"schema": ref("Errors")}}
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "summary": summary,
        "parameters": [
            *params,
            {
                "name": "Partner-Authorization",
                "in": "header",
                "schema": STRING,
                "description": "`Bearer <key>`",
            },
        ],
        "responses": {
            status: ok,
            **{code: {"description": text, "content": errors} for code, text in ERROR_STATUSES.items()},
        },
    }
    if body:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": ref("Vacancy")}},
        }
    return operation


def ictergezocht_openapi(root: str) -> dict[str, Any]:
    """The document for a simulator server at ``root`` (API at ``{root}/ictergezocht``)."""
    paths: dict[str, Any] = {}
    for (method, path), entry in OPERATIONS.items():
        paths.setdefault(path, {})[method.lower()] = _operation(entry)
    key = {
        "type": "http",
        "scheme": "bearer",
        "description": "The account's API key (demo: `demo-ictergezocht-key`).",
    }
    return openapi_document(
        title="ICTerGezocht.nl API (simulated)",
        version="1",
        description=__doc__ or "",
        server=f"{root}/ictergezocht",
        paths=paths,
        schemas=titled({**SHARED, **ROWS, **_pages()}),
        security_schemes={"apiKey": key},
    )
