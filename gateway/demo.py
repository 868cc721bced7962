"""``staffgraph demo``: the simulators and the gateway, two uvicorn servers in one event loop.

One process is what a person trying the graph wants: one command, one Ctrl-C. Both
sockets are bound before either server starts, so a taken port fails at once and the
gateway's settings can name the simulators' real port even when it was picked free.
The gateway holds the demo credentials (the Informat client, the ICTerGezocht key and
the Onderwijsloket token, as design.md's operating contract says) and lends them to
anyone, writes included (``STAFFGRAPH_AUTH=anonymous`` with anonymous writes allowed, so
every example mutation works with no account); Loket stays pass-through, so callers send
alice's or bob's token. Both servers log through the one handler ``staffgraph demo``
installs (``gateway.telemetry.logs``, text lines by default), so each GraphQL request's line
shows next to the upstream calls it made — the batching is visible as it happens.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date

import uvicorn

from gateway.secrets import Secret
from gateway.settings import InboundAuth, Settings

LOOPBACK = "127.0.0.1"
DEMO_WEBHOOK_KEY = "demo-webhook-key"  # the key the ICTerGezocht simulator signs its webhooks with
DEMO_LOKET_TOKENS = {"alice": "demo-loket-alice", "bob": "demo-loket-bob"}

DEMO_TODAY = date(2026, 11, 24)
"""The day ``staffgraph demo`` pretends it is, unless ``--today`` says otherwise.

The simulators generate their rows from the seed *and* today (ids, open absences,
publish dates, school years), so with the real date the data would change every day
and the GraphiQL examples, which carry ids (``gateway/examples/*.graphql``), would
stop working the day after they were written. Pinning one day for the simulators and
the gateway alike keeps every example valid; it is the day the tests use too
(``tests/conftest.py``), so the examples test checks what the demo serves.
"""


def demo_settings(simulators_url: str, *, today: date = DEMO_TODAY) -> Settings:
    """Settings with every upstream at ``simulators_url``, the demo's gateway-held credentials and
    ``today`` as the gateway's today (the simulators' day, so defaults such as the current school
    year match their data)."""
    base = simulators_url.rstrip("/")
    return Settings(
        loket_url=f"{base}/loket/v2",
        loket_token_url=f"{base}/loket/token",
        informat_url=f"{base}/informat",
        informat_token_url=f"{base}/identity/connect/token",
        ictergezocht_url=f"{base}/ictergezocht",
        onderwijsloket_url=f"{base}/onderwijsloket",
        informat_client_id="staffgraph-demo",
        informat_client_secret=Secret("demo-secret"),
        ictergezocht_api_key=Secret("demo-ictergezocht-key"),
        onderwijsloket_token=Secret("demo-onderwijsloket-token"),
        informat_institutes=_demo_institutes(),
        today=today,
        auth=InboundAuth(mode="anonymous", anonymous_writes=True),
    )


def demo_environment(simulators_url: str, *, today: date = DEMO_TODAY) -> dict[str, str]:
    """``demo_settings`` as the ``STAFFGRAPH_*`` variables ``staffgraph serve`` reads: how benchmarks
    and the replica tests start separate gateway processes with the demo's configuration."""
    settings = demo_settings(simulators_url, today=today)
    held = (settings.informat_client_secret, settings.ictergezocht_api_key, settings.onderwijsloket_token)
    secret, key, token = (value.reveal() if value else "" for value in held)
    institutes = ",".join(
        f"{number}={name}" if name else number for number, name in settings.informat_institutes
    )
    return {
        "STAFFGRAPH_LOKET_URL": settings.loket_url,
        "STAFFGRAPH_LOKET_TOKEN_URL": settings.loket_token_url,
        "STAFFGRAPH_INFORMAT_URL": settings.informat_url,
        "STAFFGRAPH_INFORMAT_TOKEN_URL": settings.informat_token_url,
        "STAFFGRAPH_ICTERGEZOCHT_URL": settings.ictergezocht_url,
        "STAFFGRAPH_ONDERWIJSLOKET_URL": settings.onderwijsloket_url,
        "STAFFGRAPH_INFORMAT_CLIENT_ID": settings.informat_client_id or "",
        "STAFFGRAPH_INFORMAT_CLIENT_SECRET": secret,
        "STAFFGRAPH_ICTERGEZOCHT_API_KEY": key,
        "STAFFGRAPH_ONDERWIJSLOKET_TOKEN": token,
        "STAFFGRAPH_INFORMAT_INSTITUTES": institutes,
        "STAFFGRAPH_TODAY": today.isoformat(),
        "STAFFGRAPH_AUTH": "anonymous",
        "STAFFGRAPH_ANONYMOUS_WRITES": "true",
    }


def _demo_institutes() -> tuple[tuple[str, str | None], ...]:
    """The schools the demo client may open, with the names the simulator gives them (the
    Informat API has no endpoint that names a school, so a deployment configures them)."""
    from simulators.informat.catalog import INSTITUTES_BY_NUMBER
    from simulators.informat.staffing import DEMO_INSTITUTES

    return tuple((number, INSTITUTES_BY_NUMBER[number].name) for number in DEMO_INSTITUTES)


def bind(host: str, port: int | None) -> socket.socket:
    """A listening-ready TCP socket on ``host:port`` (a free port when ``port`` is None or 0)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port or 0))
    except OSError:
        sock.close()
        raise
    return sock


class _SharedLoopServer(uvicorn.Server):
    """A uvicorn server that leaves signals to ``run_demo``: uvicorn's own handler would stop
    only the server that installed it last."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def banner(gateway_url: str, simulators_url: str) -> list[str]:
    return [
        f"staffgraph demo: GraphiQL at {gateway_url}/graphql",
        f"  simulated upstreams at {simulators_url} (call counts: {simulators_url}/_sim/calls)",
        f"  health {gateway_url}/healthz, readiness {gateway_url}/readyz, metrics {gateway_url}/metrics",
        "  Loket is pass-through: send 'Authorization: Bearer <token>' (GraphiQL has alice's filled in)",
        *(f"    {user}: {token}" for user, token in DEMO_LOKET_TOKENS.items()),
        "  Informat, ICTerGezocht and Onderwijsloket use the gateway's own demo credentials, lent to anyone",
        "  (STAFFGRAPH_AUTH=anonymous with STAFFGRAPH_ANONYMOUS_WRITES=true: never so in production).",
        "  Ctrl-C stops both.",
    ]


async def _serve_both(
    servers: list[tuple[uvicorn.Server, socket.socket]], on_started: Callable[[], None]
) -> None:
    loop = asyncio.get_running_loop()

    def stop() -> None:
        for server, _ in servers:
            server.should_exit = True

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop)
    tasks = [asyncio.create_task(server.serve(sockets=[sock])) for server, sock in servers]
    while not all(server.started for server, _ in servers):
        if any(task.done() for task in tasks):
            stop()
            break
        await asyncio.sleep(0.05)
    else:
        on_started()
    await asyncio.gather(*tasks)


def run_demo(
    *,
    host: str,
    port: int,
    simulators_port: int | None,
    seed: int,
    scale: int = 1,
    today: date,
    log_level: str,
    echo: Callable[[str], None],
) -> None:
    from gateway.app import create_app
    from gateway.http.protocol import protocol_for
    from gateway.live.webhook import PATH as WEBHOOK_PATH
    from simulators.config import SimConfig
    from simulators.harness import ResetLogFilter
    from simulators.server import create_simulator_app

    gateway_socket = bind(host, port)
    try:
        simulators_socket = bind(host, simulators_port)
    except OSError:
        gateway_socket.close()
        raise
    # bound to every interface (a container), the gateway still reaches the simulators on loopback
    local = LOOPBACK if host in ("0.0.0.0", "") else host
    simulators_url = f"http://{local}:{simulators_socket.getsockname()[1]}"
    gateway_url = f"http://{local}:{gateway_socket.getsockname()[1]}"
    logging.getLogger("uvicorn.error").addFilter(ResetLogFilter())
    simulators = _SharedLoopServer(
        uvicorn.Config(
            # applications made with POST /_sim/applications reach the gateway's webhook, and from
            # there `subscription { applicationReceived { ... } }` in GraphiQL
            create_simulator_app(
                SimConfig(
                    seed=seed,
                    today=today,
                    scale=scale,
                    ictergezocht_webhook_url=f"{gateway_url}{WEBHOOK_PATH}",
                    ictergezocht_webhook_key=DEMO_WEBHOOK_KEY,
                )
            ),
            log_level=log_level,
            log_config=None,  # through the handler `staffgraph demo` installed (gateway.telemetry.logs)
        )
    )
    settings = replace(
        demo_settings(simulators_url, today=today), ictergezocht_webhook_key=Secret(DEMO_WEBHOOK_KEY)
    )
    gateway = _SharedLoopServer(
        # the gateway's own connection protocol: header limits uvicorn lacks (gateway.http.protocol)
        uvicorn.Config(
            create_app(settings, demo=True),
            log_level=log_level,
            log_config=None,
            http=protocol_for(settings),
        )
    )

    def started() -> None:
        for line in banner(gateway_url, simulators_url):
            echo(line)

    try:
        asyncio.run(_serve_both([(simulators, simulators_socket), (gateway, gateway_socket)], started))
    finally:
        gateway_socket.close()
        simulators_socket.close()


__all__ = ["DEMO_LOKET_TOKENS", "DEMO_TODAY", "banner", "bind", "demo_settings", "run_demo"]
