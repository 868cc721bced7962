"""Two gateway replicas sharing a real redis-server: an application posted to replica A reaches a
subscriber on replica B; with Redis gone, A still answers its webhook and its own subscribers."""

from __future__ import annotations

import logging

import pytest

from simulators.config import SimConfig
from tests.gateway.live.live import (
    SUBSCRIBE,
    apply,
    gateway_settings,
    reference_number,
    running_gateway,
    simulators_posting_to,
    wait_until,
    ws_connection,
    ws_receive,
    ws_subscribe,
)
from tests.support.redis import running_redis
from tests.support.servers import free_port


def test_subscriber_on_replica_b_receives_what_replica_a_got(
    sim_config: SimConfig, caplog: pytest.LogCaptureFixture
) -> None:
    port_a = free_port()
    with running_redis() as redis, simulators_posting_to(port_a, sim_config) as simulators_url:
        settings = gateway_settings(simulators_url, redis_url=redis.url)
        with running_gateway(settings, port_a) as a, running_gateway(settings) as b:
            assert b.broker.relay is not None
            wait_until(lambda: b.broker.relay.listening, "replica B to listen on Redis")  # type: ignore[union-attr]
            reference = reference_number(a.url)
            with ws_connection(b) as on_b, ws_connection(a) as on_a:
                for ws in (on_b, on_a):
                    assert ws_receive(ws)["type"] == "connection_ack"
                    ws_subscribe(ws, "1", SUBSCRIBE)
                wait_until(lambda: a.broker.subscribers == b.broker.subscribers == 1, "both subscriptions")
                answer = apply(simulators_url, reference, name="Via Redis")
                assert answer["webhook"]["status"] == 201
                got_b = ws_receive(on_b)["payload"]["data"]["applicationReceived"]
                got_a = ws_receive(on_a)["payload"]["data"]["applicationReceived"]
                assert got_b == got_a
                assert got_b["name"] == "Via Redis"
                assert got_b["applicationId"] == str(answer["webhook"]["response"]["id"])

                caplog.set_level(logging.WARNING, logger="staffgraph.live")
                redis.stop()
                answer = apply(simulators_url, reference, name="Redis down")
                assert answer["webhook"]["status"] == 201
                assert ws_receive(on_a)["payload"]["data"]["applicationReceived"]["name"] == "Redis down"
                assert any("Redis" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
