"""GraphQL over HTTP: media types, refusals as GraphQL error bodies, and the limits on the HTTP
request itself: the connection's header deadline and size (a uvicorn protocol), the body's size
and deadline and the requests in flight (pure ASGI middleware), the JSON nesting depth. The
query limits are in ``gateway.limits``."""

from __future__ import annotations

from gateway.http.body import RequestBody
from gateway.http.json_depth import nesting_depth, nests_deeper_than
from gateway.http.media import GRAPHQL_RESPONSE_JSON, JSON, body_type_problem, negotiate
from gateway.http.responses import HTTPRefusal, raw_refusal, refusal_response
from gateway.http.shedding import LoadShedder

__all__ = [
    "GRAPHQL_RESPONSE_JSON",
    "JSON",
    "HTTPRefusal",
    "LoadShedder",
    "RequestBody",
    "body_type_problem",
    "negotiate",
    "nesting_depth",
    "nests_deeper_than",
    "raw_refusal",
    "refusal_response",
]
