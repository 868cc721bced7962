"""Junk in every parameter of every endpoint gets a Directus answer, never a 500."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette

from simulators.onderwijsloket.schema import SCHEMA
from tests.support.clients import asgi_client

CODES = {
    "INVALID_QUERY",
    "INVALID_PAYLOAD",
    "FORBIDDEN",
    "ROUTE_NOT_FOUND",
    "INVALID_CREDENTIALS",
    "INVALID_TOKEN",
}
PARAMETERS = [
    "fields",
    "fields[]",
    "filter",
    "filter[title]",
    "filter[title][_eq]",
    "filter[id][_in][]",
    "filter[_or][0]",
    "filter[location_data][_intersects]",
    "filter[program_forms][_some]",
    "filter[credits][_between]",
    "sort",
    "sort[]",
    "limit",
    "offset",
    "page",
    "meta",
    "meta[]",
    "search",
    "deep",
    "deep[program_forms][_limit]",
    "deep[locations][_filter]",
    "access_token",
    "fields[0][1]",
    "limit[]",
    "filter[]",
    "x" * 300,
]
JUNK = [
    "",
    " ",
    "-",
    ",",
    ".",
    "*",
    "*.*.*.*.*.*.*.*.*.*.*",
    "-1",
    "1e999",
    "NaN",
    "null",
    "true",
    "[]",
    "{}",
    "[1,2",
    '{"_and":5}',
    '{"_or":[null]}',
    '{"title":{"_in":{}}}',
    '{"a":{"b":{"c":{}}}}',
    '{"id":{"_eq":[]}}',
    '{"location_data":{"_intersects":{"type":"Polygon","coordinates":[[]]}}}',
    '{"credits":{"_between":[1,"x"]}}',
    '{"_some":{}}',
    "\x00",
    "%",
    "😀",
    "a" * 2000,
    "0x",
    "--title",
    "title..id",
    "$NOW(",
    "$CURRENT_USER",
    "[" * 5000 + "]" * 5000,
    '{"_and":[' * 400 + "{}" + "]}" * 400,
    '{"title":{"_contains":"' + "%a" * 40 + '%b"}}',
    '{"credits":{"_in":[' + "9" * 400 + "]}}",
    '{"credits":{"_between":[1,' + "9" * 4000 + "]}}",
    '{"date_created":{"_between":["2020-01-01",{}]}}',
    '{"is_tio_partner":{"_eq":"maybe"}}',
]
ALLOWED_STATUSES = {200, 400, 401, 403, 404}
MAX_QUERY = 60_000


class Http:
    """A synchronous face on the in-process client, so hypothesis can drive it."""

    def __init__(self, app: Starlette) -> None:
        self.loop = asyncio.new_event_loop()
        self.client = asgi_client(
            app, "http://sim/onderwijsloket", {"Authorization": "Bearer demo-onderwijsloket-token"}
        )

    def get(self, url: str) -> httpx.Response:
        return self.loop.run_until_complete(self.client.get(url))

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self.loop.run_until_complete(self.client.request(method, url, **kwargs))

    def close(self) -> None:
        self.loop.run_until_complete(self.client.aclose())
        self.loop.close()


@pytest.fixture(scope="module")
def http(app: Starlette) -> Iterator[Http]:
    client = Http(app)
    yield client
    client.close()


def _check(response: httpx.Response) -> None:
    assert response.status_code in ALLOWED_STATUSES, (response.status_code, response.text[:300])
    if response.status_code >= 400:
        body = response.json()
        assert body["errors"][0]["extensions"]["code"] in CODES


@pytest.mark.parametrize("collection", sorted(SCHEMA))
def test_junk_in_every_parameter_of_every_list_endpoint(http: Http, collection: str) -> None:
    for parameter in PARAMETERS:
        for junk in JUNK:
            paging = "" if parameter.startswith("limit") else "&limit=2"
            _check(http.get(f"/items/{collection}?{quote(parameter)}={quote(junk)}{paging}"))


def test_junk_keys_and_raw_query_strings(http: Http) -> None:
    raws = [
        "filter[[[=1",
        "filter]]=1",
        "filter[a]]b]=1",
        "&&&",
        "=x",
        "%ZZ=%ZZ",
        "fields=%E2%28",
        "a[__proto__][x]=1",
    ]
    raws += ["filter[id][_in][" + "9" * 5000 + "]=1", "fields=" + "a." * 3000, "filter" + "[a]" * 50 + "=1"]
    for raw in raws:
        _check(http.get(f"/items/programs?{raw}"))


@pytest.mark.parametrize("key", ["x", "..", "%2e%2e", "0", "-1", "99999999999999999999", "a" * 500, "%00"])
def test_junk_item_keys(http: Http, key: str) -> None:
    for collection in SCHEMA:
        _check(http.get(f"/items/{collection}/{key}"))


_keys = st.sampled_from(PARAMETERS) | st.text(alphabet="[]_.abcdefilrtx01", max_size=20)
_values = st.sampled_from(JUNK) | st.text(max_size=40) | st.from_regex(r"\{.{0,40}\}", fullmatch=True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pairs=st.lists(st.tuples(_keys, _values), min_size=1, max_size=4),
    collection=st.sampled_from(sorted(SCHEMA)),
)
def test_random_query_strings_never_fail_the_server(http: Http, pairs: list, collection: str) -> None:
    query = "&".join(f"{quote(key)}={quote(value)}" for key, value in pairs)
    # httpx itself refuses a query past 64 KB before sending: the server never sees one
    assume(len(query) < MAX_QUERY)
    _check(http.get(f"/items/{collection}?{query}"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=10),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    ["query", "filter", "fields", "limit", "sort", "title", "_eq", "_and", "deep"]
                ),
                inner,
                max_size=3,
            )
        ),
        max_leaves=12,
    )
)
def test_random_search_bodies_never_fail_the_server(http: Http, body: object) -> None:
    _check(http.request("SEARCH", "/items/programs", json={"query": body}))
    _check(http.request("SEARCH", "/items/programs", json=body))
