"""One client per upstream, created once per app (pooled connections), shared by all requests."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from gateway.settings import Settings
from gateway.shared.redis import SharedRedis
from gateway.tokens import InformatTokens
from gateway.upstreams.base import UpstreamClient
from gateway.upstreams.ictergezocht import ICTerGezochtClient
from gateway.upstreams.informat import InformatClient, InformatIdentityClient
from gateway.upstreams.loket import LoketClient
from gateway.upstreams.onderwijsloket import OnderwijsloketClient


@dataclass(frozen=True)
class Upstreams:
    loket: LoketClient
    informat: InformatClient
    ictergezocht: ICTerGezochtClient
    onderwijsloket: OnderwijsloketClient
    # the gateway's own Informat tokens (client credentials), shared by all requests
    informat_tokens: InformatTokens
    # shared state of the replicas (STAFFGRAPH_REDIS_URL): caches, tokens, budgets; None = in-process
    redis: SharedRedis | None = None

    def all(self) -> list[UpstreamClient]:
        return [self.loket, self.informat, self.ictergezocht, self.onderwijsloket]

    async def aclose(self) -> None:
        for client in self.all():
            await client.aclose()
        await self.informat_tokens.aclose()
        if self.redis is not None:
            await self.redis.aclose()


def build_upstreams(
    settings: Settings,
    transport: httpx.AsyncBaseTransport | None = None,
    *,
    clock: Callable[[], float] = time.monotonic,
) -> Upstreams:
    """The four clients and the app's Redis pool (``STAFFGRAPH_REDIS_URL``); ``transport`` (e.g.
    ``httpx.ASGITransport`` over the simulators) and ``clock`` (the circuit breakers' and budgets'
    time) are for tests."""
    redis = SharedRedis.from_settings(settings)
    common: dict[str, Any] = {
        "timeouts": settings.timeouts,
        "transport": transport,
        "http_transport": settings.http_transport,
        "retry": settings.retry,
        "breaker": settings.breaker,
        "clock": clock,
    }
    return Upstreams(
        loket=LoketClient(settings.loket_url, **common),
        informat=InformatClient(settings.informat_url, **common),
        ictergezocht=ICTerGezochtClient(
            settings.ictergezocht_url, budget=settings.ictergezocht_budget, redis=redis, **common
        ),
        onderwijsloket=OnderwijsloketClient(settings.onderwijsloket_url, **common),
        informat_tokens=InformatTokens(
            InformatIdentityClient(settings.informat_token_url, **common),
            settings.informat_client_id,
            settings.informat_client_secret,
            tuple(number for number, _ in settings.informat_institutes),
            redis=redis,
        ),
        redis=redis,
    )


__all__ = ["Upstreams", "build_upstreams"]
