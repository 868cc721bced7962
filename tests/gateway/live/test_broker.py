"""The broker's fan-out: a slow subscriber is dropped, never waited for; limits per caller and process."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from gateway.live import ApplicationRecord, Broker, SubscriberTooSlow, SubscriptionRefused


def _application(number: int, reference: str = "ref-1") -> ApplicationRecord:
    return ApplicationRecord(
        application_id=number, reference_number=reference, name="Jan", email="jan@example.nl",
        phone=None, city=None, motivation=None, source="s", campaign="c", has_cv=False,
        cv_filename=None, received_at=datetime(2026, 11, 24, tzinfo=UTC),
    )  # fmt: skip


async def test_a_slow_subscriber_is_dropped_and_the_others_keep_up() -> None:
    broker = Broker(queue_size=4)
    async with (
        broker.subscribe(None, caller="slow") as slow,
        broker.subscribe(None, caller="fast") as fast,
    ):
        received: list[int] = []
        for number in range(10):
            await broker.publish(_application(number))  # returns at once though nobody reads `slow`
            received.append((await anext(aiter(fast))).application_id)
        assert received == list(range(10))
        assert broker.subscribers == 1  # the slow one is out of the fan-out
        kept = [record.application_id async for record in _until_error(slow)]
        assert kept == [0, 1, 2, 3]  # what it held is still delivered, then the error


async def _until_error(subscriber: object) -> object:
    with pytest.raises(SubscriberTooSlow):
        async for record in subscriber:  # type: ignore[attr-defined]
            yield record


async def test_filter_by_reference_number() -> None:
    broker = Broker()
    async with broker.subscribe("ref-2", caller="c") as subscriber:
        await broker.publish(_application(1, "ref-1"))
        await broker.publish(_application(2, "ref-2"))
        record = await asyncio.wait_for(anext(aiter(subscriber)), 5)
    assert record.application_id == 2


async def test_subscriptions_per_caller_and_per_process_are_limited() -> None:
    broker = Broker(max_per_caller=2, max_total=3)
    async with broker.subscribe(None, caller="a"), broker.subscribe(None, caller="a"):
        with pytest.raises(SubscriptionRefused) as per_caller:
            async with broker.subscribe(None, caller="a"):
                pass
        assert per_caller.value.extensions()["limit"] == "STAFFGRAPH_MAX_SUBSCRIPTIONS"
        async with broker.subscribe(None, caller="b"):
            with pytest.raises(SubscriptionRefused) as total:
                async with broker.subscribe(None, caller="c"):
                    pass
            assert total.value.extensions()["limit"] == "STAFFGRAPH_MAX_SUBSCRIBERS"
    async with broker.subscribe(None, caller="a"):  # places are given back when subscriptions end
        assert broker.subscribers == 1
