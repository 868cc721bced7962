"""Measuring one case: a scenario through every target variant at one added upstream latency.

Before anything is timed each variant's answer is checked (``AnswerError`` stops the run: a fast
wrong answer is worth nothing) and one warm request is counted at the simulators (upstream calls
and bytes). Then rounds alternate the variants; each round is a latency phase and a throughput
phase, the gateway's CPU read from /proc around the throughput phase.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from bench import procstat
from bench.load import HttpRequest, LoadResult, run_hey
from bench.plan import Plan
from bench.results import Measurement
from bench.scenarios import AnswerError, Scenario
from bench.targets import Target, TargetRequest, send

MB = 1024 * 1024
CONTROL_TIMEOUT = 120.0
"""Seconds for a ``/_sim`` call: the simulators may still be busy with the pages of a request the
gateway gave up on (a whole employer at ``--scale 20``)."""


def upstream_names(simulators_url: str) -> list[str]:
    """The simulated upstreams (the objects in ``GET /_sim/calls``)."""
    snapshot = httpx.get(f"{simulators_url}/_sim/calls", timeout=CONTROL_TIMEOUT).json()
    return sorted(name for name, value in snapshot.items() if isinstance(value, dict))


def set_latency(simulators_url: str, latency_ms: int) -> None:
    """Every upstream answers ``latency_ms`` later (``PUT /_sim/faults``); 0 clears the plans."""
    if latency_ms == 0:
        httpx.delete(f"{simulators_url}/_sim/faults", timeout=CONTROL_TIMEOUT).raise_for_status()
        return
    plans = [{"upstream": name, "latency_ms": latency_ms} for name in upstream_names(simulators_url)]
    httpx.put(f"{simulators_url}/_sim/faults", json=plans, timeout=CONTROL_TIMEOUT).raise_for_status()


def upstream_cost(simulators_url: str, request: HttpRequest) -> tuple[int, int, dict[str, int]]:
    """Upstream calls, response bytes and calls per upstream of one request."""
    httpx.delete(f"{simulators_url}/_sim/calls", timeout=CONTROL_TIMEOUT).raise_for_status()
    send(request)
    snapshot: dict[str, Any] = httpx.get(f"{simulators_url}/_sim/calls", timeout=CONTROL_TIMEOUT).json()
    by = {name: int(value["total"]) for name, value in snapshot.items() if isinstance(value, dict)}
    return int(snapshot["total"]), int(snapshot["bytes"]), {k: v for k, v in by.items() if v}


def checked(target: Target, scenario: Scenario, request: TargetRequest) -> int | None:
    """Send the request once; ``AnswerError`` naming target and variant unless the answer is right."""
    status, answer = send(request.http)
    if status != 200:
        raise AnswerError(
            f"{target.name}/{request.variant} on {scenario.id}: HTTP {status}: {str(answer)[:500]}"
        )
    try:
        return request.check(scenario, answer)
    except AnswerError as exc:
        raise AnswerError(f"{target.name}/{request.variant}: {exc}") from None


@dataclass
class _Tally:
    """What the rounds of one variant add up to."""

    latency: LoadResult | None = None
    throughput: LoadResult | None = None
    cpu_s: float = 0.0
    errors_before: int | None = None

    def add(self, latency: LoadResult, throughput: LoadResult, cpu_s: float) -> None:
        self.latency = latency if self.latency is None else self.latency.merged(latency)
        self.throughput = throughput if self.throughput is None else self.throughput.merged(throughput)
        self.cpu_s += cpu_s


def measure_case(
    scenario: Scenario,
    scale: int,
    latency_ms: int,
    targets: Sequence[Target],
    simulators_url: str,
    plan: Plan,
    log: Any = print,
) -> list[Measurement]:
    """Every variant of every target on ``scenario``, rounds alternating between them."""
    set_latency(simulators_url, latency_ms)
    variants = [(target, request) for target in targets for request in target.for_scenario(scenario.id)]
    prepared = []
    for target, request in variants:
        rows = checked(target, scenario, request)
        calls, size, by = upstream_cost(simulators_url, request.http)
        prepared.append((target, request, rows, calls, size, by))
    tallies = {id(request): _Tally(errors_before=target.errors_seen()) for target, request in variants}
    for round_number in range(plan.rounds):
        for target, request in variants:
            log(
                f"  {scenario.id} scale {scale} +{latency_ms} ms: {target.name}/{request.variant}"
                f" round {round_number + 1}/{plan.rounds}"
            )
            latency = run_hey(request.http, concurrency=plan.latency_concurrency, duration_s=plan.phase_s)
            before = procstat.sample(target.pid).cpu_seconds if target.pid else 0.0
            throughput = run_hey(request.http, concurrency=plan.concurrency, duration_s=plan.phase_s)
            after = procstat.sample(target.pid).cpu_seconds if target.pid else 0.0
            tallies[id(request)].add(latency, throughput, after - before)
    measurements = []
    for target, request, rows, calls, size, by in prepared:
        tally = tallies[id(request)]
        assert tally.latency is not None and tally.throughput is not None
        seen = target.errors_seen()
        answer_errors = (
            seen - tally.errors_before if seen is not None and tally.errors_before is not None else 0
        )
        done = tally.throughput.requests
        measurements.append(
            Measurement(
                scenario=scenario.id,
                scale=scale,
                latency_ms=latency_ms,
                target=target.name,
                variant=request.variant,
                concurrency=plan.concurrency,
                latency_concurrency=plan.latency_concurrency,
                requests=tally.latency.requests + done,
                errors=tally.latency.errors + tally.throughput.errors + answer_errors,
                requests_per_second=tally.throughput.requests_per_second,
                p50_ms=tally.latency.percentile_ms(50),
                p95_ms=tally.latency.percentile_ms(95),
                p99_ms=tally.latency.percentile_ms(99),
                cpu_ms_per_request=tally.cpu_s * 1000 / done if target.pid and done else None,
                rss_mb_after=procstat.sample(target.pid).rss_bytes / MB if target.pid else None,
                upstream_calls=calls,
                upstream_bytes=size,
                upstream_calls_by=by,
                rows=rows,
                note=request.note,
            )
        )
    return measurements
