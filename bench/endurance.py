"""The two long scenarios: many concurrent clients (6) and the soak (7), staffgraph only.

hey cannot tell requests that failed below HTTP in a duration run, so errors are the non-2xx
answers plus the operations the gateway itself counted as failed (``/metrics``), and the gateway
must still be alive at the end.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from bench import procstat
from bench.load import LoadResult, run_hey
from bench.measure import MB, checked, set_latency
from bench.plan import Plan
from bench.results import ConcurrencyResult, SoakResult
from bench.scenarios import Scenario
from bench.targets import Target


def _alive(pid: int) -> bool:
    try:
        procstat.sample(pid)
    except procstat.ProcessGone:
        return False
    return True


def _delta(read: Callable[[], int | None], before: int | None) -> int | None:
    after = read()
    return after - before if after is not None and before is not None else None


def run_concurrency(scenario: Scenario, target: Target, simulators_url: str, plan: Plan) -> ConcurrencyResult:
    """``plan.concurrency_clients`` clients on ``scenario`` for ``plan.concurrency_s`` seconds."""
    assert target.pid is not None
    set_latency(simulators_url, 0)
    (request,) = target.for_scenario(scenario.id)
    checked(target, scenario, request)
    errors_before = target.errors_seen()
    result = run_hey(request.http, concurrency=plan.concurrency_clients, duration_s=plan.concurrency_s)
    alive = _alive(target.pid)
    return ConcurrencyResult(
        scenario=scenario.id,
        target=target.name,
        clients=plan.concurrency_clients,
        duration_s=round(result.duration_s, 1),
        requests=result.requests,
        http_errors=result.errors,
        graphql_errors=_delta(target.errors_seen, errors_before),
        requests_per_second=result.requests_per_second,
        p50_ms=result.percentile_ms(50),
        p99_ms=result.percentile_ms(99),
        rss_mb_after=procstat.sample(target.pid).rss_bytes / MB if alive else None,
        gateway_alive=alive,
    )


def run_soak(
    scenarios: Sequence[Scenario], target: Target, simulators_url: str, plan: Plan, log: Any = print
) -> SoakResult:
    """One client per scenario in ``scenarios``, side by side for ``plan.soak_s`` seconds; RSS read
    at the start, every ``plan.soak_sample_s`` seconds and at the end."""
    assert target.pid is not None
    pid = target.pid
    set_latency(simulators_url, 0)
    requests = [(scenario, target.for_scenario(scenario.id)[0]) for scenario in scenarios]
    for scenario, request in requests:
        checked(target, scenario, request)
    errors_before = target.errors_seen()
    results: list[LoadResult] = []
    failures: list[BaseException] = []

    def drive(request: Any) -> None:
        try:
            results.append(run_hey(request.http, concurrency=1, duration_s=plan.soak_s))
        except BaseException as exc:  # reported after the join
            failures.append(exc)

    start = procstat.sample(pid).rss_bytes
    peak = start
    threads = [threading.Thread(target=drive, args=(request,), daemon=True) for _, request in requests]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    while any(thread.is_alive() for thread in threads):
        time.sleep(plan.soak_sample_s)
        if _alive(pid):
            peak = max(peak, procstat.sample(pid).rss_bytes)
        log(f"  soak: {time.monotonic() - began:.0f} s, RSS peak {peak / MB:.0f} MB")
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    alive = _alive(pid)
    end = procstat.sample(pid).rss_bytes if alive else 0
    answer_errors = _delta(target.errors_seen, errors_before) or 0
    return SoakResult(
        target=target.name,
        duration_s=plan.soak_s,
        mix=[scenario.id for scenario in scenarios],
        requests=sum(result.requests for result in results),
        errors=sum(result.errors for result in results) + answer_errors + (0 if alive else 1),
        rss_mb_start=start / MB,
        rss_mb_end=end / MB,
        rss_mb_peak=max(peak, end) / MB,
    )
