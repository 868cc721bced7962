"""Metrics of live applications, in the gateway's registry (``gateway.metrics.REGISTRY``).

Labels are closed sets chosen here; never a reference number, a name or an e-mail address.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge

from gateway.metrics import REGISTRY

SUBSCRIBERS = Gauge(
    "staffgraph_live_subscribers",
    "Subscriptions to applicationReceived open in this process (WebSocket and SSE).",
    registry=REGISTRY,
)
RELAY_LISTENING = Gauge(
    "staffgraph_live_relay_listening",
    "1 while this process is subscribed to the Redis channel that carries other replicas' applications.",
    registry=REGISTRY,
)
WEBHOOKS = Counter(
    "staffgraph_live_webhooks",
    "Application webhooks received, by outcome (published, unauthorized, invalid).",
    ["outcome"],
    registry=REGISTRY,
)
DROPPED = Counter(
    "staffgraph_live_dropped_subscribers",
    "Subscribers dropped because their queue was full (they read slower than applications arrived).",
    registry=REGISTRY,
)
RELAY_FAILURES = Counter(
    "staffgraph_live_relay_failures",
    "Applications that could not be sent to the Redis relay (local subscribers still got them).",
    registry=REGISTRY,
)

__all__ = ["DROPPED", "RELAY_FAILURES", "RELAY_LISTENING", "SUBSCRIBERS", "WEBHOOKS"]
