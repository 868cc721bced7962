"""The simulators and the gateway on loopback, for end-to-end tests (threads or a subprocess)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette

from gateway.app import create_app
from gateway.demo import demo_settings
from gateway.settings import Settings
from gateway.upstreams import build_upstreams
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.clients import asgi_client
from tests.support.servers import serve_in_thread

ALICE = {"Authorization": "Bearer demo-loket-alice"}


@dataclass(frozen=True)
class Stack:
    gateway_url: str
    simulators_url: str

    def calls(self) -> dict[str, Any]:
        """The simulators' call counts and response bytes since the last reset (``GET /_sim/calls``):
        ``calls()["loket"]["total"]``, ``["loket"]["bytes"]``, ``["loket"]["endpoint_bytes"]``."""
        return httpx.get(f"{self.simulators_url}/_sim/calls", timeout=5).json()  # type: ignore[no-any-return]

    def reset_calls(self) -> None:
        httpx.delete(f"{self.simulators_url}/_sim/calls", timeout=5)


@contextmanager
def running_stack(config: SimConfig, *, demo: bool = False) -> Iterator[Stack]:
    """Simulators and gateway (with the demo's credentials) on free 127.0.0.1 ports, in threads.

    The simulators serve ``config``: ``running_stack(dataclasses.replace(sim_config, scale=10))``
    is the same stack over employers and schools ten times larger (the data is built before
    the servers start, so a large scale delays the start, not the first request).
    """
    with serve_in_thread(create_simulator_app(config)) as simulators_url:
        app = create_app(demo_settings(simulators_url), demo=demo)
        with serve_in_thread(app, lifespan="on") as gateway_url:
            yield Stack(gateway_url=gateway_url, simulators_url=simulators_url)


def staffgraph_command(*args: str) -> list[str]:
    """The installed ``staffgraph`` script beside this interpreter."""
    return [str(Path(sys.executable).with_name("staffgraph")), *args]


@contextmanager
def running_process(
    command: Sequence[str], ready_url: str, *, env: dict[str, str] | None = None, timeout: float = 60
) -> Iterator[subprocess.Popen[bytes]]:
    """Start ``command``; yield once ``ready_url`` answers 200; interrupt it (SIGINT) and wait after."""
    process = subprocess.Popen(
        list(command), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env or os.environ.copy()
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                raise RuntimeError(f"{command[1]} exited early ({process.returncode}):\n{output}")
            try:
                if httpx.get(ready_url, timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{command[1]} did not answer {ready_url} within {timeout:g} s")
            time.sleep(0.1)
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # as Ctrl-C: the servers shut down cleanly
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@dataclass
class InProcess:
    """The gateway app over in-process simulators: ``gateway`` talks to it, ``control`` to ``/_sim``."""

    app: Starlette
    gateway: httpx.AsyncClient
    control: httpx.AsyncClient

    async def calls(self) -> dict[str, Any]:
        """``GET /_sim/calls``: call counts and response bytes per upstream and endpoint."""
        return (await self.control.get("/_sim/calls")).json()  # type: ignore[no-any-return]


@asynccontextmanager
async def in_process_gateway(
    simulator_app: Starlette, *, demo: bool = False, settings: Settings | None = None
) -> AsyncIterator[InProcess]:
    """``create_app`` with ``settings`` (default: the demo's), reaching ``simulator_app`` without
    sockets; the simulators are reset (data, faults, call counts) first."""
    settings = settings or demo_settings("http://sim")
    upstreams = build_upstreams(settings, transport=httpx.ASGITransport(app=simulator_app))
    app = create_app(settings, upstreams=upstreams, demo=demo)
    try:
        async with (
            asgi_client(app, base_url="http://gateway") as gateway,
            asgi_client(simulator_app) as control,
        ):
            await control.post("/_sim/reset")
            await control.delete("/_sim/faults")
            await control.delete("/_sim/calls")
            yield InProcess(app, gateway, control)
            await control.delete("/_sim/faults")
    finally:
        await upstreams.aclose()
