"""Generated operations (hypothesis-graphql) against the whole app over the in-process simulators.

Queries and mutations are generated from the schema itself, with real-looking values for
the custom scalars (dates, school years, federation representations) and, for ``ID``
arguments, a mix of the demo's real global ids and garbage. Each runs as alice through
the real ASGI app (limits, error formatting, GraphQL over HTTP), so what is checked is what
a caller would meet: an answer, never a 5xx, and never an ``INTERNAL`` error — every error
is the caller's (bad input, a refused id) or an upstream's, with its code.

Bounded: ``FUZZ_EXAMPLES`` (default 100) queries and half as many mutations per run, no
deadline (one example may cost a few upstream calls); ``make fuzz`` adds schemathesis
against a live server.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
from collections.abc import Iterator
from typing import Any

import graphql
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import mutations, nodes, queries
from starlette.applications import Starlette

from gateway.examples import load_examples
from schema.schema import schema
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.stack import InProcess, in_process_gateway

ALICE = {"Authorization": "Bearer demo-loket-alice"}
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
SCHEMA = schema._schema  # the executable schema (its SDL has federation directives graphql-core cannot build)
ENTITY_TYPES = ["Absence", "Employer", "Employment", "Institute", "Person", "TrainingProgram", "Vacancy"]


def _is_global_id(value: str) -> bool:
    try:
        decoded = base64.b64decode(value, validate=True).decode()
    except ValueError:
        return False
    return decoded.split(":", 1)[0] in ENTITY_TYPES


def _example_ids() -> list[str]:
    """Every global id the GraphiQL examples carry (valid in the demo's data)."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, str) and _is_global_id(value):
            found.add(value)

    for example in load_examples():
        walk(json.loads(example.variables) if example.variables else {})
    return sorted(found)


REAL_IDS = _example_ids()
ids = st.one_of(st.sampled_from(REAL_IDS), st.text(max_size=40)) if REAL_IDS else st.text(max_size=40)
dates = st.one_of(st.dates().map(lambda day: day.isoformat()), st.text(max_size=12))
school_years = st.one_of(
    st.sampled_from(["2023-24", "2024-25", "2025-26", "2026-27", "2024", "2026-11-24"]),
    st.integers(1900, 2200).map(str),
    st.text(max_size=10),
)


def _representation(typename: str, ident: str) -> graphql.ObjectValueNode:
    return nodes.Object(
        [
            graphql.ObjectFieldNode(name=graphql.NameNode(value="__typename"), value=nodes.String(typename)),
            graphql.ObjectFieldNode(name=graphql.NameNode(value="id"), value=nodes.String(ident)),
        ]
    )


CUSTOM_SCALARS: dict[str, st.SearchStrategy[graphql.ValueNode]] = {
    "ID": ids.map(nodes.String),
    "Date": dates.map(nodes.String),
    "SchoolYear": school_years.map(nodes.String),
    "_Any": st.one_of(
        st.builds(_representation, st.sampled_from([*ENTITY_TYPES, "Nope"]), ids),
        st.text(max_size=20).map(nodes.String),
    ),
}


@pytest.fixture(scope="module")
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    """One event loop for the module: hypothesis runs its examples synchronously, the app is async."""
    running = asyncio.new_event_loop()
    yield running
    running.close()


@pytest.fixture(scope="module")
def stack(sim_config: SimConfig, loop: asyncio.AbstractEventLoop) -> Iterator[InProcess]:
    simulator_app: Starlette = create_simulator_app(sim_config)
    context = in_process_gateway(simulator_app)
    entered = loop.run_until_complete(context.__aenter__())
    yield entered
    loop.run_until_complete(context.__aexit__(None, None, None))


def check(stack: InProcess, loop: asyncio.AbstractEventLoop, operation: str) -> None:
    """Run ``operation`` as alice: an answer with a JSON body, and no error the gateway did not mean."""
    answer = loop.run_until_complete(
        stack.gateway.post("/graphql", json={"query": operation}, headers=ALICE, timeout=60)
    )
    assert answer.status_code < 500, (operation, answer.status_code, answer.text[:500])
    body = answer.json()
    assert "data" in body or "errors" in body, body
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        assert code is not None, (operation, error)
        assert code != "INTERNAL", (operation, error)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
    database=None,
)


@FUZZ
@given(operation=queries(SCHEMA, custom_scalars=CUSTOM_SCALARS, allow_x00=False))
def test_generated_queries_never_fail_inside_the_gateway(
    stack: InProcess, loop: asyncio.AbstractEventLoop, operation: str
) -> None:
    check(stack, loop, operation)


@settings(FUZZ, max_examples=max(1, EXAMPLES // 2))
@given(operation=mutations(SCHEMA, custom_scalars=CUSTOM_SCALARS, allow_x00=False))
def test_generated_mutations_never_fail_inside_the_gateway(
    stack: InProcess, loop: asyncio.AbstractEventLoop, operation: str
) -> None:
    check(stack, loop, operation)


def test_the_fuzzer_reaches_the_upstreams(stack: InProcess, loop: asyncio.AbstractEventLoop) -> None:
    """The generated operations are not all refused up front: real ids reach real data."""
    assert REAL_IDS
    loop.run_until_complete(stack.control.delete("/_sim/calls"))
    check(stack, loop, '{ node(id: "%s") { id } }' % REAL_IDS[0])  # noqa: UP031
    calls: Any = loop.run_until_complete(stack.calls())
    assert calls["total"] >= 1


ENTITIES = (
    "query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Employer { companyName } } }"
)
ALICE_EMPLOYER = "RW1wbG95ZXI6bG9rZXQ6NGZhZDQ3YTItNWNmZS00NzI1LTllZjQtZDNkNmFhNTAzNzIx"


def test_malformed_entity_representations_are_bad_input(
    stack: InProcess, loop: asyncio.AbstractEventLoop
) -> None:
    """Found by this fuzzer: Strawberry's ``_entities`` failed with INTERNAL on a representation
    that is not ``{"__typename": <entity>, "id": ...}``; now each bad one is BAD_USER_INPUT at
    its own index and the good ones still resolve."""
    good = {"__typename": "Employer", "id": ALICE_EMPLOYER}
    bad = ["x", {"id": "a"}, {"__typename": "Nope", "id": "a"}, {"__typename": "Employer"}, {**good, "x": 1}]
    answer = loop.run_until_complete(
        stack.gateway.post(
            "/graphql", json={"query": ENTITIES, "variables": {"r": [*bad, good]}}, headers=ALICE
        )
    )
    body = answer.json()
    assert answer.status_code == 200
    assert body["data"]["_entities"][:-1] == [None] * len(bad)
    assert body["data"]["_entities"][-1]["companyName"] == "Stichting Voortgezet Onderwijs Rijnmond"
    assert [e["path"] for e in body["errors"]] == [["_entities", i] for i in range(len(bad))]
    assert {e["extensions"]["code"] for e in body["errors"]} == {"BAD_USER_INPUT"}


@pytest.mark.parametrize("ident", ["", "x", "Vm9wZTp4", "bm90LWEtZ2xvYmFsLWlk"])
def test_an_undecodable_node_id_is_bad_input(
    stack: InProcess, loop: asyncio.AbstractEventLoop, ident: str
) -> None:
    """Found by this fuzzer: ``node(id:)`` with an id that is not base64 "Type:id" (or names no
    type) was INTERNAL; Strawberry's global-id errors are the caller's input now."""
    answer = loop.run_until_complete(
        stack.gateway.post("/graphql", json={"query": '{ node(id: "%s") { id } }' % ident}, headers=ALICE)  # noqa: UP031
    )
    [error] = answer.json()["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "id"}


# ---- forged ids, cursors and header values (issue 10): never INTERNAL, never a 5xx ----

NASTY = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["../..", "x?y=1", "a#b", "\r\nX-Evil: 1", "١٢٣٤٥٦", "%2e%2e", "", "\x00", "a" * 300]),
)


def _forged(real: str, part: str, index: int) -> str:
    """A real global id with one part of its node id replaced: the same type, a hostile id."""
    type_name, node_id = base64.b64decode(real).decode().split(":", 1)
    parts = node_id.split(":")
    parts[index % len(parts)] = part
    return base64.b64encode(f"{type_name}:{':'.join(parts)}".encode()).decode()


forged_ids = st.builds(
    _forged, st.sampled_from(REAL_IDS or ["UGVyc29uOmxva2V0Ong="]), NASTY, st.integers(0, 5)
)
cursors = st.one_of(
    st.text(max_size=20),
    st.binary(max_size=24).map(lambda raw: base64.b64encode(b"cursor:" + raw).decode()),
)
FORGED = """query($id: ID!, $after: String) {
  node(id: $id) { id }
  person(id: $id) {
    firstName employments(first: 2) { nodes { jobTitle } } absences(first: 2) { nodes { kind } }
  }
  employers(after: $after) { totalCount }
}"""


def check_variables(
    stack: InProcess, loop: asyncio.AbstractEventLoop, variables: dict[str, Any], **headers: Any
) -> None:
    answer = loop.run_until_complete(
        stack.gateway.post(
            "/graphql", json={"query": FORGED, "variables": variables}, headers=headers, timeout=60
        )
    )
    assert answer.status_code < 500, (variables, answer.status_code, answer.text[:500])
    for error in answer.json().get("errors") or []:
        assert (error.get("extensions") or {}).get("code") not in (None, "INTERNAL"), (variables, error)


@FUZZ
@given(ident=forged_ids, after=cursors)
def test_forged_ids_and_cursors_are_the_callers_errors(
    stack: InProcess, loop: asyncio.AbstractEventLoop, ident: str, after: str
) -> None:
    check_variables(stack, loop, {"id": ident, "after": after}, **ALICE)


header_values = st.text(alphabet=st.characters(min_codepoint=1, max_codepoint=0xFF), max_size=30)


@settings(FUZZ, max_examples=max(1, EXAMPLES // 2))
@given(value=header_values)
def test_generated_credential_header_values_are_the_callers_errors(
    stack: InProcess, loop: asyncio.AbstractEventLoop, value: str
) -> None:
    raw = ("Bearer " + value).encode("latin-1")  # bytes: what any HTTP client may put on the wire
    headers = {
        "Authorization": raw,
        "X-Informat-Authorization": raw,
        "X-ICTerGezocht-Authorization": raw,
        "X-Onderwijsloket-Authorization": raw,
    }
    check_variables(stack, loop, {"id": REAL_IDS[0] if REAL_IDS else "x", "after": None}, **headers)
