"""The contract between the simulator server and each simulated upstream.

Every package under ``simulators/`` (``loket``, ``informat``, ``ictergezocht``,
``onderwijsloket``) exposes ``create_upstream(config) -> SimulatedUpstream``. The
server mounts each app at ``/{name}``, wraps it in the call recorder and fault
injector (``simulators.harness``) and adds the control routes under ``/_sim``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import BaseRoute

from simulators.openapi.document import DocumentBuilder
from simulators.responses import JSONResponse

# (upstream name, HTTP status, Retry-After seconds or None) -> the upstream's own error response
FaultResponder = Callable[[str, int, int | None], Response]


def plain_fault_response(upstream: str, status: int, retry_after: int | None) -> Response:
    """A generic error answer, for upstreams whose documents show no body for 5xx."""
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return JSONResponse(
        {"message": f"Simulated {status} from {upstream}"}, status_code=status, headers=headers
    )


def _nothing_to_reset() -> None:
    return None


@dataclass
class SimulatedUpstream:
    """One simulated API (or a pair that share state, like Informat and its identity server)."""

    # upstream name -> app, mounted at "/{name}" (e.g. {"informat": api, "identity": idp})
    apps: dict[str, Starlette]
    # the error response this upstream would send for an injected status fault
    fault_response: FaultResponder = plain_fault_response
    # extra control routes, mounted under /_sim (e.g. POST /_sim/applications)
    control_routes: list[BaseRoute] = field(default_factory=list)
    # restore the seeded data, forget issued tokens and rate-limit windows
    reset: Callable[[], None] = _nothing_to_reset
    # how the upstream normalises a path before routing (Informat: lower-case, as ASP.NET
    # does), so calls spelt differently are counted against the same template
    canonical_path: Callable[[str], str] | None = None
    # upstream name -> its OpenAPI document, served at "/{name}/openapi.json" (simulators.openapi)
    openapi: dict[str, DocumentBuilder] = field(default_factory=dict)
