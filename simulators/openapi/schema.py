"""The vocabulary the simulators' OpenAPI documents are written in: OpenAPI 3.0 schema objects.

Objects are closed by default (``additionalProperties: false``) and every property is
required unless named in ``optional``: the documents describe exactly what a simulator
sends, so a field that appears, disappears or changes type fails
``tests/simulators/test_openapi.py``. ``nullable`` is OpenAPI 3.0's ``nullable: true``
(3.0.3 reads it only beside ``type``, so a ``$ref`` cannot be made nullable: write such
a schema inline).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

Schema = dict[str, Any]

STRING: Schema = {"type": "string"}
UUID: Schema = {"type": "string", "format": "uuid"}
DATE: Schema = {"type": "string", "format": "date"}
DATE_TIME: Schema = {"type": "string", "format": "date-time"}
INTEGER: Schema = {"type": "integer"}
NUMBER: Schema = {"type": "number"}
BOOLEAN: Schema = {"type": "boolean"}
# a field the simulator always sends as null (the real API fills it; its type is the vendor's)
ALWAYS_NULL: Schema = {"type": "string", "nullable": True, "description": "Always null in the simulator."}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: Schema) -> Schema:
    if "type" not in schema:
        raise ValueError(f"nullable needs a schema with a type, not {schema}")
    return {**schema, "nullable": True}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def obj(
    properties: Mapping[str, Schema],
    *,
    optional: Iterable[str] = (),
    title: str | None = None,
    description: str | None = None,
    closed: bool = True,
) -> Schema:
    """An object whose properties are all sent (but those in ``optional``) and no others."""
    skipped = set(optional)
    unknown = skipped - set(properties)
    if unknown:
        raise ValueError(f"optional names no property: {sorted(unknown)}")
    schema: Schema = {"type": "object"}
    if title is not None:
        schema["title"] = title
    if description is not None:
        schema["description"] = description
    schema["properties"] = dict(properties)
    required = [name for name in properties if name not in skipped]
    if required:
        schema["required"] = required
    if closed:
        schema["additionalProperties"] = False
    return schema


def titled(schemas: Mapping[str, Schema]) -> dict[str, Schema]:
    """Component schemas, each given its component name as ``title`` (Mesh names types by it)."""
    return {name: {"title": name, **schema} for name, schema in schemas.items()}
