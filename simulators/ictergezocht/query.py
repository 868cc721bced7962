"""Reading query parameters the way the API validates them: every bad parameter is
reported (one error per parameter, ``path`` = its name) in a single 400.

Choice: a parameter given empty (``?startDate=``) counts as not given, as a PHP
framework that turns empty strings into null would treat it. Unknown parameters are
ignored (and kept in the ``rel`` links). Integers are 1 to 18 digits with an optional
sign: anything beyond a 64-bit integer is rejected, as the platform could not hold it.
"""

from __future__ import annotations

import re
from datetime import datetime

from starlette.requests import Request

from simulators.ictergezocht.dates import Period, end_of, parse_iso8601
from simulators.ictergezocht.errors import ApiError, error_item

_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
DATE_ERROR = "Gebruik een geldige datum volgens ISO 8601 (bijvoorbeeld 2026-11-24)."


class QueryReader:
    def __init__(self, request: Request) -> None:
        self.params = request.query_params
        self.errors: list[dict[str, str]] = []

    def _raw(self, name: str) -> str | None:
        value = self.params.get(name)
        if value is None or not value.strip():
            return None
        return value.strip()

    def text(self, name: str) -> str | None:
        return self._raw(name)

    def integer(self, name: str, minimum: int) -> int | None:
        raw = self._raw(name)
        if raw is None:
            return None
        if not _INTEGER.fullmatch(raw):
            self.errors.append(error_item("Gebruik een geheel getal.", "integer", name))
            return None
        value = int(raw)
        if value < minimum:
            self.errors.append(error_item(f"Gebruik een waarde van minimaal {minimum}.", "min", name))
            return None
        return value

    def instant(self, name: str) -> tuple[datetime, bool] | None:
        raw = self._raw(name)
        if raw is None:
            return None
        try:
            return parse_iso8601(raw)
        except ValueError:
            self.errors.append(error_item(DATE_ERROR, "date", name))
            return None

    def period(self) -> Period:
        """``startDate``/``endDate``, both inclusive; an end before the start is a 400 on ``endDate``."""
        start = self.instant("startDate")
        end = self.instant("endDate")
        period = Period(start=start[0] if start else None, end=end_of(*end) if end else None)
        if period.start is not None and period.end is not None and period.end <= period.start:
            self.errors.append(error_item("De einddatum ligt voor de startdatum.", "date_order", "endDate"))
        return period

    def raise_errors(self) -> None:
        if self.errors:
            raise ApiError(400, self.errors)
