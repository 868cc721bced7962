"""What the gateway logs about GraphQL errors, and at which level.

Strawberry logs every error of every operation at ERROR, with a traceback
(``strawberry.execution``). For a gateway that is wrong twice over: a caller's typo, a
refused token or a 404 is not the operator's problem, and an upstream outage would
write one traceback per failed field. So the schema hands its errors here instead
(``schema.schema.GatewaySchema.process_errors``):

- request errors — syntax, validation, bad input, and upstream 4xx that speak to the
  caller (``UNAUTHENTICATED``, ``FORBIDDEN``, ``NOT_FOUND``, ``CONFLICT``,
  ``BAD_USER_INPUT``) — at DEBUG;
- upstream failures (``UPSTREAM_TIMEOUT``, ``UPSTREAM_UNAVAILABLE``,
  ``UPSTREAM_RATE_LIMITED``, ``UPSTREAM_BAD_RESPONSE``) at INFO, one line each, no
  traceback: the metrics count them per upstream and status;
- unexpected exceptions are not logged here: ``gateway.graphql_errors`` logs each once
  at ERROR, with its traceback and the request id the caller is shown.

Lines name the code, the upstream and the path; messages come from
``gateway.exceptions``, which never holds a credential or a raw body.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from graphql import GraphQLError

from gateway.exceptions import GatewayError, UpstreamError, UpstreamStatusError
from gateway.graphql_errors import CLIENT_INPUT_ERRORS

log = logging.getLogger("staffgraph.graphql")


def log_graphql_errors(errors: Sequence[GraphQLError], context: Any = None) -> None:
    """Log the errors of one operation by the rules above (``context`` gives the request id)."""
    request_id = getattr(context, "request_id", "-")
    for error in errors:
        original = error.original_error
        expected = isinstance(original, (GatewayError, *CLIENT_INPUT_ERRORS))
        if original is not None and not expected and error.path is not None:
            continue  # unexpected: gateway.graphql_errors logs it at ERROR with its request id
        level = logging.DEBUG
        upstream = "-"
        if isinstance(original, UpstreamError):
            upstream = original.upstream
            if not isinstance(original, UpstreamStatusError):
                level = logging.INFO
        code = original.code if isinstance(original, GatewayError) else "request error"
        where = ".".join(str(part) for part in error.path) if error.path else "-"
        log.log(level, "%s at %s (upstream %s, request %s): %s", code, where, upstream, request_id, error)


__all__ = ["log_graphql_errors"]
