"""Writing a run: ``bench/report.md`` for people and ``bench/results/<timestamp>.json`` raw.

The report opens with when, where and how the run was made, then issue 9's targets with
met / missed, the table of every measurement, the ratios (staffgraph against the bare
simulators and against each peer variant), the long scenarios and what a peer cannot express.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import orjson

from bench.results import Measurement, Run
from bench.scenarios import BY_ID, SCENARIOS
from bench.verdicts import GATEWAY, NOT_PEERS, evaluate


def _n(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{digits}f}"


def _kb(value: int | None) -> str:
    return "–" if value is None else f"{value / 1024:,.0f}"


def _table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _measurement_rows(measurements: list[Measurement]) -> list[list[str]]:
    return [
        [
            f"{BY_ID[m.scenario].number} `{m.scenario}`" if m.scenario in BY_ID else m.scenario,
            str(m.scale),
            f"{m.latency_ms} ms",
            f"{m.target}" + (f" / {m.variant}" if m.target not in NOT_PEERS else ""),
            _n(m.requests_per_second),
            _n(m.p50_ms),
            _n(m.p95_ms),
            _n(m.p99_ms),
            _n(m.cpu_ms_per_request, 2),
            _n(m.rss_mb_after, 0),
            "–" if m.upstream_calls is None else str(m.upstream_calls),
            _kb(m.upstream_bytes),
            str(m.errors),
            f"{m.latency_concurrency} / {m.concurrency}",
        ]
        for m in measurements
    ]


def _ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0 or math.isnan(a) or math.isnan(b):
        return "–"
    return f"{a / b:.2f}"


def _ratio_rows(run: Run) -> list[list[str]]:
    rows = []
    for m in run.measurements:
        if m.target == GATEWAY:
            continue
        ours = run.find(m.scenario, GATEWAY, scale=m.scale, latency_ms=m.latency_ms)
        if not ours:
            continue
        mine = ours[0]
        rows.append(
            [
                f"`{m.scenario}`",
                str(m.scale),
                f"{m.latency_ms} ms",
                f"{m.target} / {m.variant}",
                _ratio(mine.requests_per_second, m.requests_per_second),
                _ratio(mine.p50_ms, m.p50_ms),
                _ratio(mine.cpu_ms_per_request, m.cpu_ms_per_request),
                f"{mine.upstream_calls} / {m.upstream_calls}",
                f"{_kb(mine.upstream_bytes)} / {_kb(m.upstream_bytes)}",
            ]
        )
    return rows


def _inexpressible(run: Run) -> list[str]:
    """Scenarios a peer in the run has no request for, and the peers' own notes."""
    peers = sorted({m.target for m in run.measurements if m.target not in NOT_PEERS})
    lines = []
    for peer in peers:
        measured = {m.scenario for m in run.measurements if m.target == peer}
        for scenario in SCENARIOS:
            if scenario.id not in measured:
                lines.append(f"- {peer} cannot express `{scenario.id}` ({scenario.title}).")
        notes = {(m.scenario, m.variant, m.note) for m in run.measurements if m.target == peer and m.note}
        lines.extend(f"- {peer} `{s}` / {variant}: {note}" for s, variant, note in sorted(notes))
    return lines


def _failures(run: Run) -> list[str]:
    if not run.failures:
        return []
    return [
        "## FAILED: answers with errors (not timed)",
        "",
        *(f"- `{f.scenario}` scale {f.scale}, +{f.latency_ms} ms: {f.message}" for f in run.failures),
        "",
    ]


def render(run: Run) -> str:
    machine = run.machine
    lines = [
        "# staffgraph benchmark",
        "",
        f"- date: {run.started}",
        f"- machine: {machine.get('cores')} cores, {machine.get('cpu_model')}, {machine.get('memory_gb')} GB",
        f"- commit: `{run.commit}`",
        f"- command: `{run.command}`",
        f"- plan: {run.mode}",
        "",
        "Latencies (p50/p95/p99) are from the phase with one client, req/s and gateway CPU per request",
        'from the phase with several (the "clients" column: latency phase / throughput phase); CPU is',
        "user + system time of the gateway's process tree (/proc) divided by the requests answered.",
        "Upstream calls and KB are those of one warm request, counted by the simulators.",
        "",
        *_failures(run),
        "## Targets (issue 9)",
        "",
        *_table(["target", "measured", "verdict"], ([v.target, v.measured, v.status] for v in evaluate(run))),
        "",
        "## Every measurement",
        "",
        *_table(
            [
                "scenario",
                "scale",
                "added latency",
                "target",
                "req/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "CPU ms/req",
                "RSS MB",
                "upstream calls",
                "upstream KB",
                "errors",
                "clients",
            ],
            _measurement_rows(run.measurements),
        ),
    ]
    ratios = _ratio_rows(run)
    if ratios:
        lines += [
            "",
            "## Ratios: staffgraph / other",
            "",
            "Above 1 is better for staffgraph in req/s, below 1 is better in p50 and CPU.",
            "",
            *_table(
                [
                    "scenario",
                    "scale",
                    "added latency",
                    "other",
                    "req/s",
                    "p50",
                    "CPU",
                    "upstream calls (ours / theirs)",
                    "upstream KB",
                ],
                ratios,
            ),
        ]
    if run.concurrency:
        lines += [
            "",
            "## Concurrent clients (scenario 6)",
            "",
            *_table(
                [
                    "scenario",
                    "target",
                    "clients",
                    "seconds",
                    "requests",
                    "req/s",
                    "p50 ms",
                    "p99 ms",
                    "errors",
                    "RSS MB",
                ],
                (
                    [
                        f"`{c.scenario}`",
                        c.target,
                        str(c.clients),
                        _n(c.duration_s, 0),
                        str(c.requests),
                        _n(c.requests_per_second),
                        _n(c.p50_ms),
                        _n(c.p99_ms),
                        f"{c.errors} (HTTP {c.http_errors}, GraphQL {c.graphql_errors})",
                        _n(c.rss_mb_after, 0),
                    ]
                    for c in run.concurrency
                ),
            ),
        ]
    if run.soak:
        lines += [
            "",
            "## Soak (scenario 7)",
            "",
            *_table(
                [
                    "target",
                    "seconds",
                    "mix (one client each)",
                    "requests",
                    "errors",
                    "RSS start MB",
                    "end MB",
                    "peak MB",
                    "growth",
                ],
                (
                    [
                        s.target,
                        _n(s.duration_s, 0),
                        ", ".join(f"`{m}`" for m in s.mix),
                        str(s.requests),
                        str(s.errors),
                        _n(s.rss_mb_start, 0),
                        _n(s.rss_mb_end, 0),
                        _n(s.rss_mb_peak, 0),
                        f"{s.growth_pct:+.1f} %",
                    ]
                    for s in run.soak
                ),
            ),
        ]
    inexpressible = _inexpressible(run)
    if inexpressible:
        lines += ["", "## What a peer cannot express", "", *inexpressible]
    if run.notes:
        lines += ["", "## Notes", "", *(f"- {note}" for note in run.notes)]
    return "\n".join(lines) + "\n"


def write(run: Run, folder: Path, stamp: str) -> tuple[Path, Path]:
    """``folder/report.md`` and ``folder/results/<stamp>.json``; returns both paths."""
    results = folder / "results"
    results.mkdir(parents=True, exist_ok=True)
    raw = results / f"{stamp}.json"
    raw.write_bytes(orjson.dumps(run.as_json(), option=orjson.OPT_INDENT_2))
    report = folder / "report.md"
    report.write_text(render(run), encoding="utf-8")
    return report, raw
