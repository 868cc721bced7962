"""Parsed and validated documents, kept across requests: the fast path for repeated queries.

Front-ends send the same few documents again and again, with different variables. Parsing
and validating a document is pure work on its text and the schema (a py-spy profile of the
employers query put 43 % of the gateway's time in graphql-core's validation), so the
answers are kept in bounded LRU caches shared by every request of the process:

- **parse**: query text and token limit → ``DocumentNode``. graphql-core never mutates a
  document it executes, so one tree serves every request. A document that fails to parse is
  not kept (its error goes to the caller as before), so junk cannot evict real documents
  any faster than the cache's bound allows.
- **validation**: query text, token limit and the validation rules in force (the
  introspection switch adds one) → "valid". Only successes are kept: the errors of an
  invalid document are built anew each time, because the error formatter decorates the
  error objects it is given, and an invalid document costs its caller a round trip anyway.

The request limits (``gateway.limits``) still run on every request before validation,
because they read the variables (``first``, ``_entities`` representations) as well as the
document; their measure of the document alone is cached in ``gateway.limits.shape``.

Keys are the document's text, not a hash of it: equal texts are the only safe match, and
the text is already in memory. Both caches are bounded by ``DOCUMENT_CACHE_SIZE`` entries.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import suppress
from functools import lru_cache

from cachetools import LRUCache
from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

DOCUMENT_CACHE_SIZE = 512
"""Distinct documents kept parsed and validated (each a few KB to a few hundred KB of AST)."""
CACHED_DOCUMENT_CHARS = 64 * 1024
"""Longer documents are parsed and validated every time: 512 of them, each as long as the body limit
allows (one string literal is one token), would otherwise hold hundreds of megabytes."""


def cacheable(query: str) -> bool:
    """Whether ``query`` is short enough to keep (here and in the limits' cache)."""
    return len(query) <= CACHED_DOCUMENT_CHARS


def parse_document(query: str, max_tokens: int | None) -> DocumentNode:
    """``query`` parsed, at most ``max_tokens`` tokens: from the cache unless it is too long to keep."""
    if not cacheable(query):
        return parse(query, max_tokens=max_tokens)
    return _parsed(query, max_tokens)


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def _parsed(query: str, max_tokens: int | None) -> DocumentNode:
    return parse(query, max_tokens=max_tokens)


_VALID: LRUCache[tuple[str, int | None, tuple[type[ASTValidationRule], ...], GraphQLSchema], bool] = LRUCache(
    maxsize=DOCUMENT_CACHE_SIZE
)


def validation_errors(
    schema: GraphQLSchema,
    query: str,
    max_tokens: int | None,
    rules: tuple[type[ASTValidationRule], ...],
) -> list[GraphQLError]:
    """The validation errors of ``query`` under ``rules``: none, from the cache, when it passed before."""
    key = (query, max_tokens, rules, schema)
    if key in _VALID:
        return []
    errors = validate_document(schema, parse_document(query, max_tokens), rules)
    if not errors:
        _VALID[key] = True
    return errors


class PreparedDocuments(SchemaExtension):
    """Serves ``on_parse`` and ``on_validate`` from the caches above.

    It must come after the ``QueryLimiter`` in the schema's extensions: the limiter sets the
    token limit before parsing and, before validation, either refuses the document (then
    nothing here runs) or adds the introspection rule that is part of the validation key.
    """

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query and context.graphql_document is None:
            # on a syntax error strawberry parses it again and answers it as a request error
            with suppress(GraphQLError):
                context.graphql_document = parse_document(context.query, _max_tokens(context.parse_options))
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if context.query and document is not None and context.pre_execution_errors is None:
            schema, rules = context.schema._schema, context.validation_rules
            context.pre_execution_errors = (
                validation_errors(schema, context.query, _max_tokens(context.parse_options), rules)
                if cacheable(context.query)
                else validate_document(schema, document, rules)  # too long to keep: as strawberry would
            )
        yield


def _max_tokens(options: Mapping[str, object]) -> int | None:
    value = options.get("max_tokens")
    return value if isinstance(value, int) else None


__all__ = ["DOCUMENT_CACHE_SIZE", "PreparedDocuments", "parse_document", "validation_errors"]
