"""The Onderwijsloket (Directus) simulator's OpenAPI 3.0 document (API at ``/onderwijsloket``).

Built from the collection model (``schema.SCHEMA``), as Directus builds its own
(``GET /server/specs/oas``): one path per collection, ``/items/programs`` and
``/items/programs/{id}``, each an instance of the served ``/items/{collection}`` routes,
so a client gets typed rows (``TrainingProgram``, ...). A many-to-one field holds the
related key, or the related row when ``fields`` reaches into it (``fields=*,track.*``);
a one-to-many alias a list of the same. No property is required: ``fields`` picks them.
Token: ``Authorization: Bearer`` (static token or one from ``POST /auth/login``).

Choice: the write routes (``POST``/``PATCH``/``DELETE`` on ``/items/{collection}`` and
``/items/{collection}/{key}``) are documented once, generically, with their only answer
for the demo roles (403); ``SEARCH /items/{collection}`` (the query in a JSON body) is
served but cannot be written in OpenAPI 3.0, which has no SEARCH method.
"""

from __future__ import annotations

from typing import Any

from simulators.onderwijsloket.listing import DEFAULT_LIMIT
from simulators.onderwijsloket.schema import SCHEMA, Collection, Field
from simulators.openapi.document import openapi_document
from simulators.openapi.schema import (
    BOOLEAN,
    DATE_TIME,
    INTEGER,
    NUMBER,
    STRING,
    UUID,
    Schema,
    array,
    obj,
    ref,
    titled,
)

# collection -> (component name, operationId of the list, of one item)
NAMES: dict[str, tuple[str, str, str]] = {
    "programs": ("TrainingProgram", "getTrainingPrograms", "getTrainingProgram"),
    "program_forms": ("ProgramForm", "getProgramForms", "getProgramForm"),
    "educational_institutions": (
        "EducationalInstitution",
        "getEducationalInstitutions",
        "getEducationalInstitution",
    ),
    "locations": ("Location", "getLocations", "getLocation"),
    "tracks": ("Track", "getTracks", "getTrack"),
    "educational_institutions_programs": (
        "EducationalInstitutionProgram",
        "getEducationalInstitutionPrograms",
        "getEducationalInstitutionProgram",
    ),
    "programs_locations": ("ProgramLocation", "getProgramLocations", "getProgramLocation"),
    "educational_institutions_locations": (
        "EducationalInstitutionLocation",
        "getEducationalInstitutionLocations",
        "getEducationalInstitutionLocation",
    ),
}
TYPES: dict[str, Schema] = {
    "uuid": UUID,
    "string": STRING,
    "text": STRING,
    "integer": INTEGER,
    "float": NUMBER,
    "boolean": BOOLEAN,
    "timestamp": DATE_TIME,
    "json": {"description": "JSON value"},
    "geometry": obj({"type": STRING, "coordinates": array(NUMBER)}, title="GeoJSONPoint", closed=False),
}


def _key_type(collection: str) -> Schema:
    return TYPES[SCHEMA[collection].primary_type]


def _field(field: Field) -> Schema:
    if field.m2o is not None:
        return {"oneOf": [{**_key_type(field.m2o), "nullable": True}, ref(NAMES[field.m2o][0])]}
    if field.o2m is not None:
        child = field.o2m[0]
        return array({"oneOf": [_key_type(child), ref(NAMES[child][0])]})
    schema = TYPES[field.type]
    return {**schema, "nullable": True} if "type" in schema else schema  # json: any value, null too


def _row(collection: Collection) -> Schema:
    properties = {name: _field(field) for name, field in collection.fields.items()}
    properties[collection.primary] = _key_type(collection.name)
    return obj(properties, optional=list(properties), description=f"A row of `{collection.name}`.")


QUERY: list[dict[str, Any]] = [
    {
        "name": "fields",
        "in": "query",
        "schema": STRING,
        "description": "Comma-separated, dotted into relations: `*,track.*`.",
    },
    {
        "name": "filter",
        "in": "query",
        "schema": STRING,
        "description": 'Directus filter as JSON: `{"level":{"_eq":"hbo"}}`.',
    },
    {"name": "search", "in": "query", "schema": STRING},
    {
        "name": "sort",
        "in": "query",
        "schema": STRING,
        "description": "Comma-separated fields, `-` = descending.",
    },
    {
        "name": "limit",
        "in": "query",
        "schema": {"type": "integer", "default": DEFAULT_LIMIT},
        "description": "-1 = all.",
    },
    {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}},
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
    {"name": "meta", "in": "query", "schema": STRING, "description": "`total_count`, `filter_count` or `*`."},
    {"name": "deep", "in": "query", "schema": STRING, "description": "Per-relation query as JSON."},
]
ITEM_QUERY = [QUERY[0]]
META = obj({"total_count": INTEGER, "filter_count": INTEGER}, optional=["total_count", "filter_count"])
ERRORS: dict[str, Any] = {
    code: {"description": text, "content": {"application/json": {"schema": ref("Errors")}}}
    for code, text in {
        "400": "INVALID_QUERY / INVALID_PAYLOAD",
        "401": "INVALID_CREDENTIALS / TOKEN_EXPIRED",
        "403": "FORBIDDEN (no read permission, unknown collection, any write)",
        "429": "REQUESTS_EXCEEDED",
    }.items()
}
SHARED: dict[str, Schema] = {
    "Meta": META,
    "Error": obj({"message": STRING, "extensions": obj({"code": STRING}, closed=False)}),
    "Errors": obj({"errors": array(ref("Error"))}),
    "Tokens": obj({"data": obj({"access_token": STRING, "expires": INTEGER, "refresh_token": STRING})}),
    "CurrentUser": obj(
        {
            "data": obj(
                {
                    "id": UUID,
                    "first_name": STRING,
                    "last_name": STRING,
                    "email": STRING,
                    "role": UUID,
                    "status": STRING,
                }
            )
        }
    ),
}


def _json(schema: Schema) -> dict[str, Any]:
    return {"description": "OK", "content": {"application/json": {"schema": schema}}}


def _collection_paths() -> tuple[dict[str, Any], dict[str, Schema]]:
    paths: dict[str, Any] = {}
    schemas: dict[str, Schema] = {}
    for name, collection in SCHEMA.items():
        component, list_id, item_id = NAMES[name]
        schemas[component] = _row(collection)
        schemas[f"{component}List"] = obj(
            {"data": array(ref(component)), "meta": ref("Meta")}, optional=["meta"]
        )
        schemas[f"{component}Item"] = obj({"data": ref(component)})
        key = {"name": "id", "in": "path", "required": True, "schema": _key_type(name)}
        paths[f"/items/{name}"] = {
            "get": {
                "operationId": list_id,
                "summary": f"Rows of {name}",
                "parameters": QUERY,
                "responses": {"200": _json(ref(f"{component}List")), **ERRORS},
            }
        }
        paths[f"/items/{name}/{{id}}"] = {
            "get": {
                "operationId": item_id,
                "summary": f"One row of {name}",
                "parameters": [key, *ITEM_QUERY],
                "responses": {"200": _json(ref(f"{component}Item")), "404": ERRORS["403"], **ERRORS},
            }
        }
    return paths, schemas


def _writes() -> dict[str, Any]:
    collection = {"name": "collection", "in": "path", "required": True, "schema": STRING}
    key = {"name": "key", "in": "path", "required": True, "schema": STRING}
    body = {"content": {"application/json": {"schema": {"description": "Items or changes"}}}}

    def write(operation_id: str, params: list[dict[str, Any]], with_body: bool) -> dict[str, Any]:
        operation: dict[str, Any] = {
            "operationId": operation_id,
            "summary": "Refused: the demo roles only read",
            "parameters": params,
            "responses": {"403": ERRORS["403"], "401": ERRORS["401"]},
        }
        if with_body:
            operation["requestBody"] = body
        return operation

    return {
        "/items/{collection}": {
            "post": write("createItems", [collection], True),
            "patch": write("updateItems", [collection], True),
            "delete": write("deleteItems", [collection], True),
        },
        "/items/{collection}/{key}": {
            "patch": write("updateItem", [collection, key], True),
            "delete": write("deleteItem", [collection, key], False),
        },
    }


def _platform() -> dict[str, Any]:
    credentials = obj({"email": STRING, "password": STRING}, closed=False)
    refresh = obj({"refresh_token": STRING}, closed=False)
    public: list[dict[str, list[str]]] = [{}]  # no token needed
    return {
        "/auth/login": {
            "post": {
                "operationId": "login",
                "security": public,
                "requestBody": {"required": True, "content": {"application/json": {"schema": credentials}}},
                "responses": {"200": _json(ref("Tokens")), **ERRORS},
            }
        },
        "/auth/refresh": {
            "post": {
                "operationId": "refreshToken",
                "security": public,
                "requestBody": {"required": True, "content": {"application/json": {"schema": refresh}}},
                "responses": {"200": _json(ref("Tokens")), **ERRORS},
            }
        },
        "/users/me": {
            "get": {
                "operationId": "getCurrentUser",
                "responses": {"200": _json(ref("CurrentUser")), **ERRORS},
            }
        },
        "/server/ping": {
            "get": {
                "operationId": "ping",
                "security": public,
                "responses": {"200": {"description": "pong", "content": {"text/plain": {"schema": STRING}}}},
            }
        },
    }


def onderwijsloket_openapi(root: str) -> dict[str, Any]:
    """The document for a simulator server at ``root`` (API at ``{root}/onderwijsloket``)."""
    paths, rows = _collection_paths()
    token = {"type": "http", "scheme": "bearer", "description": "Demo: `demo-onderwijsloket-token`."}
    return openapi_document(
        title="Onderwijsloket API (Directus, simulated)",
        version="1",
        description=__doc__ or "",
        server=f"{root}/onderwijsloket",
        paths={**paths, **_writes(), **_platform()},
        schemas=titled({**SHARED, **rows}),
        security_schemes={"bearerToken": token},
    )
