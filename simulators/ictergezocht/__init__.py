"""Simulated ICTerGezocht.nl API: IT vacancies, their insights and clicks (see ``app``).

``create_upstream(config)`` builds the seeded data once and returns the app mounted at
``/ictergezocht``, its fault responder, the ``POST /_sim/applications`` control route
and a reset that restores the data and forgets the rate-limit windows. Keys and
accounts are listed in ``accounts``.
"""

from __future__ import annotations

from simulators.config import SimConfig
from simulators.ictergezocht.app import create_app
from simulators.ictergezocht.data import generate_dataset
from simulators.ictergezocht.errors import fault_response
from simulators.ictergezocht.openapi import ictergezocht_openapi
from simulators.ictergezocht.ratelimit import DEFAULT_RATE_LIMITS, RateLimiters, RateLimits
from simulators.ictergezocht.store import Store
from simulators.ictergezocht.webhook import application_routes
from simulators.upstream import SimulatedUpstream

NAME = "ictergezocht"


def create_upstream(config: SimConfig, limits: RateLimits | None = None) -> SimulatedUpstream:
    """``limits`` defaults to the config's (the documented 200/60 s per account, 1000/60 s per IP)."""
    if limits is None:
        limits = RateLimits(
            per_account=config.ictergezocht_account_limit, per_ip=config.ictergezocht_ip_limit
        )
    store = Store(generate_dataset(config.seed, config.today), config.today)
    limiters = RateLimiters(limits, config.clock)

    def reset() -> None:
        store.reset()
        limiters.reset()

    return SimulatedUpstream(
        apps={NAME: create_app(store, limiters)},
        fault_response=fault_response,
        control_routes=application_routes(store, config),
        reset=reset,
        openapi={NAME: ictergezocht_openapi},
    )


__all__ = ["DEFAULT_RATE_LIMITS", "NAME", "RateLimits", "create_upstream"]
