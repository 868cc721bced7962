"""Flemish school years ("2023-24": 1 September 2023 to 31 August 2024) and date handling."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from simulators.seeding import school_year_start

_LABEL = re.compile(r"^(\d{4})-(\d{2})$")
_BARE_YEAR = re.compile(r"^\d{4}$")
_DATE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?)?(Z|[+-]\d{2}:?\d{2})?$"
)


@dataclass(frozen=True, order=True)
class SchoolYear:
    start: int  # the calendar year of 1 September

    @property
    def label(self) -> str:
        return f"{self.start}-{(self.start + 1) % 100:02d}"

    @property
    def first_day(self) -> date:
        return date(self.start, 9, 1)

    @property
    def last_day(self) -> date:
        return date(self.start + 1, 8, 31)

    def overlaps(self, begin: date, end: date) -> bool:
        """The document's rule: end >= start of the school year and begin <= its end."""
        return end >= self.first_day and begin <= self.last_day

    @classmethod
    def holding(cls, day: date) -> SchoolYear:
        return cls(school_year_start(day))

    @classmethod
    def parse(cls, text: str, *, allow_bare_year: bool = True) -> SchoolYear | None:
        """``"2024-25"`` (and, in query strings, ``"2024"`` meaning 2024-25); None if malformed.

        Choice: the query parameter also takes a bare year because the published clients
        send it that way; the PUT body's ``schooljaar`` is documented as "yyyy-yy" only.
        """
        match = _LABEL.match(text)
        if match:
            start = int(match.group(1))
            if int(match.group(2)) != (start + 1) % 100:
                return None
        elif allow_bare_year and _BARE_YEAR.match(text):
            start = int(text)
        else:
            return None
        return cls(start) if 1 <= start <= 9998 else None  # both ends must be real dates


def parse_api_date(text: str) -> datetime | None:
    """Dates as the document allows them: UTC ISO forms, ``yyyy-MM-dd`` and ``yyyy-MM-dd hh:mm:ss``."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    year, month, day, hour, minute, second = (int(part) if part else 0 for part in match.groups()[:6])
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def wire_date(day: date | None) -> str | None:
    """Dates go out as the document's examples show them: ``2023-09-01T00:00:00``."""
    return None if day is None else f"{day.isoformat()}T00:00:00"
