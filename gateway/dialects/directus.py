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

from gateway.dialects.filters import AllOf, Condition, Filter, Op, Scalar
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
    return _nest(condition.path, rule)


def _nest(path: tuple[str, ...], rule: dict[str, Any]) -> dict[str, Any]:
    for segment in reversed(path):
        rule = {segment: rule}
    return rule


def _ranges(parts: tuple[Filter, ...]) -> dict[tuple[str, ...], tuple[Condition, Condition]]:
    """Paths with exactly one ``gte`` and one ``lte`` among ``parts``: each pair is one ``_between``."""
    bounds: dict[tuple[str, ...], list[Condition]] = {}
    for part in parts:
        if isinstance(part, Condition) and part.op in (Op.GTE, Op.LTE):
            bounds.setdefault(part.path, []).append(part)
    ranges = {}
    for path, found in bounds.items():
        ops = sorted(c.op.value for c in found)
        if ops == [Op.GTE.value, Op.LTE.value]:
            low, high = sorted(found, key=lambda c: c.op is Op.LTE)
            ranges[path] = (low, high)
    return ranges


def _all_of(tree: AllOf) -> dict[str, Any]:
    ranges = _ranges(tree.parts)
    rendered: list[dict[str, Any]] = []
    emitted: set[tuple[str, ...]] = set()
    for part in tree.parts:
        if isinstance(part, Condition) and part.op in (Op.GTE, Op.LTE) and part.path in ranges:
            if part.path not in emitted:
                emitted.add(part.path)
                low, high = ranges[part.path]
                between = [_json_value(low.value), _json_value(high.value)]
                rendered.append(_nest(part.path, {"_between": between}))
            continue
        rendered.append(filter_object(part))
    return rendered[0] if len(rendered) == 1 else {"_and": rendered}


def filter_object(tree: Filter) -> dict[str, Any]:
    """The Directus filter object for ``tree``; a ``gte`` and ``lte`` on one field are ``_between``."""
    if isinstance(tree, Condition):
        return _condition(tree)
    if isinstance(tree, AllOf):
        return _all_of(tree)
    return {"_or": [filter_object(part) for part in tree.parts]}


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


def related_ids(row: dict[str, Any], alias: str, key: str) -> list[str]:
    """The ids behind a many-to-many alias in an item, as ``fields=alias.key`` returns them.

    Directus gives the junction rows (``[{"locations_id": "<uuid>"}]``), or, when the
    related item was expanded further (``alias.key.title``), objects with an ``id``.
    """
    ids = []
    for link in row.get(alias) or []:
        value = link.get(key) if isinstance(link, dict) else None
        if isinstance(value, dict):
            value = value.get("id")
        if value is not None and value != "":
            ids.append(str(value))
    return ids
