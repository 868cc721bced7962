"""A faithful stand-in for the Onderwijsloket API (Directus): teacher-training programmes,
their forms, institutions and locations under ``/onderwijsloket/items/{collection}``.

``create_upstream(config)`` builds the seeded data set once and returns the Starlette app
with its fault body and reset. Modules: ``schema`` (collections and relations), ``catalog``
/ ``offers`` / ``geodata`` / ``data`` / ``programs`` (the seeded rows), ``store`` (what a
policy may read), ``querystring`` / ``query`` / ``filters`` (reading parameters as
Directus does), ``evaluator`` / ``operators`` / ``geo`` / ``search`` / ``sorting`` /
``listing`` / ``fields`` / ``items`` (answering a query), ``auth`` / ``ratelimit``
(who may ask, how often), ``routes_items`` / ``routes_auth`` / ``app`` (HTTP).
"""

from __future__ import annotations

from simulators.config import SimConfig
from simulators.onderwijsloket.app import build_app
from simulators.onderwijsloket.context import Onderwijsloket
from simulators.onderwijsloket.errors import fault_response
from simulators.onderwijsloket.openapi import onderwijsloket_openapi
from simulators.onderwijsloket.ratelimit import RateLimit
from simulators.upstream import SimulatedUpstream

NAME = "onderwijsloket"

__all__ = ["NAME", "Onderwijsloket", "RateLimit", "create_upstream"]


def create_upstream(config: SimConfig, rate_limit: RateLimit | None = None) -> SimulatedUpstream:
    """The simulated Onderwijsloket; ``rate_limit`` switches on Directus's global limiter."""
    simulator = Onderwijsloket.build(config, rate_limit)
    return SimulatedUpstream(
        apps={NAME: build_app(simulator)},
        fault_response=fault_response,
        reset=simulator.reset,
        openapi={NAME: onderwijsloket_openapi},
    )
