"""The ``staffgraph`` command (see "Operating contract" in design.md).

``serve`` runs the gateway with settings from ``STAFFGRAPH_*``; ``simulators`` runs the
four simulated upstreams; ``demo`` runs both in one process for people trying the graph;
``schema print`` writes the SDL (the contract snapshot); ``check-config`` checks the
environment ``serve`` would read (gateway.config_check); ``documents add`` and ``list`` keep
the trusted-documents manifest. This is the only module that reads the environment.
"""

from __future__ import annotations

import errno
import logging
import os
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from gateway.demo import DEMO_TODAY
from simulators.config import DEFAULT_SEED, MAX_SCALE

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="staffgraph: one GraphQL graph over four REST APIs."
)
schema_app = typer.Typer(no_args_is_help=True, help="The GraphQL schema.")
app.add_typer(schema_app, name="schema")
documents_app = typer.Typer(no_args_is_help=True, help="The trusted-documents manifest (APQ, safelist).")
app.add_typer(documents_app, name="documents")
ManifestOption = Annotated[
    Path,
    typer.Option(
        "--manifest",
        envvar="STAFFGRAPH_TRUSTED_DOCUMENTS_FILE",
        help="The manifest (Apollo's persisted-query manifest format).",
    ),
]
DEFAULT_MANIFEST = Path("trusted-documents.json")  # Settings.trusted_documents.file

LOOPBACK = "127.0.0.1"


def _today(today: str | None, default: date | None = None) -> date:
    """``--today`` as a date; without it ``default``, else the real date."""
    try:
        return date.fromisoformat(today) if today else default or date.today()
    except ValueError as exc:
        raise typer.BadParameter(f"--today must be YYYY-MM-DD, got {today!r}") from exc


@app.callback()
def main() -> None:
    """staffgraph: one GraphQL graph over four REST APIs."""


@app.command()
def simulators(
    host: Annotated[str, typer.Option(help="Interface to bind (keep it on loopback).")] = LOOPBACK,
    port: Annotated[int, typer.Option(help="TCP port for all four simulators and /_sim.")] = 9100,
    seed: Annotated[int, typer.Option(help="Seed for the generated data.")] = DEFAULT_SEED,
    scale: Annotated[
        int,
        typer.Option(
            help="Make every Loket employer and Informat school N times larger.", min=1, max=MAX_SCALE
        ),
    ] = 1,
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

    day = _today(today)
    config = SimConfig(
        seed=seed,
        today=day,
        scale=scale,
        ictergezocht_webhook_url=webhook_url,
        ictergezocht_account_limit=ictergezocht_account_limit or None,
        ictergezocht_ip_limit=ictergezocht_ip_limit or None,
    )
    simulator_app = create_simulator_app(config)
    logging.getLogger("uvicorn.error").addFilter(ResetLogFilter())
    typer.echo(f"staffgraph simulators on http://{host}:{port} (seed {seed}, scale {scale}, today {day})")
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


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = LOOPBACK,
    port: Annotated[int, typer.Option(help="TCP port for /graphql, /healthz, /readyz and /metrics.")] = 8000,
    workers: Annotated[
        int, typer.Option(help="Worker processes sharing the port (each with its own pools).", min=1, max=64)
    ] = 1,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Run the gateway; upstream URLs, credentials and timeouts come from STAFFGRAPH_* variables."""
    from gateway.documents import build_persisted_documents
    from gateway.exceptions import ConfigError
    from gateway.settings import Settings
    from gateway.telemetry import LogConfig, configure_logging, tracing

    try:
        # refused here, once, rather than in every worker: the settings, the documents manifest, the
        # log format (JSON lines unless STAFFGRAPH_LOG_FORMAT=text) and OpenTelemetry's OTEL_* variables
        build_persisted_documents(Settings.from_env(os.environ))
        logs = LogConfig.from_env(os.environ)
        tracing.setup_from_env(os.environ)
    except ConfigError as exc:
        typer.echo(f"staffgraph serve: {exc}", err=True)
        raise typer.Exit(2) from None
    configure_logging(logs)
    typer.echo(f"staffgraph gateway on http://{host}:{port}/graphql ({workers} worker{'s' * (workers > 1)})")
    # gateway.worker builds the app and the protocol with the request headers' deadline and size
    # (STAFFGRAPH_HEADER_TIMEOUT, STAFFGRAPH_MAX_HEADER_BYTES) in each process, from the environment
    uvicorn.run(
        "gateway.worker:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        log_config=None,  # uvicorn's loggers write through configure_logging's handler (each worker's too)
        http="gateway.worker:Protocol",
    )


@app.command("check-config")
def check_config(
    strict: Annotated[
        bool, typer.Option(help="Exit 2 also when a STAFFGRAPH_* variable is not one staffgraph reads.")
    ] = False,
) -> None:
    """Check the STAFFGRAPH_* environment as `serve` reads it: OK and a summary (never a secret), or the
    wrong variable named and exit 2. Unknown STAFFGRAPH_* names (typos) are warned about."""
    from gateway.config_check import check, summary

    result = check(os.environ)
    for unknown in result.unknown:
        typer.echo(f"warning: {unknown}", err=True)
    if result.settings is None:
        typer.echo(f"staffgraph check-config: {result.error}", err=True)
        raise typer.Exit(2)
    typer.echo("staffgraph check-config: OK")
    for line in summary(result.settings):
        typer.echo(line)
    if strict and result.unknown:
        raise typer.Exit(2)


@app.command()
def demo(
    port: Annotated[int, typer.Option(help="TCP port for the gateway (GraphiQL at /graphql).")] = 8000,
    simulators_port: Annotated[
        int | None, typer.Option(help="TCP port for the simulators; default: a free one.")
    ] = None,
    host: Annotated[str, typer.Option(help="Interface to bind (keep it on loopback).")] = LOOPBACK,
    seed: Annotated[int, typer.Option(help="Seed for the simulators' data.")] = DEFAULT_SEED,
    scale: Annotated[
        int,
        typer.Option(
            help="Make every Loket employer and Informat school N times larger.", min=1, max=MAX_SCALE
        ),
    ] = 1,
    today: Annotated[
        str | None,
        typer.Option(
            help=f"Pretend today is this date (YYYY-MM-DD), for the simulators and the gateway; "
            f"default: {DEMO_TODAY}, the day the GraphiQL examples' ids belong to."
        ),
    ] = None,
    log_level: Annotated[
        str, typer.Option(help="uvicorn log level ('info' logs each request and its upstream calls).")
    ] = "info",
) -> None:
    """Run the simulators and the gateway (holding the demo credentials) in one process."""
    from gateway.demo import run_demo
    from gateway.exceptions import ConfigError
    from gateway.telemetry import LogConfig, configure_logging, tracing

    day = _today(today, DEMO_TODAY)
    try:  # human lines unless STAFFGRAPH_LOG_FORMAT=json
        configure_logging(LogConfig.from_env(os.environ, default_format="text"))
        tracing.setup_from_env(os.environ)
    except ConfigError as exc:
        typer.echo(f"staffgraph demo: {exc}", err=True)
        raise typer.Exit(2) from None
    try:
        run_demo(
            host=host,
            port=port,
            simulators_port=simulators_port,
            seed=seed,
            scale=scale,
            today=day,
            log_level=log_level,
            echo=typer.echo,
        )
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        ports = f"{port} or {simulators_port}" if simulators_port else str(port)
        typer.echo(f"staffgraph demo: cannot listen on {host}:{ports}: {exc.strerror}", err=True)
        raise typer.Exit(1) from None


@schema_app.command("print")
def print_schema() -> None:
    """Print the schema's SDL (what tests/snapshots/schema.graphql holds)."""
    from schema.schema import schema

    typer.echo(schema.as_str())


@documents_app.command("add")
def add_documents(
    files: Annotated[list[Path], typer.Argument(help=".graphql files, one or more operations each.")],
    manifest: ManifestOption = DEFAULT_MANIFEST,
) -> None:
    """Validate the operations of FILES against the schema and merge them into the manifest."""
    from gateway.documents.authoring import add_documents as add
    from gateway.documents.extract import DocumentFileError
    from gateway.documents.manifest import ManifestError
    from schema.schema import schema

    try:
        added = add(files, manifest, schema._schema)
    except (DocumentFileError, ManifestError) as exc:
        typer.echo(f"staffgraph documents add: nothing written:\n{exc}", err=True)
        raise typer.Exit(1) from None
    for document in added.new:
        typer.echo(f"added {document.id}  {document.type or '?'} {document.name or '(anonymous)'}")
    typer.echo(f"{manifest}: {len(added.new)} added, {added.known} already there, {added.total} in all")


@documents_app.command("list")
def list_documents(manifest: ManifestOption = DEFAULT_MANIFEST) -> None:
    """Print each document of the manifest: its id, operation type and name."""
    from gateway.documents.manifest import ManifestError, read_manifest

    try:
        documents = read_manifest(manifest)
    except ManifestError as exc:
        typer.echo(f"staffgraph documents list: {exc}", err=True)
        raise typer.Exit(1) from None
    for document in documents:
        typer.echo(f"{document.id}  {document.type or '?'} {document.name or '(anonymous)'}")
