"""The filterable and sortable fields of each list, learned from the rows it serves.

A ``Schema`` maps every dotted path (``personalDetails.lastName``) to its canonical
spelling and its kind, so ``filter`` and ``orderBy`` can match field names without
regard to case (the document: "Both field names and values are case insensitive")
and refuse unknown fields with a 400 before touching any row.

Kinds: ``string``, ``date`` (every value is ``YYYY-MM-DD``), ``integer``, ``number``,
``boolean``, ``object``, ``array``, and ``any`` for a path whose sampled values are
all null or of mixed kinds (compared dynamically).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SAMPLE_LIMIT = 400  # rows looked at per list; every list's rows share one shape

DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Field:
    path: tuple[str, ...]  # canonical spelling, e.g. ("personalDetails", "lastName")
    kind: str

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


class Schema:
    """Fields by lower-cased dotted path; hashed by identity so compiled filters can be cached."""

    def __init__(self, fields: Mapping[str, Field]) -> None:
        self._fields = dict(fields)

    def resolve(self, segments: Sequence[str]) -> Field | None:
        return self._fields.get(".".join(segments).lower())

    def __iter__(self) -> Any:
        return iter(self._fields.values())

    def __len__(self) -> int:
        return len(self._fields)


def _kind_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "date" if DATE_PATTERN.fullmatch(value) else "string"
    if isinstance(value, dict):
        return "object"
    return "array"


def _merge(kinds: set[str]) -> str:
    kinds = kinds - {"null"}
    if not kinds:
        return "any"
    if len(kinds) == 1:
        return next(iter(kinds))
    if kinds == {"integer", "number"}:
        return "number"
    if kinds == {"date", "string"}:
        return "string"
    return "any"


def derive_schema(rows: Iterable[Mapping[str, Any]], limit: int = SAMPLE_LIMIT) -> Schema:
    """Walk up to ``limit`` rows (evenly spread) and record every path and its kind."""
    sample = list(rows)
    if len(sample) > limit:
        step = len(sample) / limit
        sample = [sample[int(i * step)] for i in range(limit)]
    seen: dict[tuple[str, ...], set[str]] = {}

    def walk(prefix: tuple[str, ...], node: Mapping[str, Any]) -> None:
        for key, value in node.items():
            path = (*prefix, key)
            kind = _kind_of(value)
            seen.setdefault(path, set()).add(kind)
            if kind == "object":
                walk(path, value)

    for row in sample:
        walk((), row)
    fields: dict[str, Field] = {}
    for path, kinds in seen.items():
        kind = "object" if "object" in kinds else _merge(kinds)
        fields[".".join(path).lower()] = Field(path, kind)
    return Schema(fields)


def getter(path: tuple[str, ...]) -> Any:
    """A fast ``row -> value`` for a canonical path; a null on the way gives None."""
    if len(path) == 1:
        key = path[0]
        return lambda row: row.get(key)
    if len(path) == 2:
        first, second = path

        def two(row: Mapping[str, Any]) -> Any:
            inner = row.get(first)
            return inner.get(second) if isinstance(inner, dict) else None

        return two

    def deep(row: Mapping[str, Any]) -> Any:
        node: Any = row
        for key in path:
            if not isinstance(node, dict):
                return None
            node = node.get(key)
        return node

    return deep
