"""GraphQL Mesh served by Hive Gateway on loopback: the peer ``make bench-peers`` measures
staffgraph against (issue 9).

The npm packages (``package.json`` and its lock file beside this module) are installed with
``npm ci`` into a folder outside the tracked sources (``bench/.peers/``, git-ignored); Mesh is
composed there from the simulators' OpenAPI documents (``mesh.config.ts``) into
``supergraph.graphql``, which Hive Gateway serves:

    install(folder); compose(folder, simulators_url)
    with running_mesh(folder, simulators_url) as mesh:
        httpx.post(mesh.url, json=MESH_REQUESTS["employers"][0].body, ...)

What Mesh cannot express of what staffgraph does is listed in ``bench/peers/README.md``.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench.peers.mesh_requests import CLIENT_JOINS, GATEWAY_JOINS, MESH_REQUESTS, PeerRequest
from bench.processes import Running

__all__ = [
    "CLIENT_JOINS",
    "GATEWAY_JOINS",
    "MESH_REQUESTS",
    "PeerError",
    "PeerProcess",
    "PeerRequest",
    "compose",
    "install",
    "running_mesh",
]

HERE = Path(__file__).resolve().parent
MANIFESTS = ("package.json", "package-lock.json")
CONFIG = "mesh.config.ts"
SUPERGRAPH = "supergraph.graphql"
# written after a successful `npm ci`: the lock file it installed, so a second install is a no-op
STAMP = ".installed-lock.json"
GATEWAY_BIN = Path("node_modules/@graphql-hive/gateway/dist/bin.js")
COMPOSE_BIN = Path("node_modules/@graphql-mesh/compose-cli/esm/bin.js")

# The demo credentials of the upstreams Mesh calls with fixed credentials (README "Demo credentials")
INFORMAT_CLIENT = ("staffgraph-demo", "demo-secret")
FIXED_CREDENTIALS = {
    "ICTERGEZOCHT_API_KEY": "demo-ictergezocht-key",
    "ONDERWIJSLOKET_TOKEN": "demo-onderwijsloket-token",
}


class PeerError(RuntimeError):
    """Installing, composing or starting the peer failed; the message carries the tool's output."""


PeerProcess = Running
"""A running peer gateway: ``url`` is its GraphQL endpoint, ``pid`` the process /proc is read for."""


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise PeerError("node is not on PATH (Debian: apt-get install nodejs npm)")
    return node


def install(folder: Path) -> None:
    """``npm ci`` the pinned packages into ``folder``; nothing to do when that lock is installed."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = (HERE / "package-lock.json").read_bytes()
    stamp = folder / STAMP
    if stamp.exists() and stamp.read_bytes() == lock and (folder / GATEWAY_BIN).exists():
        return
    for name in MANIFESTS:
        shutil.copyfile(HERE / name, folder / name)
    npm = shutil.which("npm")
    if npm is None:
        raise PeerError("npm is not on PATH (Debian: apt-get install npm)")
    result = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund"], cwd=folder, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise PeerError(f"npm ci failed in {folder}:\n{result.stdout}\n{result.stderr}")
    stamp.write_bytes(lock)


def compose(folder: Path, simulators_url: str) -> Path:
    """Run mesh-compose over the simulators' OpenAPI documents; return the supergraph file.

    The config is copied into ``folder/compose/`` (not ``folder`` itself: Hive Gateway would read a
    ``mesh.config.ts`` in its working directory as its own configuration).
    """
    config_dir = folder / "compose"
    config_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HERE / CONFIG, config_dir / CONFIG)
    output = folder / SUPERGRAPH
    output.unlink(missing_ok=True)
    env = {**os.environ, "SIMULATORS_URL": simulators_url.rstrip("/")}
    command = [_node(), str(folder / COMPOSE_BIN), "-c", str(config_dir / CONFIG), "-o", str(output)]
    result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, check=False)
    # mesh-compose logs composition errors and may still exit 0 without writing the file
    if result.returncode != 0 or not output.exists() or "ERROR" in result.stdout + result.stderr:
        output.unlink(missing_ok=True)
        raise PeerError(f"mesh-compose failed:\n{result.stdout}\n{result.stderr}")
    return output


def informat_token(simulators_url: str) -> str:
    """A client-credentials token of the demo Informat client (Mesh cannot fetch one itself)."""
    client_id, secret = INFORMAT_CLIENT
    response = httpx.post(
        f"{simulators_url.rstrip('/')}/identity/connect/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
        timeout=10,
    )
    response.raise_for_status()
    return str(response.json()["access_token"])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_mesh(
    folder: Path, simulators_url: str, port: int | None = None, *, timeout: float = 60
) -> Iterator[PeerProcess]:
    """Hive Gateway serving ``folder``'s supergraph on 127.0.0.1 (composed first if missing).

    The process is node itself (not an npx or shell wrapper, and one worker: ``--fork`` stays at
    its default 1), so its pid's /proc CPU and RSS are the gateway's. Its log goes to
    ``folder/hive-gateway.log``. SIGTERM on exit, SIGKILL if it has not stopped 10 s later.
    """
    supergraph = folder / SUPERGRAPH
    if not supergraph.exists():
        compose(folder, simulators_url)
    port = port or free_port()
    env = {**os.environ, **FIXED_CREDENTIALS, "INFORMAT_TOKEN": informat_token(simulators_url)}
    command = [_node(), str(folder / GATEWAY_BIN), "supergraph", str(supergraph)]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    with (folder / "hive-gateway.log").open("wb") as log:
        process = subprocess.Popen(command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_ready(process, f"{url}/readiness", timeout, folder / "hive-gateway.log")
            yield PeerProcess(name="mesh", url=f"{url}/graphql", pid=process.pid)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def _wait_ready(process: subprocess.Popen[bytes], ready_url: str, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise PeerError(f"hive-gateway exited ({process.returncode}):\n{log.read_text()[-4000:]}")
        try:
            if httpx.get(ready_url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise PeerError(f"hive-gateway did not answer {ready_url} within {timeout:g} s")
        time.sleep(0.2)
