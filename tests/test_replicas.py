"""Two ``staffgraph serve`` replicas sharing one real Redis (issue 11, scale-out): what one cached the
other serves without an upstream call, they spend one ICTerGezocht budget, no credential reaches Redis,
and killing Redis in the middle of a stream of requests loses none of them.

The tests of this module share one stack and run in file order; the last one kills Redis.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import redis
from prometheus_client.parser import text_string_to_metric_families

from gateway.demo import demo_environment
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.redis import RedisServer, running_redis
from tests.support.servers import free_port, serve_in_thread
from tests.support.stack import running_process, staffgraph_command

ALICE = {"Authorization": "Bearer demo-loket-alice"}
BUDGET = 4  # ICTerGezocht requests per window for both replicas together
EMPLOYERS = "{ employers { nodes { id companyName } } }"
NODE = "query($id: ID!) { node(id: $id) { id ... on Employer { companyName } } }"
NEAR_CITY = (
    '{ trainingPrograms(near: {city: "Utrecht", radiusKm: 25}, first: 5) { totalCount nodes { name } } }'
)
INSTITUTES = "{ institutes { nodes { number staff(first: 1) { totalCount } } } }"
VACANCIES = "{ vacancies(first: 1) { totalCount } }"
# What the gateway holds or is sent, and the shape of every Informat token (a JWT): none may reach Redis.
CREDENTIALS = [
    "demo-loket-alice",
    "demo-secret",
    "demo-ictergezocht-key",
    "demo-onderwijsloket-token",
    "eyJ",
]


@dataclass
class Replicas:
    a: str
    b: str
    simulators: str
    redis: RedisServer

    def ask(self, gateway: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        answer = httpx.post(
            f"{gateway}/graphql", json={"query": query, "variables": variables}, headers=ALICE, timeout=30
        )
        assert answer.status_code == 200, answer.text
        return answer.json()  # type: ignore[no-any-return]

    def calls(self) -> dict[str, Any]:
        return httpx.get(f"{self.simulators}/_sim/calls", timeout=5).json()  # type: ignore[no-any-return]

    def reset_calls(self) -> None:
        httpx.delete(f"{self.simulators}/_sim/calls", timeout=5)


def replica_env(simulators: str, redis_url: str) -> dict[str, str]:
    """The demo's settings as ``STAFFGRAPH_*`` variables, with Redis and a small ICTerGezocht budget."""
    import os

    return {
        **os.environ,
        **demo_environment(simulators),
        "STAFFGRAPH_ICTERGEZOCHT_BUDGET": str(BUDGET),
        "STAFFGRAPH_REDIS_URL": redis_url,
    }


@pytest.fixture(scope="module")
def replicas(sim_config: SimConfig) -> Iterator[Replicas]:
    with running_redis() as server, serve_in_thread(create_simulator_app(sim_config)) as simulators:
        env = replica_env(simulators, server.url)
        ports = free_port(), free_port()
        commands = [
            staffgraph_command("serve", "--port", str(port), "--log-level", "warning") for port in ports
        ]
        a, b = (f"http://127.0.0.1:{port}" for port in ports)
        with (
            running_process(commands[0], f"{a}/healthz", env=env),
            running_process(commands[1], f"{b}/healthz", env=env),
        ):
            yield Replicas(a, b, simulators, server)


def test_what_one_replica_cached_the_other_serves_without_an_upstream_call(replicas: Replicas) -> None:
    employers = replicas.ask(replicas.a, EMPLOYERS)["data"]["employers"]["nodes"]
    node = {"id": employers[0]["id"]}
    replicas.reset_calls()
    on_a = [
        replicas.ask(replicas.a, query, variables) for query, variables in ((NODE, node), (NEAR_CITY, None))
    ]
    on_a.append(replicas.ask(replicas.a, INSTITUTES))
    through_a = replicas.calls()
    assert through_a["loket"]["endpoints"] == {"GET /v2/providers/employers": 1}
    assert through_a["onderwijsloket"]["total"] == 2  # the locations table, then the programs
    assert through_a["identity"]["total"] == 1

    replicas.reset_calls()
    on_b = [
        replicas.ask(replicas.b, query, variables) for query, variables in ((NODE, node), (NEAR_CITY, None))
    ]
    on_b.append(replicas.ask(replicas.b, INSTITUTES))
    through_b = replicas.calls()
    assert on_b == on_a and all("errors" not in body for body in on_b)
    assert through_b.get("loket", {}).get("total", 0) == 0  # the employers list came from Redis
    assert through_b["onderwijsloket"]["total"] == 1  # the programs only: the table came from Redis
    assert through_b.get("identity", {}).get("total", 0) == 0  # and replica a's Informat token


def test_the_replicas_spend_one_ictergezocht_budget(replicas: Replicas) -> None:
    replicas.reset_calls()
    answers = [replicas.ask(replicas.a, VACANCIES) for _ in range(BUDGET + 2)]
    spent = replicas.calls()["ictergezocht"]["total"]
    assert spent == BUDGET
    assert "errors" not in answers[0]
    assert answers[-1]["errors"][0]["extensions"]["code"] == "UPSTREAM_RATE_LIMITED"
    on_b = replicas.ask(replicas.b, VACANCIES)
    assert on_b["errors"][0]["extensions"]["code"] == "UPSTREAM_RATE_LIMITED"
    assert replicas.calls()["ictergezocht"]["total"] == spent  # b sent nothing: a spent the budget


def test_no_credential_reaches_redis(replicas: Replicas) -> None:
    client = redis.Redis.from_url(replicas.redis.url)
    stored: list[bytes] = []
    for key in client.scan_iter("*"):
        assert key.startswith(b"staffgraph:")
        stored.append(key)
        kind = client.type(key)
        if kind == b"string":
            stored.append(client.get(key) or b"")
        elif kind == b"zset":
            stored.extend(member for member, _ in client.zrange(key, 0, -1, withscores=True))
    client.close()
    kinds = {key.split(b":")[1] for key in stored if key.startswith(b"staffgraph:")}
    assert kinds == {b"cache", b"token", b"budget"}
    assert not [text for text in CREDENTIALS for blob in stored if text.encode() in blob]


def fallbacks(gateway: str) -> float:
    text = httpx.get(f"{gateway}/metrics", timeout=5).text
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "staffgraph_redis_fallbacks_total"
    )


def test_killing_redis_loses_no_request(replicas: Replicas) -> None:
    """Last in the module: it stops the Redis the others use."""
    node = {"id": replicas.ask(replicas.a, EMPLOYERS)["data"]["employers"]["nodes"][0]["id"]}
    work = [(gateway, query, variables) for gateway in (replicas.a, replicas.b) for query, variables in
            ((NODE, node), (NEAR_CITY, None), (INSTITUTES, None))] * 10  # fmt: skip
    before = fallbacks(replicas.a) + fallbacks(replicas.b)
    done = 0
    halfway = threading.Event()
    lock = threading.Lock()

    def one(gateway: str, query: str, variables: dict[str, Any] | None) -> dict[str, Any]:
        nonlocal done
        body = replicas.ask(gateway, query, variables)
        with lock:
            done += 1
            if done == len(work) // 3:
                halfway.set()
        return body

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(one, *item) for item in work]
        assert halfway.wait(timeout=60)
        replicas.redis.stop()  # while requests are in flight
        answers = [future.result(timeout=60) for future in futures]
    assert [body for body in answers if "errors" in body or not body.get("data")] == []
    assert all(answer == expected for answer, expected in zip(answers, answers[:6] * 10, strict=True))
    assert fallbacks(replicas.a) + fallbacks(replicas.b) > before
