"""Typed filters, orderings and selections -> Directus query parameters (Onderwijsloket).

Directus (reference §2.2) takes ``filter`` as JSON ``{field: {_op: value}}`` with
relations nested as objects (``{"locations": {"locations_id": {"title": {...}}}}``),
``_and``/``_or`` arrays, ``sort`` as a comma list with ``-`` for descending, and
``fields`` with dot notation into relations. ``contains`` maps to ``_icontains`` so it
means the same as Loket's case-insensitive ``lk``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import orjson

from gateway.dialects.filters import AllOf, AnyOf, Condition, Filter, Op, Scalar
from gateway.dialects.loket import OrderKey

_OPERATORS = {
    Op.EQ: "_eq",
    Op.NE: "_neq",
    Op.CONTAINS: "_icontains",
    Op.GT: "_gt",
    Op.GTE: "_gte",
    Op.LT: "_lt",
    Op.LTE: "_lte",
    Op.IN: "_in",
}


def _json_value(value: Scalar | tuple[Scalar, ...]) -> Any:
    if isinstance(value, tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _condition(condition: Condition) -> dict[str, Any]:
    if condition.op is Op.IS_NULL:
        rule: dict[str, Any] = {"_null" if condition.value else "_nnull": True}
    elif condition.op is Op.EQ and condition.value is None:
        rule = {"_null": True}
    elif condition.op is Op.NE and condition.value is None:
        rule = {"_nnull": True}
    else:
        rule = {_OPERATORS[condition.op]: _json_value(condition.value)}
    for segment in reversed(condition.path):
        rule = {segment: rule}
    return rule


def filter_object(tree: Filter) -> dict[str, Any]:
    """The Directus filter object for ``tree``."""
    if isinstance(tree, Condition):
        return _condition(tree)
    key = "_and" if isinstance(tree, AllOf) else "_or"
    assert isinstance(tree, AllOf | AnyOf)
    return {key: [filter_object(part) for part in tree.parts]}


def render_filter(tree: Filter) -> str:
    """The ``filter`` query parameter: compact JSON (httpx URL-encodes it)."""
    return orjson.dumps(filter_object(tree)).decode()


def render_sort(keys: Sequence[OrderKey]) -> str | None:
    if not keys:
        return None
    return ",".join(("-" if key.descending else "") + ".".join(key.path) for key in keys)


def render_fields(paths: Iterable[Sequence[str]]) -> str:
    """``fields`` for the selected paths, de-duplicated and sorted so equal selections give equal URLs."""
    rendered = sorted({".".join(path) for path in paths if path})
    if not rendered:
        raise ValueError("a Directus query needs at least one field")
    return ",".join(rendered)
