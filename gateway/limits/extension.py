"""The request limits as one schema extension, configured per request from ``Settings``.

The schema is one module-level object shared by every app, while limits are settings of
an app, so the extension reads them from the request's ``Context`` (``settings.limits``,
``settings.introspection``); a context without settings (a bare ``schema.execute``) gets
the defaults. In the order a request meets them:

1. **tokens** — the parser itself stops at ``max_tokens`` (graphql-core's ``max_tokens``,
   comments included), so a huge document costs no more than the limit to refuse;
2. **depth, aliases, root fields, cost** — measured on the parsed document
   (``gateway.limits.shape``) before validation, so an oversized document is refused
   before the validator's own, super-linear, rules run on it; with them the **size of the
   input** — lists, ``in`` values, ``_entities`` representations, all argument values
   together (``gateway.limits.inputs``) — read from the document and the raw variables,
   before graphql-core coerces them (cost reads the variables too: ``first``, and the
   representations of ``_entities``);
3. **introspection** — when switched off, ``__schema``, ``__type`` and the federation
   ``_service`` (the SDL by another name) are refused by a validation rule; ``__typename``
   stays. Suggestions ("Did you mean 'employers'?") are then cut from every request error,
   since they would spell the schema out one guess at a time.

Every refusal is a request error (no ``data``; 400 to ``application/graphql-response+json``
clients) described in ``gateway.limits.errors``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any, cast

import orjson
from cachetools import LRUCache
from graphql import FieldNode, GraphQLError, ValidationRule, get_named_type, is_introspection_type
from strawberry.extensions import SchemaExtension

from gateway.limits.errors import (
    ALIASES,
    COST,
    DEPTH,
    ROOT_FIELDS,
    TOKENS,
    introspection_disabled,
    limit_error,
)
from gateway.limits.inputs import input_errors
from gateway.limits.shape import measure
from gateway.metrics import REFUSED_LIMITS, RefusedLimit, observe_refusal
from gateway.prepared import DOCUMENT_CACHE_SIZE, cacheable
from gateway.settings import Settings

FEDERATION_SDL_FIELD = "_service"
_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")
_DEFAULT_SETTINGS = Settings()
# Documents and variables that passed the limits (``QueryLimiter._over_limits_once``).
_PASSED: LRUCache[tuple[object, ...], bool] = LRUCache(maxsize=DOCUMENT_CACHE_SIZE)


class _NoIntrospection(ValidationRule):
    """Refuses ``__schema``, ``__type`` and ``_service`` (but not ``__typename``)."""

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        name = node.name.value
        parent = self.context.get_parent_type()
        if parent is not None and is_introspection_type(parent):
            return  # inside __schema/__type, already refused there
        field_type = self.context.get_type()
        named = get_named_type(field_type) if field_type is not None else None
        sdl = (
            name == FEDERATION_SDL_FIELD and self.context.get_parent_type() is self.context.schema.query_type
        )
        if sdl or (named is not None and is_introspection_type(named)):
            self.report_error(introspection_disabled(name, [node]))


def _count_refusals(errors: list[GraphQLError]) -> None:
    """One count per limit that refused the request (``staffgraph_requests_refused_total``)."""
    refused: set[RefusedLimit] = set()
    for error in errors:
        extensions = error.extensions or {}
        if error.path is None and extensions.get("limit") in REFUSED_LIMITS:
            refused.add(cast(RefusedLimit, extensions["limit"]))
        elif extensions.get("code") == "INTROSPECTION_DISABLED":
            refused.add("introspection")
    for limit in refused:
        observe_refusal(limit)


class QueryLimiter(SchemaExtension):
    """Enforces ``Settings.limits`` and the introspection switch (see the module docstring).

    ``default_first`` is the pagination's own (``schema.pagination``): the cost estimate reads
    an absent ``first`` as the default page and a larger one than ``limits.max_first`` as that
    cap (which the field then refuses itself, naming the argument).
    """

    def __init__(self, *, default_first: int) -> None:
        self.default_first = default_first

    @property
    def settings(self) -> Settings:
        settings = getattr(self.execution_context.context, "settings", None)
        return settings if isinstance(settings, Settings) else _DEFAULT_SETTINGS

    def on_operation(self) -> Iterator[None]:
        limits = self.settings.limits
        self.execution_context.parse_options["max_tokens"] = limits.max_tokens
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [self._rewrite(error) for error in result.errors]
            _count_refusals(result.errors)

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            refused = self._over_limits_once()
            if refused:
                context.pre_execution_errors = refused  # strawberry then skips validation and stops
            elif not self.settings.introspection:
                context.validation_rules = (*context.validation_rules, _NoIntrospection)
        yield

    def _over_limits_once(self) -> list[GraphQLError]:
        """``_over_limits``, skipped for a document and variables that passed the same limits before.

        The measures read the document and the variables (``first``, ``_entities`` representations,
        the input sizes), so both are the key: the query text and a SHA-256 of the variables' JSON.
        Only passes are kept, as for validation (``gateway.prepared``): a refusal's errors are
        built anew each time."""
        context = self.execution_context
        variables = context.variables if isinstance(context.variables, dict) else {}
        if not context.query or not cacheable(context.query):
            return self._over_limits()
        try:
            fingerprint = hashlib.sha256(orjson.dumps(variables, option=orjson.OPT_SORT_KEYS)).digest()
        except TypeError:  # not JSON (a bare schema.execute with Python objects): measure every time
            return self._over_limits()
        key = (context.query, fingerprint, self.settings.limits, self.default_first)
        if key in _PASSED:
            return []
        refused = self._over_limits()
        if not refused:
            _PASSED[key] = True
        return refused

    def _over_limits(self) -> list[GraphQLError]:
        context = self.execution_context
        assert context.graphql_document is not None
        limits = self.settings.limits
        variables = context.variables if isinstance(context.variables, dict) else {}
        shape = measure(
            context.schema._schema,
            context.graphql_document,
            variables,
            default_first=self.default_first,
            max_first=limits.max_first,
        )
        checks = [
            (ROOT_FIELDS, shape.root_fields, limits.max_root_fields),
            (ALIASES, shape.aliases, limits.max_aliases),
            (DEPTH, shape.depth, limits.max_depth),
            (COST, shape.cost, limits.max_cost),
        ]
        refused = input_errors(
            context.schema._schema,
            context.graphql_document,
            variables,
            limits,
            default_first=self.default_first,
        )
        return refused + [
            limit_error(limit, allowed, actual) for limit, actual, allowed in checks if actual > allowed
        ]

    def _rewrite(self, error: GraphQLError) -> GraphQLError:
        """The parser's token-limit error as ours; suggestions cut when introspection is off."""
        if error.path is not None:
            return error
        max_tokens = self.settings.limits.max_tokens
        if f"Document contains more than {max_tokens} tokens" in error.message:
            return limit_error(TOKENS, max_tokens)
        if not self.settings.introspection and _SUGGESTION.search(error.message):
            return GraphQLError(
                _SUGGESTION.sub("", error.message),
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                original_error=error.original_error,
                extensions=error.extensions,
            )
        return error


__all__ = ["QueryLimiter"]
