"""``python -m bench.run [--scenarios ...] [--quick] [--peers]``: run the benchmark, write the report.

For each ``--scale`` a scenario needs, the simulators and the gateway (and with ``--peers``
the Mesh peer, over the same simulators) are started as separate processes; every case runs at
0 ms and 50 ms added upstream latency; the long scenarios (16 clients, soak) run at scale 1.
``bench/report.md`` and ``bench/results/<timestamp>.json`` are written at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import shlex
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bench import machine, report
from bench.endurance import run_concurrency, run_soak
from bench.load import LoadError
from bench.measure import measure_case
from bench.peers_setup import peers_folder
from bench.plan import FULL, QUICK, Plan, for_peers
from bench.processes import running_gateway, running_simulators
from bench.results import Failure, Run
from bench.scenarios import (
    ALL_IDS,
    BY_ID,
    CONCURRENCY_SCENARIO,
    SCENARIOS,
    SOAK_MIX,
    SOAK_SCENARIO,
    AnswerError,
    Scenario,
)
from bench.targets import Target, bare_target, peer_target, staffgraph_target

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def log(message: str) -> None:
    print(message, flush=True)


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scenarios",
        nargs="+",
        default=list(ALL_IDS),
        metavar="ID",
        help=f"which scenarios (comma or space separated; default all): {', '.join(ALL_IDS)}",
    )
    parser.add_argument("--quick", action="store_true", help="short phases and a 30 s soak (development)")
    parser.add_argument("--peers", action="store_true", help="also run scenarios 1-5 through GraphQL Mesh")
    parser.add_argument("--workers", type=int, default=1, help="staffgraph serve --workers N (default 1)")
    parser.add_argument("--output", type=Path, default=BENCH, help="where report.md and results/ go")
    args = parser.parse_args(argv)
    chosen = [item for value in args.scenarios for item in value.split(",") if item]
    unknown = sorted(set(chosen) - set(ALL_IDS))
    if unknown:
        parser.error(f"unknown scenario(s) {unknown}; known: {', '.join(ALL_IDS)}")
    args.scenarios = chosen
    return args


@contextlib.contextmanager
def peers(simulators_url: str, enabled: bool) -> Iterator[list[Target]]:
    """The Mesh peer over ``simulators_url`` (``bench.peers.mesh``, imported only when asked for)."""
    if not enabled:
        yield []
        return
    from bench.peers import mesh

    folder = peers_folder()
    mesh.compose(folder, simulators_url)  # the supergraph names the simulators' URL, new for every stack
    with mesh.running_mesh(folder, simulators_url) as process:
        yield [peer_target(process, mesh.MESH_REQUESTS)]


def run_scale(
    scale: int, scenarios: list[Scenario], args: argparse.Namespace, plan: Plan, run: Run, *, long: set[str]
) -> None:
    log(f"scale {scale}: starting the simulators, the gateway{' and the peers' if args.peers else ''}")
    with (
        running_simulators(scale) as simulators,
        running_gateway(simulators.url, workers=args.workers) as gateway,
        peers(simulators.url, args.peers) as peer_targets,
    ):
        ours = staffgraph_target(gateway.url, gateway.pid, SCENARIOS)
        targets = [ours, *peer_targets, bare_target(simulators.url)]
        for scenario in scenarios:
            for latency_ms in plan.latencies_ms:
                try:
                    run.measurements += measure_case(
                        scenario, scale, latency_ms, targets, simulators.url, plan, log
                    )
                except (AnswerError, LoadError, httpx.HTTPError) as exc:
                    # loud, and the run goes on: the report lists it first and the exit status is 1
                    message = str(exc) if isinstance(exc, AnswerError) else f"{type(exc).__name__}: {exc}"
                    print(f"FAILED {scenario.id} scale {scale} +{latency_ms} ms: {message}", file=sys.stderr)
                    run.failures.append(Failure(scenario.id, scale, latency_ms, message))
        if CONCURRENCY_SCENARIO in long:
            log(
                f"  {CONCURRENCY_SCENARIO}: {plan.concurrency_clients} clients on persons-200"
                f" for {plan.concurrency_s:g} s"
            )
            run.concurrency.append(run_concurrency(BY_ID["persons-200"], ours, simulators.url, plan))
        if SOAK_SCENARIO in long:
            log(f"  {SOAK_SCENARIO}: {plan.soak_s:g} s of mixed load")
            run.soak.append(run_soak([BY_ID[s] for s in SOAK_MIX], ours, simulators.url, plan, log))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    plan = QUICK if args.quick else FULL
    if args.peers:
        plan = for_peers(plan)
    started = datetime.now(UTC)
    run = Run(
        started=started.strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine.describe(),
        commit=machine.git_commit(ROOT),
        command=shlex.join(["python", "-m", "bench.run", *(sys.argv[1:] if argv is None else argv)]),
        mode=describe_plan(plan, args.workers),
    )
    chosen = [BY_ID[s] for s in args.scenarios if s in BY_ID]
    long = {s for s in args.scenarios if s not in BY_ID}
    scales = sorted({scale for scenario in chosen for scale in scenario.scales} | ({1} if long else set()))
    began = time.monotonic()
    for scale in scales:
        run_scale(
            scale,
            [s for s in chosen if scale in s.scales],
            args,
            plan,
            run,
            long=long if scale == 1 else set(),
        )
    run.notes.append(f"the run took {time.monotonic() - began:.0f} s")
    run.notes.extend(standing_notes())
    path, raw = report.write(run, args.output, started.strftime("%Y%m%dT%H%M%SZ"))
    log(f"wrote {path} and {raw}")
    failed = [c for c in run.concurrency if c.errors] + [s for s in run.soak if s.errors]
    return 1 if failed or run.failures or any(m.errors for m in run.measurements if m.target != "bare") else 0


def describe_plan(plan: Plan, workers: int) -> str:
    return (
        f"{plan.name}: {plan.rounds} round(s) per target of {plan.phase_s:g} s with "
        f"{plan.latency_concurrency} client then {plan.phase_s:g} s with {plan.concurrency} clients; "
        f"added latency {', '.join(f'{ms} ms' for ms in plan.latencies_ms)}; "
        f"{plan.concurrency_clients} clients for {plan.concurrency_s:g} s; "
        f"soak {plan.soak_s:g} s; staffgraph serve with {workers} worker(s)"
    )


def standing_notes() -> list[str]:
    hops: dict[str, Any] = {s.id: s.critical_hops for s in SCENARIOS}
    return [
        "gateway and simulators run as separate processes on 127.0.0.1 with access logs off; the load "
        "generator (hey) shares the machine's cores with both",
        f"critical path (upstream calls that wait for one another) per scenario: {hops}",
        "`bare` is the simulators answering the one upstream call of scenario 1 directly (no gateway); "
        "the other scenarios make several dependent calls, so they have no single bare endpoint",
        "ICTerGezocht's 200-requests-a-minute budget (gateway) and rate limit (simulator) are lifted for the "
        "run, so vacancies measure the gateway, not the limit",
    ]


if __name__ == "__main__":
    raise SystemExit(main())
