"""``GET /click``: the account's click log, filtered by ``referenceNumber``, ``startDate``
and ``endDate`` (on ``clickDate``), oldest first."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from simulators.ictergezocht.accounts import DEMO_ACCOUNT
from simulators.ictergezocht.data import Dataset
from simulators.ictergezocht.records import AMSTERDAM, Click
from tests.simulators.ictergezocht.support import Call, assert_error


def _demo_clicks(dataset: Dataset) -> tuple[Click, ...]:
    return dataset.clicks[DEMO_ACCOUNT.account_id]


async def _all(call: Call, **params: object) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while True:
        body = (await call("GET", "/click", params={**params, "offset": len(items)})).json()
        items += body["items"]
        if "next" not in body["rel"]:
            assert body["count"] == len(items)
            return items


async def test_first_page_is_the_oldest_clicks_with_documented_fields(call: Call, dataset: Dataset) -> None:
    body = (await call("GET", "/click")).json()
    clicks = _demo_clicks(dataset)
    assert body["count"] == len(clicks) > 300
    assert body["items"] == [click.item for click in clicks[:50]]
    for item in body["items"]:
        assert item.keys() == {"vacancyId", "clickDate", "referenceNumber", "ip", "cpc"}
        assert datetime.fromisoformat(item["clickDate"]).utcoffset() is not None
        assert len(item["ip"].split(".")) == 4 and isinstance(item["cpc"], float)
    dates = [datetime.fromisoformat(item["clickDate"]) for item in body["items"]]
    assert dates == sorted(dates)


def _expected(
    clicks: tuple[Click, ...], start: datetime | None, end: datetime | None, ref: str | None
) -> list:
    return [
        click.item
        for click in clicks
        if (start is None or click.clicked_at >= start)
        and (end is None or click.clicked_at <= end)
        and (ref is None or click.reference_number == ref)
    ]


@pytest.mark.parametrize(
    ("start", "end", "use_reference"),
    [
        ("2026-11-01", "2026-11-10", False),
        ("2026-11-20", None, False),
        (None, "2025-12-31", False),
        ("2026-11-23T12:00:00", "2026-11-23T18:30:00", False),
        ("2026-11-23T11:00:00Z", "2026-11-23T17:30:00Z", False),
        (None, None, True),
        ("2026-10-01", "2026-10-31", True),
    ],
)
async def test_filters_select_exactly_the_matching_clicks(
    call: Call, dataset: Dataset, start: str | None, end: str | None, use_reference: bool
) -> None:
    clicks = _demo_clicks(dataset)
    reference = None
    if use_reference:
        in_october = [c for c in clicks if c.clicked_at.month == 10 and c.clicked_at.year == 2026]
        reference = in_october[len(in_october) // 2].reference_number
    params = {k: v for k, v in (("startDate", start), ("endDate", end), ("referenceNumber", reference)) if v}

    def bound(text: str | None, is_end: bool) -> datetime | None:
        if text is None:
            return None
        if len(text) == 10:
            day = datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM)
            return day + timedelta(days=1, microseconds=-1) if is_end else day
        moment = datetime.fromisoformat(text)
        return moment.replace(tzinfo=AMSTERDAM) if moment.tzinfo is None else moment

    expected = _expected(clicks, bound(start, False), bound(end, True), reference)
    assert expected, "the case should select some clicks"
    assert await _all(call, **params) == expected


async def test_unknown_reference_number_gives_an_empty_list(call: Call) -> None:
    body = (await call("GET", "/click", params={"referenceNumber": "BESTAAT-NIET"})).json()
    assert (body["count"], body["items"], body["rel"]) == (0, [], {})


@pytest.mark.parametrize(
    ("params", "label", "path"),
    [
        ({"startDate": "not-a-date"}, "date", "startDate"),
        ({"endDate": "2026-02-30"}, "date", "endDate"),
        ({"startDate": "2026-11-02", "endDate": "2026-11-01"}, "date_order", "endDate"),
        ({"startDate": "0001-01-01T00:00:00+05:00"}, "date", "startDate"),
    ],
)
async def test_bad_click_filters_are_400(call: Call, params: dict[str, str], label: str, path: str) -> None:
    assert_error(await call("GET", "/click", params=params), 400, label, path)


async def test_far_dates_are_valid_bounds(call: Call, dataset: Dataset) -> None:
    body = (await call("GET", "/click", params={"startDate": "0001-01-01", "endDate": "9999-12-31"})).json()
    assert body["count"] == len(_demo_clicks(dataset))
