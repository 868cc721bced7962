"""The neutral filter tree every typed GraphQL filter input is turned into.

Schema inputs (``PersonFilter``, ``VacancyFilter``, ...) are converted into this small
tree once; each dialect module renders it into its upstream's language (a Loket
``filter`` string, a Directus ``filter`` object) or evaluates it in the gateway when
the upstream cannot express it. Keeping one tree means one set of semantics: ``contains``
is case-insensitive everywhere, ``isNull: false`` means "has a value" everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

Scalar = str | int | float | bool | date | datetime | None


class Op(StrEnum):
    EQ = "eq"
    NE = "ne"
    CONTAINS = "contains"
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"
    IN = "in"
    IS_NULL = "isNull"


@dataclass(frozen=True)
class Condition:
    """``path`` compared with ``value``.

    ``path`` is the upstream field path, e.g. ``("function", "description")``.
    """

    path: tuple[str, ...]
    op: Op
    value: Scalar | tuple[Scalar, ...]

    def __post_init__(self) -> None:
        if not self.path or not all(self.path):
            raise ValueError("a condition needs a non-empty field path")
        if self.op is Op.IN and not isinstance(self.value, tuple):
            raise ValueError("'in' takes a tuple of values")
        if self.op is Op.IS_NULL and not isinstance(self.value, bool):
            raise ValueError("'isNull' takes true or false")


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Filter, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Filter, ...]


Filter = Condition | AllOf | AnyOf


def all_of(parts: Sequence[Filter | None]) -> Filter | None:
    """``AND`` of the given filters, dropping ``None`` and flattening; ``None`` when nothing is left."""
    kept = [part for part in parts if part is not None]
    flat: list[Filter] = []
    for part in kept:
        flat.extend(part.parts if isinstance(part, AllOf) else (part,))
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else AllOf(tuple(flat))


def any_of(parts: Sequence[Filter]) -> Filter:
    """``OR`` of the given filters, flattening nested ``OR``s."""
    flat: list[Filter] = []
    for part in parts:
        flat.extend(part.parts if isinstance(part, AnyOf) else (part,))
    if not flat:
        raise ValueError("'or' needs at least one filter")
    return flat[0] if len(flat) == 1 else AnyOf(tuple(flat))


def rename(tree: Filter, paths: dict[tuple[str, ...], tuple[str, ...]]) -> Filter:
    """The same tree over other field paths: a filter over record attributes (what the schema
    builds) -> over an upstream's field paths (what its dialect renders). An unknown path is a
    ``KeyError``: a filter is never silently dropped."""
    if isinstance(tree, Condition):
        return Condition(paths[tree.path], tree.op, tree.value)
    parts = tuple(rename(part, paths) for part in tree.parts)
    return AllOf(parts) if isinstance(tree, AllOf) else AnyOf(parts)
