"""`staffgraph simulators` serves all four APIs and /_sim on one port, over real HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.servers import free_port

LOKET_ACCEPT = "application/json;version=2018-01-01"
INFORMAT_SCOPE = "api_informat_sas_personeel.personeel.{}"
DEMO_INSTITUTE, FOREIGN_INSTITUTE = "032912", "126425"


@pytest.fixture(scope="module")
def simulators_url() -> Iterator[str]:
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("staffgraph")),
        "simulators",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--today",
        "2026-11-24",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=os.environ.copy()
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                raise RuntimeError(f"staffgraph simulators exited early:\n{output}")
            try:
                if httpx.get(f"{url}/_sim/calls", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("staffgraph simulators did not start within 60 s")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def client(simulators_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=simulators_url, timeout=10) as client:
        client.delete("/_sim/calls")
        yield client


def test_loket_demo_users_see_their_employers(client: httpx.Client) -> None:
    def employers(token: str) -> httpx.Response:
        return client.get(
            "/loket/v2/providers/employers",
            headers={"Authorization": f"Bearer {token}", "Accept": LOKET_ACCEPT},
        )

    alice, bob = employers("demo-loket-alice").json(), employers("demo-loket-bob").json()
    assert alice["totalSize"] == 2 and bob["totalSize"] == 1
    assert not {e["id"] for e in alice["_embedded"]} & {e["id"] for e in bob["_embedded"]}
    assert employers("not-a-token").status_code == 401


def test_informat_client_credentials_open_only_the_scoped_institutes(client: httpx.Client) -> None:
    token = client.post(
        "/identity/connect/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "staffgraph-demo",
            "client_secret": "demo-secret",
            "scope": INFORMAT_SCOPE.format(DEMO_INSTITUTE),
        },
    ).json()["access_token"]

    def employees(institute: str) -> httpx.Response:
        return client.get(
            "/informat/employees",
            params={"schoolyear": "2026-27"},
            headers={"Authorization": f"Bearer {token}", "InstituteNo": institute, "Api-Version": "2"},
        )

    staff = employees(DEMO_INSTITUTE)
    assert staff.status_code == 200 and isinstance(staff.json(), list) and len(staff.json()) > 50
    assert employees(FOREIGN_INSTITUTE).status_code == 403


def test_ictergezocht_insight_pages_with_rel_links_on_this_server(
    client: httpx.Client, simulators_url: str
) -> None:
    response = client.get(
        "/ictergezocht/vacancy/insight", headers={"Authorization": "Bearer demo-ictergezocht-key"}
    )
    body = response.json()
    assert response.status_code == 200 and body["count"] >= 300 and len(body["items"]) == 50
    assert body["rel"]["next"].startswith(f"{simulators_url}/ictergezocht/vacancy/insight?")


def test_onderwijsloket_serves_programs_with_meta(client: httpx.Client) -> None:
    response = client.get(
        "/onderwijsloket/items/programs",
        params={"limit": "5", "meta": "total_count"},
        headers={"Authorization": "Bearer demo-onderwijsloket-token"},
    )
    body = response.json()
    assert response.status_code == 200 and len(body["data"]) == 5 and body["meta"]["total_count"] >= 300


def test_control_endpoints_count_calls_and_inject_faults(client: httpx.Client) -> None:
    headers = {"Authorization": "Bearer demo-onderwijsloket-token"}
    client.get("/onderwijsloket/items/locations", params={"limit": "1"}, headers=headers)
    client.put("/_sim/faults", json={"upstream": "onderwijsloket", "status": 503})
    try:
        assert client.get("/onderwijsloket/items/locations", headers=headers).status_code == 503
    finally:
        client.delete("/_sim/faults")
    calls = client.get("/_sim/calls").json()
    assert calls["onderwijsloket"]["endpoints"] == {"GET /items/{collection}": 2}
    assert calls["total"] == 2
