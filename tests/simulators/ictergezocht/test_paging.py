"""The documented paging: offset/limit with a fixed maximum of 50, the block
``{count, offset, limit, rel}``, and ``rel`` links that keep every parameter."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from simulators.ictergezocht.accounts import DEMO_ACCOUNT
from simulators.ictergezocht.catalog import COMPANY_TYPES, USER_FUNCTIONS
from simulators.ictergezocht.data import Dataset
from tests.simulators.ictergezocht.support import BASE, Call, assert_error

TOTAL = DEMO_ACCOUNT.vacancy_count
LAST_OFFSET = (TOTAL - 1) // 50 * 50


def _query(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def _demo_ids(dataset: Dataset) -> list[int]:
    return [v.vacancy_id for v in dataset.vacancies if v.account_id == DEMO_ACCOUNT.account_id]


@pytest.mark.parametrize(
    ("params", "offset", "limit", "size", "has_prev", "has_next"),
    [
        ({}, 0, 50, 50, False, True),
        ({"offset": 0, "limit": 10}, 0, 10, 10, False, True),
        ({"offset": 50}, 50, 50, 50, True, True),
        ({"offset": LAST_OFFSET}, LAST_OFFSET, 50, TOTAL - LAST_OFFSET, True, False),
        ({"offset": TOTAL - 1, "limit": 5}, TOTAL - 1, 5, 1, True, False),
        ({"offset": TOTAL}, TOTAL, 50, 0, True, False),
        ({"offset": TOTAL + 1000}, TOTAL + 1000, 50, 0, True, False),
        ({"limit": 80}, 0, 50, 50, False, True),
        ({"limit": 50}, 0, 50, 50, False, True),
        ({"limit": 1}, 0, 1, 1, False, True),
        ({"limit": ""}, 0, 50, 50, False, True),
        ({"offset": "+5", "limit": 5}, 5, 5, 5, True, True),
    ],
)
async def test_paging_block_and_page_contents(
    call: Call,
    dataset: Dataset,
    params: dict[str, object],
    offset: int,
    limit: int,
    size: int,
    has_prev: bool,
    has_next: bool,
) -> None:
    response = await call("GET", "/vacancy/insight", params=params)
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["offset"], body["limit"]) == (TOTAL, offset, limit)
    assert [item["vacancyId"] for item in body["items"]] == _demo_ids(dataset)[offset : offset + limit]
    assert len(body["items"]) == size
    assert ("prev" in body["rel"], "next" in body["rel"]) == (has_prev, has_next)
    if has_prev:
        assert dict(_query(body["rel"]["prev"]))["offset"] == str(max(0, offset - limit))
    if has_next:
        assert dict(_query(body["rel"]["next"]))["offset"] == str(offset + limit)


@pytest.mark.parametrize(
    ("params", "path", "label"),
    [
        ({"limit": 0}, "limit", "min"),
        ({"limit": -3}, "limit", "min"),
        ({"limit": "ten"}, "limit", "integer"),
        ({"limit": "2.5"}, "limit", "integer"),
        ({"offset": -1}, "offset", "min"),
        ({"offset": "1e3"}, "offset", "integer"),
        ({"offset": "99999999999999999999"}, "offset", "integer"),
        ({"offset": "0x10"}, "offset", "integer"),
    ],
)
@pytest.mark.parametrize(
    "endpoint", ["/vacancy/insight", "/click", "/company/type", "/company/user/function"]
)
async def test_invalid_paging_values_are_400_naming_the_parameter(
    call: Call, endpoint: str, params: dict[str, object], path: str, label: str
) -> None:
    assert_error(await call("GET", endpoint, params=params), 400, label, path)


async def test_every_bad_parameter_is_reported_at_once(call: Call) -> None:
    response = await call("GET", "/click", params={"offset": -1, "limit": "x", "startDate": "gisteren"})
    assert_error(response, 400, "min", "offset")
    assert {item["path"] for item in response.json()["errors"]} == {"offset", "limit", "startDate"}


async def test_rel_links_are_absolute_and_keep_every_parameter(call: Call) -> None:
    params = [("limit", "80"), ("startDate", "2025-01-01"), ("tag", "a"), ("tag", "b c"), ("offset", "50")]
    body = (await call("GET", "/vacancy/insight", params=params)).json()
    for rel, offset in (("prev", "0"), ("next", "100")):
        url = body["rel"][rel]
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc, parts.path) == ("http", "sim", BASE + "/vacancy/insight")
        assert _query(url) == [(k, offset if k == "offset" else v) for k, v in params]


async def test_rel_link_adds_offset_when_the_request_had_none(call: Call) -> None:
    body = (await call("GET", "/click", params={"referenceNumber": "", "limit": 3})).json()
    assert _query(body["rel"]["next"]) == [("referenceNumber", ""), ("limit", "3"), ("offset", "3")]
    assert body["rel"].keys() == {"next"}


async def test_following_next_links_visits_every_item_once(
    call: Call, client_http_get: object = None
) -> None:
    seen: list[int] = []
    response = await call("GET", "/vacancy/insight", params={"limit": 40})
    while True:
        body = response.json()
        seen += [item["vacancyId"] for item in body["items"]]
        if "next" not in body["rel"]:
            break
        response = await call("GET", body["rel"]["next"].removeprefix("http://sim" + BASE))
    assert len(seen) == len(set(seen)) == TOTAL


async def test_single_page_list_has_an_empty_rel(call: Call) -> None:
    body = (await call("GET", "/company/type")).json()
    assert body["rel"] == {}
    assert body["count"] == len(COMPANY_TYPES)
    assert body["items"] == [{"id": type_id, "name": name} for type_id, name in COMPANY_TYPES]


@pytest.mark.parametrize(
    ("endpoint", "rows"), [("/company/type", COMPANY_TYPES), ("/company/user/function", USER_FUNCTIONS)]
)
async def test_company_lists_page_like_every_list(
    call: Call, endpoint: str, rows: tuple[tuple[int, str], ...]
) -> None:
    body = (await call("GET", endpoint, params={"offset": 4, "limit": 5})).json()
    assert body["count"] == len(rows)
    assert [(item["id"], item["name"]) for item in body["items"]] == list(rows[4:9])
    assert dict(_query(body["rel"]["prev"]))["offset"] == "0"
    assert dict(_query(body["rel"]["next"]))["offset"] == "9"
