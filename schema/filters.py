"""Typed filter inputs shared by every entity, and their conversion into the neutral tree.

Each entity filter (``PersonFilter``, ``VacancyFilter``, ...) has one field per
filterable property, typed with one of the inputs below, plus ``and``/``or`` lists of
itself. ``filter_tree`` turns it into ``gateway.dialects.filters`` conditions over the
upstream's field paths; the dialect modules render that tree. Input that cannot mean
anything (an empty ``in``) is rejected here, naming the argument, before any call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from enum import Enum
from typing import Any, Protocol, TypeVar

import strawberry

from gateway.dialects.filters import Condition, Filter, Op, all_of, any_of
from gateway.dialects.loket import OrderKey
from gateway.exceptions import InputError


@strawberry.input(description="Conditions on a text field; 'contains' ignores case.")
class StringFilter:
    eq: str | None = None
    ne: str | None = None
    contains: str | None = None
    in_: list[str] | None = strawberry.field(default=None, name="in")
    is_null: bool | None = None


@strawberry.input(description="Conditions on a whole-number field.")
class IntFilter:
    eq: int | None = None
    ne: int | None = None
    gt: int | None = None
    gte: int | None = None
    lt: int | None = None
    lte: int | None = None
    in_: list[int] | None = strawberry.field(default=None, name="in")
    is_null: bool | None = None


@strawberry.input(description="Conditions on a number field.")
class FloatFilter:
    eq: float | None = None
    ne: float | None = None
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None
    is_null: bool | None = None


@strawberry.input(description="Conditions on a date field (ISO dates, 'YYYY-MM-DD').")
class DateFilter:
    eq: date | None = None
    ne: date | None = None
    gt: date | None = None
    gte: date | None = None
    lt: date | None = None
    lte: date | None = None
    in_: list[date] | None = strawberry.field(default=None, name="in")
    is_null: bool | None = None


@strawberry.input(description="Conditions on a true/false field.")
class BooleanFilter:
    eq: bool | None = None
    ne: bool | None = None
    is_null: bool | None = None


FieldFilter = StringFilter | IntFilter | FloatFilter | DateFilter | BooleanFilter
_OPS = {
    "eq": Op.EQ,
    "ne": Op.NE,
    "contains": Op.CONTAINS,
    "gt": Op.GT,
    "gte": Op.GTE,
    "lt": Op.LT,
    "lte": Op.LTE,
    "in_": Op.IN,
    "is_null": Op.IS_NULL,
}


def field_conditions(
    path: tuple[str, ...], given: FieldFilter, *, argument: str = "filter"
) -> list[Condition]:
    """One condition per operator set on ``given`` (they are ANDed)."""
    conditions = []
    for attr, op in _OPS.items():
        value = getattr(given, attr, None)
        if value is None:
            continue
        if op is Op.IN:
            if not value:
                raise InputError(f"'{argument}': 'in' needs at least one value", argument=argument)
            value = tuple(value)
        conditions.append(Condition(path, op, value))
    return conditions


class EntityFilter(Protocol):
    @property
    def and_(self) -> Sequence[Any] | None: ...

    @property
    def or_(self) -> Sequence[Any] | None: ...


F = TypeVar("F", bound=EntityFilter)


def filter_tree(
    given: F | None, paths: Mapping[str, tuple[str, ...]], *, argument: str = "filter"
) -> Filter | None:
    """The tree for an entity filter; ``paths`` maps its attribute names to upstream field paths.

    ``None`` means "everything"; an ``or`` with an empty branch matches everything too.
    """
    if given is None:
        return None
    parts: list[Filter | None] = []
    for attr, path in paths.items():
        value = getattr(given, attr, None)
        if value is not None:
            parts.extend(field_conditions(path, value, argument=argument))
    for sub in given.and_ or ():
        parts.append(filter_tree(sub, paths, argument=argument))
    if given.or_:
        branches = [filter_tree(sub, paths, argument=argument) for sub in given.or_]
        if all(branch is not None for branch in branches):
            parts.append(any_of([branch for branch in branches if branch is not None]))
    return all_of(parts)


E = TypeVar("E", bound=Enum)


def order_keys(values: Sequence[E] | None, keys: Callable[[E], OrderKey]) -> list[OrderKey]:
    """``orderBy: [X!]`` enum values -> order keys, in the order given."""
    return [keys(value) for value in values or ()]
