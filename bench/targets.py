"""What a benchmark drives: staffgraph, a peer gateway (GraphQL Mesh), or the bare simulators.

A target names the process whose CPU and memory count (``pid``; None for the bare simulators,
which are the baseline, not a gateway) and gives, per scenario id, the requests that answer it,
one per variant. Staffgraph has one variant per scenario; a peer may have several ways to ask
the same thing (``bench.peers.mesh.MESH_REQUESTS``) or none, when it cannot express it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson

from bench.load import HttpRequest
from bench.peers.mesh_requests import PeerRequest
from bench.processes import Running
from bench.scenarios import ALICE, AnswerError, Scenario, count_rows

Check = Callable[[Scenario, Any], int | None]
"""Raises ``AnswerError`` for a wrong answer; returns its row count (None when rows are not counted)."""


@dataclass(frozen=True)
class TargetRequest:
    """One way a target answers a scenario: the HTTP request, how its answer is checked and what
    the variant means."""

    variant: str
    http: HttpRequest
    check: Check
    note: str = ""


@dataclass(frozen=True)
class Target:
    """A benchmarked endpoint. ``errors_seen`` reads how many answers the target itself counted
    as failed so far (None when it does not count them)."""

    name: str
    pid: int | None
    requests: Mapping[str, Sequence[TargetRequest]]
    errors_seen: Callable[[], int | None] = field(default=lambda: None)

    def for_scenario(self, scenario_id: str) -> Sequence[TargetRequest]:
        return self.requests.get(scenario_id, ())


def graphql_request(url: str, body: Mapping[str, Any], headers: Mapping[str, str]) -> HttpRequest:
    return HttpRequest(
        url=url,
        method="POST",
        body=orjson.dumps(dict(body)),
        headers={"Content-Type": "application/json", **headers},
    )


ERRORS_LINE = re.compile(
    r'^staffgraph_graphql_requests_total\{[^}]*outcome="(?:partial|error)"[^}]*\} ([0-9.e+]+)$', re.M
)


def gateway_errors(metrics_url: str) -> Callable[[], int | None]:
    """Operations the gateway itself answered with errors (``/metrics``: outcome partial or error)."""

    def read() -> int | None:
        try:
            text = httpx.get(metrics_url, timeout=10).text
        except httpx.HTTPError:
            return None
        return int(sum(float(value) for value in ERRORS_LINE.findall(text)))

    return read


def staffgraph_target(url: str, pid: int, scenarios: Sequence[Scenario]) -> Target:
    """The gateway under test: one request per scenario, its answer checked row by row."""
    requests = {
        scenario.id: [
            TargetRequest(
                "graphql",
                graphql_request(f"{url}/graphql", scenario.body(), scenario.headers),
                check=lambda scenario, answer: scenario.check(answer),
            )
        ]
        for scenario in scenarios
    }
    return Target(
        name="staffgraph",
        pid=pid,
        requests=requests,
        errors_seen=gateway_errors(f"{url}/metrics"),
    )


def peer_check(request: PeerRequest) -> Check:
    """A peer's answer must be error-free and carry data; its shape is its own, so its rows are
    counted where the request says (``rows_path`` and ``rows``, when it gives them)."""

    def check(scenario: Scenario, answer: Any) -> int | None:
        if not isinstance(answer, dict) or answer.get("errors") or not answer.get("data"):
            raise AnswerError(f"{scenario.id}: the peer answered {orjson.dumps(answer)[:800].decode()}")
        path = request.rows_path
        if not path:
            return None
        rows = count_rows(answer, path)
        expected = request.rows
        if expected and rows != expected:
            raise AnswerError(f"{scenario.id}: expected {expected} rows at {'.'.join(path)}, got {rows}")
        return rows

    return check


def peer_target(peer: Running, requests: Mapping[str, Sequence[PeerRequest]]) -> Target:
    """A peer gateway (``running_mesh``'s process) with its requests per scenario id."""
    return Target(
        name=peer.name,
        pid=peer.pid,
        requests={
            scenario_id: [
                TargetRequest(
                    item.variant,
                    graphql_request(peer.url, item.body, item.headers),
                    check=peer_check(item),
                    note=item.note,
                )
                for item in variants
            ]
            for scenario_id, variants in requests.items()
        },
    )


def bare_check(scenario: Scenario, answer: Any) -> int | None:
    """The Loket employers list: ``{"_embedded": [...]}`` with alice's two employers."""
    rows = answer.get("_embedded") if isinstance(answer, dict) else None
    if not isinstance(rows, list) or len(rows) != scenario.expected_rows:
        raise AnswerError(f"{scenario.id}: the bare endpoint answered {str(answer)[:300]}")
    return len(rows)


def bare_target(simulators_url: str) -> Target:
    """The simulators answering the upstream call directly, where a scenario is one call: the
    floor a gateway adds its overhead to. No pid: the simulators' CPU is not a gateway's."""
    employers = HttpRequest(url=f"{simulators_url}/loket/v2/providers/employers", method="GET", headers=ALICE)
    return Target(
        name="bare",
        pid=None,
        requests={"employers": [TargetRequest("GET /providers/employers", employers, check=bare_check)]},
    )


def send(request: HttpRequest, timeout: float = 120) -> tuple[int, Any]:
    """One request outside the load generator: its status and decoded JSON body."""
    response = httpx.request(
        request.method, request.url, content=request.body, headers=dict(request.headers), timeout=timeout
    )
    try:
        return response.status_code, orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return response.status_code, response.text
