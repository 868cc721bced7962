"""``make fuzz``: schemathesis's GraphQL fuzzer against a live ``staffgraph demo``.

Starts the demo (simulators and gateway, one process) on two free loopback ports, waits
for ``/healthz``, runs ``schemathesis run`` against ``/graphql`` as alice (the demo's
GraphiQL headers) and stops the demo with SIGINT, as Ctrl-C would. The exit status is
schemathesis's: non-zero when any check failed (a 5xx above all: ``not_a_server_error``).
Extra arguments go to schemathesis (``make fuzz FUZZ_ARGS="-n 500"``); a JUnit report is
written to ``.fuzz/junit.xml`` and the examples found to ``.fuzz/examples``.

The pytest suite fuzzes in-process with hypothesis-graphql (``tests/test_fuzz.py``),
bounded; this is the slower, over-HTTP run, kept out of ``make test``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

HOST = "127.0.0.1"
REPORTS = Path(
    ".fuzz"
).resolve()  # schemathesis runs in here, so its own cache (.schemathesis) lands here too
# Every check except positive_data_acceptance, which calls any GraphQL error on a generated query a
# failure; most generated arguments are rightly refused (an unknown cursor, a random id: BAD_USER_INPUT).
DEFAULT_ARGS = [
    "--max-examples",
    "100",
    "--seed",
    "1",
    "--workers",
    "2",
    "--generation-database",
    str(REPORTS / "examples"),
    "--checks",
    "all",
    "--exclude-checks",
    "positive_data_acceptance",
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, demo: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if demo.poll() is not None:
            raise SystemExit(f"staffgraph demo exited early ({demo.returncode})")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"staffgraph demo did not answer {url} within {timeout:g} s")


def main(extra: list[str]) -> int:
    bin_dir = Path(sys.executable).parent
    port, simulators_port = free_port(), free_port()
    gateway = f"http://{HOST}:{port}"
    REPORTS.mkdir(exist_ok=True)
    demo = subprocess.Popen(
        [
            str(bin_dir / "staffgraph"),
            "demo",
            "--port",
            str(port),
            "--simulators-port",
            str(simulators_port),
            "--log-level",
            "warning",
        ],
    )
    try:
        wait_until_up(f"{gateway}/healthz", demo)
        command = [
            str(bin_dir / "schemathesis"),
            "run",
            f"{gateway}/graphql",
            "--header",
            "Authorization: Bearer demo-loket-alice",
            "--report",
            "junit",
            "--report-junit-path",
            str(REPORTS / "junit.xml"),
            *DEFAULT_ARGS,
            *extra,
        ]
        print("$", " ".join(command), flush=True)
        return subprocess.call(command, cwd=REPORTS, env={**os.environ, "NO_COLOR": "1"})
    finally:
        demo.send_signal(signal.SIGINT)
        try:
            demo.wait(timeout=15)
        except subprocess.TimeoutExpired:
            demo.kill()
            demo.wait()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
