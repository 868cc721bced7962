"""The Redis pub/sub channel that carries applications between replicas (``STAFFGRAPH_REDIS_URL``).

``publish`` sends one message, bounded by ``PUBLISH_TIMEOUT`` so a Redis that hangs delays
the webhook's answer by at most that; any failure is logged as a warning (once per outage,
then at DEBUG) and counted (``staffgraph_live_relay_failures``), never raised: the webhook
answers and local subscribers have the application already (``gateway.live.broker``).
A background task listens on the channel and hands every message to the broker; it
reconnects with backoff after Redis goes away, and ``staffgraph_live_relay_listening`` says
whether it is subscribed right now. Pub/sub keeps nothing: a replica that is not
listening when an application is published misses it.

The client is given to the relay (``build_relay``), so moving to a shared Redis connection
is a change to that one function.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

import redis.asyncio as redis
from redis.exceptions import RedisError

from gateway.live.metrics import RELAY_FAILURES, RELAY_LISTENING

log = logging.getLogger("staffgraph.live")

CHANNEL = "staffgraph:live:applications"
PUBLISH_TIMEOUT = 2.0
CONNECT_TIMEOUT = 2.0
RECONNECT_BACKOFF = (0.1, 5.0)  # first and longest wait between attempts to listen again


class RedisRelay:
    def __init__(self, client: redis.Redis, *, channel: str = CHANNEL) -> None:
        self.client = client
        self.channel = channel
        self.listening = False
        self._task: asyncio.Task[None] | None = None
        self._publish_failing = False

    async def start(self, deliver: Callable[[bytes], None]) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._listen(deliver), name="staffgraph-live-relay")

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._set_listening(False)
        await self.client.aclose()

    async def publish(self, message: bytes) -> None:
        try:
            async with asyncio.timeout(PUBLISH_TIMEOUT):
                await self.client.publish(self.channel, message)
        except (RedisError, OSError, TimeoutError) as exc:
            RELAY_FAILURES.inc()
            level = logging.DEBUG if self._publish_failing else logging.WARNING
            self._publish_failing = True
            log.log(
                level,
                "could not relay an application to the other replicas through Redis (%s); "
                "this replica's subscribers got it",
                type(exc).__name__,
            )
            return
        if self._publish_failing:
            log.warning("relaying applications through Redis works again")
            self._publish_failing = False

    async def _listen(self, deliver: Callable[[bytes], None]) -> None:
        wait, longest = RECONNECT_BACKOFF
        warned = False
        while True:
            pubsub: Any = self.client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self.channel)
                self._set_listening(True)
                if warned:
                    log.warning("listening to other replicas' applications through Redis again")
                warned = False
                wait = RECONNECT_BACKOFF[0]
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        deliver(message["data"])
            except (RedisError, OSError) as exc:
                self._set_listening(False)
                if not warned:
                    log.warning(
                        "not receiving other replicas' applications: Redis is unreachable (%s); retrying",
                        type(exc).__name__,
                    )
                    warned = True
            finally:
                with contextlib.suppress(RedisError, OSError):
                    await pubsub.aclose()
            await asyncio.sleep(wait)
            wait = min(wait * 2, longest)

    def _set_listening(self, listening: bool) -> None:
        self.listening = listening
        RELAY_LISTENING.set(1 if listening else 0)


def build_relay(url: str | None) -> RedisRelay | None:
    """The relay over ``STAFFGRAPH_REDIS_URL``; ``None`` (in-process only) without one."""
    if url is None:
        return None
    client = redis.Redis.from_url(url, socket_connect_timeout=CONNECT_TIMEOUT, health_check_interval=30)
    return RedisRelay(client)


__all__ = ["CHANNEL", "RedisRelay", "build_relay"]
