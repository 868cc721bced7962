"""How errors reach the caller: request errors stay readable and name the argument; crashes are masked."""

from __future__ import annotations

import logging

import pytest
import strawberry
from strawberry.types import Info

from gateway.graphql_errors import GatewayErrorFormatter
from tests.schema.conftest import Gateway


@pytest.mark.parametrize(
    ("query", "variables", "code", "argument"),
    [
        (
            '{ persons(instituteNo: "032912", schoolYear: "2023-25") { totalCount } }',
            None,
            "BAD_USER_INPUT",
            "schoolYear",
        ),
        (
            'query($y: SchoolYear) { persons(instituteNo: "032912", schoolYear: $y) { totalCount } }',
            {"y": "next year"},
            "BAD_USER_INPUT",
            "schoolYear",
        ),
        ('{ employers(first: "x") { totalCount } }', None, "GRAPHQL_VALIDATION_FAILED", "first"),
        (
            "{ employers(filter: {companyName: {in: 5}}) { totalCount } }",
            None,
            "GRAPHQL_VALIDATION_FAILED",
            "filter",
        ),
        ("{ employers { nope } }", None, "GRAPHQL_VALIDATION_FAILED", None),
    ],
)
async def test_request_errors_name_the_argument_and_cost_no_call(
    gateway: Gateway,
    caplog: pytest.LogCaptureFixture,
    query: str,
    variables: dict[str, str] | None,
    code: str,
    argument: str | None,
) -> None:
    with caplog.at_level(logging.ERROR, logger="staffgraph.errors"):
        result = await gateway.execute(query, variables, authorization="Bearer demo-loket-alice")
    [error] = result.errors
    assert error.extensions["code"] == code
    assert error.extensions.get("argument") == argument
    assert "Internal error" not in error.message
    assert not [record for record in caplog.records if record.name == "staffgraph.errors"]
    assert (await gateway.calls())["total"] == 0


async def test_an_unexpected_exception_is_masked_with_a_request_id(caplog: pytest.LogCaptureFixture) -> None:
    @strawberry.type
    class Query:
        @strawberry.field
        def boom(self, info: Info) -> int:
            raise RuntimeError("secret detail: token abc123")

    schema = strawberry.Schema(query=Query, extensions=[GatewayErrorFormatter])
    with caplog.at_level(logging.ERROR, logger="staffgraph.errors"):
        result = await schema.execute("{ boom }")
    [error] = result.errors
    assert error.extensions["code"] == "INTERNAL"
    assert "abc123" not in error.message and error.extensions["requestId"] in error.message
    assert any("secret detail" in str(record.exc_info[1]) for record in caplog.records if record.exc_info)


async def test_the_first_cap_is_the_max_first_setting(gateway: Gateway) -> None:
    from dataclasses import replace

    from gateway.settings import RequestLimits, Settings

    assert Settings.from_env({"STAFFGRAPH_MAX_FIRST": "5"}).limits.max_first == 5
    capped = replace(gateway, settings=replace(gateway.settings, limits=RequestLimits(max_first=5)))
    query = "query($n: Int) { employers(first: $n) { totalCount } }"
    refused = await capped.execute(query, {"n": 6}, authorization="Bearer demo-loket-alice")
    [error] = refused.errors
    assert error.extensions == {"code": "BAD_USER_INPUT", "argument": "first"}
    assert "at most 5" in error.message
    assert (await capped.calls())["total"] == 0
    allowed = await capped.execute(query, {"n": 5}, authorization="Bearer demo-loket-alice")
    assert allowed.errors is None
