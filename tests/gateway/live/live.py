"""Helpers of the live-applications tests: a stack whose simulators post webhooks to the gateway,
and small graphql-transport-ws and GraphQL-over-SSE clients.

The WebSocket client is ``websockets`` (its sync client): it is already installed as uvicorn's
WebSocket server (``uvicorn[standard]``), speaks subprotocols, and needs no event loop in
the test, unlike httpx-ws, which would add a dependency for the same thing.
"""

from __future__ import annotations

import base64
import dataclasses
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import orjson
from starlette.applications import Starlette
from websockets.sync.client import ClientConnection, connect

from gateway.app import create_app
from gateway.demo import demo_settings
from gateway.live import Broker
from gateway.secrets import Secret
from gateway.settings import Settings
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.servers import serve_in_thread

WEBHOOK_KEY = "demo-webhook-key"
WEBHOOK_PATH = "/webhooks/ictergezocht/applications"
CV = base64.b64encode(b"%PDF-1.4 the candidate's CV, which must never reach a log " * 50).decode()
SUBSCRIBE = """subscription($ref: String) {
  applicationReceived(referenceNumber: $ref) {
    applicationId referenceNumber name email motivation hasCv cvFilename receivedAt
  }
}"""


@dataclass(frozen=True)
class Gateway:
    url: str
    app: Starlette

    @property
    def broker(self) -> Broker:
        broker: Broker = self.app.state.live
        return broker

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://") + "/graphql"


def gateway_settings(simulators_url: str, **changes: Any) -> Settings:
    settings = demo_settings(simulators_url)
    return dataclasses.replace(settings, ictergezocht_webhook_key=Secret(WEBHOOK_KEY), **changes)


@contextmanager
def running_gateway(settings: Settings, port: int | None = None) -> Iterator[Gateway]:
    app = create_app(settings)
    with serve_in_thread(app, port, lifespan="on") as url:
        yield Gateway(url, app)


@contextmanager
def simulators_posting_to(gateway_port: int, config: SimConfig) -> Iterator[str]:
    webhook = f"http://127.0.0.1:{gateway_port}{WEBHOOK_PATH}"
    config = dataclasses.replace(
        config, ictergezocht_webhook_url=webhook, ictergezocht_webhook_key=WEBHOOK_KEY
    )
    with serve_in_thread(create_simulator_app(config)) as url:
        yield url


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    """Poll ``condition`` (a sync point between the test and the servers' threads, not a timing)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def reference_number(gateway_url: str) -> str:
    answer = httpx.post(
        f"{gateway_url}/graphql", json={"query": "{ vacancies(first: 1) { nodes { referenceNumber } } }"}
    ).json()
    return str(answer["data"]["vacancies"]["nodes"][0]["referenceNumber"])


def apply(simulators_url: str, reference: str, **fields: Any) -> dict[str, Any]:
    """A candidate applies through the simulated ICTerGezocht.nl (``POST /_sim/applications``)."""
    body = {"referenceNumber": reference, "name": "Jan Jansen", "email": "jan@example.nl", **fields}
    answer = httpx.post(f"{simulators_url}/_sim/applications", json=body, timeout=10)
    assert answer.status_code == 201, answer.text
    return answer.json()  # type: ignore[no-any-return]


@contextmanager
def ws_connection(
    gateway: Gateway, init: dict[str, Any] | None = None, **headers: str
) -> Iterator[ClientConnection]:
    with connect(
        gateway.ws_url,
        subprotocols=["graphql-transport-ws"],
        additional_headers=headers,
        open_timeout=10,
        proxy=None,
    ) as ws:  # type: ignore[list-item]
        message: dict[str, Any] = {"type": "connection_init"}
        if init is not None:
            message["payload"] = init
        ws.send(orjson.dumps(message).decode())
        yield ws


def ws_receive(ws: ClientConnection, timeout: float = 10.0) -> dict[str, Any]:
    return orjson.loads(ws.recv(timeout=timeout))  # type: ignore[no-any-return]


def ws_subscribe(
    ws: ClientConnection, op_id: str, query: str, variables: dict[str, Any] | None = None
) -> None:
    payload = {"query": query, "variables": variables or {}}
    ws.send(orjson.dumps({"id": op_id, "type": "subscribe", "payload": payload}).decode())


def sse_events(lines: Iterator[str]) -> Iterator[tuple[str, str]]:
    """``(event, data)`` pairs of a text/event-stream, comments skipped."""
    event, data = "message", ""
    for line in lines:
        if line.startswith(":"):
            continue
        if line == "":
            if data or event != "message":
                yield event, data
            event, data = "message", ""
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data += line[5:].strip()
