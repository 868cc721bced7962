"""No credential ever shows: not in logs (any logger, at DEBUG), /metrics, GraphQL answers or URLs.

The whole flow runs over real loopback HTTP (gateway and simulators in threads, as in
production): every GraphiQL example with the demo headers (mutations twice, so their
conflicts and business-rule errors come back too), bob next to alice, tokens issued by
the Loket and Informat token endpoints sent by a caller, bad and revoked tokens, a
token on someone else's employer, and every fault mode of ``/_sim/faults`` on every
upstream. Meanwhile every logger — httpx, httpcore, uvicorn, strawberry, staffgraph,
the simulators — writes at DEBUG into one capture. Then no demo credential, and no
token issued during the run, may appear in that capture, in ``/metrics`` or in any
answer; and no upstream URL the gateway logged may carry a credential parameter.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import httpx
import pytest

from gateway.app import create_app, operation_type
from gateway.context import build_context
from gateway.demo import demo_settings
from gateway.examples import load_examples
from gateway.graphiql import DEMO_HEADERS
from gateway.settings import BreakerPolicy, RetryPolicy, Settings, UpstreamTimeouts
from gateway.telemetry.logs import RequestIdFilter, json_formatter
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.servers import serve_in_thread

DEMO_SECRETS = [
    "demo-loket-alice",
    "demo-loket-bob",
    "demo-secret",
    "demo-ictergezocht-key",
    "demo-ictergezocht-partner",
    "demo-onderwijsloket-token",
    "alice-demo",  # alice's Loket password, used below for the password grant
]
# Credentials the flow sends that the upstreams refuse: refused tokens must not show either.
BAD_TOKENS = ["not-a-loket-token-7f3a", "demo-ictergezocht-revoked-key", "bogus-onderwijsloket-91c2"]
BOB = {"Authorization": "Bearer demo-loket-bob"}
ALICE_EMPLOYER = "RW1wbG95ZXI6bG9rZXQ6NGZhZDQ3YTItNWNmZS00NzI1LTllZjQtZDNkNmFhNTAzNzIx"
EVERY_UPSTREAM = """
{ employers { totalCount }
  institutes { totalCount }
  vacancies(first: 2) { totalCount nodes { title } }
  trainingPrograms(first: 2) { totalCount } }
"""
FAULTS: list[dict[str, Any]] = [
    {"mode": "status", "status": 503},
    {"mode": "status", "status": 429, "retry_after": 1},
    {"mode": "status", "status": 500},
    {"mode": "timeout", "duration_ms": 3000},
    {"mode": "reset"},
    {"mode": "malformed"},
    {"mode": "slow_body", "duration_ms": 200},
    {"mode": "content_type"},
]
CREDENTIAL_IN_URL = re.compile(r"[?&](access_token|token|api_?key|client_secret|password)=", re.IGNORECASE)


class _ServeFormat(logging.Formatter):
    """The logger and level first (the assertions below read them), then the JSON line of ``serve``."""

    def __init__(self) -> None:
        super().__init__()
        self.json = json_formatter()

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.name} {record.levelname} {record.getMessage()} {self.json.format(record)}"


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []
        self.names: set[str] = set()
        self.addFilter(RequestIdFilter())

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))  # with the traceback, if any
        self.names.add(record.name)


@contextmanager
def every_logger_at_debug() -> Iterator[_Capture]:
    """Every logger (existing and future) at DEBUG into one handler; put back as it was after.

    The handler sits on the root and on each logger that does not propagate (uvicorn's),
    so every record reaches it whatever the logging configuration.
    """
    capture = _Capture()
    # as `staffgraph serve` writes them: JSON with every field (request ids, upstream path templates...)
    capture.setFormatter(_ServeFormat())
    names = ["httpx", "httpcore", "uvicorn", "uvicorn.error", "uvicorn.access", "strawberry", "staffgraph"]
    loggers = [logging.getLogger(), *(logging.getLogger(n) for n in names)]
    loggers += [logging.getLogger(n) for n in list(logging.root.manager.loggerDict)]
    saved = [(logger, logger.level, logger.disabled, logger.propagate) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
        if logger is logging.getLogger() or not logger.propagate:
            logger.addHandler(capture)
    try:
        yield capture
    finally:
        for logger, level, disabled, _ in saved:
            logger.setLevel(level)
            logger.disabled = disabled
            logger.removeHandler(capture)


@dataclass
class Flow:
    logs: list[str]
    logger_names: set[str]
    answers: list[str] = field(default_factory=list)
    codes: set[str] = field(default_factory=set)
    metrics: str = ""
    secrets: list[str] = field(default_factory=list)


def _post(client: httpx.Client, flow: Flow, query: str, variables: Any = None, **headers: str) -> Any:
    response = client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    flow.answers.append(f"{response.status_code} {dict(response.headers)} {response.text}")
    body = response.json()
    flow.codes |= {str((e.get("extensions") or {}).get("code")) for e in body.get("errors") or []}
    return body


def _issued_tokens(simulators_url: str) -> list[str]:
    """Tokens the simulators' token endpoints issue: a Loket user's access and refresh
    token (password grant), an Informat client-credentials token."""
    loket = httpx.post(
        f"{simulators_url}/loket/token",
        data={
            "grant_type": "password",
            "username": "alice",
            "password": "alice-demo",
            "client_id": "staffgraph-demo",
            "client_secret": "demo-secret",
        },
    ).json()
    informat = httpx.post(
        f"{simulators_url}/identity/connect/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "staffgraph-demo",
            "client_secret": "demo-secret",
        },
    ).json()
    return [loket["access_token"], loket["refresh_token"], informat["access_token"]]


def _run(client: httpx.Client, simulators_url: str, flow: Flow) -> None:
    sim = httpx.Client(base_url=simulators_url, timeout=10)
    sim.post("/_sim/reset")
    for run in (1, 2):  # the second run of each mutation is its error path (overlap, BR018, NOT_FOUND...)
        for example in load_examples():
            if run == 2 and operation_type(example.query, None) != "mutation":
                continue
            variables = json.loads(example.variables) if example.variables else None
            _post(client, flow, example.query, variables, **DEMO_HEADERS)
    _post(client, flow, "{ employers { nodes { companyName } } }", **BOB)
    # bob on alice's employer: Loket answers 403
    _post(
        client,
        flow,
        "query($e: ID!) { persons(employerId: $e, first: 1) { totalCount } }",
        {"e": ALICE_EMPLOYER},
        **BOB,
    )
    _post(client, flow, "query($e: ID!) { node(id: $e) { id } }", {"e": ALICE_EMPLOYER}, **BOB)
    # issued tokens sent by a caller, and refused ones
    loket_access, _, informat_access = flow.secrets[-3:]
    _post(
        client,
        flow,
        EVERY_UPSTREAM,
        **{
            "Authorization": f"Bearer {loket_access}",
            "X-Informat-Authorization": f"Bearer {informat_access}",
        },
    )
    _post(
        client,
        flow,
        '{ persons(instituteNo: "032912", first: 2) { totalCount } }',
        **{"X-Informat-Authorization": f"Bearer {informat_access}"},
    )
    _post(
        client,
        flow,
        EVERY_UPSTREAM,
        **{
            "Authorization": f"Bearer {BAD_TOKENS[0]}",
            "X-ICTerGezocht-Authorization": f"Bearer {BAD_TOKENS[1]}",
            "X-Onderwijsloket-Authorization": f"Bearer {BAD_TOKENS[2]}",
            "X-Informat-Authorization": f"Bearer {BAD_TOKENS[0]}",
        },
    )
    _post(client, flow, "{ employers { totalCount } }")  # no credential at all
    client.get("/graphql", params={"query": "{ employers { totalCount } }"}, headers=DEMO_HEADERS)
    # every fault mode on every upstream, the query touching all four
    for upstream in ("loket", "informat", "ictergezocht", "onderwijsloket"):
        for fault in FAULTS:
            sim.put("/_sim/faults", json={"upstream": upstream, **fault})
            _post(client, flow, EVERY_UPSTREAM, **DEMO_HEADERS)
            sim.delete("/_sim/faults")
    sim.put("/_sim/faults", json={"upstream": "identity", "mode": "status", "status": 503})
    _post(client, flow, '{ persons(instituteNo: "032912", first: 1) { totalCount } }', **DEMO_HEADERS)
    sim.delete("/_sim/faults")
    for path in ("/metrics", "/readyz", "/healthz"):
        answer = client.get(path)
        flow.answers.append(answer.text)
    flow.metrics = client.get("/metrics").text
    sim.close()


@pytest.fixture(scope="module")
def flow(sim_config: SimConfig) -> Iterator[Flow]:
    with serve_in_thread(create_simulator_app(sim_config)) as simulators_url:
        # short timeouts and one retry, so a timeout fault costs about a second; a circuit that
        # never opens, so every fault mode reaches the upstream and takes its own path
        settings = replace(
            demo_settings(simulators_url),
            timeouts=UpstreamTimeouts(connect=1.0, read=0.5),
            request_deadline=1.5,
            retry=RetryPolicy(attempts=2, backoff=0.05),
            breaker=BreakerPolicy(failures=10_000),
        )
        app = create_app(settings, demo=True)
        with serve_in_thread(app, lifespan="on") as gateway_url, every_logger_at_debug() as capture:
            result = Flow(logs=capture.lines, logger_names=capture.names)
            result.secrets = [*DEMO_SECRETS, *BAD_TOKENS, *_issued_tokens(simulators_url)]
            with httpx.Client(base_url=gateway_url, timeout=30) as client:
                _run(client, simulators_url, result)
            # the token the gateway fetched for itself (still fresh: the cache answers, no call)
            held = asyncio.run(app.state.upstreams.informat_tokens.token())
            assert held is not None
            result.secrets.append(held.value.reveal())
            yield result


def _leaks(text: str, secrets: list[str]) -> list[str]:
    return [secret for secret in secrets if secret in text]


def test_the_flow_covered_the_error_paths(flow: Flow) -> None:
    """The capture and the flow are real: these assertions fail if either went quiet."""
    assert {
        "UNAUTHENTICATED",
        "FORBIDDEN",
        "NOT_FOUND",
        "UPSTREAM_UNAVAILABLE",
        "UPSTREAM_TIMEOUT",
        "UPSTREAM_BAD_RESPONSE",
        "UPSTREAM_RATE_LIMITED",
    } <= flow.codes, flow.codes
    assert {"httpx", "uvicorn.access"} <= flow.logger_names, flow.logger_names
    assert any(name.startswith("httpcore") for name in flow.logger_names)
    assert any(name.startswith("staffgraph") for name in flow.logger_names)
    assert any("HTTP Request: GET" in line for line in flow.logs)
    # the gateway's own lines, one per request and per upstream call, are in the capture
    assert any(line.startswith("staffgraph.request INFO graphql request {") for line in flow.logs)
    assert any(line.startswith("staffgraph.upstream INFO upstream call {") for line in flow.logs)
    assert len(flow.secrets) == len(DEMO_SECRETS) + len(BAD_TOKENS) + 4


def test_no_credential_in_any_log_line(flow: Flow) -> None:
    leaked = {
        secret: [line for line in flow.logs if secret in line][:3]
        for secret in _leaks("\n".join(flow.logs), flow.secrets)
    }
    assert leaked == {}


def test_no_credential_in_any_answer(flow: Flow) -> None:
    assert _leaks("\n".join(flow.answers), flow.secrets) == []


def test_no_credential_in_metrics(flow: Flow) -> None:
    assert "staffgraph_upstream_requests" in flow.metrics
    assert _leaks(flow.metrics, flow.secrets) == []


def test_the_request_and_upstream_lines_hold_no_query_text_or_variables(flow: Flow) -> None:
    """They carry templates and names, never the document or the variables (ids, filters)."""
    lines = [line for line in flow.logs if line.startswith(("staffgraph.request ", "staffgraph.upstream "))]
    assert lines
    for line in lines:
        assert ALICE_EMPLOYER not in line and "totalCount" not in line and "{ " not in line
    upstream = [
        json.loads(line.split(" ", 4)[4]) for line in lines if line.startswith("staffgraph.upstream ")
    ]
    assert all(set(entry["path"]) & set("?=&") == set() for entry in upstream)


def test_no_credential_in_an_upstream_url(flow: Flow) -> None:
    urls = [line for line in flow.logs if "HTTP Request:" in line]
    assert urls
    assert [url for url in urls if CREDENTIAL_IN_URL.search(url)] == []


def test_reprs_of_settings_and_context_hide_credentials() -> None:
    settings: Settings = demo_settings("http://sim")
    headers = {**DEMO_HEADERS, "X-Informat-Authorization": "Bearer demo-informat-caller"}
    context = build_context(headers, settings, upstreams=None)  # type: ignore[arg-type]
    text = f"{settings!r} {context!r} {context.credentials!r}"
    assert _leaks(text, [*DEMO_SECRETS, "demo-informat-caller"]) == []


def test_caller_and_upstream_errors_are_not_logged_as_errors(flow: Flow) -> None:
    """gateway.logs: request errors at DEBUG, upstream failures at INFO, nothing at ERROR in this flow
    (it has no bug to report); Strawberry's own ERROR line per GraphQL error is gone."""
    assert [
        line for line in flow.logs if line.startswith(("strawberry.execution", "staffgraph.errors"))
    ] == []
    graphql_lines = [line for line in flow.logs if line.startswith("staffgraph.graphql ")]
    assert any(line.startswith("staffgraph.graphql DEBUG UNAUTHENTICATED") for line in graphql_lines)
    assert any(line.startswith("staffgraph.graphql INFO UPSTREAM_TIMEOUT") for line in graphql_lines)
    assert not any(" ERROR " in line[:40] for line in graphql_lines)
