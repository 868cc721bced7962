"""Typed filters and orderings -> Loket's ``filter`` and ``orderBy`` query strings.

Loket's grammar (seed 000, "Filtering"/"Ordering"): ``field op value`` with ``eq ne lk
gt ge lt le``, joined by ``and``/``or``, dotted paths for nested fields, ``null``, string
and date values in single quotes. A quote inside a string is doubled (``'O''Brien'``),
as in OData, whose syntax Loket's filter follows. Loket has no ``in``: it becomes an
``or`` of ``eq``s. Composite parts are always parenthesised so precedence never depends
on the upstream's parser.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from gateway.dialects.filters import AllOf, AnyOf, Condition, Filter, Op, Scalar

_OPERATORS = {
    Op.EQ: "eq",
    Op.NE: "ne",
    Op.CONTAINS: "lk",
    Op.GT: "gt",
    Op.GTE: "ge",
    Op.LT: "lt",
    Op.LTE: "le",
}


class UnexpressibleFilter(ValueError):
    """The filter cannot be written in Loket's grammar (the caller must apply it itself)."""


def literal(value: Scalar) -> str:
    """A value as Loket's filter grammar writes it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime):
        return "'" + value.isoformat() + "'"
    if isinstance(value, date):
        return "'" + value.isoformat() + "'"
    return "'" + str(value).replace("'", "''") + "'"


def _condition(condition: Condition) -> str:
    path = ".".join(condition.path)
    if condition.op is Op.IS_NULL:
        return f"{path} {'eq' if condition.value else 'ne'} null"
    if condition.op is Op.IN:
        values = condition.value
        assert isinstance(values, tuple)
        if not values:
            raise UnexpressibleFilter(f"'in' with no values on {path} matches nothing")
        parts = [f"{path} eq {literal(value)}" for value in values]
        return parts[0] if len(parts) == 1 else "(" + " or ".join(parts) + ")"
    if condition.op is Op.CONTAINS and not isinstance(condition.value, str):
        raise UnexpressibleFilter(f"'contains' on {path} needs a string")
    assert not isinstance(condition.value, tuple)
    return f"{path} {_OPERATORS[condition.op]} {literal(condition.value)}"


def render_filter(tree: Filter) -> str:
    """The Loket ``filter`` parameter for ``tree``."""
    if isinstance(tree, Condition):
        return _condition(tree)
    joiner = " and " if isinstance(tree, AllOf) else " or "
    assert isinstance(tree, AllOf | AnyOf)
    rendered = [render_filter(part) for part in tree.parts]
    return joiner.join(
        f"({part})" if not isinstance(sub, Condition) else part
        for part, sub in zip(rendered, tree.parts, strict=True)
    )


@dataclass(frozen=True)
class OrderKey:
    path: tuple[str, ...]
    descending: bool = False


def render_order(keys: Sequence[OrderKey]) -> str | None:
    """The Loket ``orderBy`` parameter (``-companyName,address.houseNumber``); ``None`` for no ordering."""
    if not keys:
        return None
    return ",".join(("-" if key.descending else "") + ".".join(key.path) for key in keys)


MAX_PAGE_SIZE = 1000


@dataclass(frozen=True)
class PagePlan:
    """Loket pages (``pageNumber``, ``pageSize``) that cover a window, and how many rows to skip."""

    pages: tuple[tuple[int, int], ...]
    skip: int


def page_plan(offset: int, limit: int, max_size: int = MAX_PAGE_SIZE) -> PagePlan:
    """The fewest Loket page requests covering items ``offset .. offset + limit - 1``.

    Loket pages by number, so a window that does not start on a page boundary is served
    by the smallest page size that holds it in one page; failing that (deep offsets),
    by two consecutive pages of ``limit`` rows.
    """
    if offset < 0 or limit < 1:
        raise ValueError("offset must be >= 0 and limit >= 1")
    for size in range(limit, min(max_size, offset + limit) + 1):
        if offset // size == (offset + limit - 1) // size:
            return PagePlan(((offset // size + 1, size),), offset % size)
    first = offset // limit + 1
    return PagePlan(((first, limit), (first + 1, limit)), offset % limit)
