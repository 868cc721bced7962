"""The ICTerGezocht.nl API as one Starlette app (mounted at ``/ictergezocht``).

Paths are the real API's (base https://api.ictergezocht.nl): ``POST /vacancy``,
``PUT``/``DELETE /vacancy/{vacancyId}``, ``GET /vacancy/insight``, ``GET /click``,
``GET /company/type``, ``GET /company/user/function``. Every answer that is not a
success is the documented ``{"errors": [...]}`` body.

Choice: no trailing-slash redirects (``/click/`` is a 404): the document's status
table has no 3xx, and a redirect would also change the method of a POST in some clients.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware

from simulators.ictergezocht.auth import Gatekeeper
from simulators.ictergezocht.errors import (
    ApiError,
    api_error_handler,
    http_error_handler,
    server_error_handler,
)
from simulators.ictergezocht.ratelimit import IpRateLimit, RateLimiters
from simulators.ictergezocht.routes_lists import list_routes
from simulators.ictergezocht.routes_vacancy import vacancy_routes
from simulators.ictergezocht.store import Store


def create_app(store: Store, limiters: RateLimiters) -> Starlette:
    gate = Gatekeeper(limiters.per_account)
    app = Starlette(
        routes=[*vacancy_routes(store, gate), *list_routes(store, gate)],
        middleware=[Middleware(IpRateLimit, window=limiters.per_ip)],
        exception_handlers={
            ApiError: api_error_handler,
            HTTPException: http_error_handler,
            Exception: server_error_handler,
        },
    )
    app.router.redirect_slashes = False
    return app
