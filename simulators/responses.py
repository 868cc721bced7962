"""JSON responses for the simulators, serialised with orjson (thousands of rows per page)."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response


class JSONResponse(Response):
    """``starlette.responses.JSONResponse`` with orjson and an overridable media type.

    Loket answers ``application/json;version=2018-01-01``; pass ``media_type`` to say so.
    """

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


def json_body(content: Any) -> bytes:
    return orjson.dumps(content)
