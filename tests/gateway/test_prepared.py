"""Parsed and validated documents are kept across requests, without changing any answer."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest

import gateway.prepared as prepared
from gateway.app import operation_type
from gateway.settings import DEFAULT_LIMITS, Settings
from schema.schema import schema

INTROSPECTION = "{ __schema { queryType { name } } }"


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents validation really ran on (the caches start empty)."""
    prepared._parsed.cache_clear()
    prepared._VALID.clear()
    seen: list[str] = []
    real = prepared.validate_document

    def counted(schema: Any, document: Any, rules: Any) -> Any:
        seen.append(document.loc.source.body)
        return real(schema, document, rules)

    monkeypatch.setattr(prepared, "validate_document", counted)
    return seen


async def run(query: str, settings: Settings | None = None) -> Any:
    return await schema.execute(query, context_value=SimpleNamespace(settings=settings or Settings()))


async def test_a_document_is_validated_once_and_parsed_once(validations: list[str]) -> None:
    query = "query Q { __typename }"
    for _ in range(3):
        result = await run(query)
        assert result.errors is None and result.data == {"__typename": "Query"}
    assert validations == [query]
    assert prepared._parsed.cache_info().hits >= 2


async def test_an_invalid_document_is_refused_the_same_way_every_time(validations: list[str]) -> None:
    answers = [await run("{ employerz { id } }") for _ in range(3)]
    messages = [[(e.message, e.extensions) for e in answer.errors] for answer in answers]
    assert messages[0] == messages[1] == messages[2]
    assert "employerz" in messages[0][0][0] and messages[0][0][1]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert len(validations) == 3  # errors are built anew, never shared between requests


async def test_valid_with_introspection_on_is_still_refused_with_it_off(validations: list[str]) -> None:
    assert (await run(INTROSPECTION)).errors is None
    refused = await run(INTROSPECTION, Settings(introspection=False))
    assert refused.data is None and refused.errors
    assert "introspection" in refused.errors[0].message.lower()


async def test_the_token_limit_is_part_of_what_is_kept(validations: list[str]) -> None:
    query = "{ a: __typename b: __typename c: __typename }"
    assert (await run(query)).errors is None
    tight = Settings(limits=replace(DEFAULT_LIMITS, max_tokens=5))
    refused = await run(query, tight)
    assert refused.errors and refused.errors[0].extensions["code"] == "QUERY_TOO_LARGE"
    assert "STAFFGRAPH_MAX_TOKENS" in refused.errors[0].message


async def test_a_syntax_error_is_answered_and_not_kept(validations: list[str]) -> None:
    for _ in range(2):
        result = await run("{ employers { ")
        assert result.errors and "Syntax Error" in result.errors[0].message
    assert prepared._parsed.cache_info().currsize == 0


async def test_a_long_document_is_answered_but_not_kept(validations: list[str]) -> None:
    """One string literal is one token: documents past 64 KB are parsed and validated every time, so
    512 of them cannot hold the body limit 512 times over."""
    query = "{ __typename @skip(if: false) } # " + "x" * (prepared.CACHED_DOCUMENT_CHARS + 1)
    for _ in range(2):
        result = await run(query)
        assert result.errors is None and result.data == {"__typename": "Query"}
    assert prepared._parsed.cache_info().currsize == 0 and len(prepared._VALID) == 0
    assert len(validations) == 2
    operation_type(query, None)  # the metrics' look at the document does not keep it either
    assert prepared._parsed.cache_info().currsize == 0
