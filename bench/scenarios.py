"""The benchmark's scenarios (issue 9) and staffgraph's GraphQL request for each.

Ids are shared with the peers (``bench.peers.mesh.MESH_REQUESTS`` is keyed by them). Each
scenario knows how to check staffgraph's answer: no ``errors`` and the expected number of
rows, so a run never times answers that are wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from gateway.examples import load_examples

ALICE = {"Authorization": "Bearer demo-loket-alice"}
"""Loket is pass-through: the caller's token goes upstream (alice sees two employers)."""

SCHOOL = "RW1wbG95ZXI6bG9rZXQ6NGZhZDQ3YTItNWNmZS00NzI1LTllZjQtZDNkNmFhNTAzNzIx"
"""Stichting Voortgezet Onderwijs Rijnmond, alice's 450-person school (450 x scale people);
the same id at every ``--scale``."""


class AnswerError(AssertionError):
    """A target answered a scenario's request wrongly (errors, or not the expected rows)."""


@dataclass(frozen=True)
class Scenario:
    """One query shape of issue 9's list.

    ``rows`` is the path to the list whose length is checked; ``critical_hops`` is the number of
    upstream calls that must happen one after another (each waits for an answer of the previous),
    which bounds the latency at ``latency_ms`` added per upstream call from below.
    """

    id: str
    number: int
    title: str
    query: str
    variables: Mapping[str, Any]
    rows: tuple[str, ...]
    expected_rows: int
    critical_hops: int
    scales: tuple[int, ...] = (1,)
    headers: Mapping[str, str] = field(default_factory=lambda: dict(ALICE))

    def body(self) -> dict[str, Any]:
        return {"query": self.query, "variables": dict(self.variables)}

    def encoded(self) -> bytes:
        return orjson.dumps(self.body())

    def check(self, answer: Any) -> int:
        """The row count of staffgraph's ``answer``; ``AnswerError`` unless error-free and as expected."""
        rows = count_rows(answer, self.rows)
        if rows != self.expected_rows:
            raise AnswerError(
                f"{self.id}: expected {self.expected_rows} rows at {'.'.join(self.rows)}, got {rows}"
            )
        return rows


def count_rows(answer: Any, path: tuple[str, ...]) -> int:
    """The length of the list at ``data.<path>``; ``AnswerError`` for ``errors`` or a missing list."""
    if not isinstance(answer, dict):
        raise AnswerError(f"the answer is not a JSON object: {str(answer)[:300]}")
    if answer.get("errors"):
        raise AnswerError(f"the answer has errors: {orjson.dumps(answer['errors'])[:800].decode()}")
    value: Any = answer.get("data")
    for key in path:
        if not isinstance(value, dict) or key not in value:
            raise AnswerError(f"the answer has no data.{'.'.join(path)}: {str(answer)[:300]}")
        value = value[key]
    if not isinstance(value, list):
        raise AnswerError(f"data.{'.'.join(path)} is not a list")
    return len(value)


EMPLOYERS = """
query Employers {
  employers(first: 10, orderBy: [COMPANY_NAME_ASC]) {
    totalCount
    nodes { id sourceId companyName city }
  }
}
"""

PERSONS_WITH_EMPLOYMENTS = """
query PersonsWithEmployments($employer: ID!, $first: Int!) {
  persons(employerId: $employer, first: $first) {
    totalCount
    nodes {
      id
      firstName
      lastName
      employments { nodes { jobTitle department startDate endDate } }
    }
  }
}
"""

PERSONS_WITH_EMPLOYMENTS_AND_ABSENCES = """
query PersonsWithEmploymentsAndAbsences($employer: ID!, $first: Int!) {
  persons(employerId: $employer, first: $first) {
    totalCount
    nodes {
      id
      firstName
      lastName
      employments { nodes { jobTitle department startDate endDate } }
      absences { totalCount nodes { kind startDate endDate } }
    }
  }
}
"""

VACANCIES_WITH_PROGRAMMES = """
query VacanciesWithNearbyTraining {
  vacancies(first: 50) {
    totalCount
    nodes {
      id
      title
      city
      publishDate
      trainingPrograms(radiusKm: 40, first: 5) {
        distanceKm
        location { name city }
        program { name type level institution { name } }
      }
    }
  }
}
"""

TEAM = next(example.query for example in load_examples() if example.name == "people-team-absences")
"""The demo's team example itself (``gateway/examples/people-team-absences.graphql``)."""

SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        id="employers",
        number=1,
        title="employers list (1 Loket call)",
        query=EMPLOYERS,
        variables={},
        rows=("employers", "nodes"),
        expected_rows=2,
        critical_hops=1,
    ),
    Scenario(
        id="persons-50",
        number=2,
        title="50 persons of one Loket employer with employments",
        query=PERSONS_WITH_EMPLOYMENTS,
        variables={"employer": SCHOOL, "first": 50},
        rows=("persons", "nodes"),
        expected_rows=50,
        critical_hops=2,
    ),
    Scenario(
        id="persons-200",
        number=3,
        title="200 persons with employments and absences",
        query=PERSONS_WITH_EMPLOYMENTS_AND_ABSENCES,
        variables={"employer": SCHOOL, "first": 200},
        rows=("persons", "nodes"),
        expected_rows=200,
        critical_hops=2,
    ),
    Scenario(
        id="vacancies-50",
        number=4,
        title="50 vacancies with the 5 nearest training programmes each",
        query=VACANCIES_WITH_PROGRAMMES,
        variables={},
        rows=("vacancies", "nodes"),
        expected_rows=50,
        critical_hops=2,
        headers={},
    ),
    Scenario(
        id="team-25",
        number=5,
        title="a 25-person team with absences (gateway/examples/people-team-absences.graphql)",
        query=TEAM,
        variables={"employer": SCHOOL, "department": "Sectie talen"},
        rows=("employments", "nodes"),
        expected_rows=25,
        critical_hops=2,
        scales=(1, 20),
    ),
)

BY_ID = {scenario.id: scenario for scenario in SCENARIOS}
CONCURRENCY_SCENARIO = "concurrency-16"
SOAK_SCENARIO = "soak"
ALL_IDS = (*BY_ID, CONCURRENCY_SCENARIO, SOAK_SCENARIO)
"""Every id ``--scenarios`` accepts: the five query shapes, 16 concurrent clients, the soak."""

SOAK_MIX = ("employers", "persons-50", "vacancies-50", "team-25")
"""What the soak runs side by side (scale 1): one client on each."""
