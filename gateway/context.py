"""The per-request GraphQL context: credentials, shared clients and this request's loaders.

Built by the GraphQL endpoint for every request (``build_context``) and reached by
resolvers as ``info.context``; a typed dataclass, not a dict, so its keys cannot drift.
Loaders live here and nowhere else, so one request's cached results never serve another.

The request's deadline (``STAFFGRAPH_REQUEST_DEADLINE``) starts here too, when the GraphQL
request starts: ``build_context`` makes it current (``gateway.resilience.deadline``), and
every upstream call the request makes is bounded by the time it has left.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from gateway.auth import OVERRIDE_HEADERS, RequestCredentials
from gateway.exceptions import UpstreamUnauthenticated
from gateway.resilience.deadline import Deadline, activate
from gateway.secrets import Secret
from gateway.settings import Settings
from gateway.upstreams import Upstreams

L = TypeVar("L")


@dataclass
class Context:
    settings: Settings
    credentials: RequestCredentials
    upstreams: Upstreams
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    # When the request must be answered: ``settings.request_deadline`` seconds after the Context is made.
    deadline: Deadline = field(init=False, repr=False)
    _loaders: dict[Callable[..., Any], Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.deadline = Deadline.after(self.settings.request_deadline)

    def today(self) -> date:
        """The gateway's "today" (``STAFFGRAPH_TODAY`` pins it): default periods, the current school year."""
        return self.settings.today or date.today()

    def credential(self, upstream: str) -> Secret:
        """The token to send to ``upstream``: the caller's, else the gateway's own; none is
        ``UNAUTHENTICATED`` on that upstream's fields only, before any call is made."""
        token = self.credentials.for_upstream(upstream) or self._held(upstream)
        if token is None:
            header = OVERRIDE_HEADERS[upstream].title().replace("Ictergezocht", "ICTerGezocht")
            raise UpstreamUnauthenticated(
                f"no credential for {upstream}: send 'Authorization: Bearer <token>' or '{header}'",
                upstream=upstream,
            )
        return token

    def _held(self, upstream: str) -> Secret | None:
        if upstream == "ictergezocht":
            return self.settings.ictergezocht_api_key
        if upstream == "onderwijsloket":
            return self.settings.onderwijsloket_token
        return None

    def loader(self, factory: Callable[[Context], L]) -> L:
        """This request's instance of a loader (created on first use)."""
        made = self._loaders.get(factory)
        if made is None:
            made = self._loaders[factory] = factory(self)
        return made


def build_context(headers: Mapping[str, str], settings: Settings, upstreams: Upstreams) -> Context:
    context = Context(
        settings=settings,
        credentials=RequestCredentials.from_headers(headers, settings),
        upstreams=upstreams,
    )
    activate(context.deadline)  # this request's task, and every task it starts, sees it
    return context
