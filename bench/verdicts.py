"""Issue 9's targets, each judged from one run: the measured value and met / missed / not measured.

Latency targets use the phase with one client (what one caller waits) at 50 ms added upstream
latency where the issue says so; throughput and CPU targets use the throughput phase at 0 ms
(the gateway's own cost, not the simulators' sleep). A target that compares with a peer is
"not measured" in a run without ``--peers``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench.results import Measurement, Run
from bench.scenarios import BY_ID

GATEWAY = "staffgraph"
NOT_PEERS = {GATEWAY, "bare"}


@dataclass(frozen=True)
class Verdict:
    target: str
    measured: str
    status: str  # "met", "missed" or "not measured"


def _not_run(run: Run, label: str, scenario: str, *, scale: int = 1, latency_ms: int = 0) -> Verdict:
    """A target whose case was not measured: missed when the case failed, else not measured."""
    failure = run.failure(scenario, scale=scale, latency_ms=latency_ms)
    if failure is not None:
        return Verdict(label, f"failed: {failure.message[:300]}", "missed")
    return Verdict(label, "not run", "not measured")


def _one(run: Run, scenario: str, *, scale: int = 1, latency_ms: int = 0) -> Measurement | None:
    found = run.find(scenario, GATEWAY, scale=scale, latency_ms=latency_ms)
    return found[0] if found else None


def _peers(run: Run, scenario: str, *, latency_ms: int = 0) -> list[Measurement]:
    return [
        m
        for m in run.measurements
        if m.scenario == scenario
        and m.target not in NOT_PEERS
        and m.latency_ms == latency_ms
        and m.scale == 1
    ]


def _status(ok: bool) -> str:
    return "met" if ok else "missed"


def _against_peer(
    run: Run,
    label: str,
    scenario: str,
    value: Callable[[Measurement], float | None],
    unit: str,
    *,
    higher_is_better: bool,
    latency_ms: int = 0,
    factor: float = 1.0,
) -> Verdict:
    """Staffgraph against the peers' best variant (times ``factor``) on one case."""
    ours = _one(run, scenario, latency_ms=latency_ms)
    mine = value(ours) if ours else None
    if mine is None:
        return _not_run(run, label, scenario, latency_ms=latency_ms)
    theirs = [(v, m) for m in _peers(run, scenario, latency_ms=latency_ms) if (v := value(m)) is not None]
    if not theirs:
        return Verdict(
            label, f"staffgraph {mine:,.1f} {unit}; no peer measured (run with --peers)", "not measured"
        )
    pick = max if higher_is_better else min
    best, best_m = pick(theirs, key=lambda pair: pair[0])
    bound = best * factor
    ok = mine >= bound if higher_is_better else mine <= bound
    ratio = f"{mine / best:.2f}" if best else "∞"
    return Verdict(
        label,
        f"staffgraph {mine:,.1f} {unit} vs {best_m.target}/{best_m.variant} {best:,.1f} {unit} "
        f"(ratio {ratio}{f', needs {factor:g}' if factor != 1 else ''})",
        _status(ok),
    )


def _cpu(m: Measurement) -> float | None:
    return m.cpu_ms_per_request


def _rps(m: Measurement) -> float | None:
    return m.requests_per_second


def _p50(m: Measurement) -> float | None:
    return m.p50_ms


def evaluate(run: Run) -> list[Verdict]:
    """Every target of issue 9, in the issue's order."""
    return [
        _against_peer(
            run,
            "Employers list: gateway CPU per request at most Mesh's",
            "employers",
            _cpu,
            "ms",
            higher_is_better=False,
        ),
        _against_peer(
            run, "Employers list: req/s at least Mesh's", "employers", _rps, "req/s", higher_is_better=True
        ),
        _critical_path(run, "persons-200"),
        _against_peer(
            run,
            "200 persons: req/s at least 2 times Mesh's best variant",
            "persons-200",
            _rps,
            "req/s",
            higher_is_better=True,
            factor=2.0,
        ),
        _cpu_bound(run, "200 persons: at most 40 ms of gateway CPU per request", "persons-200", 40.0),
        _against_peer(
            run,
            "Vacancies with programmes: p50 (50 ms latency) at least as good as Mesh's",
            "vacancies-50",
            _p50,
            "ms",
            higher_is_better=False,
            latency_ms=50,
        ),
        _against_peer(
            run,
            "Vacancies with programmes: req/s at least Mesh's",
            "vacancies-50",
            _rps,
            "req/s",
            higher_is_better=True,
        ),
        _scaled(run, "p50", _p50),
        _scaled(run, "CPU", _cpu),
        _no_errors(run),
        _soak_growth(run),
        _rss_below_peer(run),
    ]


def _critical_path(run: Run, scenario: str) -> Verdict:
    hops = BY_ID[scenario].critical_hops
    bound = hops * 50 + 20
    label = f"200 persons: p50 at 50 ms latency within {hops} hops x 50 ms + 20 ms = {bound} ms"
    slow = _one(run, scenario, latency_ms=50)
    if slow is None:
        return _not_run(run, label, scenario, latency_ms=50)
    return Verdict(label, f"{slow.p50_ms:,.0f} ms", _status(slow.p50_ms <= bound))


def _cpu_bound(run: Run, label: str, scenario: str, bound_ms: float) -> Verdict:
    found = _one(run, scenario)
    cpu = found.cpu_ms_per_request if found else None
    if cpu is None:
        return _not_run(run, label, scenario)
    return Verdict(label, f"{cpu:,.1f} ms", _status(cpu <= bound_ms))


def _scaled(run: Run, label: str, value: Callable[[Measurement], float | None]) -> Verdict:
    name = f"25-person team: {label} at scale 20 within 1.5 times scale 1"
    small, large = _one(run, "team-25", scale=1), _one(run, "team-25", scale=20)
    a, b = (value(small) if small else None), (value(large) if large else None)
    if a is None:
        return _not_run(run, name, "team-25", scale=1)
    if b is None:
        return _not_run(run, name, "team-25", scale=20)
    return Verdict(name, f"scale 1 {a:,.1f} ms, scale 20 {b:,.1f} ms ({b / a:.2f}x)", _status(b <= 1.5 * a))


def _no_errors(run: Run) -> Verdict:
    label = "Zero errors under 16 concurrent clients"
    burst = [c for c in run.concurrency if c.target == GATEWAY]
    if not burst:
        return Verdict(label, "not run", "not measured")
    measured = "; ".join(f"{c.errors} errors in {c.requests} requests ({c.clients} clients)" for c in burst)
    return Verdict(label, measured, _status(all(c.errors == 0 for c in burst)))


def _soak_growth(run: Run) -> Verdict:
    label = "RSS growth at most 10 % over the soak"
    soak = [s for s in run.soak if s.target == GATEWAY]
    if not soak:
        return Verdict(label, "not run", "not measured")
    measured = "; ".join(
        f"{s.rss_mb_start:,.0f} -> {s.rss_mb_end:,.0f} MB ({s.growth_pct:+.1f} %) over {s.duration_s:g} s"
        for s in soak
    )
    return Verdict(label, measured, _status(all(s.growth_pct <= 10 for s in soak)))


def _rss_below_peer(run: Run) -> Verdict:
    label = "RSS below Mesh's (largest after load)"
    ours = [m.rss_mb_after for m in run.measurements if m.target == GATEWAY and m.rss_mb_after is not None]
    theirs = [
        m.rss_mb_after for m in run.measurements if m.target not in NOT_PEERS and m.rss_mb_after is not None
    ]
    if not ours:
        return Verdict(label, "not run", "not measured")
    if not theirs:
        return Verdict(label, f"staffgraph {max(ours):,.0f} MB; no peer measured", "not measured")
    return Verdict(
        label,
        f"staffgraph {max(ours):,.0f} MB vs peer {max(theirs):,.0f} MB",
        _status(max(ours) < max(theirs)),
    )
