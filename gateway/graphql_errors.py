"""The one place where exceptions become GraphQL errors.

A ``GatewayError`` raised in a resolver keeps its message and gets its extensions
(``code``, ``upstream``, ``status``, ...). Errors found before execution (they have no
``path``: syntax, validation, a variable or literal a scalar cannot coerce, such as a
bad ``SchoolYear``) already speak to the user: they keep their message, get
``GRAPHQL_VALIDATION_FAILED`` or ``BAD_USER_INPUT`` and, where the value sits in an
argument, ``extensions.argument``. Any other exception during execution is an
``INTERNAL`` error: its message is replaced (it may hold anything) by one that carries
the request id, and the traceback goes to the log under that id.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLError,
    Node,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    visit,
)
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.extensions import SchemaExtension
from strawberry.relay import GlobalIDValueError

from gateway.exceptions import GatewayError, InputError

log = logging.getLogger("staffgraph.errors")

# Strawberry's own exceptions for a value the *caller* sent that it cannot use: a global id
# (``node(id:)``) that is not base64, not "Type:id" or names no type. BAD_USER_INPUT, not INTERNAL.
CLIENT_INPUT_ERRORS: tuple[type[Exception], ...] = (StrawberryInputCoercionError, GlobalIDValueError)


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

    def on_stream_result(self, result: Any) -> Iterator[None]:
        """Each result of a subscription, formatted before the transport sends it (``on_operation``
        sees only the stream's end)."""
        errors = getattr(result, "errors", None)
        if errors:
            result.errors = [self._format(error) for error in errors]
        yield

    def _format(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if isinstance(original, GatewayError):
            code = "BAD_USER_INPUT" if isinstance(original, InputError) else original.code
            error.extensions = {**(error.extensions or {}), **original.extensions(), "code": code}
            return error
        if error.path is None:
            code = "GRAPHQL_VALIDATION_FAILED" if original is None else "BAD_USER_INPUT"
            extensions = {"code": code, **(error.extensions or {})}
            argument = _argument_of(error, self.execution_context.graphql_document)
            if argument is not None:
                extensions["argument"] = argument
            error.extensions = extensions
            return error
        if isinstance(original, CLIENT_INPUT_ERRORS):
            return GraphQLError(
                "'id' is not a valid global id",
                nodes=error.nodes,
                path=error.path,
                original_error=InputError("'id' is not a valid global id", argument="id"),
                extensions={"code": "BAD_USER_INPUT", "argument": "id"},
            )
        if original is None:
            error.extensions = {"code": "INTERNAL", **(error.extensions or {})}
            return error
        request_id = _request_id(self)
        log.error("unexpected error in %s (request %s)", error.path, request_id, exc_info=original)
        return GraphQLError(
            f"Internal error; quote request id {request_id} when reporting it.",
            nodes=error.nodes,
            path=error.path,
            extensions={"code": "INTERNAL", "requestId": request_id},
        )


class _ArgumentFinder(Visitor):
    """Finds the argument whose value holds ``target`` (or uses the variable ``target`` defines)."""

    def __init__(self, target: Node) -> None:
        super().__init__()
        self.target = target
        self.variable = target.variable.name.value if isinstance(target, VariableDefinitionNode) else None
        self.found: str | None = None

    def enter(self, node: Node, key: object, parent: object, path: object, ancestors: list[object]) -> None:
        if self.found is not None:
            return
        if node is self.target or (
            self.variable is not None and isinstance(node, VariableNode) and node.name.value == self.variable
        ):
            arguments = [a for a in [*ancestors, parent] if isinstance(a, ArgumentNode)]
            if arguments:
                self.found = arguments[-1].name.value


def _argument_of(error: GraphQLError, document: DocumentNode | None) -> str | None:
    if document is None or not error.nodes:
        return None
    finder = _ArgumentFinder(error.nodes[0])
    visit(document, finder)
    return finder.found
