"""GraphQL over HTTP: media types, refusals as GraphQL error bodies, and the two limits on the
HTTP request itself (body size, requests in flight) as pure ASGI middleware. The query limits
are in ``gateway.limits``."""

from __future__ import annotations

from gateway.http.body_limit import BodySizeLimit
from gateway.http.media import GRAPHQL_RESPONSE_JSON, JSON, body_type_problem, negotiate
from gateway.http.responses import HTTPRefusal, refusal_response
from gateway.http.shedding import LoadShedder

__all__ = [
    "GRAPHQL_RESPONSE_JSON",
    "JSON",
    "BodySizeLimit",
    "HTTPRefusal",
    "LoadShedder",
    "body_type_problem",
    "negotiate",
    "refusal_response",
]
