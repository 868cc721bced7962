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
