"""A real ``redis-server`` on a free loopback port, for the tests of shared state (issue 11).

``.ci/run`` installs Debian's ``redis-server``; the server runs with no persistence and is
stopped (and its directory removed) when the context ends. ``RedisServer.stop()`` kills it
early, for the tests that lose Redis in the middle of a run.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RedisServer:
    port: int
    process: subprocess.Popen[bytes] = field(repr=False)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        """Kill the server at once (no shutdown save), as an outage would."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@contextmanager
def running_redis(port: int | None = None) -> Iterator[RedisServer]:
    """``redis-server`` on 127.0.0.1 (a free port unless given); fails if the binary is missing."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed (bash .ci/run installs Debian's redis-server)")
    port = port or _free_port()
    folder = tempfile.mkdtemp(prefix="staffgraph-redis-")
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
         "--dir", folder, "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    server = RedisServer(port=port, process=process)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on 127.0.0.1:{port}")
            time.sleep(0.05)
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
