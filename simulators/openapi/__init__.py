"""OpenAPI 3.0 documents of what the simulators serve, for clients that compose from them (GraphQL Mesh).

``schema`` holds the small vocabulary the per-simulator documents are written in
(``simulators/<name>/openapi.py``); ``document`` assembles a document and fills in its
``servers`` from the request that asked for it; the simulator server serves each at
``/{upstream}/openapi.json`` (``simulators.server``), outside the call log and faults.
"""

from __future__ import annotations

from simulators.openapi.document import DocumentBuilder, openapi_document
from simulators.openapi.schema import Schema

__all__ = ["DocumentBuilder", "Schema", "openapi_document"]
