"""School years and Informat's query parameters.

Informat selects data per school year (``schoolyear=2023-24``; a bare ``2023`` means
2023-24) and per structure (``311``, ``312``); a Belgian school year runs from
1 September to 31 August. The ``SchoolYear`` GraphQL scalar parses user input with
``parse_school_year``, which also accepts a date and answers the school year holding it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from gateway.dialects.filters import AllOf, AnyOf, Filter, Op
from gateway.dialects.loket import OrderKey

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


def matches(tree: Filter | None, lookup: Lookup) -> bool:
    """Whether a record passes ``tree``, evaluated in the gateway.

    Informat's lists take no filter at all (only school year and structure), so every
    ``PersonFilter``/``EmploymentFilter``/``AbsenceFilter`` condition on Informat data is
    applied here after the bulk fetch, with the semantics of the neutral tree: ``contains``
    ignores case, ``ne`` keeps records without a value, comparisons skip them, and a list
    value (a person's emails) matches when any element does.
    """
    if tree is None:
        return True
    if isinstance(tree, AllOf):
        return all(matches(part, lookup) for part in tree.parts)
    if isinstance(tree, AnyOf):
        return any(matches(part, lookup) for part in tree.parts)
    value = lookup(tree.path)
    if tree.op is Op.IS_NULL:
        return (value is None or value == []) is tree.value
    if isinstance(value, list | tuple):
        if tree.op is Op.NE:
            return all(_compare(item, Op.NE, tree.value) for item in value)
        return any(_compare(item, tree.op, tree.value) for item in value)
    return _compare(value, tree.op, tree.value)


def _compare(value: Any, op: Op, wanted: Any) -> bool:
    if op is Op.EQ:
        return bool(value == wanted)
    if op is Op.NE:
        return bool(value != wanted)
    if op is Op.IN:
        return value in wanted
    if value is None or wanted is None:
        return False
    if op is Op.CONTAINS:
        return str(wanted).lower() in str(value).lower()
    try:
        if op is Op.GT:
            return bool(value > wanted)
        if op is Op.GTE:
            return bool(value >= wanted)
        if op is Op.LT:
            return bool(value < wanted)
        return bool(value <= wanted)
    except TypeError:
        return False


def sort_key(value: Any) -> tuple[int, Any]:
    """Sorts ``None`` last and text without regard to case, as Informat's own listings do."""
    if value is None:
        return (1, "")
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str):
        return (0, value.casefold())
    return (0, value)


def sort_records(
    records: list[R], keys: Sequence[OrderKey], lookup: Callable[[R, tuple[str, ...]], Any]
) -> list[R]:
    """``records`` ordered by ``keys`` (first key first), applied in the gateway; stable, and records
    without a value come last in either direction."""
    ordered = list(records)
    for key in reversed(keys):
        present = [r for r in ordered if lookup(r, key.path) is not None]
        missing = [r for r in ordered if lookup(r, key.path) is None]
        present.sort(key=lambda record: sort_key(lookup(record, key.path)), reverse=key.descending)
        ordered = present + missing
    return ordered
