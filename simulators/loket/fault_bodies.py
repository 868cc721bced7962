"""What Loket answers for a status injected by the fault harness (``PUT /_sim/faults``).

401 and 403 carry the documented ``{"message": ...}`` bodies; 400, 404 and 409 the
envelope with a BrokenBusinessRule, NotFound or ConcurrencyViolation message.
Choice: the document shows no 429 (Loket publishes no rate limit); when one is
injected it looks like the API gateway's: ``{"statusCode": 429, "message": "Rate
limit is exceeded. Try again in N seconds."}`` with ``Retry-After``.
Choice: 500 is ASP.NET Web API's ``{"message": "An error has occurred."}``; other 5xx
(502, 503, 504 come from the load balancer in front) have an empty body, as the mock
has no body for them.
"""

from __future__ import annotations

from starlette.responses import Response

from simulators.config import SimConfig
from simulators.loket.envelopes import error_response, plain_message
from simulators.loket.errors import (
    CODE_INVALID_PARAMETER,
    BrokenRule,
    Concurrency,
    Forbidden,
    NotFound,
    Unauthorized,
)
from simulators.loket.versions import GENERAL
from simulators.responses import JSONResponse
from simulators.upstream import FaultResponder


def loket_fault_response(config: SimConfig) -> FaultResponder:
    clock = config.clock

    def respond(upstream: str, status: int, retry_after: int | None) -> Response:
        extra = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        errors = {
            400: BrokenRule((CODE_INVALID_PARAMETER, "Simulated bad request")),
            401: Unauthorized(),
            403: Forbidden("simulated fault"),
            404: NotFound("resource", "simulated"),
            409: Concurrency(),
        }
        if status in errors:
            response = error_response(errors[status], is_list=False, version=GENERAL[-1], clock=clock)
            response.headers.update(extra)
            return response
        if status == 429:
            seconds = retry_after if retry_after is not None else 1
            body = {"statusCode": 429, "message": f"Rate limit is exceeded. Try again in {seconds} seconds."}
            return JSONResponse(body, status_code=429, headers={"Retry-After": str(seconds)})
        if status == 500:
            return plain_message(500, "An error has occurred.", clock, extra)
        if status >= 500:
            return Response(b"", status_code=status, headers=extra)
        return plain_message(status, f"The request failed with status {status}.", clock, extra)

    return respond
