"""Directus's ``parseFilter`` and ``validateFilter``: the schema-free half of filter handling.

Parsing normalises a filter so every object has one key: several keys become ``_and``,
a bare value becomes ``{"_eq": value}``, ``_in``/``_nin``/``_between``/``_nbetween`` take a
comma string or an array, geo operators take GeoJSON (or its JSON text), the strings
``"true"``, ``"false"``, ``"null"`` become ``true``, ``false``, ``null``, dynamic variables
(``$NOW``, ``$NOW(-1 year)``, ``$CURRENT_USER``...) are replaced, and ``_and``/``_or``
inside a field rule are lifted above the whole field path (``{"title": {"_or": [...]}}``
becomes ``{"_or": [{"title": ...}, ...]}``; through a one-to-many relation each branch is
then its own EXISTS). Validation then checks each operator's value the way
``validateQuery`` does, with its messages.

Choice: the lifting is applied under ``_some``/``_none`` too; Directus skips it there and
then silently ignores the logical operator, which no client can mean. A filter nested
deeper than ``MAX_NESTING`` (64) lists/objects is 400 "Invalid filter object" rather than
a risk to Python's recursion limit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from simulators.onderwijsloket.errors import invalid_query
from simulators.onderwijsloket.geo import is_geojson
from simulators.onderwijsloket.jsvalues import MAX_SAFE_INTEGER

LOGICAL = ("_and", "_or")
LIST_OPERATORS = ("_in", "_nin", "_between", "_nbetween")
BOOLEAN_OPERATORS = ("_null", "_nnull", "_empty", "_nempty")
GEO_OPERATORS = ("_intersects", "_nintersects", "_intersects_bbox", "_nintersects_bbox")
RELATIONAL_OPERATORS = ("_some", "_none")
MAX_RELATIONAL_DEPTH = 10
MAX_NESTING = 64
_ADJUSTMENT = re.compile(r"\s*([+-]?)\s*(\d+)\s*([a-zA-Z]+)\s*")
_UNITS = {
    "year": 365 * 86400, "years": 365 * 86400, "y": 365 * 86400,
    "month": 30 * 86400, "months": 30 * 86400,
    "week": 7 * 86400, "weeks": 7 * 86400, "w": 7 * 86400,
    "day": 86400, "days": 86400, "d": 86400,
    "hour": 3600, "hours": 3600, "h": 3600,
    "minute": 60, "minutes": 60, "min": 60, "m": 60,
    "second": 1, "seconds": 1, "s": 1,
}  # fmt: skip


class InvalidFilter(Exception):
    """The filter cannot be parsed; Directus answers "Invalid filter object"."""


@dataclass(frozen=True)
class FilterContext:
    """What dynamic variables resolve to for this request."""

    now: datetime
    user: str | None = None
    role: str | None = None
    policies: tuple[str, ...] = ()


def parse_filter_text(text: str) -> Any:
    """``JSON.parse`` (no ``NaN``/``Infinity`` literals, unlike Python's ``json``)."""

    def reject(constant: str) -> Any:
        raise ValueError(constant)

    try:
        return json.loads(text, parse_constant=reject)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def nesting(value: Any) -> int:
    """How deeply lists and objects nest in ``value`` (iteratively, for any depth)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def parse_filter(raw: Any, context: FilterContext) -> dict[str, Any] | None:
    if nesting(raw) > MAX_NESTING:
        raise invalid_query("Invalid filter object")
    try:
        parsed = _recursive(raw, context)
        if parsed is None:
            return None
        shifted: dict[str, Any] = _shift(_coerce(parsed))
        return shifted
    except (InvalidFilter, ValueError, TypeError, AttributeError, RecursionError):
        raise invalid_query("Invalid filter object") from None


def _dynamic(value: Any, context: FilterContext) -> Any:
    if not isinstance(value, str):
        return value
    if value.startswith("$NOW"):
        if "(" in value and ")" in value:
            return _adjust(context.now, value[value.index("(") + 1 : value.rindex(")")])
        return context.now
    if value.startswith("$CURRENT_USER"):
        return context.user if value == "$CURRENT_USER" else None
    if value.startswith("$CURRENT_ROLES"):
        return [context.role] if value == "$CURRENT_ROLES" and context.role else None
    if value.startswith("$CURRENT_ROLE"):
        return context.role if value == "$CURRENT_ROLE" else None
    if value.startswith("$CURRENT_POLICIES"):
        return list(context.policies) if value == "$CURRENT_POLICIES" else None
    return value


def _adjust(now: datetime, adjustment: str) -> datetime | None:
    """``$NOW(-1 year)``; an adjustment Directus cannot read leaves no value (rejected later)."""
    match = _ADJUSTMENT.fullmatch(adjustment)
    if match is None or match.group(3) not in _UNITS:
        return None
    seconds = int(match.group(2)) * _UNITS[match.group(3)]
    return now - timedelta(seconds=seconds) if match.group(1) == "-" else now + timedelta(seconds=seconds)


def _recursive(node: Any, context: FilterContext) -> Any:
    if node is None:
        return None
    if not isinstance(node, dict | list):
        return {"_eq": _dynamic(node, context)}
    entries = node.items() if isinstance(node, dict) else ((str(i), v) for i, v in enumerate(node))
    parts = [_entry(str(key), value, context) for key, value in entries]
    if not parts:
        return {}
    return parts[0] if len(parts) == 1 else {"_and": parts}


def _entry(key: str, value: Any, context: FilterContext) -> dict[str, Any]:
    if key in LOGICAL:
        if not isinstance(value, list):
            raise InvalidFilter(key)
        return {key: [_recursive(item, context) for item in value]}
    if key in LIST_OPERATORS:
        items = list(value.values()) if isinstance(value, dict) else value
        if isinstance(items, str):
            items = items.split(",")
        elif not isinstance(items, list):
            items = [items]
        flat: list[Any] = []
        for item in items:
            resolved = _dynamic(item, context)
            flat.extend(resolved if isinstance(resolved, list) else [resolved])
        return {key: flat}
    if key in GEO_OPERATORS:
        geometry = parse_filter_text(value) if isinstance(value, str) else value
        if nesting(geometry) > MAX_NESTING:
            raise InvalidFilter(key)
        return {key: _dynamic(geometry, context)}
    if key.startswith("_") and key not in RELATIONAL_OPERATORS:
        return {key: _dynamic(value, context)}
    return {key: _recursive(value, context)}


def _coerce(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _coerce(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_coerce(item) for item in value]
    if value == "true":
        return True
    if value == "false":
        return False
    if value in ("null", "NULL"):
        return None
    return value


def _shift(node: Any) -> Any:
    if not isinstance(node, dict):
        raise InvalidFilter("not an object")
    if not node:
        return node
    key = next(iter(node))
    if key in LOGICAL:
        return {key: [_shift(item) for item in node[key]]}
    if key in RELATIONAL_OPERATORS:
        return {key: _shift(node[key])}
    if key.startswith("_"):
        return node
    child = _shift(node[key])
    child_key = next(iter(child), None)
    if child_key in LOGICAL:
        return _shift({child_key: [{key: nested} for nested in child[child_key]]})
    return {key: child}


def validate_filter(node: dict[str, Any]) -> None:
    """``validateFilter`` from Directus's ``validate-query``; raises INVALID_QUERY."""
    for key, nested in node.items():
        if key in LOGICAL:
            for item in nested:
                validate_filter(item)
        elif key.startswith("_"):
            if key in LIST_OPERATORS:
                if not isinstance(nested, list) or not nested:
                    raise invalid_query(f'"{key}" has to be an array of values')
            elif key in BOOLEAN_OPERATORS:
                if nested not in (None, "") and not isinstance(nested, bool):
                    raise invalid_query(f'"{key}" has to be a boolean')
            elif key in GEO_OPERATORS:
                if nested not in (None, "") and not is_geojson(nested):
                    raise invalid_query(f'"{key}" has to be a valid GeoJSON object')
            elif key in RELATIONAL_OPERATORS:
                validate_filter(nested if isinstance(nested, dict) else {})
            else:
                _validate_primitive(nested, key)
        elif isinstance(nested, dict):
            validate_filter(nested)
        elif isinstance(nested, list):
            validate_filter({str(i): item for i, item in enumerate(nested)})
        else:
            _validate_primitive(nested, "_eq")


def _validate_primitive(value: Any, key: str) -> None:
    if value is None:
        return
    if not isinstance(value, str | int | float | bool | datetime):
        raise invalid_query(f'The filter value for "{key}" has to be a string, number, or boolean')
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and (value != value or value > MAX_SAFE_INTEGER)
    ):
        raise invalid_query(f'The filter value for "{key}" is not a valid number')
    if value == "":
        raise invalid_query(
            f'You can\'t filter for an empty string in "{key}". Use "_empty" or "_nempty" instead'
        )


def relational_depth(node: Any) -> int:
    """How many field names deep the filter goes (logical operators do not count)."""
    if not isinstance(node, dict):
        return 0
    depth = 0
    for key, nested in node.items():
        if key in LOGICAL and isinstance(nested, list):
            depth = max(depth, *(relational_depth(item) for item in nested), 0)
        elif key.startswith("_"):
            depth = max(depth, relational_depth(nested) if key in RELATIONAL_OPERATORS else 0)
        else:
            depth = max(depth, 1 + relational_depth(nested))
    return depth
