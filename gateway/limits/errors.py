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
    "ROOT_FIELDS",
    "TOKENS",
    "Limit",
    "introspection_disabled",
    "limit_error",
]
