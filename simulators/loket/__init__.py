"""A faithful stand-in for the Loket.nl API v2 (Dutch payroll and HR), mounted at ``/loket``.

API base ``/loket/v2``, token endpoint ``/loket/token``, login page ``/loket/authorize``.
Demo users: ``alice`` (token ``demo-loket-alice``, two employers) and ``bob``
(``demo-loket-bob``, one other employer); client ``staffgraph-demo`` / ``demo-secret``.
The seeded data and the store behind the app are at ``app.state.store``; with
``SimConfig.scale`` N every employer has N times the employees (and their employments,
absences and leave), scale 1 being exactly the default data. Only operations in the
reference list of real Loket operations are served (``tests/simulators/loket/test_routes_are_real.py``).
"""

from __future__ import annotations

from simulators.config import SimConfig
from simulators.loket.app import create_app
from simulators.loket.fault_bodies import loket_fault_response
from simulators.loket.openapi import loket_openapi
from simulators.loket.store import LoketStore
from simulators.upstream import SimulatedUpstream

__all__ = ["create_upstream"]


def create_upstream(config: SimConfig) -> SimulatedUpstream:
    store = LoketStore(config)
    return SimulatedUpstream(
        apps={"loket": create_app(store)},
        fault_response=loket_fault_response(config),
        reset=store.reset,
        openapi={"loket": loket_openapi},
    )
