"""Credential caches in Redis: what one replica loaded another serves without loading, under the same
credential hash only, with the cache's TTL as the key's expiry; and an outage serves from the process."""

from __future__ import annotations

import asyncio

import pytest
import redis

from gateway.caches import CredentialCache
from gateway.geo import Point
from gateway.job_records import LocationRecord, LocationTable
from gateway.records import EmployerRecord
from gateway.secrets import Secret
from gateway.shared import SharedRedis, codecs
from tests.gateway.shared.conftest import fallbacks
from tests.support.redis import running_redis

ALICE, BOB = Secret("token-of-alice"), Secret("token-of-bob")
EMPLOYERS = {
    "e1": EmployerRecord("e1", 1001, "Stichting Rijnmond", "12345678", "Rotterdam"),
    "e2": EmployerRecord("e2", None, "Van der Meer B.V.", None, None),
}


class Loads:
    """A load that counts its calls, as an upstream would."""

    def __init__(self, value: object = EMPLOYERS) -> None:
        self.value = value
        self.calls = 0

    async def __call__(self) -> object:
        self.calls += 1
        await asyncio.sleep(0)
        return self.value


def cache(connection: SharedRedis | None, ttl: float = 60) -> CredentialCache:
    return CredentialCache("loket.employers", ttl=ttl, redis=connection)


async def test_what_one_replica_loaded_another_serves(shared: SharedRedis, other: SharedRedis) -> None:
    first, second, load = cache(shared), cache(other), Loads()
    assert await first.get_or_load(ALICE, "visible", load, codecs.EMPLOYERS) == EMPLOYERS
    assert await second.get_or_load(ALICE, "visible", load, codecs.EMPLOYERS) == EMPLOYERS
    assert load.calls == 1 and second.hits == 1 and len(second) == 0  # served from Redis, not memory


async def test_entries_are_keyed_by_credential_hash_and_expire_with_the_ttl(
    shared: SharedRedis, other: SharedRedis, raw: redis.Redis
) -> None:
    load = Loads()
    await cache(shared, ttl=30).get_or_load(ALICE, "visible", load, codecs.EMPLOYERS)
    await cache(other, ttl=30).get_or_load(BOB, "visible", load, codecs.EMPLOYERS)
    assert load.calls == 2  # bob is never served alice's answer
    keys = sorted(key.decode() for key in raw.keys("*"))
    assert keys == sorted(
        f"staffgraph:cache:loket.employers:{token.fingerprint()}:visible" for token in (ALICE, BOB)
    )
    assert all(0 < raw.pttl(key) <= 30_000 for key in keys)
    assert not any(
        token.reveal() in key or token.reveal().encode() in raw.get(key)
        for key in keys
        for token in (ALICE, BOB)
    )  # type: ignore[operator]


async def test_a_failed_load_stores_nothing(shared: SharedRedis, raw: redis.Redis) -> None:
    async def failing() -> object:
        raise RuntimeError("upstream said 503")

    with pytest.raises(RuntimeError):
        await cache(shared).get_or_load(ALICE, "visible", failing, codecs.EMPLOYERS)
    assert raw.keys("*") == []


async def test_concurrent_loads_in_one_replica_share_one_call(shared: SharedRedis) -> None:
    one, load = cache(shared), Loads()
    got = await asyncio.gather(
        *(one.get_or_load(ALICE, "visible", load, codecs.EMPLOYERS) for _ in range(10))
    )
    assert all(value == EMPLOYERS for value in got) and load.calls == 1


async def test_an_entry_this_version_cannot_read_is_a_miss(shared: SharedRedis, raw: redis.Redis) -> None:
    one, load = cache(shared), Loads()
    raw.set(f"staffgraph:cache:loket.employers:{ALICE.fingerprint()}:visible", b'{"not": "a list"}')
    assert await one.get_or_load(ALICE, "visible", load, codecs.EMPLOYERS) == EMPLOYERS
    assert load.calls == 1
    assert await cache(shared).get_or_load(ALICE, "visible", load, codecs.EMPLOYERS) == EMPLOYERS
    assert load.calls == 1  # and the good value replaced it


async def test_without_a_codec_an_entry_stays_in_the_process(shared: SharedRedis, raw: redis.Redis) -> None:
    one, load = cache(shared), Loads()
    await one.get_or_load(ALICE, "visible", load)
    await one.get_or_load(ALICE, "visible", load)
    assert load.calls == 1 and len(one) == 1 and raw.keys("*") == []


async def test_the_locations_table_round_trips_through_redis(shared: SharedRedis, other: SharedRedis) -> None:
    table = LocationTable.of(
        [
            LocationRecord("l1", "Campus Noord", "Utrecht", "Padualaan 1", Point(52.08, 5.17)),
            LocationRecord("l2", None, None, None, None),
        ]
    )
    load = Loads(table)
    await CredentialCache("onderwijsloket.locations", redis=shared).get_or_load(
        ALICE, "t", load, codecs.LOCATIONS
    )
    again = await CredentialCache("onderwijsloket.locations", redis=other).get_or_load(
        ALICE, "t", load, codecs.LOCATIONS
    )
    assert again == table and load.calls == 1


async def test_an_outage_is_answered_from_the_process_without_errors() -> None:
    with running_redis() as server:
        connection = SharedRedis.from_url(server.url)
        one, load = cache(connection), Loads()
        assert await one.get_or_load(ALICE, "visible", load, codecs.EMPLOYERS) == EMPLOYERS
        server.stop()
        before = fallbacks("cache")
        for _ in range(3):
            assert await one.get_or_load(ALICE, "visible", load, codecs.EMPLOYERS) == EMPLOYERS
        await connection.aclose()
    assert load.calls == 2  # once into Redis, once into the process while Redis is away
    assert len(one) == 1 and fallbacks("cache") == before + 3


async def test_a_value_loaded_when_redis_failed_to_take_it_is_kept_in_the_process() -> None:
    with running_redis() as server:
        connection = SharedRedis.from_url(server.url)
        one = cache(connection)

        async def load_then_lose_redis() -> object:
            server.stop()
            return EMPLOYERS

        assert await one.get_or_load(ALICE, "visible", load_then_lose_redis, codecs.EMPLOYERS) == EMPLOYERS
        load = Loads()
        assert await one.get_or_load(ALICE, "visible", load, codecs.EMPLOYERS) == EMPLOYERS
        await connection.aclose()
    assert load.calls == 0 and len(one) == 1
