"""Query parameters and path ids, validated into values or the document's errors.

Parameter names match case-insensitively (``schoolyear`` and ``schoolYear`` both appear in
the document; ASP.NET binds either). An empty value counts as absent; a repeated one
arrives comma-joined, as ASP.NET binds it to a string, and so fails the format checks.

Choice: the document gives "400" for a missing or malformed ``schoolYear`` and
``structure`` on the GET calls but no body; the simulator uses its own codes for the same
fields: BR004A (missing school year), BR004B (bad format), BR005A (missing structure),
BR005B (not 3 characters), BR013 (the institute does not offer that structure, or the
school year is outside the years it knows: the two before the current one up to the next).
Both fields are checked before answering, and all their errors are listed together.

Choice: a missing ``schoolYear`` is refused (BR004A), as the document says for every call
that requires it, rather than defaulted to the current school year (a default the
published PHP client applies on its own side). "Current" still matters: it decides the
"current & future" half of the employee filter and which school years are valid.
"""

from __future__ import annotations

import re
from datetime import datetime

from starlette.requests import Request

from simulators.informat.catalog import INSTITUTES_BY_NUMBER, SECONDARY
from simulators.informat.dataset import Dataset
from simulators.informat.errors import invalid_value, rule_error
from simulators.informat.schoolyears import SchoolYear, parse_api_date

_GUID = re.compile(
    r"^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}"
    r"|\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\))$"
)


def guid(text: object) -> str | None:
    """A GUID in any .NET form (``N``, ``D``, ``{B}``, ``(P)``), as lowercase ``D``; None if it is not one."""
    if not isinstance(text, str):
        return None
    value = text.strip().lower()
    if not _GUID.match(value):
        return None
    digits = value.strip("{}()").replace("-", "")
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def path_guid(request: Request, name: str, code: str) -> str:
    value = guid(request.path_params[name])
    if value is None:
        raise rule_error(code)
    return value


class Query:
    def __init__(self, request: Request) -> None:
        self._values: dict[str, list[str]] = {}
        for key, value in request.query_params.multi_items():
            self._values.setdefault(key.lower(), []).append(value)

    def get(self, name: str) -> str | None:
        values = [value for value in self._values.get(name.lower(), []) if value != ""]
        return ",".join(values) if values else None


def school_year_and_structure(
    query: Query, *, year_required: bool, structure_required: bool = False
) -> tuple[SchoolYear | None, str | None]:
    errors: list[str] = []
    year: SchoolYear | None = None
    raw_year = query.get("schoolYear")
    if raw_year is None:
        if year_required:
            errors.append("BR004A")
    else:
        year = SchoolYear.parse(raw_year)
        if year is None:
            errors.append("BR004B")
    structure = query.get("structure")
    if structure is None and structure_required:
        errors.append("BR005A")
    elif structure is not None and len(structure) != 3:
        errors.append("BR005B")
    if errors:
        raise rule_error(*errors)
    return year, structure


def structure_only(query: Query) -> str | None:
    """For the calls that take a structure but no school year (a person's appointments)."""
    structure = query.get("structure")
    if structure is not None and len(structure) != 3:
        raise rule_error("BR005B")
    return structure


def employee_structure(structure: str | None) -> str | None:
    """Where the document says "only structures 311 & 312 are taken into account", others are ignored."""
    return structure if structure in SECONDARY else None


def check_combination(
    dataset: Dataset, institute: str, year: SchoolYear | None, structure: str | None
) -> None:
    if structure is None:
        return
    if structure not in INSTITUTES_BY_NUMBER[institute].structures:
        raise rule_error("BR013")
    if year is not None and not dataset.first_year <= year.start <= dataset.last_year:
        raise rule_error("BR013")


def flag(query: Query, name: str, default: bool) -> bool:
    raw = query.get(name)
    if raw is None:
        return default
    if raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    raise invalid_value(name, raw)


def changed_since(query: Query) -> datetime | None:
    raw = query.get("changedSince")
    if raw is None:
        return None
    parsed = parse_api_date(raw)
    if parsed is None:
        raise invalid_value("changedSince", raw)
    return parsed
