"""``GET /vacancy/insight``: the account's vacancies with their figures, selected by
publish date, and figures that agree with the click log of ``GET /click``."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest

from simulators.config import SimConfig
from simulators.ictergezocht.accounts import DEMO_ACCOUNT, OTHER_ACCOUNT, OTHER_KEY
from simulators.ictergezocht.data import Dataset
from simulators.places import DUTCH_PLACES
from tests.simulators.ictergezocht.support import Call, assert_error

ITEM_KEYS = {
    "vacancyId",
    "referenceNumber",
    "publishDate",
    "status",
    "title",
    "city",
    "runtime",
    "campaign",
    "functionGroup",
    "companyUser",
    "clicks",
    "cpc",
    "cost",
    "applications",
}


async def _all(call: Call, path: str, key: str | None = None, **params: object) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while True:
        kwargs = {"params": {**params, "offset": len(items)}}
        body = (
            await (call("GET", path, **kwargs) if key is None else call("GET", path, key=key, **kwargs))
        ).json()
        items += body["items"]
        if "next" not in body["rel"]:
            assert len(items) == body["count"]
            return items


async def test_items_have_the_documented_fields_and_types(call: Call) -> None:
    items = await _all(call, "/vacancy/insight")
    assert len(items) == DEMO_ACCOUNT.vacancy_count
    for item in items:
        assert item.keys() == ITEM_KEYS
        assert isinstance(item["vacancyId"], int) and isinstance(item["status"], int)
        assert isinstance(item["runtime"], int) and isinstance(item["clicks"], int)
        assert isinstance(item["cpc"], float) and isinstance(item["cost"], float)
        assert isinstance(item["applications"], int)
        assert item["companyUser"].keys() == {"name", "email"}
        date.fromisoformat(item["publishDate"])
    ids = [item["vacancyId"] for item in items]
    assert ids == sorted(ids)


async def test_items_are_the_generated_vacancies(call: Call, dataset: Dataset) -> None:
    expected = [v.insight() for v in dataset.vacancies if v.account_id == DEMO_ACCOUNT.account_id]
    assert await _all(call, "/vacancy/insight") == expected


async def test_generated_data_is_realistic(call: Call, icter_config: SimConfig) -> None:
    items = await _all(call, "/vacancy/insight")
    today = icter_config.today
    assert {item["city"] for item in items} <= {place.name for place in DUTCH_PLACES}
    assert len({item["city"] for item in items}) > 20
    assert len({item["referenceNumber"] for item in items}) == len(items)
    statuses = Counter(item["status"] for item in items)
    assert set(statuses) == {0, 1, 2}
    for item in items:
        published = date.fromisoformat(item["publishDate"])
        assert today - timedelta(days=365) <= published <= today
        ended = published + timedelta(days=item["runtime"]) <= today
        assert (item["status"] == 2) == ended


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-11-01", "2026-11-24"),
        ("2026-06-15", None),
        (None, "2026-01-31"),
        ("2026-11-20", "2026-11-20"),
        ("2026-11-20T23:30:00+01:00", "2026-11-21T00:10:00+01:00"),
        ("2026-11-19T23:30:00Z", None),
        ("2030-01-01", None),
    ],
)
async def test_start_and_end_date_select_on_publish_date(
    call: Call, dataset: Dataset, start: str | None, end: str | None
) -> None:
    params = {name: value for name, value in (("startDate", start), ("endDate", end)) if value}
    first = date.fromisoformat(start[:10]) if start else date.min
    last = date.fromisoformat(end[:10]) if end else date.max
    if start and start.endswith("Z"):  # 23:30 UTC is 00:30 the next day in Amsterdam
        first += timedelta(days=1)
    expected = [
        v.vacancy_id
        for v in dataset.vacancies
        if v.account_id == DEMO_ACCOUNT.account_id and first <= v.publish_date <= last
    ]
    items = await _all(call, "/vacancy/insight", **params)
    assert [item["vacancyId"] for item in items] == expected


@pytest.mark.parametrize(
    ("params", "label", "path"),
    [
        ({"startDate": "2026-13-01"}, "date", "startDate"),
        ({"startDate": "24-11-2026"}, "date", "startDate"),
        ({"endDate": "morgen"}, "date", "endDate"),
        ({"endDate": "2026-11-24T25:00"}, "date", "endDate"),
        ({"startDate": "2026-11-24", "endDate": "2026-11-01"}, "date_order", "endDate"),
    ],
)
async def test_bad_dates_are_400(call: Call, params: dict[str, str], label: str, path: str) -> None:
    assert_error(await call("GET", "/vacancy/insight", params=params), 400, label, path)


async def test_figures_agree_with_the_click_log(call: Call) -> None:
    insight = await _all(call, "/vacancy/insight", key=OTHER_KEY)
    clicks = await _all(call, "/click", key=OTHER_KEY)
    per_vacancy = Counter(click["vacancyId"] for click in clicks)
    cost: Counter[int] = Counter()
    for click in clicks:
        cost[click["vacancyId"]] += round(click["cpc"] * 100)
    assert len(insight) == OTHER_ACCOUNT.vacancy_count
    for item in insight:
        assert item["clicks"] == per_vacancy[item["vacancyId"]]
        assert (
            round(item["cost"] * 100) == cost[item["vacancyId"]] == item["clicks"] * round(item["cpc"] * 100)
        )
        assert 0 <= item["applications"] <= item["clicks"]


async def test_figures_agree_with_clicks_filtered_by_reference(call: Call, dataset: Dataset) -> None:
    busiest = max(
        (v for v in dataset.vacancies if v.account_id == DEMO_ACCOUNT.account_id), key=lambda v: v.clicks
    )
    clicks = await _all(call, "/click", referenceNumber=busiest.reference_number)
    assert len(clicks) == busiest.clicks > 50
    assert {click["vacancyId"] for click in clicks} == {busiest.vacancy_id}
    assert sum(round(click["cpc"] * 100) for click in clicks) == round(busiest.insight()["cost"] * 100)
