"""staffgraph as a subgraph behind a real federation router (issue 11).

staffgraph's SDL (``_service { sdl }``) and a second subgraph (``badges``: badges held by
staffgraph's people, by key) are composed into a supergraph by The Guild's federation
composition and served by the Hive Gateway runtime (``compose.mjs``, ``router.mjs``; Node
packages pinned in ``package.json``/``package-lock.json``). Both subgraphs and the router run
on free 127.0.0.1 ports; the tests query the router only and check what each subgraph got.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from gateway.app import create_app
from gateway.demo import demo_settings
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.federation.badges import BadgesApp
from tests.federation.node import HERE, installed_packages, node_binary
from tests.federation.recording import Recording
from tests.support.servers import free_port, serve_in_thread
from tests.support.stack import ALICE, running_process

PEOPLE = """
query People {
  employers(first: 1) { nodes { companyName persons(first: 2) { nodes { id firstName lastName } } } }
}
"""


@dataclass(frozen=True)
class Federation:
    router_url: str
    staffgraph: Recording
    badges: Recording
    company: str
    people: list[dict[str, str]]  # id, firstName, lastName of the two badge holders

    def query(self, query: str, variables: dict[str, Any] | None = None, **headers: str) -> Any:
        response = httpx.post(
            f"{self.router_url}/graphql",
            json={"query": query, "variables": variables or {}},
            headers=headers,
            timeout=30,
        )
        assert response.status_code == 200, response.text
        return response.json()


def graphql(url: str, query: str, headers: dict[str, str]) -> Any:
    response = httpx.post(f"{url}/graphql", json={"query": query}, headers=headers, timeout=30)
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    return body["data"]


@pytest.fixture(scope="module")
def federation(sim_config: SimConfig, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    node = node_binary()
    installed_packages()
    with serve_in_thread(create_simulator_app(sim_config)) as simulators_url:
        staffgraph = Recording(create_app(demo_settings(simulators_url)))
        with serve_in_thread(staffgraph, lifespan="on") as staffgraph_url:
            employer = graphql(staffgraph_url, PEOPLE, ALICE)["employers"]["nodes"][0]
            people = employer["persons"]["nodes"]
            badges = Recording(BadgesApp({people[0]["id"]: ["B-001", "B-002"], people[1]["id"]: ["B-003"]}))
            with serve_in_thread(badges) as badges_url:
                supergraph = tmp_path_factory.mktemp("federation") / "supergraph.graphql"
                composed = subprocess.run(
                    [
                        node,
                        str(HERE / "compose.mjs"),
                        f"staffgraph={staffgraph_url}/graphql",
                        f"badges={badges_url}/graphql",
                    ],
                    capture_output=True,
                    text=True,
                    timeout=60,
                )
                assert composed.returncode == 0, composed.stderr
                supergraph.write_text(composed.stdout, encoding="utf-8")
                port = free_port()
                router_url = f"http://127.0.0.1:{port}"
                command = [node, str(HERE / "router.mjs"), str(supergraph), str(port)]
                with running_process(command, f"{router_url}/readiness"):
                    yield Federation(router_url, staffgraph, badges, employer["companyName"], people)


@pytest.fixture
def fed(federation: Federation) -> Federation:
    federation.staffgraph.received.clear()
    federation.badges.received.clear()
    return federation


def test_the_supergraph_merges_both_subgraphs_person(fed: Federation) -> None:
    # composed from both `_service { sdl }`: staffgraph's Person fields and the field badges adds
    body = fed.query('{ __type(name: "Person") { fields { name } } }')
    fields = {field["name"] for field in body["data"]["__type"]["fields"]}
    assert {"firstName", "lastName", "employer", "employments", "badges"} <= fields


def test_badge_holders_are_resolved_by_staffgraphs_entities(fed: Federation) -> None:
    body = fed.query(
        "{ badges { number holder { id firstName lastName employer { companyName } } } }",
        authorization=ALICE["Authorization"],
    )

    first, second = fed.people
    holder = {person["id"]: person for person in fed.people}
    assert "errors" not in body, body
    assert [
        (badge["number"], badge["holder"]["firstName"], badge["holder"]["lastName"])
        for badge in body["data"]["badges"]
    ] == [
        ("B-001", first["firstName"], first["lastName"]),
        ("B-002", first["firstName"], first["lastName"]),
        ("B-003", second["firstName"], second["lastName"]),
    ]
    assert {badge["holder"]["employer"]["companyName"] for badge in body["data"]["badges"]} == {fed.company}
    assert all(badge["holder"]["id"] in holder for badge in body["data"]["badges"])
    # one _entities call to staffgraph for both holders, carrying the caller's Loket token
    (call,) = fed.staffgraph.entity_calls()
    representations = call.body["variables"]["representations"]
    assert sorted(item["id"] for item in representations) == sorted(holder)
    assert {item["__typename"] for item in representations} == {"Person"}
    assert call.headers["authorization"] == ALICE["Authorization"]


def test_without_the_callers_token_staffgraphs_fields_are_unauthenticated(fed: Federation) -> None:
    body = fed.query("{ badges { number holder { firstName } } }")

    assert [badge["number"] for badge in body["data"]["badges"]] == ["B-001", "B-002", "B-003"]
    assert any(error.get("extensions", {}).get("code") == "UNAUTHENTICATED" for error in body["errors"]), body
    (call,) = fed.staffgraph.entity_calls()
    assert "authorization" not in call.headers


def test_a_staffgraph_person_gets_its_badges_from_the_other_subgraph(fed: Federation) -> None:
    person = fed.people[0]
    body = fed.query(
        "query ($id: ID!) { person(id: $id) { firstName badges { number site } } }",
        {"id": person["id"]},
        authorization=ALICE["Authorization"],
    )

    assert "errors" not in body, body
    assert body["data"]["person"] == {
        "firstName": person["firstName"],
        "badges": [{"number": "B-001", "site": "Rotterdam"}, {"number": "B-002", "site": "Rotterdam"}],
    }
    (call,) = fed.badges.entity_calls()
    assert call.body["variables"]["representations"] == [{"__typename": "Person", "id": person["id"]}]
    assert not fed.staffgraph.entity_calls()
