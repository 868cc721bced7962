"""``X-Request-Id`` on every ``/graphql`` answer, on every log line of the request and on every
upstream call; one log line per request and per upstream call, with no query text or credential."""

from __future__ import annotations

import dataclasses
import re

import httpx
from starlette.applications import Starlette

from gateway.demo import demo_settings
from gateway.upstreams import build_upstreams
from tests.gateway.telemetry.conftest import Lines, Recorder
from tests.support.clients import asgi_client
from tests.support.stack import ALICE, InProcess

EMPLOYERS = {"query": "query Employers { employers { totalCount } }"}
NEW = re.compile(r"[0-9a-f]{32}")


async def test_one_id_on_the_answer_the_log_lines_and_every_upstream_call(
    recorded: tuple[InProcess, Recorder], lines: Lines
) -> None:
    stack, simulators = recorded
    answer = await stack.gateway.post("/graphql", json=EMPLOYERS, headers=ALICE)
    assert answer.json() == {"data": {"employers": {"totalCount": 2}}}
    rid = answer.headers["x-request-id"]
    assert NEW.fullmatch(rid)

    assert simulators.received and all(h.get("x-request-id") == rid for _, h in simulators.received)
    [request] = lines.of("staffgraph.request")
    assert request == {
        **request,
        "message": "graphql request",
        "request_id": rid,
        "operation_type": "query",
        "operation_name": "Employers",
        "outcome": "ok",
        "status": 200,
        "upstream_calls": len(simulators.received),
    }
    assert isinstance(request["duration_ms"], float)
    upstream = lines.of("staffgraph.upstream")
    assert len(upstream) == len(simulators.received)
    for line in upstream:
        assert line["request_id"] == rid
        assert {k: line[k] for k in ("upstream", "method", "status", "attempt")} == {
            "upstream": "loket", "method": "GET", "status": "200", "attempt": 1,
        }  # fmt: skip
        assert line["path"] == "/providers/employers"


async def test_the_upstream_line_shows_the_path_template_not_the_ids(
    recorded: tuple[InProcess, Recorder], lines: Lines
) -> None:
    stack, simulators = recorded
    employers = await stack.gateway.post(
        "/graphql", json={"query": "{ employers { nodes { id } } }"}, headers=ALICE
    )
    employer = employers.json()["data"]["employers"]["nodes"][0]["id"]
    query = "query($e: ID!) { persons(employerId: $e, first: 1) { nodes { lastName } } }"
    answer = await stack.gateway.post(
        "/graphql", json={"query": query, "variables": {"e": employer}}, headers=ALICE
    )
    assert "errors" not in answer.json()
    filled = [path for path, _ in simulators.received if "/employees" in path]
    assert filled  # the upstream got the employer's real id in its path...
    paths = {line["path"] for line in lines.of("staffgraph.upstream")}
    assert "/providers/employers/{employerId}/employees" in paths  # ...the log its template
    assert not any(path in paths for path in filled)


async def test_a_sane_caller_id_is_used_and_an_insane_one_replaced(
    recorded: tuple[InProcess, Recorder], lines: Lines
) -> None:
    stack, simulators = recorded
    sane = await stack.gateway.post(
        "/graphql", json=EMPLOYERS, headers={**ALICE, "X-Request-Id": "edge-7f3a.1"}
    )
    assert sane.headers["x-request-id"] == "edge-7f3a.1"
    assert {h["x-request-id"] for _, h in simulators.received} == {"edge-7f3a.1"}
    insane = await stack.gateway.post(
        "/graphql", json=EMPLOYERS, headers={**ALICE, "X-Request-Id": "<b>x</b>"}
    )
    assert NEW.fullmatch(insane.headers["x-request-id"])
    assert "<b>" not in lines.stream.getvalue()


async def test_refusals_carry_an_id_and_a_line_too(simulator_app: Starlette, lines: Lines) -> None:
    base = demo_settings("http://sim")
    settings = dataclasses.replace(
        base, limits=dataclasses.replace(base.limits, max_body_bytes=64, max_in_flight=1)
    )
    upstreams = build_upstreams(settings, transport=httpx.ASGITransport(app=simulator_app))
    from gateway.app import create_app

    async with asgi_client(create_app(settings, upstreams=upstreams), base_url="http://gateway") as gateway:
        too_large = await gateway.post("/graphql", json={"query": "{ employers { totalCount } }" + " " * 100})
        not_json = await gateway.post("/graphql", content=b"{", headers={"Content-Type": "application/json"})
    await upstreams.aclose()
    assert (too_large.status_code, not_json.status_code) == (413, 400)
    ids = [too_large.headers["x-request-id"], not_json.headers["x-request-id"]]
    assert all(NEW.fullmatch(i) for i in ids) and ids[0] != ids[1]
    refused = {line["request_id"]: line for line in lines.of("staffgraph.request")}
    assert {i: (refused[i]["status"], refused[i]["outcome"]) for i in ids} == {
        ids[0]: (413, "error"),
        ids[1]: (400, "error"),
    }


async def test_load_shedding_answers_with_an_id(simulator_app: Starlette) -> None:
    base = demo_settings("http://sim")
    settings = dataclasses.replace(base, limits=dataclasses.replace(base.limits, max_in_flight=0))
    upstreams = build_upstreams(settings, transport=httpx.ASGITransport(app=simulator_app))
    from gateway.app import create_app

    async with asgi_client(create_app(settings, upstreams=upstreams), base_url="http://gateway") as gateway:
        shed = await gateway.post("/graphql", json=EMPLOYERS, headers={"X-Request-Id": "lb-1"})
    await upstreams.aclose()
    assert shed.status_code == 503 and shed.headers["x-request-id"] == "lb-1"


async def test_no_query_text_variables_or_credential_in_the_lines(
    recorded: tuple[InProcess, Recorder], lines: Lines
) -> None:
    stack, _ = recorded
    query = "query Find($name: String!) { employers(filter: {companyName: {eq: $name}}) { totalCount } }"
    await stack.gateway.post(
        "/graphql", json={"query": query, "variables": {"name": "Zwartekous-marker"}}, headers=ALICE
    )
    await stack.gateway.get("/graphql", params={"query": "{ employers { totalCount } }"}, headers=ALICE)
    text = lines.stream.getvalue()
    assert lines.of("staffgraph.request") and lines.of("staffgraph.upstream")
    for secret in ("Zwartekous-marker", "companyName", "demo-loket-alice", "totalCount"):
        assert secret not in text
