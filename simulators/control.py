"""The simulator control API under ``/_sim`` (never part of the gateway).

- ``GET /_sim/calls``: since the last reset, the calls per upstream and per endpoint path
  template, and the response body bytes each served (``simulators.calls``)::

      {"loket": {"total": 3, "endpoints": {"GET /v2/providers/employers": 3},
                 "bytes": 5120, "endpoint_bytes": {"GET /v2/providers/employers": 5120}},
       ..., "total": 3, "bytes": 5120}

  ``DELETE`` resets the counts and the bytes.
- ``GET /_sim/faults``: active plans; ``PUT`` sets one plan or a list; ``DELETE`` clears
  all, or one upstream with ``?upstream=loket``.
- ``POST /_sim/reset``: restore every upstream's seeded data, tokens and rate limits.
- plus the routes each upstream contributes (``POST /_sim/applications``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from simulators.calls import CallLog
from simulators.faults import FaultBoard, FaultPlanError, parse_fault_plan
from simulators.responses import JSONResponse


def control_routes(
    calls: CallLog,
    faults: FaultBoard,
    upstreams: set[str],
    resets: Iterable[Callable[[], None]],
) -> list[BaseRoute]:
    reset_all = list(resets)

    async def get_calls(request: Request) -> Response:
        return JSONResponse(calls.snapshot())

    async def delete_calls(request: Request) -> Response:
        calls.reset()
        return Response(status_code=204)

    async def get_faults(request: Request) -> Response:
        return JSONResponse({"faults": faults.plans()})

    async def put_faults(request: Request) -> Response:
        try:
            body = orjson.loads(await request.body())
        except orjson.JSONDecodeError as exc:
            return JSONResponse({"error": f"body is not valid JSON: {exc}"}, status_code=400)
        items = body if isinstance(body, list) else [body]
        try:
            plans = [parse_fault_plan(item, upstreams) for item in items]
        except FaultPlanError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        for plan in plans:
            faults.set(plan)
        return JSONResponse({"faults": faults.plans()})

    async def delete_faults(request: Request) -> Response:
        upstream = request.query_params.get("upstream")
        if upstream is not None and upstream not in upstreams:
            return JSONResponse(
                {"error": f"'upstream' must be one of {', '.join(sorted(upstreams))}, got {upstream!r}"},
                status_code=400,
            )
        faults.clear(upstream)
        return Response(status_code=204)

    async def reset(request: Request) -> Response:
        for restore in reset_all:
            restore()
        return Response(status_code=204)

    return [
        Route("/calls", get_calls, methods=["GET"]),
        Route("/calls", delete_calls, methods=["DELETE"]),
        Route("/faults", get_faults, methods=["GET"]),
        Route("/faults", put_faults, methods=["PUT"]),
        Route("/faults", delete_faults, methods=["DELETE"]),
        Route("/reset", reset, methods=["POST"]),
    ]
