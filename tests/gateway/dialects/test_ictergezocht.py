"""Relay pages -> ICTerGezocht offset/limit requests of at most 50; period split, matching, sorting."""

from __future__ import annotations

from datetime import date

import pytest

from gateway.dialects.evaluate import matches, row_lookup, sort_records, value_at
from gateway.dialects.filters import AllOf, AnyOf, Condition, Filter, Op
from gateway.dialects.ictergezocht import (
    PageRequest,
    Period,
    page_of_link,
    page_requests,
    split_period,
)
from gateway.dialects.loket import OrderKey

C = Condition


@pytest.mark.parametrize(
    ("offset", "count", "expected"),
    [
        (0, 0, []),
        (0, 10, [PageRequest(0, 10)]),
        (0, 50, [PageRequest(0, 50)]),
        (0, 51, [PageRequest(0, 50), PageRequest(50, 1)]),
        (120, 130, [PageRequest(120, 50), PageRequest(170, 50), PageRequest(220, 30)]),
    ],
)
def test_page_requests(offset: int, count: int, expected: list[PageRequest]) -> None:
    assert page_requests(offset, count) == expected
    assert sum(request.limit for request in expected) == count


def test_page_requests_refuses_negative_ranges() -> None:
    with pytest.raises(ValueError, match="negative"):
        page_requests(-1, 5)


def test_page_of_link_reads_offset_and_limit() -> None:
    link = "https://api.ictergezocht.nl/vacancy/insight?limit=50&startDate=2026-01-01&offset=100"
    assert page_of_link(link) == PageRequest(100, 50)
    assert page_of_link("https://x/vacancy/insight?offset=7") == PageRequest(7, 50)
    for bad in ["https://x/vacancy/insight", "https://x/?offset=-1", "https://x/?offset=a"]:
        with pytest.raises(ValueError):
            page_of_link(bad)


D = date(2026, 3, 10)
PUB = ("publishDate",)
TITLE = C(("title",), Op.CONTAINS, "dev")


@pytest.mark.parametrize(
    ("tree", "period", "rest"),
    [
        (None, Period(), None),
        (C(PUB, Op.EQ, D), Period(D, D), None),
        (C(PUB, Op.GTE, D), Period(D, None), None),
        (C(PUB, Op.GT, D), Period(date(2026, 3, 11), None), None),
        (C(PUB, Op.LT, D), Period(None, date(2026, 3, 9)), None),
        (
            AllOf((C(PUB, Op.GTE, date(2026, 1, 1)), C(PUB, Op.LTE, D), C(PUB, Op.GTE, date(2026, 2, 1)))),
            Period(date(2026, 2, 1), D),
            None,
        ),
        (AllOf((C(PUB, Op.GTE, D), TITLE)), Period(D, None), TITLE),
        # not selectable upstream: stays for the gateway
        (C(PUB, Op.NE, D), Period(), C(PUB, Op.NE, D)),
        (C(PUB, Op.IS_NULL, False), Period(), C(PUB, Op.IS_NULL, False)),
        (AnyOf((C(PUB, Op.EQ, D), TITLE)), Period(), AnyOf((C(PUB, Op.EQ, D), TITLE))),
    ],
)
def test_split_period(tree: Filter | None, period: Period, rest: Filter | None) -> None:
    assert split_period(tree) == (period, rest)


def test_period_params_and_emptiness() -> None:
    assert Period().params() == {}
    assert Period(D, D).params() == {"startDate": "2026-03-10", "endDate": "2026-03-10"}
    assert Period(date(2026, 3, 11), D).empty and not Period(D, D).empty


ROW = {
    "title": "Senior Developer",
    "city": "Utrecht",
    "publishDate": "2026-03-10",
    "status": 1,
    "clicks": 12,
    "cost": 10.2,
    "companyUser": {"name": "Anna de Vries"},
    "campaign": None,
}


@pytest.mark.parametrize(
    ("tree", "expected"),
    [
        (None, True),
        (C(("title",), Op.CONTAINS, "DEVELOPER"), True),
        (C(("title",), Op.EQ, "senior developer"), False),
        (C(("city",), Op.IN, ("Delft", "Utrecht")), True),
        (C(("city",), Op.NE, "Utrecht"), False),
        (C(("status",), Op.IN, (0, 2)), False),
        (C(("clicks",), Op.GT, 11), True),
        (C(("clicks",), Op.LTE, 11), False),
        (C(("cost",), Op.GTE, 10.2), True),
        (C(PUB, Op.LT, date(2026, 3, 11)), True),
        (C(PUB, Op.GT, D), False),
        (C(("companyUser", "name"), Op.CONTAINS, "vries"), True),
        (C(("campaign",), Op.IS_NULL, True), True),
        (C(("campaign",), Op.EQ, None), True),
        (C(("campaign",), Op.NE, "x"), True),
        (C(("campaign",), Op.GT, 3), False),
        (C(("title",), Op.GT, 3), False),  # incomparable types never match
        (AllOf((C(("city",), Op.EQ, "Utrecht"), C(("clicks",), Op.LT, 5))), False),
        (AnyOf((C(("city",), Op.EQ, "Delft"), C(("clicks",), Op.GT, 5))), True),
    ],
)
def test_matches(tree: Filter | None, expected: bool) -> None:
    assert matches(tree, row_lookup(ROW)) is expected


def test_sort_rows_is_stable_ignores_case_and_puts_missing_last() -> None:
    rows = [
        {"id": 1, "city": "delft", "clicks": 3},
        {"id": 2, "city": "Amsterdam", "clicks": None},
        {"id": 3, "city": "Delft", "clicks": 9},
        {"id": 4, "city": "Breda", "clicks": 3},
    ]
    by = [OrderKey(("city",)), OrderKey(("clicks",), descending=True)]
    assert [row["id"] for row in sort_records(rows, by, value_at)] == [2, 4, 3, 1]
    assert [row["id"] for row in sort_records(rows, [OrderKey(("clicks",), True)], value_at)] == [3, 1, 4, 2]
    assert sort_records(rows, [], value_at) == rows
