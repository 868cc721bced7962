"""Slow, stalling, vanishing and deeply nested requests cannot take the gateway from others (issue 10).

Over real loopback HTTP, with raw sockets, against the simulators and the gateway in threads,
the gateway run as ``staffgraph serve`` runs it (uvicorn with ``protocol_for(settings)``):

- clients sending their bodies slowly are cut off with 408 and never hold a place in flight,
  so alice's query is answered meanwhile (finding 3);
- a client that stalls after its headers, or inside them, is cut off (finding 3);
- a client that goes away mid-body logs no ERROR and breaks nothing (finding 9);
- deeply nested JSON in the body or in GET variables is a 400 naming the nesting, not a
  plain-text 500 (finding 7).

Every refusal is a 4xx in the GraphQL-over-HTTP error shape and nothing is logged at ERROR.
Timeouts are set short here (a second or a few) so the tests wait little; no test asserts
how long anything took.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import select
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import uvicorn
from prometheus_client.parser import text_string_to_metric_families

from gateway.app import create_app
from gateway.demo import demo_settings
from gateway.http.protocol import protocol_for
from gateway.metrics import REGISTRY
from gateway.settings import ClientTimeouts, Settings
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.servers import free_port, serve_in_thread

ALICE = {"Authorization": "Bearer demo-loket-alice"}
EMPLOYERS = {"query": "{ employers { totalCount } }"}
WAIT = 60.0  # the longest any socket read or polling loop waits before the test fails


@dataclass
class Gateway:
    url: str
    port: int
    server: uvicorn.Server

    def requests_in_app(self) -> int:
        """Requests whose headers are complete and whose ASGI task is still running."""
        return len(self.server.server_state.tasks)

    def operations_run(self) -> float:
        """GraphQL operations the gateway has executed (``/metrics``), checking that the scrape
        shows no caller's credential; refusals run nothing, so they count nothing."""
        text = httpx.get(f"{self.url}/metrics", timeout=WAIT).text
        assert "demo-loket-alice" not in text
        [family] = [
            f for f in text_string_to_metric_families(text) if f.name == "staffgraph_graphql_requests"
        ]
        return sum(sample.value for sample in family.samples if sample.name.endswith("_total"))


@pytest.fixture(scope="module")
def simulators_url(sim_config: SimConfig) -> Iterator[str]:
    with serve_in_thread(create_simulator_app(sim_config)) as url:
        yield url


@contextmanager
def running_gateway(
    simulators_url: str, *, header: float = 10.0, body: float = 10.0, **limits: Any
) -> Iterator[Gateway]:
    """The demo gateway over ``simulators_url`` as ``staffgraph serve`` runs it, on a free port."""
    base = demo_settings(simulators_url)
    settings: Settings = dataclasses.replace(
        base,
        client_timeouts=ClientTimeouts(header=header, body=body),
        limits=dataclasses.replace(base.limits, **limits),
    )
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            log_config=None,  # leave logging alone: the test captures it
            lifespan="on",
            http=protocol_for(settings),
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_until(lambda: server.started or not thread.is_alive())
    assert server.started, "uvicorn did not start"
    try:
        yield Gateway(f"http://127.0.0.1:{port}", port, server)
    finally:
        server.should_exit = True
        thread.join(timeout=WAIT)


def refusals(limit: str) -> float:
    """``staffgraph_requests_refused_total{limit}`` (the gateway runs in this process)."""
    return REGISTRY.get_sample_value("staffgraph_requests_refused_total", {"limit": limit}) or 0.0


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        time.sleep(0.02)


@pytest.fixture
def errors(caplog: pytest.LogCaptureFixture) -> Iterator[Callable[[], list[str]]]:
    """``errors()``: what was logged at ERROR so far, by any logger: caplog at ERROR on the root,
    and on uvicorn's loggers that do not propagate to it."""
    caplog.set_level(logging.ERROR)
    names = ("uvicorn", "uvicorn.error", "uvicorn.access")
    closed = [logger for logger in map(logging.getLogger, names) if not logger.propagate]
    for logger in closed:
        logger.addHandler(caplog.handler)
    try:
        yield lambda: [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.ERROR]
    finally:
        for logger in closed:
            logger.removeHandler(caplog.handler)


def connect(gateway: Gateway) -> socket.socket:
    return socket.create_connection(("127.0.0.1", gateway.port), timeout=WAIT)


def post_head(length: int | None, *, chunked: bool = False) -> bytes:
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {length}"
    return (
        "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Accept: application/graphql-response+json\r\n{framing}\r\n\r\n"
    ).encode()


def slow_body_client(gateway: Gateway) -> socket.socket:
    """A client that sent its headers and the first bytes of a 300-byte body, then waits."""
    sock = connect(gateway)
    sock.sendall(post_head(300) + b'{"query": "{ employers')
    return sock


def readable(sock: socket.socket) -> bool:
    return bool(select.select([sock], [], [], 0)[0])


def read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (fails if it never does)."""
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    sock.close()
    return received


def parse_response(raw: bytes) -> tuple[int, dict[str, str], Any]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, json.loads(body) if body else None


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def assert_refusal(raw: bytes, status: int, code: str, setting: str) -> None:
    """One GraphQL-over-HTTP refusal naming ``setting``, and the connection closed after it."""
    got, headers, body = parse_response(raw)
    assert got == status, raw[:300]
    assert headers["connection"] == "close"
    [error] = body["errors"]
    assert error["extensions"]["code"] == code and setting in error["message"], body
    assert "data" not in body


def test_slow_bodies_get_408_and_alice_is_answered_meanwhile(
    simulators_url: str, errors: Callable[[], list[str]]
) -> None:
    """110 clients trickling their bodies (more than the 100 requests in flight) used to make
    /graphql answer 503 to everyone, for as long as they liked."""
    with running_gateway(simulators_url, body=5.0) as gateway:
        operations = gateway.operations_run()
        slow = [slow_body_client(gateway) for _ in range(110)]
        # every slow request has reached the gateway (its task runs) or has been answered
        wait_until(lambda: gateway.requests_in_app() + sum(map(readable, slow)) == 110)

        answer = httpx.post(f"{gateway.url}/graphql", json=EMPLOYERS, headers=ALICE, timeout=WAIT)
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"data": {"employers": {"totalCount": 2}}}
        assert not any(map(readable, slow)), "alice was answered while the slow clients were still sending"

        for sock in slow:
            assert_refusal(read_until_closed(sock), 408, "REQUEST_TIMEOUT", "STAFFGRAPH_BODY_TIMEOUT")
        assert httpx.post(f"{gateway.url}/graphql", json=EMPLOYERS, headers=ALICE).status_code == 200
        assert gateway.operations_run() == operations + 2  # alice's two, none of the 110 refused
    assert errors() == []


def test_requests_still_sending_their_bodies_are_not_in_flight(
    simulators_url: str, errors: Callable[[], list[str]]
) -> None:
    """With two places in flight, five clients in the middle of their bodies take none of them."""
    with running_gateway(simulators_url, body=WAIT, max_in_flight=2) as gateway:
        slow = [slow_body_client(gateway) for _ in range(5)]
        wait_until(lambda: gateway.requests_in_app() + sum(map(readable, slow)) == 5)
        with httpx.Client(base_url=gateway.url, headers=ALICE, timeout=WAIT) as alice:
            answers = [alice.post("/graphql", json=EMPLOYERS) for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 200], answers[0].text
        assert not any(map(readable, slow))
        for sock in slow:  # and they may go away mid-body without any ERROR
            sock.close()
        wait_until(lambda: gateway.requests_in_app() == 0)
    assert errors() == []


def test_a_client_stalled_after_its_headers_is_cut_off(
    simulators_url: str, errors: Callable[[], list[str]]
) -> None:
    refused = refusals("bodyTimeout")
    with running_gateway(simulators_url, body=1.0) as gateway:
        for head in (post_head(50), post_head(None, chunked=True)):
            sock = connect(gateway)
            sock.sendall(head)
            assert_refusal(read_until_closed(sock), 408, "REQUEST_TIMEOUT", "STAFFGRAPH_BODY_TIMEOUT")
    assert refusals("bodyTimeout") == refused + 2  # /metrics counts them
    assert errors() == []


def test_a_client_stalled_in_its_headers_is_cut_off(
    simulators_url: str, errors: Callable[[], list[str]]
) -> None:
    """uvicorn has no header timeout of its own: such a connection used to stay open for good."""
    refused = refusals("headerTimeout")
    with running_gateway(simulators_url, header=1.0) as gateway:
        partial = connect(gateway)
        partial.sendall(b"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty")
        assert_refusal(read_until_closed(partial), 408, "REQUEST_TIMEOUT", "STAFFGRAPH_HEADER_TIMEOUT")
        assert refusals("headerTimeout") == refused + 1  # /metrics counts it

        silent = connect(gateway)  # never sends a byte: closed without an answer
        assert read_until_closed(silent) == b""

        kept_alive = connect(gateway)  # a first request answered, the next one stalls in its headers
        kept_alive.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /healthz HTTP/1.1\r\nHo")
        first, second = read_until_closed(kept_alive).split(b"HTTP/1.1 ")[1:]
        assert first.startswith(b"200 ")
        assert_refusal(b"HTTP/1.1 " + second, 408, "REQUEST_TIMEOUT", "STAFFGRAPH_HEADER_TIMEOUT")

        answer = httpx.post(f"{gateway.url}/graphql", json=EMPLOYERS, headers=ALICE, timeout=WAIT)
        assert answer.status_code == 200
    assert errors() == []


def test_a_client_trickling_a_body_already_refused_is_cut_off(
    simulators_url: str, errors: Callable[[], list[str]]
) -> None:
    """A body declared too large is refused at once (413); the client may go on sending it, but
    only until the next request's headers are due, and it gets no second answer."""
    with running_gateway(simulators_url, header=2.0) as gateway:
        sock = connect(gateway)
        sock.sendall(post_head(10**9) + b'{"query": ')
        first = sock.recv(65536)  # the 413 comes before the body
        sock.sendall(b"a" * 1000)  # the rest keeps coming, slowly
        received = first + read_until_closed(sock)
        assert received.count(b"HTTP/1.1 ") == 1
        got, _, body = parse_response(received)
        assert got == 413 and body["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert errors() == []


def test_request_headers_over_the_limit_are_431(simulators_url: str, errors: Callable[[], list[str]]) -> None:
    """httptools alone accepts header lines of megabytes, and any number of them, all in memory."""
    refused = refusals("headerSize")
    with running_gateway(simulators_url, max_header_bytes=4096) as gateway:
        sock = connect(gateway)
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"a" * 8000)
        assert_refusal(read_until_closed(sock), 431, "HEADERS_TOO_LARGE", "STAFFGRAPH_MAX_HEADER_BYTES")
        assert refusals("headerSize") == refused + 1  # /metrics counts it
        # headers complete in one packet are measured too (they never sit half-read in a buffer)
        whole = connect(gateway)
        whole.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"a" * 8000 + b"\r\n\r\n")
        assert_refusal(read_until_closed(whole), 431, "HEADERS_TOO_LARGE", "STAFFGRAPH_MAX_HEADER_BYTES")
        many = connect(gateway)
        lines = b"".join(b"X-Line-%d: %s\r\n" % (i, b"b" * 90) for i in range(60))
        many.sendall(
            b"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n" + lines + b"Content-Length: 2\r\n\r\n{}"
        )
        assert_refusal(read_until_closed(many), 431, "HEADERS_TOO_LARGE", "STAFFGRAPH_MAX_HEADER_BYTES")
        assert refusals("headerSize") == refused + 3  # each of the three
        within = httpx.get(f"{gateway.url}/healthz", headers={"X-Padding": "a" * 2000}, timeout=WAIT)
        assert within.status_code == 200
    assert errors() == []


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_client_gone_mid_body_logs_no_error(
    simulators_url: str, errors: Callable[[], list[str]], chunked: bool
) -> None:
    """This used to log a ClientDisconnect traceback at ERROR per request: log flooding on demand."""
    with running_gateway(simulators_url) as gateway:
        for _ in range(3):
            sock = connect(gateway)
            sock.sendall(
                post_head(300, chunked=chunked) + (b'9\r\n{"query":\r\n' if chunked else b'{"query":')
            )
            wait_until(lambda: gateway.requests_in_app() == 1)
            sock.close()
            wait_until(lambda: gateway.requests_in_app() == 0)
        # gone after the whole body, while the query runs upstream: no ERROR either
        sock = connect(gateway)
        body = json.dumps(EMPLOYERS).encode()
        sock.sendall(
            post_head(len(body)).replace(b"\r\n\r\n", b"\r\nAuthorization: Bearer demo-loket-alice\r\n\r\n")
            + body
        )
        sock.close()
        wait_until(lambda: gateway.requests_in_app() == 0)
        answer = httpx.post(f"{gateway.url}/graphql", json=EMPLOYERS, headers=ALICE, timeout=WAIT)
        assert answer.status_code == 200 and answer.json() == {"data": {"employers": {"totalCount": 2}}}
    assert errors() == []


def test_deeply_nested_json_is_a_400_naming_the_nesting(
    simulators_url: str, errors: Callable[[], list[str]]
) -> None:
    """100,000 nested arrays (200 kB) made the JSON parser recurse until RecursionError: a plain 500."""
    with (
        running_gateway(simulators_url) as gateway,
        httpx.Client(
            base_url=gateway.url, timeout=WAIT, headers={"Accept": "application/graphql-response+json"}
        ) as client,
    ):
        in_body = '{"query": "{ __typename }", "x": ' + nested(100_000) + "}"
        in_variables = (
            '{"query": "query($v: [[Int]]) { __typename }", "variables": {"v": ' + nested(100_000) + "}}"
        )
        in_url = quote('{"v": ' + nested(9_000) + "}")  # a URL holds 64 KiB: 10,000 levels URL-encoded
        json_body = {"Content-Type": "application/json"}
        operations = gateway.operations_run()
        refused = [
            client.post("/graphql", content=in_body, headers=json_body),
            client.post("/graphql", content=in_variables, headers=json_body),
            client.get(f"/graphql?query={quote('{ __typename }')}&variables={in_url}"),
        ]
        for answer in refused:
            assert answer.status_code == 400, answer.text[:300]
            assert answer.headers["content-type"].startswith("application/graphql-response+json")
            [error] = answer.json()["errors"]
            assert error["extensions"]["code"] == "BAD_REQUEST"
            assert "nests" in error["message"] and "STAFFGRAPH_MAX_JSON_DEPTH" in error["message"]
        assert "100002 levels" in refused[1].json()["errors"][0]["message"]
        assert gateway.operations_run() == operations

        # at the limit (64: the body, "extensions", 62 arrays) the request runs
        at_limit = '{"query": "{ __typename }", "extensions": {"x": ' + nested(62) + "}}"
        answer = client.post("/graphql", content=at_limit, headers=json_body)
        assert answer.json() == {"data": {"__typename": "Query"}}
    assert errors() == []
