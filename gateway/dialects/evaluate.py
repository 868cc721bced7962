"""Filters and orderings applied in the gateway, for upstreams that cannot apply them.

Informat's lists take no filter at all (only school year and structure) and
ICTerGezocht selects only by publish period, so the rest of a filter tree is evaluated
here on the fetched records — never silently dropped. The semantics are those of the
neutral tree everywhere: ``contains`` ignores case, ``ne`` keeps records without a
value, ordering comparisons skip them, a list value (a person's emails) matches when
any element does, and an ISO date string is compared as a date when the condition
holds a date (JSON rows carry dates as text).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from gateway.dialects.filters import AllOf, AnyOf, Filter, Op
from gateway.dialects.loket import OrderKey

R = TypeVar("R")
Lookup = Callable[[tuple[str, ...]], Any]

_ORDERED: dict[Op, Callable[[Any, Any], bool]] = {
    Op.EQ: lambda a, b: a == b,
    Op.NE: lambda a, b: a != b,
    Op.GT: lambda a, b: a > b,
    Op.GTE: lambda a, b: a >= b,
    Op.LT: lambda a, b: a < b,
    Op.LTE: lambda a, b: a <= b,
}


def value_at(row: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    """The value at a dotted path in a JSON row; ``None`` where any step is missing."""
    value: Any = row
    for segment in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(segment)
    return value


def row_lookup(row: Mapping[str, Any]) -> Lookup:
    return lambda path: value_at(row, path)


def matches(tree: Filter | None, lookup: Lookup) -> bool:
    """Whether the record behind ``lookup`` (path -> value) passes ``tree``."""
    if tree is None:
        return True
    if isinstance(tree, AllOf):
        return all(matches(part, lookup) for part in tree.parts)
    if isinstance(tree, AnyOf):
        return any(matches(part, lookup) for part in tree.parts)
    value = lookup(tree.path)
    if tree.op is Op.IS_NULL:
        return (value is None or value == []) is tree.value
    if isinstance(value, list | tuple):
        if tree.op is Op.NE:
            return all(_compare(item, Op.NE, tree.value) for item in value)
        return any(_compare(item, tree.op, tree.value) for item in value)
    return _compare(value, tree.op, tree.value)


def _compare(value: Any, op: Op, wanted: Any) -> bool:
    if op is Op.IN:
        return any(_compare(value, Op.EQ, item) for item in wanted)
    if wanted is None:
        return (value is None) is (op is Op.EQ) if op in (Op.EQ, Op.NE) else False
    if value is None:
        return op is Op.NE
    if op is Op.CONTAINS:
        return str(wanted).casefold() in str(value).casefold()
    if isinstance(wanted, date) and not isinstance(wanted, datetime) and isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = date.fromisoformat(value[:10])
    try:
        return bool(_ORDERED[op](value, wanted))
    except TypeError:
        return False


def sort_key(value: Any) -> tuple[int, Any]:
    """Text without regard to case; enums by value."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str):
        return (0, value.casefold())
    return (0, value)


def sort_records(
    records: Sequence[R], keys: Sequence[OrderKey], lookup: Callable[[R, tuple[str, ...]], Any]
) -> list[R]:
    """``records`` ordered by ``keys`` (first key first); stable, records without a value last either way."""
    ordered = list(records)
    for key in reversed(keys):
        present = [record for record in ordered if lookup(record, key.path) is not None]
        missing = [record for record in ordered if lookup(record, key.path) is None]
        present.sort(key=lambda record: sort_key(lookup(record, key.path)), reverse=key.descending)
        ordered = present + missing
    return ordered
