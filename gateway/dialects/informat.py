"""School years and Informat's query parameters.

Informat selects data per school year (``schoolyear=2023-24``; a bare ``2023`` means
2023-24) and per structure (``311``, ``312``); a Belgian school year runs from
1 September to 31 August. The ``SchoolYear`` GraphQL scalar parses user input with
``parse_school_year``, which also accepts a date and answers the school year holding it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

R = TypeVar("R")

_LABEL = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")


class InvalidSchoolYear(ValueError):
    """Input that is neither ``YYYY-YY``, ``YYYY`` nor an ISO date; the message says which forms work."""


@dataclass(frozen=True, order=True)
class SchoolYear:
    start_year: int

    @property
    def label(self) -> str:
        """Informat's form: ``2023-24``."""
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def first_day(self) -> date:
        return date(self.start_year, 9, 1)

    @property
    def last_day(self) -> date:
        return date(self.start_year + 1, 8, 31)

    def __contains__(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    @classmethod
    def holding(cls, day: date) -> SchoolYear:
        return cls(day.year if day.month >= 9 else day.year - 1)


def parse_school_year(value: str | date) -> SchoolYear:
    """``"2023-24"``, ``"2023"`` or a date (``"2024-03-01"``) -> ``SchoolYear(2023)``."""
    if isinstance(value, datetime):
        return SchoolYear.holding(value.date())
    if isinstance(value, date):
        return SchoolYear.holding(value)
    text = value.strip()
    label = _LABEL.match(text)
    if label:
        start, end = int(label.group(1)), int(label.group(2))
        if (start + 1) % 100 != end:
            raise InvalidSchoolYear(
                f"'{text}' is not a school year: {start}-{(start + 1) % 100:02d} follows {start}"
            )
        return _checked(SchoolYear(start))
    if _YEAR.match(text):
        return _checked(SchoolYear(int(text)))
    try:
        return _checked(SchoolYear.holding(date.fromisoformat(text)))
    except ValueError:
        raise InvalidSchoolYear(
            f"'{text}' is not a school year; use '2023-24', '2023' or a date such as '2024-03-01'"
        ) from None


def _checked(year: SchoolYear) -> SchoolYear:
    if not 1900 <= year.start_year <= 2999:
        raise InvalidSchoolYear(f"school year {year.label} is out of range")
    return year


def school_year_params(year: SchoolYear, structure: str | None = None) -> dict[str, str]:
    """Query parameters selecting one school year (and structure) in Informat."""
    params = {"schoolyear": year.label}
    if structure is not None:
        params["structure"] = structure
    return params


def current_school_year(today: date) -> SchoolYear:
    """The default when a caller names none: Informat requires ``schoolyear`` on almost every call."""
    return SchoolYear.holding(today)


Lookup = Callable[[tuple[str, ...]], Any]
