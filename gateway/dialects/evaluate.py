"""Filters and orderings applied in the gateway, for upstreams that cannot apply them.

Informat's lists take no filter at all (only school year and structure) and
ICTerGezocht selects only by publish period, so the rest of a filter tree is evaluated
here on the fetched records — never silently dropped. The semantics are those of the
neutral tree everywhere: ``contains`` ignores case, ``ne`` keeps records without a
value, ordering comparisons skip them, a list value (a person's emails) matches when
any element does, and an ISO date string is compared as a date when the condition
holds a date (JSON rows carry dates as text).

**Work.** A record costs at most ``comparisons(tree)`` comparisons per value looked up:
one per condition, one per value of an ``in`` (a membership test, done in C); each costs
at most the length of the record's own value (a ``contains`` longer than three times the
text is not folded, it cannot match). The request limits bound that number: every
comparison needs a caller's value of its own, and one operation's arguments hold at most
``STAFFGRAPH_MAX_INPUT_VALUES`` values (``gateway.limits.inputs``), so a record never
costs more than that many comparisons, whatever the filter. Filtering a list therefore
costs at most ``len(records) * comparisons(tree)``; ``resolvers.local`` does it in chunks
of ``CHUNK_COMPARISONS``, giving the event loop back between them, so a long list never
holds other requests up. Sorting costs one pass per *distinct* key path: a key repeated
later in ``orderBy`` can change nothing (the earlier one already ordered its ties) and is
skipped, so 100 keys of one enum are at most as many passes as the enum has paths.
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


# Comparisons of gateway-side filtering one turn of the event loop may hold (``resolvers.local``):
# some 5-15 ms of CPython, between two of which every other request gets its turn.
CHUNK_COMPARISONS = 5_000


def comparisons(tree: Filter | None) -> int:
    """The most comparisons ``matches`` makes for one record (per value a path yields):
    one per condition, ``len(values)`` for an ``in``; 0 for no filter."""
    if tree is None:
        return 0
    total, stack = 0, [tree]
    while stack:
        part = stack.pop()
        if isinstance(part, AllOf | AnyOf):
            stack.extend(part.parts)
        elif part.op is Op.IN and isinstance(part.value, tuple):
            total += max(1, len(part.value))
        else:
            total += 1
    return total


def chunk_size(tree: Filter | None) -> int:
    """How many records to filter between two yields: ``CHUNK_COMPARISONS`` worth, at least one."""
    return max(1, CHUNK_COMPARISONS // max(1, comparisons(tree)))


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
        # ``eq`` against each value, as one membership test: an ISO date string is also tried as
        # a date (it equals no text, and a date equals no text, so trying both changes nothing)
        return value in wanted or (isinstance(value, str) and _as_date(value) in wanted)
    if wanted is None:
        return (value is None) is (op is Op.EQ) if op in (Op.EQ, Op.NE) else False
    if value is None:
        return op is Op.NE
    if op is Op.CONTAINS:
        text, part = str(value), str(wanted)
        # folding never shortens text and lengthens a character to at most 3: a part over three
        # times the text's length cannot be in it (and is not folded once per record for nothing)
        return len(part) <= 3 * len(text) and part.casefold() in text.casefold()
    if isinstance(wanted, date) and not isinstance(wanted, datetime) and isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = date.fromisoformat(value[:10])
    try:
        return bool(_ORDERED[op](value, wanted))
    except TypeError:
        return False


def _as_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


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
    """``records`` ordered by ``keys`` (first key first); stable, records without a value last either way.

    One pass per distinct key path: a later key on a path already ordered is skipped.
    """
    ordered = list(records)
    for key in reversed(distinct_keys(keys)):
        present = [record for record in ordered if lookup(record, key.path) is not None]
        missing = [record for record in ordered if lookup(record, key.path) is None]
        present.sort(key=lambda record: sort_key(lookup(record, key.path)), reverse=key.descending)
        ordered = present + missing
    return ordered


def distinct_keys(keys: Sequence[OrderKey]) -> list[OrderKey]:
    """``keys`` without those whose path an earlier key already orders by (they change nothing)."""
    seen: set[tuple[str, ...]] = set()
    kept: list[OrderKey] = []
    for key in keys:
        if key.path not in seen:
            seen.add(key.path)
            kept.append(key)
    return kept
