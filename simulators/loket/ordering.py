"""The ``orderBy`` query parameter: ``-companyName,address.houseNumber``.

Choice: the document's pattern is ``^-?\\w+(,-?\\w+)*$`` but its own example orders on
``address.houseNumber``, so dotted paths are allowed: ``^-?\\w+(\\.\\w+)*(,-?\\w+(\\.\\w+)*)*$``.
Choice: text sorts case-insensitively and nulls sort first when ascending (last when
descending), as SQL Server does with its default collation; ties keep the list's
natural order, so paging through a sorted list is stable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from simulators.loket.fields import Schema, getter

_PATTERN = re.compile(r"-?\w+(\.\w+)*(,-?\w+(\.\w+)*)*", re.ASCII)


class OrderByError(ValueError):
    """The orderBy text is malformed or names a field that cannot be sorted on."""


@dataclass(frozen=True)
class SortKey:
    path: tuple[str, ...]
    descending: bool


Sorter = Callable[[Sequence[Mapping[str, Any]]], list[Mapping[str, Any]]]


def parse_order_by(text: str) -> list[tuple[tuple[str, ...], bool]]:
    """``[(("address", "houseNumber"), False), ...]`` as written; raises ``OrderByError``."""
    if not _PATTERN.fullmatch(text):
        raise OrderByError(
            f"'{text}' is not a valid orderBy; give field names separated by commas, "
            "each optionally preceded by '-' for descending (e.g. -companyName,address.houseNumber)"
        )
    return [(tuple(item.lstrip("-").split(".")), item.startswith("-")) for item in text.split(",")]


@lru_cache(maxsize=256)
def compile_order_by(text: str, schema: Schema) -> Sorter:
    keys: list[SortKey] = []
    for path, descending in parse_order_by(text):
        field = schema.resolve(path)
        if field is None:
            raise OrderByError(f"cannot order by unknown field '{'.'.join(path)}'")
        if field.kind in ("object", "array"):
            raise OrderByError(f"cannot order by '{field.dotted}': it is not a single value")
        keys.append(SortKey(field.path, descending))

    def sort(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        ordered = list(rows)
        for key in reversed(keys):  # stable sorts, least significant key first
            ordered.sort(key=_sort_key(getter(key.path)), reverse=key.descending)
        return ordered

    return sort


def _sort_key(value_of: Callable[[Mapping[str, Any]], Any]) -> Callable[[Mapping[str, Any]], tuple[int, Any]]:
    return lambda row: _sortable(value_of(row))


def _sortable(value: Any) -> tuple[int, Any]:
    """Nulls first, then by value; a rank per type keeps a mixed column from raising."""
    if value is None:
        return (0, 0)
    if isinstance(value, str):
        return (3, value.casefold())
    if isinstance(value, bool):
        return (1, value)
    return (2, value)
