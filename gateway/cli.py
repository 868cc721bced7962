"""The ``staffgraph`` command (see "Operating contract" in design.md)."""

from __future__ import annotations

import logging
from datetime import date
from typing import Annotated

import typer
import uvicorn

from simulators.config import DEFAULT_SEED

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="staffgraph: one GraphQL graph over four REST APIs."
)

LOOPBACK = "127.0.0.1"


@app.callback()
def main() -> None:
    """staffgraph: one GraphQL graph over four REST APIs."""


@app.command()
def simulators(
    host: Annotated[str, typer.Option(help="Interface to bind (keep it on loopback).")] = LOOPBACK,
    port: Annotated[int, typer.Option(help="TCP port for all four simulators and /_sim.")] = 9100,
    seed: Annotated[int, typer.Option(help="Seed for the generated data.")] = DEFAULT_SEED,
    today: Annotated[
        str | None, typer.Option(help="Pretend today is this date (YYYY-MM-DD); default: the real date.")
    ] = None,
    webhook_url: Annotated[
        str | None, typer.Option(help="Where ICTerGezocht POSTs application webhooks.")
    ] = None,
    ictergezocht_account_limit: Annotated[
        int, typer.Option(help="ICTerGezocht requests per 60 s per account (0 = no limit).")
    ] = 200,
    ictergezocht_ip_limit: Annotated[
        int, typer.Option(help="ICTerGezocht requests per 60 s per client IP (0 = no limit).")
    ] = 1000,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the Loket, Informat (+ identity), ICTerGezocht and Onderwijsloket simulators on one port."""
    from simulators.config import SimConfig
    from simulators.harness import ResetLogFilter
    from simulators.server import create_simulator_app

    try:
        day = date.fromisoformat(today) if today else date.today()
    except ValueError as exc:
        raise typer.BadParameter(f"--today must be YYYY-MM-DD, got {today!r}") from exc
    config = SimConfig(
        seed=seed,
        today=day,
        ictergezocht_webhook_url=webhook_url,
        ictergezocht_account_limit=ictergezocht_account_limit or None,
        ictergezocht_ip_limit=ictergezocht_ip_limit or None,
    )
    simulator_app = create_simulator_app(config)
    logging.getLogger("uvicorn.error").addFilter(ResetLogFilter())
    typer.echo(f"staffgraph simulators on http://{host}:{port} (seed {seed}, today {day})")
    for prefix in (
        "/loket/v2",
        "/loket/token",
        "/informat",
        "/identity/connect/token",
        "/ictergezocht",
        "/onderwijsloket/items",
        "/_sim/calls",
        "/_sim/faults",
    ):
        typer.echo(f"  http://{host}:{port}{prefix}")
    uvicorn.run(simulator_app, host=host, port=port, log_level=log_level)
