"""The app's Redis connection: commands pass through; an outage becomes ``RedisUnavailable`` at once,
one warning without the password, a metric, and a rest before Redis is tried again."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Iterator

import pytest
from redis.asyncio import Redis

from gateway.settings import Settings
from gateway.shared import RedisUnavailable, SharedRedis, redacted
from gateway.shared.redis import FIRST_RETRY
from tests.gateway.shared.conftest import fallbacks
from tests.support.clock import FakeClock
from tests.support.redis import running_redis


async def ping(client: Redis) -> bool:
    return bool(await client.ping())


def test_no_url_means_in_process_state() -> None:
    assert SharedRedis.from_settings(Settings()) is None


def test_redacted_urls_keep_where_and_drop_who() -> None:
    assert redacted("redis://user:hunter2@cache.internal:6380/2") == "redis://cache.internal:6380/2"
    assert redacted("rediss://:hunter2@cache.internal/0") == "rediss://cache.internal/0"
    assert redacted("unix://:hunter2@/run/redis.sock?db=1") == "unix:///run/redis.sock"


async def test_commands_run_on_the_shared_client(shared: SharedRedis) -> None:
    assert await shared.run("test", ping) is True
    assert shared.available


async def test_an_outage_falls_back_at_once_with_one_warning_and_a_metric(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = FakeClock()
    with running_redis() as server:
        # Redis's default user takes any password when none is set: this one must never be logged
        shared = SharedRedis.from_url(server.url.replace("redis://", "redis://default:hunter2@"), clock=clock)
        assert await shared.run("test", ping)
        server.stop()
        before = fallbacks("test")
        with caplog.at_level(logging.WARNING, logger="staffgraph.redis"):
            for _ in range(5):
                with pytest.raises(RedisUnavailable):
                    await shared.run("test", ping)
        await shared.aclose()
    assert fallbacks("test") == before + 5
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "unavailable" in warnings[0].getMessage() and "hunter2" not in caplog.text
    assert not shared.available


async def test_redis_is_rested_after_a_failure_then_probed_by_one_request() -> None:
    clock = FakeClock()
    with running_redis() as server:
        port = server.port
        shared = SharedRedis.from_url(server.url, clock=clock)
        assert await shared.run("test", ping)
        server.stop()
        with pytest.raises(RedisUnavailable):
            await shared.run("test", ping)
    sent = 0

    async def counted(client: Redis) -> bool:
        nonlocal sent
        sent += 1
        return await ping(client)

    with running_redis(port=port):
        # back already, but resting: nothing is sent until FIRST_RETRY has passed
        with pytest.raises(RedisUnavailable):
            await shared.run("test", counted)
        assert sent == 0
        clock.advance(FIRST_RETRY)
        assert await shared.run("test", counted) and sent == 1
        assert shared.available
    await shared.aclose()


async def test_while_one_request_probes_the_others_fall_back_without_sending() -> None:
    clock = FakeClock()
    with running_redis() as server:
        shared = SharedRedis.from_url(server.url, clock=clock)
        assert await shared.run("test", ping)
        server.stop()
        with pytest.raises(RedisUnavailable):
            await shared.run("test", ping)
        clock.advance(FIRST_RETRY)
        sent = 0

        async def counted(client: Redis) -> bool:
            nonlocal sent
            sent += 1
            return await ping(client)

        results = await asyncio.gather(
            *(shared.run("test", counted) for _ in range(10)), return_exceptions=True
        )
        await shared.aclose()
    assert all(isinstance(result, RedisUnavailable) for result in results)
    assert sent == 1


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers: a Redis that hangs."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield int(listener.getsockname()[1])


async def test_a_redis_that_never_answers_does_not_hang_requests(silent_port: int) -> None:
    shared = SharedRedis.from_url(f"redis://127.0.0.1:{silent_port}/0")
    async with asyncio.timeout(10):  # the command timeout is 0.5 s: a wide margin
        with pytest.raises(RedisUnavailable):
            await shared.run("test", ping)
        with pytest.raises(RedisUnavailable):  # and resting now: no second wait
            await shared.run("test", ping)
    assert not shared.available
    await shared.aclose()


async def test_run_or_answers_from_the_fallback() -> None:
    with running_redis() as server:
        shared = SharedRedis.from_url(server.url)
        server.stop()

    async def local() -> str:
        return "from this process"

    async def remote(client: Redis) -> str:
        await client.ping()
        return "from redis"

    assert await shared.run_or("test", remote, local) == "from this process"
    await shared.aclose()


async def test_errors_of_the_operation_itself_are_not_an_outage(shared: SharedRedis) -> None:
    async def broken(client: Redis) -> None:
        await client.ping()
        raise KeyError("the caller's own bug")

    with pytest.raises(KeyError):
        await shared.run("test", broken)
    assert shared.available
