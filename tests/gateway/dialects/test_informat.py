"""School-year parsing and Informat parameters."""

from __future__ import annotations

from datetime import date

import pytest

from gateway.dialects.informat import InvalidSchoolYear, SchoolYear, parse_school_year, school_year_params


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("2023-24", 2023),
        ("2023", 2023),
        ("1999-00", 1999),
        ("2024-03-01", 2023),
        ("2024-08-31", 2023),
        ("2024-09-01", 2024),
        (" 2025-26 ", 2025),
        (date(2026, 11, 24), 2026),
    ],
)
def test_parse_school_year(text: str | date, start: int) -> None:
    assert parse_school_year(text) == SchoolYear(start)


@pytest.mark.parametrize("text", ["2023-25", "23-24", "2023/24", "next year", "2024-13-01", "", "0999"])
def test_parse_school_year_rejects_with_the_forms_that_work(text: str) -> None:
    with pytest.raises(InvalidSchoolYear, match=r"2023-24|follows|out of range"):
        parse_school_year(text)


def test_school_year_bounds_and_label() -> None:
    year = SchoolYear(2023)
    assert year.label == "2023-24"
    assert (year.first_day, year.last_day) == (date(2023, 9, 1), date(2024, 8, 31))
    assert date(2024, 8, 31) in year and date(2024, 9, 1) not in year
    assert school_year_params(year) == {"schoolyear": "2023-24"}
    assert school_year_params(year, "311") == {"schoolyear": "2023-24", "structure": "311"}


# ---- filters and orderings the gateway applies to Informat's (and Loket's unfilterable) lists ----

from gateway.dialects.evaluate import matches, sort_records  # noqa: E402
from gateway.dialects.filters import AllOf, AnyOf, Condition, Op  # noqa: E402
from gateway.dialects.informat import current_school_year  # noqa: E402
from gateway.dialects.loket import OrderKey  # noqa: E402

RECORD = {
    "name": "Van Acker",
    "born": date(1980, 5, 1),
    "hours": 20.0,
    "emails": ["a@x.be", "b@y.be"],
    "end": None,
}


def _get(path: tuple[str, ...]) -> object:
    return RECORD[path[0]]


@pytest.mark.parametrize(
    ("tree", "expected"),
    [
        (Condition(("name",), Op.EQ, "Van Acker"), True),
        (Condition(("name",), Op.EQ, "van acker"), False),
        (Condition(("name",), Op.CONTAINS, "ACK"), True),
        (Condition(("born",), Op.LT, date(1990, 1, 1)), True),
        (Condition(("born",), Op.GTE, date(1990, 1, 1)), False),
        (Condition(("hours",), Op.IN, (10.0, 20.0)), True),
        (Condition(("end",), Op.IS_NULL, True), True),
        (Condition(("end",), Op.GT, date(2000, 1, 1)), False),
        (Condition(("end",), Op.NE, date(2000, 1, 1)), True),
        (Condition(("emails",), Op.CONTAINS, "y.be"), True),
        (Condition(("emails",), Op.NE, "a@x.be"), False),
        (Condition(("emails",), Op.IS_NULL, False), True),
        (AllOf((Condition(("name",), Op.CONTAINS, "van"), Condition(("hours",), Op.GT, 30.0))), False),
        (AnyOf((Condition(("name",), Op.CONTAINS, "zz"), Condition(("hours",), Op.LTE, 20.0))), True),
        (None, True),
    ],
)
def test_matches(tree: object, expected: bool) -> None:
    assert matches(tree, _get) is expected  # type: ignore[arg-type]


def test_sort_records_by_several_keys_with_nulls_last_ascending() -> None:
    rows = [("b", 2), ("a", None), ("B", 1), ("a", 3)]
    ordered = sort_records(
        rows, [OrderKey(("0",)), OrderKey(("1",), descending=True)], lambda r, p: r[int(p[0])]
    )
    assert ordered == [("a", 3), ("a", None), ("b", 2), ("B", 1)]


def test_current_school_year_turns_on_1_september() -> None:
    assert current_school_year(date(2026, 8, 31)).label == "2025-26"
    assert current_school_year(date(2026, 9, 1)).label == "2026-27"
