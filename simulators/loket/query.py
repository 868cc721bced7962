"""Reading query parameters the way Loket's ASP.NET model binding does.

Choice: parameter names match without regard to case (the document's own CSV example
sends ``?orderby=employeeNumber``); unknown parameters are ignored; a parameter given
twice is a 400 naming it (model binding would join the values with a comma, which
then fails to parse anyway), except where a list is meant (``leaveType``).
"""

from __future__ import annotations

import re
from datetime import date

from starlette.datastructures import QueryParams

from simulators.loket.errors import CODE_INVALID_PARAMETER, broken
from simulators.loket.filter_eval import is_iso_date

INT32_MAX = 2**31 - 1
_INTEGER = re.compile(r"\s*[+-]?[0-9]{1,10}\s*")


class QueryArgs:
    def __init__(self, params: QueryParams) -> None:
        self._values: dict[str, list[str]] = {}
        self._names: dict[str, str] = {}
        for name, value in params.multi_items():
            self._values.setdefault(name.lower(), []).append(value)
            self._names.setdefault(name.lower(), name)

    def single(self, name: str) -> str | None:
        values = self._values.get(name.lower())
        if not values:
            return None
        if len(values) > 1:
            raise broken(CODE_INVALID_PARAMETER, f"The query parameter '{name}' is given more than once")
        return values[0]

    def many(self, name: str) -> list[str]:
        return list(self._values.get(name.lower(), []))


def parse_int32(name: str, text: str, code: int = CODE_INVALID_PARAMETER) -> int:
    if not _INTEGER.fullmatch(text) or abs(int(text)) > INT32_MAX:
        raise broken(code, f"The value '{text}' is not valid for {name}; expected a whole number")
    return int(text)


def parse_date(name: str, text: str) -> date:
    text = text.strip()
    if not is_iso_date(text):
        raise broken(
            CODE_INVALID_PARAMETER, f"The value '{text}' is not valid for {name}; expected YYYY-MM-DD"
        )
    return date.fromisoformat(text)


def optional_date(args: QueryArgs, name: str, default: date) -> date:
    text = args.single(name)
    return default if text is None or not text.strip() else parse_date(name, text)


def required_date(args: QueryArgs, name: str) -> date:
    text = args.single(name)
    if text is None or not text.strip():
        raise broken(CODE_INVALID_PARAMETER, f"The query parameter '{name}' is required (YYYY-MM-DD)")
    return parse_date(name, text)
