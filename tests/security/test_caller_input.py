"""Caller input never reaches an upstream's path, query or headers unchecked, and never opens a circuit
(issue 10, findings 1, 2 and 7), over real HTTP against the simulators.

Each refusal is BAD_USER_INPUT naming the input, costs no upstream call, and leaves every circuit
closed, so a caller cannot take an upstream away from the others by sending it junk.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from strawberry import relay

from simulators.config import SimConfig
from tests.support.stack import Stack, running_stack

ALICE = {"Authorization": "Bearer demo-loket-alice"}
EMPLOYER = "4fad47a2-5cfe-4725-9ef4-d3d6aa503721"  # alice's school foundation in the seeded data
# a seeded open absence of alice's (the people-loket-close-absence example's)
ABSENCE = (
    "loket:c2ac1844-1c45-4389-b904-11201a9fa59c:1b861537-f8d2-4b25-8b68-a570eb08cfec"
    ":absence:11b7ec59-64c4-44fe-b559-80261b194659"
)
INFORMAT_PERSON = "2d7c5b1e-9a8f-4c3b-8e1d-2f6a7b8c9d0e"


@pytest.fixture(scope="module")
def stack(sim_config: SimConfig) -> Iterator[Stack]:
    with running_stack(sim_config, demo=True) as running:
        yield running


def gid(type_name: str, node_id: str) -> str:
    return str(relay.GlobalID(type_name, node_id))


def post(stack: Stack, query: str, variables: dict[str, Any] | None = None, **headers: str) -> Any:
    answer = httpx.post(
        f"{stack.gateway_url}/graphql",
        json={"query": query, "variables": variables},
        headers=headers,
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def circuits(stack: Stack) -> dict[str, str]:
    upstreams = httpx.get(f"{stack.gateway_url}/readyz", timeout=10).json()["upstreams"]
    return {name: entry["circuit"]["state"] for name, entry in upstreams.items()}


def refused(body: Any, argument: str) -> None:
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert error["extensions"].get("argument") == argument, error


CLOSE = """mutation($id: ID!, $v: String) {
  closeLoketAbsence(id: $id, endDate: "2026-11-24", expectedVersion: $v) { version }
}"""


@pytest.mark.parametrize("version", ['"x"\r\nX-Evil: 1', 'W/"é"', "\x00", "x" * 500])
def test_an_expected_version_that_is_no_etag_never_reaches_loket_nor_its_circuit(
    stack: Stack, version: str
) -> None:
    stack.reset_calls()
    for _ in range(8):  # more than the five failures that open a circuit
        refused(post(stack, CLOSE, {"id": gid("Absence", ABSENCE), "v": version}, **ALICE), "expectedVersion")
    assert stack.calls()["loket"]["total"] == 0
    assert circuits(stack)["loket"] == "closed"
    assert post(stack, "{ employers { nodes { companyName } } }", **ALICE)["data"]["employers"]["nodes"]


@pytest.mark.parametrize(
    "node_id",
    [
        f"informat:032912\r\nX-Evil: 1:{INFORMAT_PERSON}",
        f"informat:03291٢:{INFORMAT_PERSON}",  # an Arabic-Indic digit
        f"informat:../..:{INFORMAT_PERSON}",
        "informat:032912:../../connect/token?x=",
        "informat:032912:%2e%2e",
    ],
)
def test_a_forged_informat_id_is_refused_before_any_call_and_opens_no_circuit(
    stack: Stack, node_id: str
) -> None:
    stack.reset_calls()
    for _ in range(8):
        refused(
            post(stack, "query($id: ID!) { person(id: $id) { firstName } }", {"id": gid("Person", node_id)}),
            "id",
        )
    calls = stack.calls()
    assert calls["informat"]["total"] == 0 and calls["identity"]["total"] == 0
    assert circuits(stack)["informat"] == "closed"


@pytest.mark.parametrize(
    "node_id",
    [
        f"loket:{EMPLOYER}:../../../employers",
        f"loket:{EMPLOYER}:x?filter=1",
        f"loket:{EMPLOYER}:{EMPLOYER}#",
        f"loket:../..:{EMPLOYER}",
        f"loket:{EMPLOYER}:\x00",
    ],
)
def test_a_forged_loket_id_never_sends_alices_token_anywhere(stack: Stack, node_id: str) -> None:
    stack.reset_calls()
    body = post(
        stack, "query($id: ID!) { person(id: $id) { firstName } }", {"id": gid("Person", node_id)}, **ALICE
    )
    refused(body, "id")
    assert stack.calls()["total"] == 0


@pytest.mark.parametrize(
    "cursor",
    [
        base64.b64encode("cursor:١٢".encode()).decode(),  # non-ASCII digits
        base64.b64encode(b"cursor:" + b"9" * 400).decode(),
        base64.b64encode(b"cursor:-1").decode(),
        "%%%",
    ],
)
def test_an_odd_cursor_is_bad_user_input_not_internal(stack: Stack, cursor: str) -> None:
    stack.reset_calls()
    body = post(stack, "query($a: String) { employers(after: $a) { totalCount } }", {"a": cursor}, **ALICE)
    refused(body, "after")
    assert stack.calls()["total"] == 0


def test_a_filter_longer_than_lokets_url_is_bad_user_input_and_sends_nothing(stack: Stack) -> None:
    stack.reset_calls()
    query = """query($e: ID!, $text: String!) {
      persons(employerId: $e, filter: {lastName: {contains: $text}}) { totalCount }
    }"""
    body = post(stack, query, {"e": gid("Employer", f"loket:{EMPLOYER}"), "text": "x" * 70_000}, **ALICE)
    refused(body, "filter")
    assert stack.calls()["total"] == 0
    assert circuits(stack)["loket"] == "closed"
