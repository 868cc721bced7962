"""ISO 8601 dates as the API reads them (``startDate``, ``endDate``, ``autoDeleteDate``).

Choice: a bare date (``2026-11-01``) means that whole day; a date-time without an
offset is Amsterdam local time; one with an offset (or ``Z``) is converted. An
``endDate`` that is a bare date includes that whole day, so ``startDate=endDate=2026-11-01``
is the 1st of November. The document only says "ISO 8601"; inclusive bounds are what a
person typing two dates into a report means.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from simulators.ictergezocht.records import AMSTERDAM

_ONE_MICROSECOND = timedelta(microseconds=1)


def midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=AMSTERDAM)


def parse_iso8601(text: str) -> tuple[datetime, bool]:
    """``(instant in Amsterdam time, whether only a date was given)``; ValueError if not ISO 8601."""
    try:
        return midnight(date.fromisoformat(text)), True
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(text)
        moment = moment.replace(tzinfo=AMSTERDAM) if moment.tzinfo is None else moment.astimezone(AMSTERDAM)
    except OverflowError as exc:  # e.g. 0001-01-01T00:00+05:00 has no Amsterdam equivalent
        raise ValueError(str(exc)) from exc
    return moment, False


def end_of(moment: datetime, date_only: bool) -> datetime | None:
    """The exclusive upper bound for an inclusive ``endDate`` (None past the year 9999)."""
    try:
        return midnight(moment.date() + timedelta(days=1)) if date_only else moment + _ONE_MICROSECOND
    except OverflowError:
        return None


@dataclass(frozen=True)
class Period:
    start: datetime | None = None  # inclusive
    end: datetime | None = None  # exclusive

    def holds(self, moment: datetime) -> bool:
        return (self.start is None or moment >= self.start) and (self.end is None or moment < self.end)

    def touches_day(self, day: date) -> bool:
        """Whether any moment of ``day`` lies in the period."""
        if self.end is not None and midnight(day) >= self.end:
            return False
        if self.start is None:
            return True
        try:
            return midnight(day + timedelta(days=1)) > self.start
        except OverflowError:
            return True
