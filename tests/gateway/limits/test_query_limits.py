"""Each query limit refuses an operation before any upstream call, naming the limit and its setting."""

from __future__ import annotations

import logging

import pytest
import strawberry
from strawberry.types import Info

from gateway.context import build_context
from gateway.demo import demo_settings
from gateway.graphql_errors import GatewayErrorFormatter
from gateway.upstreams import build_upstreams
from tests.gateway.limits.conftest import GatewayFactory, GraphQLResponse

# depth 8, cost 4
DEEP = """{ employers(first: 1) { nodes { persons(first: 1) { nodes { employments(first: 1) { nodes {
  person { id } } } } } } } }"""
ALIASED = "{ a: employers { totalCount } b: employers { totalCount } c: employers { totalCount } }"
WIDE = "{ employers { totalCount } vacancies { totalCount } institutes { totalCount } }"
# cost 1 + n * (1 + 200): a page of employers, each a page of 200 persons, each an employer lookup
COSTLY = (
    "query($n: Int) { employers(first: $n) { nodes { persons(first: 200) { nodes { employer { id } } } } } }"
)


@pytest.mark.parametrize(
    ("overrides", "query", "variables", "code", "limit", "setting"),
    [
        ({"max_depth": 7}, DEEP, None, "QUERY_TOO_DEEP", "depth", "STAFFGRAPH_MAX_DEPTH"),
        ({"max_aliases": 2}, ALIASED, None, "TOO_MANY_ALIASES", "aliases", "STAFFGRAPH_MAX_ALIASES"),
        (
            {"max_root_fields": 2},
            WIDE,
            None,
            "TOO_MANY_ROOT_FIELDS",
            "rootFields",
            "STAFFGRAPH_MAX_ROOT_FIELDS",
        ),
        ({"max_cost": 1000}, COSTLY, {"n": 5}, "QUERY_TOO_COMPLEX", "cost", "STAFFGRAPH_MAX_COST"),
        ({"max_tokens": 20}, DEEP, None, "QUERY_TOO_LARGE", "tokens", "STAFFGRAPH_MAX_TOKENS"),
    ],
)
async def test_a_limit_refuses_the_request_naming_itself_and_its_setting(
    limited_gateway: GatewayFactory,
    overrides: dict[str, int],
    query: str,
    variables: dict[str, object] | None,
    code: str,
    limit: str,
    setting: str,
) -> None:
    async with limited_gateway(**overrides) as g:
        # application/json clients: 200, data null, the error (as before the GraphQL-over-HTTP spec)
        legacy = await g.post(query, variables)
        assert legacy.status_code == 200 and legacy.json()["data"] is None
        [error] = legacy.json()["errors"]
        assert error["extensions"]["code"] == code and error["extensions"]["limit"] == limit
        assert error["extensions"]["allowed"] == next(iter(overrides.values()))
        assert setting in error["message"] and "limit" in error["message"]
        # graphql-response+json clients: 400 and no data at all
        modern = await g.post(query, variables, Accept=GraphQLResponse)
        assert modern.status_code == 400 and "data" not in modern.json()
        assert modern.json()["errors"][0]["extensions"]["code"] == code
        assert await g.calls() == 0


async def test_under_the_limits_the_same_operations_run(limited_gateway: GatewayFactory) -> None:
    async with limited_gateway() as g:
        for query, variables in [(DEEP, None), (ALIASED, None), (WIDE, None), (COSTLY, {"n": 5})]:
            answer = await g.post(query, variables, Accept=GraphQLResponse)
            assert answer.status_code == 200, answer.text
            assert not [e for e in answer.json().get("errors", []) if "limit" in e.get("extensions", {})]


async def test_cost_reads_first_from_the_variables(limited_gateway: GatewayFactory) -> None:
    async with limited_gateway(max_cost=1000) as g:
        assert (await g.post(COSTLY, {"n": 4})).json()["data"] is not None  # 1 + 4 * 201 = 805
        refused = await g.post(COSTLY, {"n": 5})  # 1 + 5 * 201 = 1006
        assert refused.json()["errors"][0]["extensions"] == {
            "code": "QUERY_TOO_COMPLEX",
            "limit": "cost",
            "allowed": 1000,
            "actual": 1006,
        }


INTROSPECTION = "{ __schema { queryType { name } } }"


async def test_introspection_off_refuses_schema_type_and_the_federation_sdl(
    limited_gateway: GatewayFactory,
) -> None:
    async with limited_gateway(introspection=False) as g:
        for query in (INTROSPECTION, '{ __type(name: "Person") { name } }', "{ _service { sdl } }"):
            answer = await g.post(query, Accept=GraphQLResponse)
            assert answer.status_code == 400 and "data" not in answer.json(), query
            [error] = answer.json()["errors"]
            assert error["extensions"]["code"] == "INTROSPECTION_DISABLED"
            assert "STAFFGRAPH_INTROSPECTION" in error["message"]
        typename = await g.post("{ __typename }")
        assert typename.json() == {"data": {"__typename": "Query"}}


async def test_introspection_on_by_default(limited_gateway: GatewayFactory) -> None:
    async with limited_gateway() as g:
        answer = await g.post(INTROSPECTION)
        assert answer.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


@pytest.mark.parametrize(
    ("query", "variables", "hint"),
    [
        ("{ employer { totalCount } }", None, "employers"),  # unknown field
        ("{ employers(frist: 1) { totalCount } }", None, "first"),  # unknown argument
        ("{ employers(orderBy: [COMPANY_NAM_ASC]) { totalCount } }", None, "COMPANY_NAME_ASC"),  # enum
        ("query($f: EmployerFilter) { employers(filter: $f) { totalCount } }", {"f": {"cty": {}}}, "city"),
        ("query($f: EmployerFiltr) { employers(filter: $f) { totalCount } }", None, "EmployerFilter"),
    ],
)
async def test_suggestions_do_not_leak_the_schema_when_introspection_is_off(
    limited_gateway: GatewayFactory, query: str, variables: dict[str, object] | None, hint: str
) -> None:
    async with limited_gateway() as on:
        shown = (await on.post(query, variables)).json()["errors"][0]["message"]
        assert "Did you mean" in shown and hint in shown  # the test would pass vacuously otherwise
    async with limited_gateway(introspection=False) as off:
        [error] = (await off.post(query, variables)).json()["errors"]
        assert "Did you mean" not in error["message"] and hint not in error["message"]
        assert error["message"]  # still says what is wrong


async def test_an_unexpected_exception_is_masked_and_logged_with_the_request_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    @strawberry.type
    class Query:
        @strawberry.field
        def boom(self, info: Info) -> int:
            raise RuntimeError("secret detail")

    schema = strawberry.Schema(query=Query, extensions=[GatewayErrorFormatter])
    settings = demo_settings("http://127.0.0.1:9")
    upstreams = build_upstreams(settings)
    try:
        context = build_context({}, settings, upstreams)
        with caplog.at_level(logging.ERROR, logger="staffgraph.errors"):
            result = await schema.execute("{ boom }", context_value=context)
    finally:
        await upstreams.aclose()
    [error] = result.errors or []
    assert error.extensions == {"code": "INTERNAL", "requestId": context.request_id}
    assert "secret detail" not in error.message and context.request_id in error.message
    [record] = [r for r in caplog.records if r.name == "staffgraph.errors"]
    assert context.request_id in record.getMessage()
