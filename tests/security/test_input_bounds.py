"""Caller-sized input cannot take the gateway or an upstream away from others (issue 10: 4, 5, 9).

Over real loopback HTTP (gateway and simulators in threads, as in production):

- an ``in`` filter of 200,000 values held the event loop for 10-20 s, and ``_entities``
  with 10,000 representations in a variable as long; both are refused now, before any
  upstream call, while alice's query (sent at the same time) is answered within the
  request deadline;
- 2,000 representations in a variable made 2,000 Informat calls with the gateway's own
  token, anonymously; now they are refused by ``STAFFGRAPH_MAX_ENTITIES`` and, when that
  bound is raised, by the cost limit, which counts each representation as a lookup;
- with introspection off, an unknown ``__typename`` no longer lists every entity type.

Each refusal is ``BAD_USER_INPUT`` naming the argument (or the cost limit's own code) and
costs no upstream call. The worst filter the default limits allow, over the largest list
of the demo, still answers, and alice's query with it.
"""

from __future__ import annotations

import asyncio
import base64
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields, replace
from typing import Any

import httpx
import pytest

from gateway.app import create_app
from gateway.demo import demo_settings
from gateway.settings import DEFAULT_REQUEST_DEADLINE, RequestLimits
from simulators.config import SimConfig
from tests.support.servers import serve_in_thread
from tests.support.stack import ALICE, Stack, running_stack

SCHOOL = "047225"
ALICE_QUERY = "{ employers { nodes { companyName } } }"
ALICE_SEES = {"Stichting Voortgezet Onderwijs Rijnmond", "Van der Meer Logistiek B.V."}
STAFF_IN = f"""query($v: [String!]) {{
  persons(instituteNo: "{SCHOOL}", filter: {{lastName: {{in: $v}}}}) {{ totalCount }} }}"""
STAFF_FILTER = f'query($f: PersonFilter) {{ persons(instituteNo: "{SCHOOL}", filter: $f) {{ totalCount }} }}'
ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }"
ENTITY_TYPES = ("Absence", "Employer", "Employment", "Institute", "Person", "TrainingProgram", "Vacancy")


def informat_persons(count: int) -> list[dict[str, str]]:
    """Representations of ``count`` different Informat staff ids (well-formed, so each would be
    looked up: the gateway holds the Informat credential, so an anonymous caller can ask)."""
    return [
        {
            "__typename": "Person",
            "id": base64.b64encode(f"Person:informat:{SCHOOL}:{uuid.UUID(int=i)}".encode()).decode(),
        }
        for i in range(count)
    ]


@pytest.fixture(scope="module")
def stack(sim_config: SimConfig) -> Iterator[Stack]:
    with running_stack(sim_config) as running:
        yield running


@contextmanager
def gateway_with(stack: Stack, **overrides: Any) -> Iterator[str]:
    """Another gateway over the same simulators, with ``RequestLimits``/``Settings`` fields changed."""
    limit_names = {f.name for f in fields(RequestLimits)}
    base = demo_settings(stack.simulators_url)
    settings = replace(
        base,
        limits=replace(base.limits, **{k: v for k, v in overrides.items() if k in limit_names}),
        **{k: v for k, v in overrides.items() if k not in limit_names},
    )
    with serve_in_thread(create_app(settings), lifespan="on") as url:
        yield url


async def post(
    url: str, query: str, variables: dict[str, Any] | None = None, **headers: str
) -> httpx.Response:
    # the caller waits as long as the request deadline, and a little more: "answered within the deadline"
    async with httpx.AsyncClient(timeout=DEFAULT_REQUEST_DEADLINE + 2) as client:
        return await client.post(
            f"{url}/graphql", json={"query": query, "variables": variables}, headers=headers
        )


async def with_alice(url: str, attack: Any) -> tuple[httpx.Response, httpx.Response]:
    """The attacker's request and alice's, sent together; alice's answer must come within the deadline."""
    attacked, answered = await asyncio.gather(attack, post(url, ALICE_QUERY, **ALICE))
    assert answered.status_code == 200
    assert {node["companyName"] for node in answered.json()["data"]["employers"]["nodes"]} == ALICE_SEES
    return attacked, answered


def refusal(answer: httpx.Response, limit: str | None = None) -> dict[str, Any]:
    """The request error of ``answer`` (no data; the one, or the one for ``limit``), as its
    extensions and message."""
    body = answer.json()
    assert answer.status_code == 200 and body["data"] is None, body
    errors = [e for e in body["errors"] if limit is None or e["extensions"].get("limit") == limit]
    [error] = errors
    return {**error["extensions"], "message": error["message"]}


def informat_calls(stack: Stack) -> int:
    calls = stack.calls()
    return int(calls["informat"]["total"] + calls["identity"]["total"])


async def test_an_in_filter_of_200000_values_is_refused_at_once_and_alice_is_answered(stack: Stack) -> None:
    stack.reset_calls()
    attacked, _ = await with_alice(
        stack.gateway_url, post(stack.gateway_url, STAFF_IN, {"v": ["x"] * 200_000})
    )
    error = refusal(attacked)
    assert error["code"] == "BAD_USER_INPUT" and error["argument"] == "filter"
    assert (error["limit"], error["allowed"], error["actual"]) == ("inValues", 500, 200_000)
    assert "STAFFGRAPH_MAX_IN_VALUES" in error["message"]
    assert informat_calls(stack) == 0  # the staff list was never fetched


async def test_10000_representations_are_refused_at_once_and_alice_is_answered(stack: Stack) -> None:
    stack.reset_calls()
    attack = post(stack.gateway_url, ENTITIES, {"r": informat_persons(10_000)})
    attacked, _ = await with_alice(stack.gateway_url, attack)
    error = refusal(attacked, "entities")  # and the cost limit's own error (10,000 lookups)
    assert error["code"] == "BAD_USER_INPUT" and error["argument"] == "representations"
    assert (error["limit"], error["allowed"], error["actual"]) == ("entities", 100, 10_000)
    assert informat_calls(stack) == 0


async def test_2000_anonymous_representations_make_no_upstream_call(stack: Stack) -> None:
    stack.reset_calls()
    error = refusal(await post(stack.gateway_url, ENTITIES, {"r": informat_persons(2000)}))
    assert error["code"] == "BAD_USER_INPUT" and error["limit"] == "entities"
    assert stack.calls()["total"] == 0


async def test_representations_in_a_variable_are_counted_by_the_cost_limit(stack: Stack) -> None:
    """With the representations bound raised, the cost limit still sees each one as a lookup."""
    with gateway_with(stack, max_entities=10_000, max_input_values=20_000) as url:
        stack.reset_calls()
        error = refusal(await post(url, ENTITIES, {"r": informat_persons(6000)}))
        assert (error["code"], error["limit"], error["allowed"], error["actual"]) == (
            "QUERY_TOO_COMPLEX",
            "cost",
            5000,
            6000,
        )
        assert stack.calls()["total"] == 0
        # within both, they are looked up: 100 representations, one batch of calls
        answer = (await post(url, ENTITIES, {"r": informat_persons(100)})).json()
        assert answer["data"]["_entities"] == [None] * 100  # none of these ids exists


async def test_an_unknown_typename_names_no_entity_type_while_introspection_is_off(stack: Stack) -> None:
    variables = {"r": [{"__typename": "Secret", "id": "x"}]}
    on = (await post(stack.gateway_url, ENTITIES, variables)).json()["errors"][0]
    assert on["extensions"] == {"code": "BAD_USER_INPUT", "argument": "representations"}
    assert all(name in on["message"] for name in ENTITY_TYPES)  # introspection on: it may help
    with gateway_with(stack, introspection=False) as url:
        off = (await post(url, ENTITIES, variables)).json()["errors"][0]
    assert off["extensions"] == {"code": "BAD_USER_INPUT", "argument": "representations"}
    assert "'__typename' must name an entity" in off["message"]
    assert not [name for name in ENTITY_TYPES if name in off["message"]]


async def test_the_worst_filter_the_limits_allow_answers_and_alice_with_it(stack: Stack) -> None:
    """Or-branches of 100 nested to just under STAFFGRAPH_MAX_INPUT_VALUES (1,630 conditions, each
    compared with every one of the school's 206 staff, in chunks): a correct answer, and alice's."""
    branch = {"lastName": {"contains": "zz"}}
    worst = {"or": [{"or": [branch] * 100}] * 16 + [{"or": [branch] * 30}]}
    attacked, _ = await with_alice(stack.gateway_url, post(stack.gateway_url, STAFF_FILTER, {"f": worst}))
    assert attacked.json() == {"data": {"persons": {"totalCount": 0}}}
    one_more = {"or": [*worst["or"], {"or": [branch] * 30}]}
    assert refusal(await post(stack.gateway_url, STAFF_FILTER, {"f": one_more}))["limit"] == "inputValues"
