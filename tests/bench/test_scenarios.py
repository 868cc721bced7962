"""Every scenario's staffgraph request answers without errors and with the expected rows, over a
real (threaded) stack at scale 1; the bare endpoint and the latency knob work the same way."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from bench.measure import checked, set_latency, upstream_cost
from bench.scenarios import SCENARIOS, AnswerError, Scenario
from bench.targets import bare_target, send, staffgraph_target
from simulators.config import SimConfig
from tests.support.stack import Stack, running_stack


@pytest.fixture(scope="module")
def stack(sim_config: SimConfig) -> Iterator[Stack]:
    with running_stack(sim_config) as running:
        yield running


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_each_scenario_answers_its_rows_without_errors(stack: Stack, scenario: Scenario) -> None:
    target = staffgraph_target(stack.gateway_url, pid=0, scenarios=SCENARIOS)
    (request,) = target.for_scenario(scenario.id)
    assert checked(target, scenario, request) == scenario.expected_rows
    calls, size, by = upstream_cost(stack.simulators_url, request.http)
    assert calls == sum(by.values()) > 0
    assert size > 0
    if scenario.id.startswith(("employers", "persons", "team")):
        assert set(by) == {"loket"}


def test_a_wrong_answer_stops_the_case(stack: Stack) -> None:
    scenario = SCENARIOS[1]
    target = staffgraph_target(stack.gateway_url, pid=0, scenarios=SCENARIOS)
    (request,) = target.for_scenario(scenario.id)
    _, answer = send(request.http)
    answer["data"]["persons"]["nodes"].pop()
    with pytest.raises(AnswerError, match="expected 50 rows"):
        scenario.check(answer)
    with pytest.raises(AnswerError, match="errors"):
        scenario.check({"data": None, "errors": [{"message": "loket did not answer"}]})


def test_the_bare_endpoint_answers_the_employers_list(stack: Stack) -> None:
    target = bare_target(stack.simulators_url)
    (request,) = target.for_scenario("employers")
    assert checked(target, SCENARIOS[0], request) == 2
    assert upstream_cost(stack.simulators_url, request.http)[0] == 1


def test_added_latency_is_set_for_every_upstream_and_cleared(stack: Stack) -> None:
    try:
        set_latency(stack.simulators_url, 50)
        plans = httpx.get(f"{stack.simulators_url}/_sim/faults", timeout=5).json()["faults"]
        assert {plan["upstream"] for plan in plans} >= {"loket", "informat", "ictergezocht", "onderwijsloket"}
        assert {plan["latency_ms"] for plan in plans} == {50}
    finally:
        set_latency(stack.simulators_url, 0)
    assert httpx.get(f"{stack.simulators_url}/_sim/faults", timeout=5).json()["faults"] == []
