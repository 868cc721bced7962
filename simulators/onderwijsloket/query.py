"""Query parameters read as Directus reads them: ``sanitizeQuery``, then ``validateQuery``.

Sanitising converts (``limit``/``offset``/``page`` with JavaScript ``Number``, ``fields``
and ``sort`` split on commas, ``filter`` parsed from JSON or taken as the bracket
object, ``meta`` split or ``*``) and only fails on a filter it cannot read. Validation
then applies Directus's Joi schema and messages, in its order (filter values first, then
relational depth, then ``limit``, ``offset``, ``page``, ``meta``):
``"limit" must be greater than or equal to -1``, ``"meta[0]" must be one of
[total_count, filter_count]``. Empty parameters (``fields=``, ``sort=``) are ignored and
unknown ones too, as in Directus.

Choice: ``aggregate``, ``groupBy``, ``alias``, ``export``, ``version`` and ``backlink`` are
real Directus parameters this simulator does not implement; rather than silently answering
something else, it answers 400 INVALID_QUERY naming the parameter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from simulators.onderwijsloket.errors import invalid_query
from simulators.onderwijsloket.filters import (
    MAX_NESTING,
    MAX_RELATIONAL_DEPTH,
    FilterContext,
    nesting,
    parse_filter,
    parse_filter_text,
    relational_depth,
    validate_filter,
)
from simulators.onderwijsloket.jsvalues import MAX_SAFE_INTEGER, js_number

META_VALUES = ("total_count", "filter_count")
UNSUPPORTED = ("aggregate", "groupBy", "alias", "export", "version", "backlink")


@dataclass
class Deep:
    """``deep``: a sub-query for one relational field, and deeper ones for its fields."""

    query: Query | None = None
    children: dict[str, Deep] = field(default_factory=dict)


@dataclass
class Query:
    fields: list[str] | None = None
    sort: list[str] | None = None
    filter: dict[str, Any] | None = None
    limit: float | None = None
    offset: float | None = None
    page: float | None = None
    meta: list[str] | None = None
    search: str | None = None
    deep: dict[str, Deep] = field(default_factory=dict)


def _strings(raw: Any) -> list[str]:
    """``sanitizeFields``/``sanitizeSort``: a comma string or a list (whose items may hold commas)."""
    if isinstance(raw, str):
        items = raw.split(",")
    elif isinstance(raw, list):
        items = [part for item in raw for part in (item.split(",") if isinstance(item, str) else [str(item)])]
    elif isinstance(raw, dict):
        items = [str(value) for value in raw.values()]
    else:
        items = [str(raw)]
    return [item.strip() for item in items]


def _meta(raw: Any) -> list[str]:
    if raw == "*":
        return list(META_VALUES)
    if isinstance(raw, str):
        return raw.split(",")
    if isinstance(raw, list):
        return [item if isinstance(item, str) else str(item) for item in raw]
    return [str(raw)]


def sanitize_query(raw: dict[str, Any], context: FilterContext) -> Query:
    if nesting(raw) > MAX_NESTING + 1:
        raise invalid_query(f"The query nests deeper than {MAX_NESTING} levels")
    for name in UNSUPPORTED:
        if raw.get(name):
            raise invalid_query(f'The "{name}" parameter is not supported by this simulator')
    query = Query()
    if raw.get("limit") is not None:
        query.limit = js_number(raw["limit"])
    if raw.get("fields"):
        query.fields = _strings(raw["fields"])
    if raw.get("sort"):
        query.sort = _strings(raw["sort"])
    if raw.get("filter"):
        value = raw["filter"]
        if isinstance(value, str):
            try:
                value = parse_filter_text(value)
            except ValueError:
                raise invalid_query("Invalid JSON for filter object") from None
        query.filter = parse_filter(value, context)
    if "offset" in raw:
        query.offset = js_number(raw["offset"])
    if raw.get("page"):
        query.page = js_number(raw["page"])
    if raw.get("meta"):
        query.meta = _meta(raw["meta"])
    if isinstance(raw.get("search"), str) and raw["search"]:
        query.search = raw["search"]
    if raw.get("deep"):
        query.deep = _deep(raw["deep"], context)
    return query


def _deep(raw: Any, context: FilterContext) -> dict[str, Deep]:
    """``sanitizeDeep``: unreadable JSON is ignored (Directus only logs a warning)."""
    if isinstance(raw, str):
        try:
            raw = parse_filter_text(raw)
        except ValueError:
            return {}
    if not isinstance(raw, dict) or nesting(raw) > MAX_NESTING:
        return {}
    nodes: dict[str, Deep] = {}
    for key, value in raw.items():
        if key.startswith("_") or not isinstance(value, dict):
            continue
        node = Deep(children=_deep(value, context))
        sub = {name[1:]: item for name, item in value.items() if name.startswith("_")}
        if sub:
            node.query = sanitize_query(sub, context)
            validate_query(node.query)
        nodes[key] = node
    return nodes


def _number_error(name: str, value: float | None, low: int) -> str | None:
    """Joi ``number().integer().min(low)`` in its rule order; ``None`` when valid."""
    if value is None:
        return None
    if math.isinf(value):
        return f'"{name}" cannot be infinity'
    if math.isnan(value):
        return f'"{name}" must be a number'
    if abs(value) > MAX_SAFE_INTEGER:
        return f'"{name}" must be a safe number'
    if not value.is_integer():
        return f'"{name}" must be an integer'
    if value < low:
        return f'"{name}" must be greater than or equal to {low}'
    return None


def validate_query(query: Query) -> Query:
    if query.filter:
        validate_filter(query.filter)
    too_deep = any(
        len(path.split(".")) > MAX_RELATIONAL_DEPTH for path in (query.fields or []) + (query.sort or [])
    )
    if too_deep or (query.filter and relational_depth(query.filter) > MAX_RELATIONAL_DEPTH):
        raise invalid_query("Max relational depth exceeded")
    for name, value, low in (
        ("limit", query.limit, -1),
        ("offset", query.offset, 0),
        ("page", query.page, 0),
    ):
        error = _number_error(name, value, low)
        if error:
            raise invalid_query(error)
    for index, item in enumerate(query.meta or []):
        if item not in META_VALUES:
            raise invalid_query(f'"meta[{index}]" must be one of [{", ".join(META_VALUES)}]')
    return query


def read_query(raw: dict[str, Any], context: FilterContext) -> Query:
    return validate_query(sanitize_query(raw, context))
