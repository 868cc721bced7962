"""The per-request GraphQL context: credentials, shared clients and this request's loaders.

Built by the GraphQL endpoint for every request (``build_context``) and reached by
resolvers as ``info.context``; a typed dataclass, not a dict, so its keys cannot drift.
Loaders live here and nowhere else, so one request's cached results never serve another.

The request's deadline (``STAFFGRAPH_REQUEST_DEADLINE``) starts here too, when the GraphQL
request starts: ``build_context`` makes it current (``gateway.resilience.deadline``), and
every upstream call the request makes is bounded by the time it has left. So does the
caller its calls are charged to (``gateway.resilience.budget``): who is calling is decided
here once (``gateway.callers``, ``gateway.auth``), before anything runs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from gateway.auth import OVERRIDE_HEADERS, Lending, RequestCredentials, lend
from gateway.callers import CALLER_HEADER, authenticator_of
from gateway.exceptions import UpstreamUnauthenticated
from gateway.metrics import observe_rows
from gateway.names import Upstream
from gateway.resilience.budget import Spender, charge_to
from gateway.resilience.deadline import Deadline, activate
from gateway.secrets import Secret
from gateway.settings import Settings
from gateway.telemetry.requests import request_id
from gateway.upstreams import Upstreams

if TYPE_CHECKING:
    from gateway.live import Broker

L = TypeVar("L")
T = TypeVar("T")


@dataclass
class Work:
    """What one request cost in upstream rows: fetched (received) and converted (made records).

    Sources count both (``gateway.sources``); converted never exceeding fetched is the
    proof that no list is converted once per parent. Also exported as metrics.
    """

    fetched: dict[str, int] = field(default_factory=dict)
    converted: dict[str, int] = field(default_factory=dict)

    def add(self, upstream: str, *, fetched: int = 0, converted: int = 0) -> None:
        self.fetched[upstream] = self.fetched.get(upstream, 0) + fetched
        self.converted[upstream] = self.converted.get(upstream, 0) + converted
        observe_rows(upstream, fetched=fetched, converted=converted)


@dataclass
class Context:
    settings: Settings
    credentials: RequestCredentials
    upstreams: Upstreams
    # the X-Request-Id of the request (gateway.telemetry), which errors quote
    request_id: str = field(default_factory=request_id)
    # When the request must be answered: ``settings.request_deadline`` seconds after the Context is made.
    deadline: Deadline = field(init=False, repr=False)
    _loaders: dict[Callable[..., Any], Any] = field(default_factory=dict, repr=False)
    _once: dict[Hashable, asyncio.Future[Any]] = field(default_factory=dict, repr=False)
    work: Work = field(default_factory=Work, repr=False)
    # facts learnt while answering, that later choices use (e.g. an employer's size from a page total)
    facts: dict[Hashable, Any] = field(default_factory=dict, repr=False)
    # live applications (gateway.live): the app's broker, and a WebSocket's connection_init payload
    live: Broker | None = field(default=None, repr=False)
    connection_params: dict[str, Any] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.deadline = Deadline.after(self.settings.request_deadline)

    def today(self) -> date:
        """The gateway's "today" (``STAFFGRAPH_TODAY`` pins it): default periods, the current school year."""
        return self.settings.today or date.today()

    def credential(self, upstream: str) -> Secret:
        """The token to send to ``upstream``: the caller's, else the gateway's own if the caller may use
        it (``RequestCredentials.for_upstream``); none is ``UNAUTHENTICATED`` on that
        upstream's fields only, before any call is made."""
        token = self.credentials.for_upstream(upstream) or self._held(upstream)
        if token is None:
            header = OVERRIDE_HEADERS[upstream].title().replace("Ictergezocht", "ICTerGezocht")
            raise UpstreamUnauthenticated(
                f"no credential for {upstream}: send 'Authorization: Bearer <token>' or '{header}'",
                upstream=upstream,
            )
        return token

    def _held(self, upstream: str) -> Secret | None:
        if upstream == Upstream.ICTERGEZOCHT:
            return self.settings.ictergezocht_api_key
        if upstream == Upstream.ONDERWIJSLOKET:
            return self.settings.onderwijsloket_token
        return None

    async def once(self, key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
        """``load()``'s result, computed once per request for ``key`` however many resolvers ask
        (concurrently or later): each upstream list a request needs is fetched and indexed once."""
        future = self._once.get(key)
        if future is None:
            future = self._once[key] = asyncio.ensure_future(load())
        result: T = await asyncio.shield(future)
        return result

    def holds(self, key: Hashable) -> bool:
        """Whether ``once`` has been asked for ``key`` in this request (its list is here or coming)."""
        return key in self._once

    def once_keys(self) -> list[Any]:
        return list(self._once)

    def close(self) -> None:
        """Let go of what the request fetched, once its answer is built.

        The loaders and the ``once`` memo refer back to this Context, a cycle only the cyclic
        garbage collector would break; a 200-person answer keeps megabytes of upstream rows in
        it. Clearing them here hands the rows back to reference counting as soon as the
        answer is out (``gateway.gc_tuning`` explains why the collector runs rarely). A load
        still running (a sibling of a failed field) is cancelled: nobody awaits it anymore.
        """
        for future in self._once.values():
            if not future.done():
                future.cancel()
        self._once.clear()
        self._loaders.clear()
        self.facts.clear()

    def forget(self, key: Hashable) -> None:
        """Drop what ``once`` holds for ``key`` (after a write changed it)."""
        self._once.pop(key, None)

    def loader(self, factory: Callable[[Context], L]) -> L:
        """This request's instance of a loader (created on first use)."""
        made = self._loaders.get(factory)
        if made is None:
            made = self._loaders[factory] = factory(self)
        return made


def build_context(
    headers: Mapping[str, str], settings: Settings, upstreams: Upstreams, *, client: str | None = None
) -> Context:
    """The context of one request from its headers and client address (``None``: unknown); a
    credential header sent twice is a 400 (``gateway.auth``)."""
    credentials = RequestCredentials.from_headers(
        headers,
        settings,
        authenticator=authenticator_of(upstreams, settings.auth, settings.timeouts),
        client=client,
    )
    context = Context(settings=settings, credentials=credentials, upstreams=upstreams)
    activate(context.deadline)  # this request's task, and every task it starts, sees it
    own = credentials.own_keys()
    charge_to(Spender(credentials.inbound.identity, own))  # the same, for budgets
    lend(Lending(own=own, writes=credentials.lends_writes()))  # and for writes (gateway.auth)
    return context


async def open_context(
    headers: Mapping[str, str], settings: Settings, upstreams: Upstreams, *, client: str | None = None
) -> Context:
    """``build_context`` for the GraphQL endpoint: first fetches the signing keys the caller's JWT
    needs, if they are not at hand (``STAFFGRAPH_JWT_JWKS_URL``) — the one await of authentication."""
    authenticator = authenticator_of(upstreams, settings.auth, settings.timeouts)
    value = next((v for k, v in headers.items() if k.lower() == CALLER_HEADER.lower()), None)
    await authenticator.prepare(value)
    return build_context(headers, settings, upstreams, client=client)
