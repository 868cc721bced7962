"""What one benchmark run measured, as plain dataclasses (written as JSON, read by the report)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Measurement:
    """One scenario through one target variant at one scale and added upstream latency.

    Latencies come from the latency phase (``latency_concurrency`` clients, 1 by default: what one
    caller waits); req/s and CPU per request from the throughput phase (``concurrency`` clients).
    Upstream calls and bytes are those of one warm request (the simulators' ``/_sim/calls``).
    """

    scenario: str
    scale: int
    latency_ms: int
    target: str
    variant: str
    concurrency: int
    latency_concurrency: int
    requests: int
    errors: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    cpu_ms_per_request: float | None
    rss_mb_after: float | None
    upstream_calls: int | None
    upstream_bytes: int | None
    upstream_calls_by: dict[str, int] = field(default_factory=dict)
    rows: int | None = None
    note: str = ""


@dataclass
class ConcurrencyResult:
    """Many clients on one scenario for a while (scenario 6): every error counts."""

    scenario: str
    target: str
    clients: int
    duration_s: float
    requests: int
    http_errors: int
    graphql_errors: int | None
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    rss_mb_after: float | None
    gateway_alive: bool

    @property
    def errors(self) -> int:
        return self.http_errors + (self.graphql_errors or 0) + (0 if self.gateway_alive else 1)


@dataclass
class SoakResult:
    """Mixed load for a while (scenario 7): the gateway's memory at the start, the end and the peak."""

    target: str
    duration_s: float
    mix: list[str]
    requests: int
    errors: int
    rss_mb_start: float
    rss_mb_end: float
    rss_mb_peak: float

    @property
    def growth_pct(self) -> float:
        return (self.rss_mb_end - self.rss_mb_start) / self.rss_mb_start * 100 if self.rss_mb_start else 0.0


@dataclass
class Failure:
    """A case that answered wrongly (errors or wrong rows): not timed, reported at the top."""

    scenario: str
    scale: int
    latency_ms: int
    message: str


@dataclass
class Run:
    """A whole run: when, where, what was asked, and every result."""

    started: str
    machine: dict[str, Any]
    commit: str
    command: str
    mode: str
    measurements: list[Measurement] = field(default_factory=list)
    concurrency: list[ConcurrencyResult] = field(default_factory=list)
    soak: list[SoakResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for item, raw in zip(self.concurrency, data["concurrency"], strict=True):
            raw["errors"] = item.errors
        for soak, raw in zip(self.soak, data["soak"], strict=True):
            raw["growth_pct"] = soak.growth_pct
        return data

    def find(self, scenario: str, target: str, *, scale: int = 1, latency_ms: int = 0) -> list[Measurement]:
        return [
            m
            for m in self.measurements
            if (m.scenario, m.target, m.scale, m.latency_ms) == (scenario, target, scale, latency_ms)
        ]

    def failure(self, scenario: str, *, scale: int = 1, latency_ms: int = 0) -> Failure | None:
        for failure in self.failures:
            if (failure.scenario, failure.scale, failure.latency_ms) == (scenario, scale, latency_ms):
                return failure
        return None
