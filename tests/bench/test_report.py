"""The report from a fixed run: targets judged, every measurement listed, ratios, raw JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from bench.report import render, write
from bench.results import ConcurrencyResult, Failure, Measurement, Run, SoakResult
from bench.run import parse
from bench.verdicts import evaluate


def measurement(scenario: str, target: str, **values: Any) -> Measurement:
    base: dict[str, Any] = {
        "scenario": scenario,
        "scale": 1,
        "latency_ms": 0,
        "target": target,
        "variant": "graphql",
        "concurrency": 8,
        "latency_concurrency": 1,
        "requests": 100,
        "errors": 0,
        "requests_per_second": 100.0,
        "p50_ms": 10.0,
        "p95_ms": 20.0,
        "p99_ms": 30.0,
        "cpu_ms_per_request": 5.0,
        "rss_mb_after": 200.0,
        "upstream_calls": 1,
        "upstream_bytes": 2048,
    }
    return Measurement(**{**base, **values})


def fixed_run() -> Run:
    return Run(
        started="2026-11-24 12:00 UTC",
        machine={"cores": 2, "cpu_model": "Test CPU", "memory_gb": 8.0},
        commit="abc123",
        command="python -m bench.run --peers",
        mode="test",
        measurements=[
            measurement("employers", "staffgraph", requests_per_second=800.0, cpu_ms_per_request=0.9),
            measurement(
                "employers", "mesh", variant="openapi", requests_per_second=700.0, cpu_ms_per_request=1.0
            ),
            measurement(
                "employers",
                "bare",
                variant="GET /providers/employers",
                requests_per_second=2000.0,
                cpu_ms_per_request=None,
                rss_mb_after=None,
            ),
            measurement("persons-200", "staffgraph", requests_per_second=20.0, cpu_ms_per_request=45.0),
            measurement("persons-200", "staffgraph", latency_ms=50, p50_ms=115.0),
            measurement(
                "persons-200", "mesh", variant="gateway-join", requests_per_second=1.0, upstream_calls=865
            ),
            measurement(
                "persons-200",
                "mesh",
                variant="client-join",
                requests_per_second=13.0,
                upstream_calls=6,
                rss_mb_after=572.0,
                note="the client joins the lists",
            ),
            measurement("team-25", "staffgraph", p50_ms=100.0, cpu_ms_per_request=10.0),
        ],
        concurrency=[
            ConcurrencyResult(
                "persons-200", "staffgraph", 16, 60, 900, 0, 0, 15.0, 900.0, 1500.0, 250.0, True
            )
        ],
        soak=[SoakResult("staffgraph", 600, ["employers", "team-25"], 5000, 0, 200.0, 230.0, 240.0)],
        failures=[Failure("team-25", 20, 0, "the answer has errors: UPSTREAM_TIMEOUT")],
    )


def verdicts() -> dict[str, tuple[str, str]]:
    return {v.target: (v.measured, v.status) for v in evaluate(fixed_run())}


def test_targets_against_the_peer_use_its_best_variant() -> None:
    found = verdicts()
    assert found["Employers list: gateway CPU per request at most Mesh's"][1] == "met"
    assert found["Employers list: req/s at least Mesh's"][1] == "met"
    measured, status = found["200 persons: req/s at least 2 times Mesh's best variant"]
    assert status == "missed"  # 20 < 2 x 13 (client-join), though 20 times the gateway-join variant
    assert "mesh/client-join 13.0 req/s" in measured
    assert found["200 persons: at most 40 ms of gateway CPU per request"] == ("45.0 ms", "missed")


def test_targets_of_staffgraph_alone() -> None:
    found = verdicts()
    assert found["200 persons: p50 at 50 ms latency within 2 hops x 50 ms + 20 ms = 120 ms"] == (
        "115 ms",
        "met",
    )
    assert found["Zero errors under 16 concurrent clients"][1] == "met"
    measured, status = found["RSS growth at most 10 % over the soak"]
    assert (status, "+15.0 %" in measured) == ("missed", True)
    assert found["RSS below Mesh's (largest after load)"] == ("staffgraph 200 MB vs peer 572 MB", "met")
    measured, status = found["25-person team: p50 at scale 20 within 1.5 times scale 1"]
    assert status == "missed" and "UPSTREAM_TIMEOUT" in measured
    assert found["Vacancies with programmes: req/s at least Mesh's"] == ("not run", "not measured")


def test_without_a_peer_its_targets_are_not_measured() -> None:
    run = fixed_run()
    run.measurements = [m for m in run.measurements if m.target != "mesh"]
    found = {v.target: v for v in evaluate(run)}
    verdict = found["Employers list: req/s at least Mesh's"]
    assert verdict.status == "not measured"
    assert "800.0 req/s" in verdict.measured


def test_the_report_states_when_where_what_and_every_result() -> None:
    text = render(fixed_run())
    assert "- date: 2026-11-24 12:00 UTC" in text
    assert "- machine: 2 cores, Test CPU, 8.0 GB" in text
    assert "- commit: `abc123`" in text
    assert "- command: `python -m bench.run --peers`" in text
    assert text.index("## FAILED") < text.index("## Targets (issue 9)")
    assert (
        "| 1 `employers` | 1 | 0 ms | staffgraph | 800.0 | 10.0 | 20.0 | 30.0 | 0.90 | 200 | 1 | 2 | 0 "
        "| 1 / 8 |" in text
    )
    # staffgraph / mesh: 800 / 700 req/s, 0.9 / 1.0 ms CPU; staffgraph / bare: 800 / 2000
    assert "| `employers` | 1 | 0 ms | mesh / openapi | 1.14 | 1.00 | 0.90 | 1 / 1 | 2 / 2 |" in text
    assert "| `employers` | 1 | 0 ms | bare / GET /providers/employers | 0.40 |" in text
    assert "mesh cannot express `persons-50`" in text
    assert "mesh `persons-200` / client-join: the client joins the lists" in text
    assert "+15.0 %" in text


def test_write_puts_the_report_and_the_raw_json_side_by_side(tmp_path: Path) -> None:
    report, raw = write(fixed_run(), tmp_path, "20261124T120000Z")
    assert report == tmp_path / "report.md"
    assert raw == tmp_path / "results" / "20261124T120000Z.json"
    data = orjson.loads(raw.read_bytes())
    assert data["commit"] == "abc123"
    assert len(data["measurements"]) == 8
    assert data["soak"][0]["growth_pct"] == pytest.approx(15.0)
    assert data["concurrency"][0]["errors"] == 0
    assert data["failures"][0]["scale"] == 20


def test_scenarios_are_chosen_by_id_and_unknown_ones_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse(["--scenarios", "employers,team-25", "soak", "--quick"]).scenarios == [
        "employers",
        "team-25",
        "soak",
    ]
    with pytest.raises(SystemExit):
        parse(["--scenarios", "employer"])
    assert "unknown scenario" in capsys.readouterr().err
