"""Live applications end to end over real HTTP on 127.0.0.1: the simulated ICTerGezocht.nl posts its
webhook to the gateway, subscribers get the application over graphql-transport-ws and over SSE."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import orjson
import pytest

from simulators.config import SimConfig
from tests.gateway.live.live import (
    CV,
    SUBSCRIBE,
    WEBHOOK_KEY,
    WEBHOOK_PATH,
    Gateway,
    apply,
    gateway_settings,
    reference_number,
    running_gateway,
    simulators_posting_to,
    sse_events,
    wait_until,
    ws_connection,
    ws_receive,
    ws_subscribe,
)
from tests.support.servers import free_port


@pytest.fixture(scope="module")
def stack(sim_config: SimConfig) -> Iterator[tuple[Gateway, str]]:
    port = free_port()
    with simulators_posting_to(port, sim_config) as simulators_url:  # noqa: SIM117
        with running_gateway(gateway_settings(simulators_url), port) as gateway:
            yield gateway, simulators_url


def test_websocket_subscriber_receives_the_application_without_its_cv(
    stack: tuple[Gateway, str], caplog: pytest.LogCaptureFixture
) -> None:
    gateway, simulators_url = stack
    reference = reference_number(gateway.url)
    caplog.set_level(logging.DEBUG)
    with ws_connection(gateway) as ws:
        assert ws_receive(ws)["type"] == "connection_ack"
        ws_subscribe(ws, "1", SUBSCRIBE, {"ref": reference})
        wait_until(lambda: gateway.broker.subscribers == 1, "the subscription")
        answer = apply(simulators_url, reference, cv=CV, filename="cv.pdf", motivation="Graag!")
        message = ws_receive(ws)
    assert answer["webhook"]["status"] == 201
    assert message["type"] == "next" and message["id"] == "1"
    application = message["payload"]["data"]["applicationReceived"]
    assert application["applicationId"] == str(answer["webhook"]["response"]["id"])
    assert application["referenceNumber"] == reference
    assert (application["name"], application["email"], application["motivation"]) == (
        "Jan Jansen", "jan@example.nl", "Graag!",
    )  # fmt: skip
    assert application["hasCv"] is True and application["cvFilename"] == "cv.pdf"
    assert CV not in caplog.text and CV[:40] not in caplog.text
    assert "jan@example.nl" not in caplog.text
    wait_until(lambda: gateway.broker.subscribers == 0, "the subscription to end with the connection")


def test_sse_subscriber_receives_only_its_vacancy(stack: tuple[Gateway, str]) -> None:
    gateway, simulators_url = stack
    reference = reference_number(gateway.url)
    body = {"query": SUBSCRIBE, "variables": {"ref": reference}}
    headers = {"Accept": "text/event-stream"}
    with httpx.stream("POST", f"{gateway.url}/graphql", json=body, headers=headers, timeout=10) as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        wait_until(lambda: gateway.broker.subscribers == 1, "the subscription")
        direct = {"Authorization": f"Bearer {WEBHOOK_KEY}"}
        other = {"referenceNumber": "another-vacancy", "name": "Piet", "email": "piet@example.nl",
                 "source": "ICTerGezocht.nl", "campaign": "x"}  # fmt: skip
        assert httpx.post(f"{gateway.url}{WEBHOOK_PATH}", json=other, headers=direct).status_code == 201
        apply(simulators_url, reference)
        event, data = next(sse_events(stream.iter_lines()))
    assert event == "next"
    application = orjson.loads(data)["data"]["applicationReceived"]
    assert (application["referenceNumber"], application["name"]) == (reference, "Jan Jansen")
    assert application["hasCv"] is False and application["cvFilename"] is None


def test_bad_key_is_401_and_publishes_nothing(stack: tuple[Gateway, str]) -> None:
    gateway, simulators_url = stack
    reference = reference_number(gateway.url)
    body = {"referenceNumber": reference, "name": "Mallory", "email": "m@example.nl",
            "source": "x", "campaign": "y"}  # fmt: skip
    with ws_connection(gateway) as ws:
        assert ws_receive(ws)["type"] == "connection_ack"
        ws_subscribe(ws, "1", SUBSCRIBE)
        wait_until(lambda: gateway.broker.subscribers == 1, "the subscription")
        for headers in ({"Authorization": "Bearer wrong-key"}, {}, {"Authorization": WEBHOOK_KEY}):
            refused = httpx.post(f"{gateway.url}{WEBHOOK_PATH}", json=body, headers=headers)
            assert refused.status_code == 401
            assert refused.headers["www-authenticate"] == "Bearer"
        apply(simulators_url, reference)
        first = ws_receive(ws)
    assert first["payload"]["data"]["applicationReceived"]["name"] == "Jan Jansen"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": None}, "email"),
        ({"email": "not-an-address"}, "email"),
        ({"name": 42}, "name"),
        ({"city": "x" * 256}, "city"),
        ({"cv": "not base64!"}, "cv"),
        ({"campaign": ""}, "campaign"),
    ],
)
def test_bad_body_is_400_naming_the_field(
    stack: tuple[Gateway, str], change: dict[str, object], field: str
) -> None:
    gateway, _ = stack
    body = {
        "referenceNumber": "r-1",
        "name": "Jan",
        "email": "jan@example.nl",
        "source": "s",
        "campaign": "c",
    }
    answer = httpx.post(
        f"{gateway.url}{WEBHOOK_PATH}",
        json={**body, **change},
        headers={"Authorization": f"Bearer {WEBHOOK_KEY}"},
    )
    assert answer.status_code == 400
    assert [error["field"] for error in answer.json()["errors"]] == [field]


def test_body_that_is_not_json_is_400(stack: tuple[Gateway, str]) -> None:
    gateway, _ = stack
    answer = httpx.post(
        f"{gateway.url}{WEBHOOK_PATH}", content=b"{nope", headers={"Authorization": f"Bearer {WEBHOOK_KEY}"}
    )
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == "body"


def test_subscription_over_plain_http_is_refused(stack: tuple[Gateway, str]) -> None:
    gateway, _ = stack
    posted = httpx.post(f"{gateway.url}/graphql", json={"query": SUBSCRIBE})
    got = httpx.get(
        f"{gateway.url}/graphql", params={"query": SUBSCRIBE}, headers={"Accept": "application/json"}
    )
    for answer in (posted, got):
        assert answer.status_code == 406
        error = answer.json()["errors"][0]
        assert error["extensions"]["code"] == "STREAM_REQUIRED"
        assert "text/event-stream" in error["message"]


def test_websocket_carries_subscriptions_only(stack: tuple[Gateway, str]) -> None:
    gateway, _ = stack
    with ws_connection(gateway) as ws:
        assert ws_receive(ws)["type"] == "connection_ack"
        ws_subscribe(ws, "q", "{ __typename }")
        answer = ws_receive(ws)
    assert answer["type"] == "error" and answer["id"] == "q"
    assert answer["payload"][0]["extensions"]["code"] == "STREAM_FOR_SUBSCRIPTIONS_ONLY"


def test_sse_reports_a_validation_error_as_a_next_event(stack: tuple[Gateway, str]) -> None:
    gateway, _ = stack
    body = {"query": "subscription { applicationReceived { nope } }"}
    with httpx.stream(
        "POST", f"{gateway.url}/graphql", json=body, headers={"Accept": "text/event-stream"}, timeout=10
    ) as stream:
        events = list(sse_events(stream.iter_lines()))
    assert [event for event, _ in events] == ["next", "complete"]
    assert "nope" in orjson.loads(events[0][1])["errors"][0]["message"]
    assert gateway.broker.subscribers == 0
