"""Each query limit refuses an operation before any upstream call, naming the limit and its setting."""

from __future__ import annotations

import logging

import pytest
import strawberry
from strawberry.types import Info

from gateway.context import build_context
from gateway.demo import demo_settings
from gateway.graphql_errors import GatewayErrorFormatter
from gateway.settings import RequestLimits, Settings
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


# ---- the size of the input: lists, `in` values, _entities representations, all values ----

STAFF_IN = (
    'query($v: [String!]) { persons(instituteNo: "047225", filter: {lastName: {in: $v}}) { totalCount } }'
)
STAFF_ORDER = 'query($o: [PersonOrder!]) { persons(instituteNo: "047225", orderBy: $o) { totalCount } }'
STAFF_FILTER = 'query($f: PersonFilter) { persons(instituteNo: "047225", filter: $f) { totalCount } }'
NESTED_FILTER = """query($f: AbsenceFilter) { persons(instituteNo: "047225", first: 200) {
  nodes { absences(filter: $f) { totalCount } } } }"""
ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }"
CREATE = "mutation($i: VacancyInput!) { createVacancy(input: $i) { vacancyId } }"
BRANCH = {"lastName": {"contains": "zz"}}  # three values
VACANCY = {"referenceNumber": "R-1", "title": "Docent", "description": "Lesgeven", "location": "Utrecht"}


def in_literal(count: int) -> str:
    values = " ".join(f'"n{i}"' for i in range(count))
    return f'{{ persons(instituteNo: "047225", filter: {{lastName: {{in: [{values}]}}}}) {{ totalCount }} }}'


def representations(count: int) -> list[dict[str, str]]:
    return [{"__typename": "Person", "id": f"id-{i}"} for i in range(count)]


@pytest.mark.parametrize(
    ("query", "variables", "argument", "where", "limit", "setting", "allowed", "actual"),
    [
        (STAFF_IN, {"v": ["x"] * 501}, "filter", "filter.lastName.in", "inValues", "MAX_IN_VALUES", 500, 501),
        (in_literal(501), None, "filter", "filter.lastName.in", "inValues", "MAX_IN_VALUES", 500, 501),
        (
            STAFF_ORDER,
            {"o": ["LAST_NAME_ASC"] * 101},
            "orderBy",
            "orderBy",
            "listLength",
            "MAX_LIST_LENGTH",
            100,
            101,
        ),
        (
            STAFF_FILTER,
            {"f": {"or": [BRANCH] * 101}},
            "filter",
            "filter.or",
            "listLength",
            "MAX_LIST_LENGTH",
            100,
            101,
        ),
        (
            STAFF_FILTER,
            {"f": {"and": [{"lastName": {"eq": "x"}}, {"or": [{"and": [BRANCH] * 101}]}]}},
            "filter",
            "filter.and[1].or[0].and",
            "listLength",
            "MAX_LIST_LENGTH",
            100,
            101,
        ),
        (
            CREATE,
            {"i": {**VACANCY, "customFields": [{"name": "a", "value": "b"}] * 101}},
            "input",
            "input.customFields",
            "listLength",
            "MAX_LIST_LENGTH",
            100,
            101,
        ),
        (
            ENTITIES,
            {"r": representations(101)},
            "representations",
            "representations",
            "entities",
            "MAX_ENTITIES",
            100,
            101,
        ),
        # nesting: every list within bounds, 17 x 302 values in all
        (
            STAFF_FILTER,
            {"f": {"or": [{"or": [BRANCH] * 100}] * 17}},
            "filter",
            None,
            "inputValues",
            "MAX_INPUT_VALUES",
            5000,
            None,
        ),
        # 26 values, but once per person of a page of 200: 5,200
        (
            NESTED_FILTER,
            {"f": {"or": [{"description": {"contains": "zz"}}] * 8}},
            "filter",
            None,
            "inputValues",
            "MAX_INPUT_VALUES",
            5000,
            None,
        ),
    ],
)
async def test_an_input_bound_refuses_the_request_naming_the_argument_and_setting(
    limited_gateway: GatewayFactory,
    caplog: pytest.LogCaptureFixture,
    query: str,
    variables: dict[str, object] | None,
    argument: str,
    where: str | None,
    limit: str,
    setting: str,
    allowed: int,
    actual: int | None,
) -> None:
    async with limited_gateway() as g:
        with caplog.at_level(logging.DEBUG):
            legacy = await g.post(query, variables)
        assert legacy.status_code == 200 and legacy.json()["data"] is None
        [error] = legacy.json()["errors"]
        expected = {"code": "BAD_USER_INPUT", "argument": argument, "limit": limit, "allowed": allowed}
        assert error["extensions"] == expected if actual is None else {**expected, "actual": actual}
        assert f"STAFFGRAPH_{setting}" in error["message"]
        if where is not None:
            assert f"'{where}' holds {actual}" in error["message"]
        modern = await g.post(query, variables, Accept=GraphQLResponse)
        assert modern.status_code == 400 and "data" not in modern.json()
        assert await g.calls() == 0
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_within_the_input_bounds_the_same_operations_run(limited_gateway: GatewayFactory) -> None:
    async with limited_gateway() as g:
        for query, variables in [
            (STAFF_IN, {"v": ["x"] * 500}),
            (in_literal(500), None),
            (STAFF_ORDER, {"o": ["LAST_NAME_ASC"] * 100}),
            (STAFF_FILTER, {"f": {"or": [{"or": [BRANCH] * 100}] * 16}}),  # 4,834 values
            (NESTED_FILTER, {"f": {"or": [{"description": {"contains": "zz"}}] * 7}}),  # 200 * 23 + 2
        ]:
            answer = await g.post(query, variables, Accept=GraphQLResponse)
            assert answer.status_code == 200, answer.text
            assert "errors" not in answer.json(), answer.json()
        assert await g.calls() > 0


async def test_the_input_bounds_are_settings(limited_gateway: GatewayFactory) -> None:
    async with limited_gateway(max_in_values=3, max_list_length=2, max_entities=1, max_input_values=30) as g:
        for query, variables, limit in [
            (STAFF_IN, {"v": ["x"] * 4}, "inValues"),
            (STAFF_ORDER, {"o": ["LAST_NAME_ASC"] * 3}, "listLength"),
            (ENTITIES, {"r": representations(2)}, "entities"),
            (
                STAFF_FILTER,
                {"f": {"or": [{"or": [BRANCH] * 2}] * 2, "and": [{"and": [BRANCH] * 2}] * 2}},
                "inputValues",
            ),
        ]:
            [error] = (await g.post(query, variables)).json()["errors"]
            assert error["extensions"]["limit"] == limit
        assert "errors" not in (await g.post(STAFF_IN, {"v": ["x"] * 3})).json()
    assert Settings.from_env(
        {
            "STAFFGRAPH_MAX_IN_VALUES": "7",
            "STAFFGRAPH_MAX_LIST_LENGTH": "8",
            "STAFFGRAPH_MAX_ENTITIES": "9",
            "STAFFGRAPH_MAX_INPUT_VALUES": "10",
        }
    ).limits == RequestLimits(max_in_values=7, max_list_length=8, max_entities=9, max_input_values=10)


async def test_the_cost_counts_each_representation_as_a_lookup_wherever_they_come_from(
    limited_gateway: GatewayFactory,
) -> None:
    async with limited_gateway(max_entities=5000, max_input_values=10_000, max_cost=100) as g:
        refused = await g.post(ENTITIES, {"r": representations(2000)})
        assert refused.json()["errors"][0]["extensions"] == {
            "code": "QUERY_TOO_COMPLEX",
            "limit": "cost",
            "allowed": 100,
            "actual": 2000,
        }
        items = ", ".join(f'{{__typename: "Person", id: "id-{i}"}}' for i in range(101))
        [error] = (await g.post(f"{{ _entities(representations: [{items}]) {{ __typename }} }}")).json()[
            "errors"
        ]
        assert error["extensions"]["actual"] == 101
        assert await g.calls() == 0
