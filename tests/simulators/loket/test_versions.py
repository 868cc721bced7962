"""Resource versioning through the Accept header: on-or-before selection, newest by default,
the chosen version in the body and the Content-Type, and the fallback and error cases."""

from __future__ import annotations

import httpx
import pytest

from simulators.loket.store import LoketStore
from tests.simulators.loket.support import ALICE, API, Employers, assert_messages, urls_below


@pytest.mark.parametrize(
    ("resource", "accept", "version", "warned"),
    [
        # the employment item has 2018-12-31 and 2019-12-16
        ("employment", None, "2019-12-16", False),
        ("employment", "*/*", "2019-12-16", False),
        ("employment", "application/json", "2019-12-16", False),
        ("employment", "application/json;version=2019-12-16", "2019-12-16", False),
        ("employment", "application/json;version=2019-12-15", "2018-12-31", False),
        ("employment", "application/json;version=2018-12-31", "2018-12-31", False),
        ("employment", "application/json; Version=2030-01-01", "2019-12-16", False),
        ("employment", "text/plain, application/json;version=2019-06-01", "2018-12-31", False),
        ("employment", 'application/json;version="2019-06-01"', "2018-12-31", False),
        ("employment", "application/json;version=2018-01-01", "2018-12-31", True),
        # the absence item has 2018-01-01 and 2020-03-16; the list only 2018-01-01
        ("absence", "application/json;version=2020-03-15", "2018-01-01", False),
        ("absence", None, "2020-03-16", False),
        ("absences", "application/json;version=2024-01-01", "2018-01-01", False),
        ("employees", None, "2018-12-31", False),
        ("employee", "application/json;version=2018-01-01", "2018-12-31", True),
        ("employments minimized", None, "2019-12-16", False),
        ("employer employments", None, "2018-12-31", False),
        ("employee employments", None, "2019-12-16", False),
        ("employer", None, "2018-01-01", False),
        ("leave", None, "2018-01-01", False),
    ],
)
async def test_the_version_on_or_before_the_requested_date_answers(
    client: httpx.AsyncClient,
    store: LoketStore,
    employers: Employers,
    resource: str,
    accept: str | None,
    version: str,
    warned: bool,
) -> None:
    headers = dict(ALICE) | ({"Accept": accept} if accept is not None else {})
    response = await client.get(urls_below(store, employers.alice[0])[resource], headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == f"application/json;version={version}"
    body = response.json()
    assert body["version"] == {"obsoleteDate": None, "resourceVersion": version}
    warnings = [m for m in body["messages"] if m["type"] == "Warning"]
    assert bool(warnings) == warned
    if warned:
        assert f"version {version} was used" in warnings[0]["description"]


@pytest.mark.parametrize(
    "accept",
    [
        "application/json;version=2018-13-01",
        "application/json;version=2019-02-30",
        "application/json;version=latest",
        "application/json;version=",
        "application/json;version=20190101",
        "application/json;version=2019-1-1",
    ],
)
async def test_a_malformed_version_is_a_400_in_the_endpoints_envelope(
    client: httpx.AsyncClient, accept: str
) -> None:
    listed = await client.get(API, headers=ALICE | {"Accept": accept})
    assert_messages(listed, 400, "BrokenBusinessRule", "not a valid resource version")
    assert listed.json()["_embedded"] == []
    single = await client.get(
        f"{API}/00000000-0000-4000-8000-000000000000", headers=ALICE | {"Accept": accept}
    )
    assert_messages(single, 400, "BrokenBusinessRule", "not a valid resource version")
    assert single.json()["content"] is None


async def test_every_answer_says_it_may_not_be_cached(client: httpx.AsyncClient) -> None:
    response = await client.get(API, headers=ALICE)
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["expires"].endswith("GMT")
