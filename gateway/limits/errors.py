"""The request errors a limit raises: each names the limit, its setting and what to do.

They are GraphQL request errors (no ``path``, no ``data``): the operation is refused
before anything runs. ``extensions`` carry ``code`` (one per limit, below), ``limit``
(the limit's name), ``allowed`` and, where it is known, ``actual``.

==============================  ===========================  ==========================
limit                           setting                      ``extensions.code``
==============================  ===========================  ==========================
depth                           ``STAFFGRAPH_MAX_DEPTH``     ``QUERY_TOO_DEEP``
aliases                         ``STAFFGRAPH_MAX_ALIASES``   ``TOO_MANY_ALIASES``
tokens                          ``STAFFGRAPH_MAX_TOKENS``    ``QUERY_TOO_LARGE``
rootFields                      ``STAFFGRAPH_MAX_ROOT_FIELDS`` ``TOO_MANY_ROOT_FIELDS``
cost                            ``STAFFGRAPH_MAX_COST``      ``QUERY_TOO_COMPLEX``
introspection (a switch)        ``STAFFGRAPH_INTROSPECTION`` ``INTROSPECTION_DISABLED``
==============================  ===========================  ==========================

The bounds on caller-sized input (``gateway.limits.inputs``) are the caller's input being
too large rather than the query being too complex, so they answer ``BAD_USER_INPUT`` with
``extensions.argument`` (the argument holding it), ``limit``, ``allowed`` and, for a list,
``actual`` (its length):

==============================  ===============================  =====================
limit                           setting                          what it bounds
==============================  ===============================  =====================
inValues                        ``STAFFGRAPH_MAX_IN_VALUES``     one ``in`` filter's values
listLength                      ``STAFFGRAPH_MAX_LIST_LENGTH``   any other list argument
entities                        ``STAFFGRAPH_MAX_ENTITIES``      ``_entities`` representations
inputValues                     ``STAFFGRAPH_MAX_INPUT_VALUES``  all argument values, per run
==============================  ===============================  =====================
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from graphql import GraphQLError, Node


@dataclass(frozen=True)
class Limit:
    name: str  # extensions.limit
    setting: str  # the environment variable that sets it
    code: str  # extensions.code
    what: str  # "the query's depth", as the message says it
    advice: str  # what the caller can do


DEPTH = Limit(
    "depth", "STAFFGRAPH_MAX_DEPTH", "QUERY_TOO_DEEP", "The query's depth",
    "select fewer nested levels, or run the inner part as its own query from the ids it returns",
)  # fmt: skip
ALIASES = Limit(
    "aliases", "STAFFGRAPH_MAX_ALIASES", "TOO_MANY_ALIASES", "The number of aliases",
    "use fewer aliases, e.g. one list field with a filter instead of many aliased lookups",
)  # fmt: skip
TOKENS = Limit(
    "tokens", "STAFFGRAPH_MAX_TOKENS", "QUERY_TOO_LARGE", "The number of tokens in the document",
    "send a smaller document",
)  # fmt: skip
ROOT_FIELDS = Limit(
    "rootFields", "STAFFGRAPH_MAX_ROOT_FIELDS", "TOO_MANY_ROOT_FIELDS", "The number of root fields",
    "split the operation into several requests",
)  # fmt: skip
COST = Limit(
    "cost", "STAFFGRAPH_MAX_COST", "QUERY_TOO_COMPLEX", "The estimated cost (upstream fetches)",
    "ask for smaller pages ('first') or fewer nested lists",
)  # fmt: skip


IN_VALUES = Limit(
    "inValues", "STAFFGRAPH_MAX_IN_VALUES", "BAD_USER_INPUT", "values",
    "ask for fewer values at once, or filter on a range",
)  # fmt: skip
LIST_LENGTH = Limit(
    "listLength", "STAFFGRAPH_MAX_LIST_LENGTH", "BAD_USER_INPUT", "items",
    "send a shorter list",
)  # fmt: skip
ENTITIES = Limit(
    "entities", "STAFFGRAPH_MAX_ENTITIES", "BAD_USER_INPUT", "representations",
    "resolve the entities over several requests",
)  # fmt: skip
INPUT_VALUES = Limit(
    "inputValues", "STAFFGRAPH_MAX_INPUT_VALUES", "BAD_USER_INPUT", "values",
    "send smaller filters and inputs, or ask for smaller pages ('first') around the fields taking them",
)  # fmt: skip


def limit_error(
    limit: Limit, allowed: int, actual: int | None = None, nodes: Collection[Node] = ()
) -> GraphQLError:
    """``The query's depth is 14, over the limit of 12 (STAFFGRAPH_MAX_DEPTH): select fewer ...``"""
    found = f"is {actual}, over" if actual is not None else "is over"
    extensions: dict[str, object] = {"code": limit.code, "limit": limit.name, "allowed": allowed}
    if actual is not None:
        extensions["actual"] = actual
    return GraphQLError(
        f"{limit.what} {found} the limit of {allowed} ({limit.setting}): {limit.advice}.",
        nodes=list(nodes) or None,
        extensions=extensions,
    )


def input_error(
    limit: Limit,
    argument: str,
    where: str,
    allowed: int,
    actual: int | None = None,
    nodes: Collection[Node] = (),
) -> GraphQLError:
    """``'filter.lastName.in' holds 200000 values, over the limit of 500 (STAFFGRAPH_MAX_IN_VALUES): ...``

    A list names its own length; the total (``actual`` unknown: the count stops at the limit)
    names the spot where it was passed.
    """
    extensions: dict[str, object] = {
        "code": limit.code,
        "argument": argument,
        "limit": limit.name,
        "allowed": allowed,
    }
    if actual is not None:
        extensions["actual"] = actual
        message = f"'{where}' holds {actual} {limit.what}, over the limit of {allowed}"
    else:
        message = (
            f"The operation's arguments hold more than {allowed} {limit.what}, each counted once per time "
            f"its field can run (passed at '{where}')"
        )
    return GraphQLError(
        f"{message} ({limit.setting}): {limit.advice}.", nodes=list(nodes) or None, extensions=extensions
    )


def introspection_disabled(field: str, nodes: Collection[Node] = ()) -> GraphQLError:
    return GraphQLError(
        f"Introspection ('{field}') is disabled on this gateway (STAFFGRAPH_INTROSPECTION).",
        nodes=list(nodes) or None,
        extensions={"code": "INTROSPECTION_DISABLED"},
    )


__all__ = [
    "ALIASES",
    "COST",
    "DEPTH",
    "ENTITIES",
    "INPUT_VALUES",
    "IN_VALUES",
    "LIST_LENGTH",
    "ROOT_FIELDS",
    "TOKENS",
    "Limit",
    "input_error",
    "introspection_disabled",
    "limit_error",
]
