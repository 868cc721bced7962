"""Resource versioning through ``Accept: application/json;version=YYYY-MM-DD``.

The document: the version ON or BEFORE the given date is used; without a version the
newest is returned; the response says which one in ``version`` and (per the mock)
in its ``Content-Type``. Versions per endpoint are the reference's table (§1.2).

Choice: where two endpoints of one resource carry different versions in that table
(employments 2018-12-31 for the employer-wide list, 2019-12-16 for the per-employee
list and the item; absences 2018-01-01 for the list, 2020-03-16 for the item), the
newer endpoint also keeps the older version, so "on or before" can be seen at work.
Bodies are the same in both versions (the reference has no field list per version),
and obsoleteDate stays null, as the document says it is "in most cases".
Choice: a date before an endpoint's oldest version is served with that oldest version
plus a ``Warning`` message, rather than refused: generated clients (n8n) send
``version=2018-01-01`` to every endpoint. A malformed version (not a real
``YYYY-MM-DD`` date) is a 400 BrokenBusinessRule. The media type itself is not checked
(ASP.NET Web API falls back to JSON when it cannot match the Accept header).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from simulators.loket.errors import CODE_INVALID_VERSION, broken, message
from simulators.loket.fields import DATE_PATTERN

CODE_VERSION_FALLBACK = 1013


@dataclass(frozen=True)
class ResourceVersion:
    version: str
    obsolete_date: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"obsoleteDate": self.obsolete_date, "resourceVersion": self.version}

    @property
    def media_type(self) -> str:
        return f"application/json;version={self.version}"


Versions = tuple[ResourceVersion, ...]


def versions(*dates: str) -> Versions:
    return tuple(ResourceVersion(day) for day in sorted(dates))


EMPLOYER = versions("2018-01-01")
EMPLOYEE = versions("2018-12-31")
EMPLOYMENT = versions("2018-12-31", "2019-12-16")
EMPLOYMENT_BY_EMPLOYER = versions("2018-12-31")
EMPLOYMENT_MINIMIZED = versions("2019-12-16")
ABSENCE_LIST = versions("2018-01-01")
ABSENCE_ITEM = versions("2018-01-01", "2020-03-16")
GENERAL = versions("2018-01-01")  # leave, leave requests and balances, departments, functions, ...


def requested_version(accept: str | None) -> date | None:
    """The date in the first ``version=`` parameter of the Accept header, if any."""
    if not accept:
        return None
    for media_range in accept.split(","):
        for parameter in media_range.split(";")[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() != "version":
                continue
            text = value.strip().strip('"')
            if DATE_PATTERN.fullmatch(text):
                try:
                    return date.fromisoformat(text)
                except ValueError:
                    pass
            raise broken(
                CODE_INVALID_VERSION,
                f"'{text}' in the Accept header is not a valid resource version; "
                "use application/json;version=YYYY-MM-DD",
            )
    return None


def select(available: Versions, requested: date | None) -> tuple[ResourceVersion, dict[str, Any] | None]:
    """The version to answer with, and a warning message when none was old enough."""
    if requested is None:
        return available[-1], None
    wanted = requested.isoformat()
    chosen = [v for v in available if v.version <= wanted]
    if chosen:
        return chosen[-1], None
    oldest = available[0]
    warning = message(
        CODE_VERSION_FALLBACK,
        "Warning",
        f"No version of this resource on or before {wanted}; version {oldest.version} was used",
    )
    return oldest, warning
