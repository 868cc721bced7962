"""Filter operators on one field value, with Directus's per-type operator lists and SQL semantics.

A field type allows the operators ``getFilterOperatorsForType`` lists for it; any other
(``_foo``, ``_contains`` on an integer) is 400 ``"integer" field type does not contain the
"_contains" filter operator``. Comparisons follow PostgreSQL: a NULL field value matches
no comparison, negated ones included (``_neq``, ``_nin``, ``_ncontains`` skip NULLs), and
``_nin`` with a ``null`` in its list matches nothing. The ``*contains``/``*starts_with``/
``*ends_with`` family is SQL ``LIKE``, so ``%`` and ``_`` in the value are wildcards and
``\\`` escapes, exactly as Directus passes the value through unescaped.

Choice: values are cast to the field's type first (numbers with JavaScript's ``Number``);
where PostgreSQL would fail the query and Directus answer 500 (a non-date compared with a
timestamp, ``"yes please"`` with a boolean) this answers 400 INVALID_QUERY instead; an
invalid UUID simply equals nothing; a ``null`` geometry for a geo operator is 400 (Directus
lets it through to the database). ``_between`` with other than two values is ignored, as
Directus ignores it. ``_nicontains`` is accepted on text although Directus 10's operator
list for strings omits it (its query builder implements it).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from simulators.onderwijsloket.errors import invalid_query
from simulators.onderwijsloket.geo import geometry_of, intersects, intersects_bbox
from simulators.onderwijsloket.geodata import timestamp
from simulators.onderwijsloket.jsvalues import js_number, js_string
from simulators.onderwijsloket.like import Like

Leaf = Callable[[Any], bool]
_STRING = (
    "contains ncontains icontains nicontains starts_with nstarts_with istarts_with nistarts_with ends_with "
)
_STRING += (
    "nends_with iends_with niends_with eq neq empty nempty null nnull in nin lt lte gt gte between nbetween"
)
_ORDERED = "eq neq lt lte gt gte between nbetween null nnull in nin"
OPERATORS: dict[str, frozenset[str]] = {
    kind: frozenset(f"_{name}" for name in names.split())
    for kind, names in {
        "string": _STRING,
        "text": _STRING,
        "uuid": "eq neq null nnull in nin",
        "json": "null nnull",
        "boolean": "eq neq null nnull",
        "integer": _ORDERED,
        "float": _ORDERED,
        "timestamp": _ORDERED,
        "geometry": "eq neq null nnull intersects nintersects intersects_bbox nintersects_bbox",
    }.items()
}
_LIKE = {
    "_contains": ("%", "%", False, False),
    "_ncontains": ("%", "%", False, True),
    "_icontains": ("%", "%", True, False),
    "_nicontains": ("%", "%", True, True),
    "_starts_with": ("", "%", False, False),
    "_nstarts_with": ("", "%", False, True),
    "_istarts_with": ("", "%", True, False),
    "_nistarts_with": ("", "%", True, True),
    "_ends_with": ("%", "", False, False),
    "_nends_with": ("%", "", False, True),
    "_iends_with": ("%", "", True, False),
    "_niends_with": ("%", "", True, True),
}
_TRUE = {"true", "t", "yes", "y", "on", "1"}
_FALSE = {"false", "f", "no", "n", "off", "0"}


def _cast(kind: str, value: Any, operator: str) -> Any:
    if kind in ("integer", "float"):
        number = js_number(value)
        if math.isnan(number):
            raise invalid_query("Invalid numeric value")
        return number
    if value is None:
        return None
    if kind == "timestamp":
        return _timestamp(value, operator)
    if kind == "boolean":
        text = js_string(value).strip().lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise invalid_query(f'Invalid boolean value "{js_string(value)}" for "{operator}"')
    if kind == "geometry":
        try:
            geometry = geometry_of(value if isinstance(value, dict) else json.loads(js_string(value)))
        except ValueError:
            geometry = None
        if geometry is None:
            raise invalid_query(f'Invalid geometry value for "{operator}"')
        return {"type": geometry["type"], "coordinates": geometry.get("coordinates")}
    text = js_string(value)
    return text.lower() if kind == "uuid" else text


def _timestamp(value: Any, operator: str) -> str:
    moment = value if isinstance(value, datetime) else None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            moment = None
    if moment is None:
        raise invalid_query(f'Invalid date value "{js_string(value)}" for "{operator}"')
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return timestamp(moment.astimezone(UTC))


def _null_check(operator: str, value: Any) -> Leaf | None:
    """The operators that test for NULL (or empty) and need no cast value."""
    if (operator == "_null" and value is not False) or (operator == "_nnull" and value is False):
        return lambda x: x is None
    if (operator == "_nnull" and value is not False) or (operator == "_null" and value is False):
        return lambda x: x is not None
    if operator == "_eq" and value is None:
        return lambda x: x is None
    if operator == "_neq" and value is None:
        return lambda x: x is not None
    if (operator == "_empty" and value is not False) or (operator == "_nempty" and value is False):
        return lambda x: x is None or x == ""
    if operator in ("_empty", "_nempty"):
        return lambda x: x is not None and x != ""
    return None


def _like(operator: str, value: Any) -> Leaf:
    before, after, insensitive, negated = _LIKE[operator]
    text = js_string(value)
    pattern = Like(before + (text.lower() if insensitive else text) + after)

    def matches(x: Any) -> bool:
        if x is None:
            return False
        return pattern.matches(x.lower() if insensitive else x) != negated

    return matches


def _geo(operator: str, value: Any) -> Leaf:
    geometry = geometry_of(value)
    if geometry is None:
        raise invalid_query(f'"{operator}" has to be a valid GeoJSON object')
    test = intersects_bbox if operator.endswith("_bbox") else intersects
    negated = operator.startswith("_n")

    def matches(x: Any) -> bool:
        if x is None:
            return False
        return test((x["coordinates"][0], x["coordinates"][1]), geometry) != negated

    return matches


def build_leaf(kind: str, operator: str, value: Any) -> Leaf:
    """The test one ``{operator: value}`` rule applies to a field value of type ``kind``."""
    if operator not in OPERATORS.get(kind, frozenset()):
        raise invalid_query(f'"{kind}" field type does not contain the "{operator}" filter operator')
    null_check = _null_check(operator, value)
    if null_check is not None:
        return null_check
    if operator in _LIKE:
        return _like(operator, value)
    if operator in ("_intersects", "_nintersects", "_intersects_bbox", "_nintersects_bbox"):
        return _geo(operator, value)
    if operator in ("_in", "_nin"):
        values = [_cast(kind, item, operator) for item in value]
        members = {item for item in values if item is not None and not isinstance(item, dict)}
        if operator == "_in":
            return lambda x: x is not None and x in members
        has_null = any(item is None for item in values)
        return lambda x: x is not None and not has_null and x not in members
    if operator in ("_between", "_nbetween"):
        if len(value) != 2:
            return lambda x: True
        low, high = (_cast(kind, item, operator) for item in value)
        inside = operator == "_between"
        if low is None or high is None:
            return lambda x: False
        return lambda x: x is not None and (low <= x <= high) == inside
    cast = _cast(kind, value, operator)
    if cast is None:
        return lambda x: False
    compare: dict[str, Callable[[Any, Any], bool]] = {
        "_eq": lambda x, v: x == v,
        "_neq": lambda x, v: x != v,
        "_lt": lambda x, v: x < v,
        "_lte": lambda x, v: x <= v,
        "_gt": lambda x, v: x > v,
        "_gte": lambda x, v: x >= v,
    }
    test = compare[operator]
    return lambda x: x is not None and test(x, cast)
