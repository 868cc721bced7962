"""The ``staffgraph`` command over real HTTP: ``simulators``, ``serve``, ``demo`` and ``schema print``."""

from __future__ import annotations

import os
import signal
import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

import gateway.demo
from gateway.cli import app as cli
from gateway.demo import DEMO_TODAY, demo_settings, run_demo
from schema.schema import schema
from simulators.config import MAX_SCALE, SimConfig
from simulators.server import create_simulator_app
from tests.support.servers import free_port, serve_in_thread
from tests.support.stack import ALICE, running_process, staffgraph_command

LOKET_ACCEPT = "application/json;version=2018-01-01"
INFORMAT_SCOPE = "api_informat_sas_personeel.personeel.{}"
DEMO_INSTITUTE, FOREIGN_INSTITUTE = "032912", "126425"


@pytest.fixture(scope="module")
def simulators_url() -> Iterator[str]:
    port = free_port()
    command = staffgraph_command(
        "simulators",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--today",
        "2026-11-24",
        "--log-level",
        "warning",
    )
    url = f"http://127.0.0.1:{port}"
    with running_process(command, f"{url}/_sim/calls"):
        yield url


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
    page = client.get("/onderwijsloket/items/locations", params={"limit": "1"}, headers=headers)
    client.put("/_sim/faults", json={"upstream": "onderwijsloket", "status": 503})
    try:
        refused = client.get("/onderwijsloket/items/locations", headers=headers)
        assert refused.status_code == 503
    finally:
        client.delete("/_sim/faults")
    calls = client.get("/_sim/calls").json()
    assert calls["onderwijsloket"]["endpoints"] == {"GET /items/{collection}": 2}
    assert calls["total"] == 2
    # the bytes served over the socket: the page and the fault's error body
    served = len(page.content) + len(refused.content)
    assert calls["onderwijsloket"]["endpoint_bytes"] == {"GET /items/{collection}": served}
    assert calls["onderwijsloket"]["bytes"] == calls["bytes"] == served


EMPLOYERS = "{ employers { totalCount nodes { companyName } } }"
SNAPSHOT = Path(__file__).parents[1] / "snapshots" / "schema.graphql"


def test_demo_serves_the_graph_over_the_simulators_and_stops_on_ctrl_c() -> None:
    port, simulators_port = free_port(), free_port()
    # no --today: the demo pretends it is DEMO_TODAY, whatever the date
    command = staffgraph_command(
        "demo", "--port", str(port), "--simulators-port", str(simulators_port), "--log-level", "warning",
    )  # fmt: skip
    gateway = f"http://127.0.0.1:{port}"
    with running_process(command, f"{gateway}/healthz") as process:
        httpx.delete(f"http://127.0.0.1:{simulators_port}/_sim/calls")
        answer = httpx.post(f"{gateway}/graphql", json={"query": EMPLOYERS}, headers=ALICE, timeout=10)
        names = {node["companyName"] for node in answer.json()["data"]["employers"]["nodes"]}
        assert names == {"Stichting Voortgezet Onderwijs Rijnmond", "Van der Meer Logistiek B.V."}
        calls = httpx.get(f"http://127.0.0.1:{simulators_port}/_sim/calls").json()
        assert calls["loket"]["endpoints"] == {"GET /v2/providers/employers": 1} and calls["total"] == 1
        page = httpx.get(f"{gateway}/graphql", headers={"Accept": "text/html"})
        assert "demo-loket-alice" in page.text  # the demo pre-fills alice's token
        # an application made at the simulator reaches the gateway's webhook, with the right key
        vacancies = httpx.post(
            f"{gateway}/graphql", json={"query": "{ vacancies(first: 1) { nodes { referenceNumber } } }"}
        )
        reference = vacancies.json()["data"]["vacancies"]["nodes"][0]["referenceNumber"]
        applied = httpx.post(
            f"http://127.0.0.1:{simulators_port}/_sim/applications",
            json={"referenceNumber": reference, "name": "Sam de Vries", "email": "sam@example.nl"},
            timeout=10,
        )
        assert applied.status_code == 201 and applied.json()["webhook"]["status"] == 201, applied.text
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        output = process.stdout.read().decode() if process.stdout else ""
    assert f"{gateway}/graphql" in output and "demo-loket-alice" in output and "demo-loket-bob" in output


def test_serve_reads_its_settings_from_the_environment(sim_config: SimConfig) -> None:
    port, closed = free_port(), f"http://127.0.0.1:{free_port()}"  # nothing listens on `closed`
    with serve_in_thread(create_simulator_app(sim_config)) as simulators:
        env = {
            **os.environ,
            "STAFFGRAPH_LOKET_URL": f"{simulators}/loket/v2",
            "STAFFGRAPH_ONDERWIJSLOKET_URL": f"{simulators}/onderwijsloket",
            "STAFFGRAPH_INFORMAT_URL": f"{closed}/informat",
            "STAFFGRAPH_ICTERGEZOCHT_URL": f"{closed}/ictergezocht",
        }
        command = staffgraph_command("serve", "--port", str(port), "--log-level", "warning")
        gateway = f"http://127.0.0.1:{port}"
        with running_process(command, f"{gateway}/healthz", env=env):
            answer = httpx.get(f"{gateway}/graphql", params={"query": EMPLOYERS}, headers=ALICE, timeout=10)
            assert answer.json()["data"]["employers"]["totalCount"] == 2
            ready = httpx.get(f"{gateway}/readyz", timeout=10).json()["upstreams"]
    # the two upstreams pointed at a closed port are reported down, the gateway stays ready
    assert ready["loket"]["status"] == ready["onderwijsloket"]["status"] == "up"
    assert ready["informat"]["status"] == ready["ictergezocht"]["status"] == "down"


def _children(pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(child) for child in (task / "children").read_text().split()]
    return children


def test_serve_runs_worker_processes_each_with_the_settings(sim_config: SimConfig) -> None:
    """``--workers 2``: two processes answer on one port, each built from the environment, with the
    gateway's header limit (the protocol is configured in each worker, not only in the parent)."""
    port = free_port()
    with serve_in_thread(create_simulator_app(sim_config)) as simulators:
        env = {
            **os.environ,
            "STAFFGRAPH_LOKET_URL": f"{simulators}/loket/v2",
            "STAFFGRAPH_MAX_HEADER_BYTES": "4096",
        }
        command = staffgraph_command("serve", "--port", str(port), "--workers", "2", "--log-level", "warning")
        gateway = f"http://127.0.0.1:{port}"
        with running_process(command, f"{gateway}/healthz", env=env, timeout=90) as process:
            with httpx.Client(base_url=gateway, timeout=10) as client:
                for _ in range(6):  # new connections, spread over the workers
                    answer = client.get("/graphql", params={"query": EMPLOYERS}, headers=ALICE)
                    assert answer.json()["data"]["employers"]["totalCount"] == 2
                    client.close()
                    client = httpx.Client(base_url=gateway, timeout=10)
                big = client.get("/healthz", headers={"X-Padding": "x" * 8000})
            workers = [child for child in _children(process.pid) if "spawn" in _cmdline(child)]
    assert big.status_code == 431
    assert len(workers) == 2


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_serve_refuses_bad_settings_with_a_message() -> None:
    result = CliRunner().invoke(cli, ["serve"], env={"STAFFGRAPH_LOKET_URL": "ftp://nowhere"})
    assert result.exit_code == 2
    assert "STAFFGRAPH_LOKET_URL must be an http(s) URL" in result.output


WIDE = {"COLUMNS": "200"}  # rich draws help and errors in boxes as wide as the terminal


@pytest.mark.parametrize("command", ["simulators", "demo"])
@pytest.mark.parametrize(("scale", "bound"), [("0", "1"), ("101", str(MAX_SCALE))])
def test_scale_out_of_range_is_refused_naming_the_option(command: str, scale: str, bound: str) -> None:
    result = CliRunner().invoke(cli, [command, "--scale", scale], env=WIDE)
    assert result.exit_code == 2  # a usage error, before any data is built or port bound
    assert "Invalid value for '--scale'" in result.output
    [message] = [line for line in result.output.splitlines() if "'--scale'" in line]
    assert bound in message.split("'--scale'", 1)[1]  # says which limit was crossed


@pytest.mark.parametrize("command", ["simulators", "demo"])
def test_help_shows_scale_and_its_range(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"], env=WIDE)
    assert result.exit_code == 0
    [line] = [line for line in result.output.splitlines() if "--scale" in line]
    assert f"1<=x<={MAX_SCALE}" in line and "N times larger" in line


def test_schema_print_writes_the_sdl_of_the_snapshot() -> None:
    """The SDL is the public contract: a change must be deliberate (regenerate with `make snapshot`)."""
    result = CliRunner().invoke(cli, ["schema", "print"])
    assert result.exit_code == 0
    assert result.output == schema.as_str() + "\n"
    assert result.output == SNAPSHOT.read_text(encoding="utf-8"), (
        "the schema changed; if intended, run `make snapshot` and commit tests/snapshots/schema.graphql"
    )


@pytest.mark.parametrize(("args", "day"), [([], DEMO_TODAY), (["--today", "2027-03-01"], date(2027, 3, 1))])
def test_demo_pins_today_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch, args: list[str], day: date
) -> None:
    """The examples carry ids, which the simulators derive from the seed and the day: the demo
    must serve the same data on every day, so it pretends it is DEMO_TODAY."""
    seen: dict[str, Any] = {}
    monkeypatch.setattr(gateway.demo, "run_demo", lambda **options: seen.update(options))
    result = CliRunner().invoke(cli, ["demo", *args])
    assert result.exit_code == 0, result.output
    assert seen["today"] == day


def test_simulators_keep_the_real_date_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    import simulators.server

    configs: list[SimConfig] = []
    monkeypatch.setattr(simulators.server, "create_simulator_app", configs.append)
    monkeypatch.setattr("gateway.cli.uvicorn.run", lambda *args, **options: None)
    result = CliRunner().invoke(cli, ["simulators"])
    assert result.exit_code == 0, result.output
    assert [config.today for config in configs] == [date.today()]


def test_run_demo_gives_simulators_and_gateway_the_same_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both servers are built (not started): the simulators' SimConfig and the gateway's Settings."""
    import gateway.app
    import simulators.server

    built: dict[str, Any] = {}
    monkeypatch.setattr(
        simulators.server, "create_simulator_app", lambda config: built.setdefault("sim", config)
    )
    monkeypatch.setattr(
        gateway.app, "create_app", lambda settings, demo: built.setdefault("gateway", (settings, demo))
    )

    async def serve_nothing(servers: object, on_started: object) -> None:
        built["served"] = True

    monkeypatch.setattr(gateway.demo, "_serve_both", serve_nothing)
    day = date(2027, 3, 1)
    run_demo(
        host="127.0.0.1",
        port=0,
        simulators_port=None,
        seed=7,
        scale=3,
        today=day,
        log_level="warning",
        echo=print,
    )
    settings, demo = built["gateway"]
    assert built["sim"].today == settings.today == day and built["sim"].seed == 7 and built["sim"].scale == 3
    assert demo and built["served"]
    assert demo_settings("http://sim").today == DEMO_TODAY


def test_demo_says_which_port_is_taken() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["demo", "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use" in result.output
