"""The jobs examples GraphiQL offers, run against the simulators: their answers and what they cost.

The costs asserted here are the ones the closing note lists (upstream calls per example).
"""

from __future__ import annotations

import json

import pytest

from gateway.examples import load_examples
from tests.schema.conftest import Gateway

EXAMPLES = {example.name: example for example in load_examples() if example.name.startswith("jobs-")}
COSTS = {
    "jobs-vacancies-nearby-training": {
        "ictergezocht": {"GET /vacancy/insight": 1},
        "onderwijsloket": {"GET /items/{collection}": 2},
    },
    "jobs-training-programs-near-city": {
        "ictergezocht": {},
        "onderwijsloket": {"GET /items/{collection}": 2},
    },
    "jobs-create-vacancy": {
        "ictergezocht": {"POST /vacancy": 1, "GET /vacancy/insight": 2},
        "onderwijsloket": {"GET /items/{collection}": 2},
    },
    # the period (since June: 201-250 vacancies) page by page: an ordering needs all of it
    "jobs-vacancies-filtered": {"ictergezocht": {"GET /vacancy/insight": 5}, "onderwijsloket": {}},
    # the PUT, then the vacancy read back from the insight list of its publish day
    "jobs-update-vacancy": {
        "ictergezocht": {"PUT /vacancy/{vacancyId}": 1, "GET /vacancy/insight": 1},
        "onderwijsloket": {},
    },
    "jobs-delete-vacancy": {"ictergezocht": {"DELETE /vacancy/{vacancyId}": 1}, "onderwijsloket": {}},
}


def test_every_jobs_example_has_a_known_cost() -> None:
    assert set(EXAMPLES) == set(COSTS)


@pytest.mark.parametrize("name", sorted(COSTS))
async def test_example_answers_without_errors_at_its_cost(name: str, gateway: Gateway) -> None:
    example = EXAMPLES[name]
    variables = json.loads(example.variables) if example.variables else None
    result = await gateway.execute(example.query, variables)
    assert result.errors is None, result.errors
    assert all(value is not None for value in result.data.values())
    calls = await gateway.calls()
    assert {upstream: calls[upstream]["endpoints"] for upstream in COSTS[name]} == COSTS[name]
    assert calls["loket"]["total"] == calls["informat"]["total"] == 0
