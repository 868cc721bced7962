"""Injected status faults answer with Loket's own error bodies."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from simulators.loket.errors import FORBIDDEN_PREFIX
from tests.simulators.loket.support import ALICE, API, UNAUTHORIZED


@pytest.fixture
async def faulty(client: httpx.AsyncClient) -> AsyncIterator[httpx.AsyncClient]:
    yield client
    await client.delete("/_sim/faults")


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (401, UNAUTHORIZED),
        (500, {"message": "An error has occurred."}),
        (502, None),
        (503, None),
        (504, None),
    ],
)
async def test_injected_faults_use_loket_bodies(
    faulty: httpx.AsyncClient, status: int, body: dict[str, str] | None
) -> None:
    await faulty.put("/_sim/faults", json={"upstream": "loket", "status": status})
    response = await faulty.get(API, headers=ALICE)
    assert response.status_code == status
    if body is None:
        assert response.content == b""
    else:
        assert response.json() == body


async def test_injected_403_409_and_400_look_like_the_real_ones(faulty: httpx.AsyncClient) -> None:
    await faulty.put("/_sim/faults", json={"upstream": "loket", "status": 403})
    assert (await faulty.get(API, headers=ALICE)).json()["message"].startswith(FORBIDDEN_PREFIX)
    for status, kind in ((409, "ConcurrencyViolation"), (400, "BrokenBusinessRule"), (404, "NotFound")):
        await faulty.put("/_sim/faults", json={"upstream": "loket", "status": status})
        response = await faulty.get(API, headers=ALICE)
        assert response.status_code == status and response.json()["messages"][0]["type"] == kind


async def test_injected_429_says_when_to_retry(faulty: httpx.AsyncClient) -> None:
    await faulty.put("/_sim/faults", json={"upstream": "loket", "status": 429, "retry_after": 7})
    response = await faulty.get(API, headers=ALICE)
    assert response.status_code == 429 and response.headers["retry-after"] == "7"
    assert response.json() == {
        "statusCode": 429,
        "message": "Rate limit is exceeded. Try again in 7 seconds.",
    }
    await faulty.delete("/_sim/faults")
    assert (await faulty.get(API, headers=ALICE)).status_code == 200
