"""The one place where exceptions become GraphQL errors.

A ``GatewayError`` raised in a resolver keeps its message and gets its extensions
(``code``, ``upstream``, ``status``, ...). Any other exception is an ``INTERNAL`` error:
its message is replaced (it may hold anything) by one that carries the request id,
and the traceback goes to the log under that id. Errors graphql-core raises itself
(validation, bad variables) already speak to the user and pass through with
``BAD_USER_INPUT``/``GRAPHQL_VALIDATION_FAILED`` codes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from gateway.exceptions import GatewayError, InputError

log = logging.getLogger("staffgraph.errors")


def _request_id(extension: SchemaExtension) -> str:
    context = extension.execution_context.context
    return str(getattr(context, "request_id", "-"))


class GatewayErrorFormatter(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        result.errors = [self._format(error) for error in result.errors]

    def _format(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if isinstance(original, GatewayError):
            code = "BAD_USER_INPUT" if isinstance(original, InputError) else original.code
            error.extensions = {**(error.extensions or {}), **original.extensions(), "code": code}
            return error
        if original is None:
            error.extensions = {"code": "GRAPHQL_VALIDATION_FAILED", **(error.extensions or {})}
            return error
        request_id = _request_id(self)
        log.error("unexpected error in %s (request %s)", error.path, request_id, exc_info=original)
        return GraphQLError(
            f"Internal error; quote request id {request_id} when reporting it.",
            nodes=error.nodes,
            path=error.path,
            extensions={"code": "INTERNAL", "requestId": request_id},
        )
