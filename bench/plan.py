"""How long and how hard a run drives each case: the full plan and ``--quick``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Plan:
    """Durations in seconds. Each case runs ``rounds`` times per target (alternating targets), each
    round a latency phase (``latency_concurrency`` clients) then a throughput phase
    (``concurrency`` clients), ``phase_s`` each."""

    name: str
    phase_s: float
    rounds: int
    concurrency: int
    latency_concurrency: int
    latencies_ms: tuple[int, ...]
    concurrency_clients: int
    concurrency_s: float
    soak_s: float
    soak_sample_s: float


FULL = Plan(
    name="full",
    phase_s=10,
    rounds=1,
    concurrency=8,
    latency_concurrency=1,
    latencies_ms=(0, 50),
    concurrency_clients=16,
    concurrency_s=60,
    soak_s=600,
    soak_sample_s=10,
)
QUICK = Plan(
    name="quick",
    phase_s=2,
    rounds=1,
    concurrency=8,
    latency_concurrency=1,
    latencies_ms=(0, 50),
    concurrency_clients=16,
    concurrency_s=10,
    soak_s=30,
    soak_sample_s=5,
)
PEERS_ROUNDS = 2
"""With peers, each case alternates staffgraph and the peer this many times (half the phase each),
so drift on the machine falls on both."""


def for_peers(plan: Plan) -> Plan:
    """The same total time per target, split into alternating rounds."""
    return Plan(
        name=f"{plan.name}+peers",
        phase_s=max(1.0, plan.phase_s / PEERS_ROUNDS),
        rounds=PEERS_ROUNDS,
        concurrency=plan.concurrency,
        latency_concurrency=plan.latency_concurrency,
        latencies_ms=plan.latencies_ms,
        concurrency_clients=plan.concurrency_clients,
        concurrency_s=plan.concurrency_s,
        soak_s=plan.soak_s,
        soak_sample_s=plan.soak_sample_s,
    )
