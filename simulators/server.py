"""One ASGI app serving all simulated upstreams under path prefixes, plus ``/_sim``.

``/loket`` (API base ``/loket/v2``, token endpoint ``/loket/token``), ``/informat``,
``/identity`` (``/identity/connect/token``), ``/ictergezocht``, ``/onderwijsloket``, each API
with its OpenAPI document at ``/{name}/openapi.json`` (``simulators.openapi``).
Each upstream runs inside an ``UpstreamHarness``, which records its calls and the response
bytes it sends in one shared ``CallLog`` (``GET /_sim/calls``) and injects its faults.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.routing import BaseRoute, Mount, Route

from simulators.calls import CallLog
from simulators.config import SimConfig
from simulators.control import control_routes
from simulators.faults import FaultBoard
from simulators.harness import UpstreamHarness
from simulators.openapi.document import document_endpoint
from simulators.upstream import SimulatedUpstream


def default_upstreams(config: SimConfig) -> list[SimulatedUpstream]:
    """The four simulated APIs, built from ``config`` (imports kept local: each is large)."""
    from simulators import ictergezocht, informat, loket, onderwijsloket

    return [
        loket.create_upstream(config),
        informat.create_upstream(config),
        ictergezocht.create_upstream(config),
        onderwijsloket.create_upstream(config),
    ]


def create_simulator_app(
    config: SimConfig | None = None, upstreams: Sequence[SimulatedUpstream] | None = None
) -> Starlette:
    config = config or SimConfig()
    bundles = list(upstreams) if upstreams is not None else default_upstreams(config)
    names = [name for bundle in bundles for name in bundle.apps]
    if len(set(names)) != len(names):
        raise ValueError(f"two simulators claim the same prefix: {sorted(names)}")
    calls = CallLog(names)
    faults = FaultBoard()
    routes: list[BaseRoute] = []
    extra_control: list[BaseRoute] = []
    for bundle in bundles:
        for name, app in bundle.apps.items():
            harness = UpstreamHarness(
                app,
                upstream=name,
                calls=calls,
                faults=faults,
                fault_response=bundle.fault_response,
                canonical_path=bundle.canonical_path,
            )
            if name in bundle.openapi:
                # before the mount, and so outside the harness: no call counted, no fault injected
                endpoint = document_endpoint(bundle.openapi[name])
                routes.append(Route(f"/{name}/openapi.json", endpoint, methods=["GET"]))
            routes.append(Mount(f"/{name}", app=harness))
        extra_control.extend(bundle.control_routes)
    control = control_routes(calls, faults, set(names), [bundle.reset for bundle in bundles])
    routes.insert(0, Mount("/_sim", routes=control + extra_control))
    app = Starlette(routes=routes)
    app.state.calls = calls
    app.state.faults = faults
    app.state.config = config
    return app
