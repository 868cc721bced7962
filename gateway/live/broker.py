"""In-process fan-out of applications to their subscribers, relayed across replicas through Redis.

``Broker.publish`` hands an application to every local subscriber at once, with
``put_nowait`` on its own bounded queue: a subscriber that reads slower than applications
arrive fills its queue, is dropped (its stream ends with ``SUBSCRIBER_TOO_SLOW`` after what
it already holds) and never makes the webhook wait. With a ``RedisRelay`` the application
also goes to the Redis channel, tagged with this process's origin, and every other replica
fans it out to its own subscribers; a replica ignores its own messages, since it delivered
them locally already. So local delivery never depends on Redis: when Redis is down the
webhook still answers, this replica's subscribers still get the application, the relay
logs a warning, and the other replicas miss it until Redis is back.

``subscribe`` admits a subscription within the per-caller limit (``STAFFGRAPH_MAX_SUBSCRIPTIONS``,
a caller being ``gateway.callers``' identity) and the process-wide one
(``STAFFGRAPH_MAX_SUBSCRIBERS``), before it gets a queue.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import orjson

from gateway.live.application import ApplicationRecord
from gateway.live.errors import SubscriberTooSlow, SubscriptionRefused
from gateway.live.metrics import DROPPED, SUBSCRIBERS

if TYPE_CHECKING:
    from gateway.live.relay import RedisRelay

log = logging.getLogger("staffgraph.live")

# Applications one subscriber may have waiting; each is at most ~70 KB (a 65,535-character motivation).
QUEUE_SIZE = 16
PER_CALLER_SETTING = "STAFFGRAPH_MAX_SUBSCRIPTIONS"
TOTAL_SETTING = "STAFFGRAPH_MAX_SUBSCRIBERS"


class Subscriber:
    """One subscription's queue: the applications for ``reference_number`` (``None``: all of them)."""

    def __init__(self, reference_number: str | None, size: int = QUEUE_SIZE) -> None:
        self.reference_number = reference_number
        self.queue: asyncio.Queue[ApplicationRecord] = asyncio.Queue(maxsize=size)
        self.dropped = False
        self._wake = asyncio.Event()

    def offer(self, record: ApplicationRecord) -> bool:
        """Queue ``record`` if it is wanted; ``False`` when the queue is full (the subscriber is too slow)."""
        if self.reference_number is not None and record.reference_number != self.reference_number:
            return True
        try:
            self.queue.put_nowait(record)
        except asyncio.QueueFull:
            return False
        return True

    def drop(self) -> None:
        self.dropped = True
        self._wake.set()

    async def __aiter__(self) -> AsyncIterator[ApplicationRecord]:
        while True:
            if self.queue.empty():
                if self.dropped:
                    raise SubscriberTooSlow(
                        f"this subscription fell {self.queue.maxsize} applications behind and was "
                        "dropped; later applications were not delivered: subscribe again"
                    )
                getter = asyncio.ensure_future(self.queue.get())
                waker = asyncio.ensure_future(self._wake.wait())
                try:
                    await asyncio.wait({getter, waker}, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    waker.cancel()
                    if not getter.done():
                        getter.cancel()
                if getter.cancelled() or not getter.done():
                    continue
                yield getter.result()
            else:
                yield self.queue.get_nowait()


class Broker:
    """Publishes applications to local subscribers and, with ``relay``, to the other replicas."""

    def __init__(
        self,
        *,
        relay: RedisRelay | None = None,
        max_per_caller: int = 10,
        max_total: int = 1000,
        queue_size: int = QUEUE_SIZE,
    ) -> None:
        self.relay = relay
        self.max_per_caller = max_per_caller
        self.max_total = max_total
        self.queue_size = queue_size
        self.origin = uuid.uuid4().hex  # tells this process's relayed messages from other replicas'
        self._subscribers: set[Subscriber] = set()
        self._per_caller: dict[str, int] = {}

    async def start(self) -> None:
        if self.relay is not None:
            await self.relay.start(self._relayed)

    async def aclose(self) -> None:
        if self.relay is not None:
            await self.relay.aclose()

    @property
    def subscribers(self) -> int:
        return len(self._subscribers)

    async def publish(self, record: ApplicationRecord) -> None:
        """Deliver ``record`` here at once, then relay it (a relay failure is logged, never raised)."""
        self._fan_out(record)
        if self.relay is not None:
            await self.relay.publish(orjson.dumps({"origin": self.origin, "application": record.to_wire()}))

    def _relayed(self, message: bytes) -> None:
        """A message from the relay: another replica's application, fanned out here."""
        try:
            decoded = orjson.loads(message)
            if not isinstance(decoded, dict):
                raise ValueError("not an object")
            if decoded.get("origin") == self.origin:
                return
            record = ApplicationRecord.from_wire(decoded.get("application"))  # type: ignore[arg-type]
        except (orjson.JSONDecodeError, ValueError) as exc:
            log.warning("ignored a message on the live applications channel that is not one: %s", exc)
            return
        self._fan_out(record)

    def _fan_out(self, record: ApplicationRecord) -> None:
        for subscriber in list(self._subscribers):
            if not subscriber.offer(record):
                self._subscribers.discard(subscriber)
                subscriber.drop()
                DROPPED.inc()
                log.info("dropped a subscriber %d applications behind", subscriber.queue.maxsize)

    @asynccontextmanager
    async def subscribe(self, reference_number: str | None, *, caller: str) -> AsyncIterator[Subscriber]:
        """A queue of the applications for ``reference_number`` while the block runs;
        ``SubscriptionRefused`` over the per-caller or the process-wide limit."""
        held = self._per_caller.get(caller, 0)
        if held >= self.max_per_caller:
            raise SubscriptionRefused(
                f"you have {held} subscriptions open, the most one caller may hold ({PER_CALLER_SETTING}); "
                "close one first",
                setting=PER_CALLER_SETTING,
                allowed=self.max_per_caller,
            )
        if len(self._subscribers) >= self.max_total:
            raise SubscriptionRefused(
                f"the gateway holds its limit of {self.max_total} subscriptions ({TOTAL_SETTING}); "
                "retry later",
                setting=TOTAL_SETTING,
                allowed=self.max_total,
            )
        subscriber = Subscriber(reference_number, self.queue_size)
        self._per_caller[caller] = held + 1
        self._subscribers.add(subscriber)
        SUBSCRIBERS.inc()
        try:
            yield subscriber
        finally:
            self._subscribers.discard(subscriber)
            SUBSCRIBERS.dec()
            left = self._per_caller[caller] - 1
            if left:
                self._per_caller[caller] = left
            else:
                del self._per_caller[caller]


__all__ = ["Broker", "Subscriber"]
