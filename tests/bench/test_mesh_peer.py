"""The GraphQL Mesh peer of ``make bench-peers`` works: composed from the simulators' OpenAPI
documents and served by Hive Gateway, every request of every scenario answers with data, no
errors and the expected number of rows, at the upstream call counts the report quotes.

Needs node, npm and the npm registry (the packages are installed into ``bench/.peers/``), so it
runs only with ``STAFFGRAPH_BENCH_PEERS=1``; ``make test`` skips it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.peers.mesh import (
    CLIENT_JOINS,
    GATEWAY_JOINS,
    MESH_REQUESTS,
    PeerProcess,
    compose,
    install,
    running_mesh,
)
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.servers import serve_in_thread

pytestmark = pytest.mark.skipif(
    os.environ.get("STAFFGRAPH_BENCH_PEERS") != "1",
    reason="needs npm packages: STAFFGRAPH_BENCH_PEERS=1 (make bench-peers) runs it",
)

FOLDER = Path(__file__).resolve().parents[2] / "bench" / ".peers"

# Loket calls per request at scale 1 (the numbers the report quotes): one call per parent for
# the @resolveTo joins, the employer-wide lists for the client joins
EXPECTED_CALLS = {
    ("employers", GATEWAY_JOINS): {"loket": 1},
    ("persons-50", CLIENT_JOINS): {"loket": 3},
    ("persons-200", CLIENT_JOINS): {"loket": 5},
    ("vacancies-50", GATEWAY_JOINS): {"ictergezocht": 1, "onderwijsloket": 50},
    ("vacancies-50", CLIENT_JOINS): {"ictergezocht": 1, "onderwijsloket": 1},
    ("team-25", CLIENT_JOINS): {"loket": 4},
}
CASES = [(scenario, index) for scenario, requests in MESH_REQUESTS.items() for index in range(len(requests))]


@pytest.fixture(scope="module")
def simulators(sim_config: SimConfig) -> Iterator[str]:
    with serve_in_thread(create_simulator_app(sim_config)) as url:
        yield url


@pytest.fixture(scope="module")
def mesh(simulators: str) -> Iterator[PeerProcess]:
    install(FOLDER)
    compose(FOLDER, simulators)
    with running_mesh(FOLDER, simulators) as process:
        yield process


def calls(simulators: str) -> dict[str, int]:
    counts: dict[str, Any] = httpx.get(f"{simulators}/_sim/calls", timeout=5).json()
    return {
        name: entry["total"]
        for name, entry in counts.items()
        if isinstance(entry, dict) and entry.get("total")
    }


@pytest.mark.parametrize(("scenario", "index"), CASES, ids=[f"{s}-{i}" for s, i in CASES])
def test_every_request_answers_its_rows_without_errors(
    mesh: PeerProcess, simulators: str, scenario: str, index: int
) -> None:
    request = MESH_REQUESTS[scenario][index]
    httpx.delete(f"{simulators}/_sim/calls", timeout=5)

    response = httpx.post(mesh.url, json=request.body, headers=request.headers, timeout=120)

    assert response.status_code == 200
    answer = response.json()
    assert "errors" not in answer, answer["errors"][:3]
    rows: Any = answer["data"]
    for key in request.rows_path:
        rows = rows[key]
    assert len(rows) == request.rows
    expected = EXPECTED_CALLS.get((scenario, request.variant))
    if expected is not None:
        assert calls(simulators) == expected
    else:  # the per-parent joins: at least one call per row beyond the first list
        assert sum(calls(simulators).values()) > request.rows


def test_the_gateway_joins_fetch_what_staffgraph_answers(mesh: PeerProcess) -> None:
    """Spot check of the joined data: a person's employments carry their organizational entities
    (the job title's source), and a vacancy's town gets training locations in that town first
    (Directus `search` reads every text field, so other towns' locations may follow)."""
    persons = httpx.post(
        mesh.url,
        json=MESH_REQUESTS["persons-50"][0].body,
        headers=MESH_REQUESTS["persons-50"][0].headers,
        timeout=60,
    ).json()["data"]["getEmployees"]["_embedded"]
    mark = next(person for person in persons if person["employeeNumber"] == 1)
    titles = [
        entity["function"]["description"] for entity in mark["employments"][0]["organizationalEntities"]
    ]
    assert titles == ["Decaan", "Docent economie"]

    vacancies = httpx.post(mesh.url, json=MESH_REQUESTS["vacancies-50"][0].body, timeout=60).json()["data"]
    heerlen = next(item for item in vacancies["getVacancyInsight"]["items"] if item["city"] == "Heerlen")
    assert heerlen["trainingLocations"]
    towns = ["Heerlen" in location["location_address"] for location in heerlen["trainingLocations"]]
    assert towns[:2] == [True, True]
    assert all(location["programs"] for location in heerlen["trainingLocations"][:2])


def test_the_process_is_node_itself(mesh: PeerProcess) -> None:
    """The pid the harness reads /proc of is the serving node process, not a wrapper."""
    command = Path(f"/proc/{mesh.pid}/cmdline").read_bytes().split(b"\0")
    assert Path(command[0].decode()).name.startswith("node")
    assert b"supergraph" in command
