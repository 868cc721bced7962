"""``sort``: comma list of fields, ``-`` for descending, dotted paths through relations.

Without ``sort`` Directus orders by the primary key, so the rows (kept in key order) stay
as they are. NULLs sort as PostgreSQL sorts them: last ascending, first descending.

Choice: a path through a one-to-many relation sorts by the first related row (lowest
primary key), e.g. ``educational_institutions.educational_institutions_id.title`` by the
first linked institution; strings compare by code point (a C collation). ``json`` and
``geometry`` fields, which PostgreSQL cannot order, and alias fields themselves are
refused with 400 INVALID_QUERY.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from simulators.onderwijsloket.errors import invalid_query, not_relational, unknown_field
from simulators.onderwijsloket.store import View

Row = dict[str, Any]
SortKey = tuple[Callable[[Row], Any], bool]  # (value of a row, descending)


def _path_getter(view: View, collection: str, path: list[str]) -> Callable[[Row], Any]:
    steps: list[tuple[str, str, str]] = []  # (collection, field, kind)
    current = collection
    for index, name in enumerate(path):
        field = view.schema[current].fields.get(name)
        if field is None:
            raise unknown_field("sort", name, current)
        last = index == len(path) - 1
        if last:
            if field.o2m is not None or field.type in ("json", "geometry"):
                raise invalid_query(f'Field "{name}" in "sort" cannot be sorted on')
            steps.append((current, name, "value"))
        else:
            if not field.relational:
                raise not_relational("sort", name, current)
            steps.append((current, name, "m2o" if field.m2o is not None else "o2m"))
            current = field.target or current

    def value(row: Row) -> Any:
        item: Row | None = row
        for owner, name, kind in steps:
            if item is None:
                return None
            if kind == "value":
                return item[name]
            if kind == "m2o":
                item = view.related(owner, name, item)
            else:
                children = view.children(owner, name, item)
                item = children[0] if children else None
        return None

    return value


def compile_sort(sort: list[str], view: View, collection: str) -> list[SortKey]:
    keys = []
    for entry in sort:
        descending = entry.startswith("-")
        path = (entry[1:] if descending else entry).split(".")
        keys.append((_path_getter(view, collection, path), descending))
    return keys


def apply_sort(rows: list[Row], keys: list[SortKey]) -> list[Row]:
    """Stable multi-key sort; ``(is None, value)`` puts NULLs last ascending and first descending."""
    ordered = list(rows)
    for getter, descending in reversed(keys):

        def key(row: Row, getter: Callable[[Row], Any] = getter) -> tuple[bool, Any]:
            value = getter(row)
            return (value is None, value)

        ordered.sort(key=key, reverse=descending)
    return ordered
