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
    label: str,
    ours: Measurement | None,
    peers: list[Measurement],
    value: Callable[[Measurement], float | None],
    unit: str,
    higher_is_better: bool,
    factor: float = 1.0,
) -> Verdict:
    """Ours against the peers' best variant (times ``factor``)."""
    mine = value(ours) if ours else None
    if mine is None:
        return Verdict(label, "not run", "not measured")
    theirs = [(value(m), m) for m in peers if value(m) is not None]
    if not theirs:
        return Verdict(
            label, f"staffgraph {mine:,.1f} {unit}; no peer measured (run with --peers)", "not measured"
        )
    pick = max if higher_is_better else min
    best, best_m = pick(theirs, key=lambda pair: pair[0] or 0.0)
    assert best is not None
    bound = best * factor
    ok = mine >= bound if higher_is_better else mine <= bound
    ratio = mine / best if best else float("inf")
    return Verdict(
        label,
        f"staffgraph {mine:,.1f} {unit} vs {best_m.target}/{best_m.variant} {best:,.1f} {unit} "
        f"(ratio {ratio:.2f}{f', needs {factor:g}' if factor != 1 else ''})",
        _status(ok),
    )


def evaluate(run: Run) -> list[Verdict]:
    verdicts = []
    employers = _one(run, "employers")
    verdicts.append(
        _against_peer(
            "Employers list: gateway CPU per request at most Mesh's",
            employers,
            _peers(run, "employers"),
            lambda m: m.cpu_ms_per_request,
            "ms",
            higher_is_better=False,
        )
    )
    verdicts.append(
        _against_peer(
            "Employers list: req/s at least Mesh's",
            employers,
            _peers(run, "employers"),
            lambda m: m.requests_per_second,
            "req/s",
            higher_is_better=True,
        )
    )
    slow = _one(run, "persons-200", latency_ms=50)
    hops = BY_ID["persons-200"].critical_hops
    if slow:
        bound = hops * 50 + 20
        verdicts.append(
            Verdict(
                f"200 persons: p50 at 50 ms latency within {hops} hops x 50 ms + 20 ms = {bound} ms",
                f"{slow.p50_ms:,.0f} ms",
                _status(slow.p50_ms <= bound),
            )
        )
    else:
        verdicts.append(Verdict("200 persons: p50 at 50 ms latency", "not run", "not measured"))
    persons = _one(run, "persons-200")
    verdicts.append(
        _against_peer(
            "200 persons: req/s at least 2 times Mesh's best variant",
            persons,
            _peers(run, "persons-200"),
            lambda m: m.requests_per_second,
            "req/s",
            higher_is_better=True,
            factor=2.0,
        )
    )
    cpu = persons.cpu_ms_per_request if persons else None
    verdicts.append(
        Verdict(
            "200 persons: at most 40 ms of gateway CPU per request",
            f"{cpu:,.1f} ms" if cpu is not None else "not run",
            _status(cpu <= 40) if cpu is not None else "not measured",
        )
    )
    verdicts.append(
        _against_peer(
            "Vacancies with programmes: p50 (50 ms latency) at least as good as Mesh's",
            _one(run, "vacancies-50", latency_ms=50),
            _peers(run, "vacancies-50", latency_ms=50),
            lambda m: m.p50_ms,
            "ms",
            higher_is_better=False,
        )
    )
    verdicts.append(
        _against_peer(
            "Vacancies with programmes: req/s at least Mesh's",
            _one(run, "vacancies-50"),
            _peers(run, "vacancies-50"),
            lambda m: m.requests_per_second,
            "req/s",
            higher_is_better=True,
        )
    )
    small, large = _one(run, "team-25", scale=1), _one(run, "team-25", scale=20)
    pick: tuple[tuple[str, Callable[[Measurement], float | None]], ...] = (
        ("p50", lambda m: m.p50_ms),
        ("CPU", lambda m: m.cpu_ms_per_request),
    )
    unit = "ms"
    for label, value in pick:
        a, b = (value(small) if small else None), (value(large) if large else None)
        name = f"25-person team: {label} at scale 20 within 1.5 times scale 1"
        if a is None or b is None:
            verdicts.append(Verdict(name, "not run", "not measured"))
        else:
            verdicts.append(
                Verdict(
                    name,
                    f"scale 1 {a:,.1f} {unit}, scale 20 {b:,.1f} {unit} ({b / a:.2f}x)",
                    _status(b <= 1.5 * a),
                )
            )
    burst = [c for c in run.concurrency if c.target == GATEWAY]
    verdicts.append(
        Verdict(
            "Zero errors under 16 concurrent clients",
            "; ".join(f"{c.errors} errors in {c.requests} requests ({c.clients} clients)" for c in burst)
            or "not run",
            _status(all(c.errors == 0 for c in burst)) if burst else "not measured",
        )
    )
    soak = [s for s in run.soak if s.target == GATEWAY]
    verdicts.append(
        Verdict(
            "RSS growth at most 10 % over the soak",
            "; ".join(
                f"{s.rss_mb_start:,.0f} -> {s.rss_mb_end:,.0f} MB ({s.growth_pct:+.1f} %)"
                f" over {s.duration_s:g} s"
                for s in soak
            )
            or "not run",
            _status(all(s.growth_pct <= 10 for s in soak)) if soak else "not measured",
        )
    )
    ours = [m.rss_mb_after for m in run.measurements if m.target == GATEWAY and m.rss_mb_after is not None]
    theirs = [
        m.rss_mb_after for m in run.measurements if m.target not in NOT_PEERS and m.rss_mb_after is not None
    ]
    if ours and theirs:
        verdicts.append(
            Verdict(
                "RSS below Mesh's (largest after load)",
                f"staffgraph {max(ours):,.0f} MB vs peer {max(theirs):,.0f} MB",
                _status(max(ours) < max(theirs)),
            )
        )
    else:
        measured = f"staffgraph {max(ours):,.0f} MB; no peer measured" if ours else "not run"
        verdicts.append(Verdict("RSS below Mesh's (largest after load)", measured, "not measured"))
    return verdicts
