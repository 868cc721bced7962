"""JSON request bodies of the write calls, read as the ASP.NET service reads them.

Property names match case-insensitively (the document's table writes ``instelnr``, its
example ``Instelnr``); numbers may come as strings; ``null`` counts as absent. A value of
the wrong JSON type, a malformed body or a missing JSON Content-Type never reaches the
BR rules: it is refused by model binding with a problem document (400, or 415).
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Any

import orjson
from starlette.requests import Request

from simulators.informat.errors import problem, unsupported_media_type
from simulators.informat.params import guid
from simulators.informat.schoolyears import parse_api_date

_NET_TYPES = {str: "System.String", bool: "System.Boolean", int: "System.Int32", date: "System.DateTime"}


def _binding_error(name: str, net_type: str) -> Exception:
    path = f"$.{name}" if name else "$"
    return problem(
        {
            path: [
                f"The JSON value could not be converted to {net_type}. Path: {path} | LineNumber: 0 | "
                "BytePositionInLine: 0."
            ]
        }
    )


class Body:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = {str(key).lower(): value for key, value in data.items()}

    def _raw(self, name: str) -> Any:
        return self._data.get(name.lower())

    def string(self, name: str) -> str | None:
        value = self._raw(name)
        if value is None or isinstance(value, str):
            return value
        raise _binding_error(name, _NET_TYPES[str])

    def boolean(self, name: str) -> bool | None:
        value = self._raw(name)
        if value is None or isinstance(value, bool):
            return value
        raise _binding_error(name, _NET_TYPES[bool])

    def integer(self, name: str) -> int | None:
        value = self._raw(name)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and -(2**31) <= value < 2**31:
            return value
        if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value.strip()) < 11:
            return int(value)
        raise _binding_error(name, _NET_TYPES[int])

    def day(self, name: str) -> date | None:
        value = self._raw(name)
        if value is None:
            return None
        parsed = parse_api_date(value) if isinstance(value, str) else None
        if parsed is None:
            raise _binding_error(name, _NET_TYPES[date])
        return parsed.date()

    def guid(self, name: str) -> str | None:
        value = self._raw(name)
        if value is None:
            return None
        parsed = guid(value)
        if parsed is None:
            raise _binding_error(name, "System.Guid")
        return parsed

    def base64_size(self, name: str) -> int | None:
        """The decoded size of a base64 value, or None when absent.

        Choice: malformed base64 is refused like any value that does not bind (400 problem
        document), since the service converts it to a byte array before its rules run.
        """
        value = self.string(name)
        if value is None or value == "":
            return None
        try:
            return len(base64.b64decode(value, validate=True))
        except (binascii.Error, ValueError):
            raise _binding_error(name, "System.Byte[]") from None


async def json_body(request: Request) -> Body:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json" and not content_type.endswith("+json"):
        raise unsupported_media_type()
    raw = await request.body()
    if not raw.strip():
        raise problem({"": ["A non-empty request body is required."]})
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise problem(
            {"$": ["The input is not valid JSON. Path: $ | LineNumber: 0 | BytePositionInLine: 0."]}
        ) from None
    if not isinstance(data, dict):
        raise _binding_error("", "the request model")
    return Body(data)
