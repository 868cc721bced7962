"""What each process of ``staffgraph serve --workers N`` imports: the app and protocol from the environment.

uvicorn starts worker processes with ``spawn``: each imports the app by name and builds its
own, so nothing built in the parent (clients, pools, caches, the configured protocol class)
crosses over. Both are therefore built here from ``STAFFGRAPH_*``, which the parent has
already validated (``serve`` refuses to start on a bad variable). Each worker has its own
connection pools and in-process caches; with ``STAFFGRAPH_REDIS_URL`` set they share caches
and budgets through Redis, as replicas do.
"""

from __future__ import annotations

import os

from starlette.applications import Starlette

from gateway.app import create_app
from gateway.gc_tuning import tune_for_serving
from gateway.http.protocol import HeaderLimitedProtocol
from gateway.settings import Settings
from gateway.telemetry import LogConfig, configure_logging, tracing

_SETTINGS = Settings.from_env(os.environ)


class Protocol(HeaderLimitedProtocol):
    """The gateway's HTTP protocol with the environment's header deadline and size."""

    header_timeout = _SETTINGS.client_timeouts.header
    max_header_bytes = _SETTINGS.limits.max_header_bytes


def app_from_environment() -> Starlette:
    """The gateway app of one worker (uvicorn calls it, ``factory=True``), with the logging and tracing
    the parent set up for itself (a spawned process starts with neither)."""
    configure_logging(LogConfig.from_env(os.environ))
    tracing.setup_from_env(os.environ)
    app = create_app(_SETTINGS)
    tune_for_serving()
    return app


__all__ = ["Protocol", "app_from_environment"]
