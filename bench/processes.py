"""The processes a benchmark measures: ``staffgraph simulators`` and ``staffgraph serve``.

Each runs as its own process on a free 127.0.0.1 port, so the gateway's CPU and memory can
be read from /proc without the simulators' work mixed in. The gateway is configured the way
an operator would configure it, by ``STAFFGRAPH_*`` variables, pointing at the simulators
with the demo's credentials.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx

from gateway.demo import DEMO_TODAY, demo_environment

LOOPBACK = "127.0.0.1"
STARTUP_TIMEOUT = 180.0
"""Seconds a process may take to answer its first request: the simulators build all their
data before they listen, which at ``--scale 20`` takes a while."""


class ProcessError(RuntimeError):
    """A benchmarked process exited or did not come up; the message carries its output."""


@dataclass(frozen=True)
class Running:
    """A started process: its base URL and pid (the root of the tree /proc is read for)."""

    name: str
    url: str
    pid: int


def free_port() -> int:
    """A port free on 127.0.0.1 right now (the process binds it moments later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def staffgraph_command(*args: str) -> list[str]:
    """The installed ``staffgraph`` script beside this interpreter."""
    return [str(Path(sys.executable).with_name("staffgraph")), *args]


def gateway_environment(simulators_url: str, today: date = DEMO_TODAY) -> dict[str, str]:
    """The demo's configuration as ``STAFFGRAPH_*`` variables (``gateway.demo.demo_environment``),
    with the ICTerGezocht budget lifted: its documented 200 requests a minute (mirrored by the
    gateway's budget and the simulator's limit, both lifted here) would turn a load test of the
    vacancies into a test of the rate limit; Mesh has no such budget either."""
    return {**demo_environment(simulators_url, today=today), "STAFFGRAPH_ICTERGEZOCHT_BUDGET": "1000000000"}


@contextmanager
def running_process(
    name: str, command: Sequence[str], ready_url: str, *, env: dict[str, str] | None = None
) -> Iterator[int]:
    """Start ``command`` with its output in a temporary log; yield its pid once ``ready_url``
    answers 200; interrupt it (SIGINT, as Ctrl-C) and wait for it after."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            list(command), stdout=log, stderr=subprocess.STDOUT, env=env or os.environ.copy()
        )

        def output() -> str:
            log.seek(0)
            return log.read().decode(errors="replace")[-4000:]

        try:
            deadline = time.monotonic() + STARTUP_TIMEOUT
            while True:
                if process.poll() is not None:
                    raise ProcessError(f"{name} exited early ({process.returncode}):\n{output()}")
                try:
                    if httpx.get(ready_url, timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise ProcessError(
                        f"{name} did not answer {ready_url} in {STARTUP_TIMEOUT:g} s:\n{output()}"
                    )
                time.sleep(0.2)
            yield process.pid
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@contextmanager
def running_simulators(scale: int, today: date = DEMO_TODAY) -> Iterator[Running]:
    """``staffgraph simulators --scale N --today ...`` on a free port, access log off."""
    port = free_port()
    command = staffgraph_command(
        "simulators",
        "--host",
        LOOPBACK,
        "--port",
        str(port),
        "--scale",
        str(scale),
        "--today",
        today.isoformat(),
        # the benchmark's load would trip ICTerGezocht's per-account rate limit, which is not what it measures
        "--ictergezocht-account-limit",
        "0",
        "--ictergezocht-ip-limit",
        "0",
        "--log-level",
        "warning",
    )
    url = f"http://{LOOPBACK}:{port}"
    with running_process("simulators", command, f"{url}/_sim/calls") as pid:
        yield Running("simulators", url, pid)


@contextmanager
def running_gateway(
    simulators_url: str, *, workers: int = 1, extra_env: dict[str, str] | None = None
) -> Iterator[Running]:
    """``staffgraph serve`` on a free port, configured by ``STAFFGRAPH_*`` variables (access log off).
    ``workers`` > 1 passes ``--workers N`` (the fast path's ``serve --workers``)."""
    port = free_port()
    command = staffgraph_command("serve", "--host", LOOPBACK, "--port", str(port), "--log-level", "warning")
    if workers > 1:
        command += ["--workers", str(workers)]
    env = {**os.environ, **gateway_environment(simulators_url), **(extra_env or {})}
    url = f"http://{LOOPBACK}:{port}"
    with running_process("staffgraph serve", command, f"{url}/healthz", env=env) as pid:
        yield Running("staffgraph", url, pid)
