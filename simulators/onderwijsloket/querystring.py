"""Query strings parsed the way Directus's Express app parses them (the ``qs`` package).

``filter[title][_eq]=x`` becomes ``{"filter": {"title": {"_eq": "x"}}}``, ``fields[]=a``
and repeated ``fields=a&fields=b`` become lists, ``filter[id][_in][0]=a`` an array
(indices up to 20; above that an object, which Directus then reads by its values), and
nesting stops at depth 10, the rest of the key staying one literal key. Only the first
1000 parameters count, as in ``qs``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

DEPTH = 10
ARRAY_LIMIT = 20
PARAMETER_LIMIT = 1000
_SEGMENT = re.compile(r"\[[^[\]]*\]")
_INDEX = re.compile(r"0|[1-9][0-9]{0,2}")


class _Hole:
    """An unset slot of a sparse array (``a[2]=x`` before ``a[0]`` arrives)."""


HOLE = _Hole()


def _split_key(key: str) -> list[str]:
    first = _SEGMENT.search(key)
    if first is None:
        return [key]
    chain = [key[: first.start()]] if first.start() > 0 else []
    match: re.Match[str] | None = first
    for _ in range(DEPTH):
        if match is None:
            return chain
        chain.append(match.group())
        match = _SEGMENT.search(key, match.end())
    if match is not None:
        chain.append(f"[{key[match.start() :]}]")
    return chain


def _build(chain: list[str], leaf: Any) -> Any:
    value = leaf
    for segment in reversed(chain):
        if segment == "[]":
            value = list(value) if isinstance(value, list) else [value]
            continue
        clean = segment[1:-1] if segment.startswith("[") and segment.endswith("]") else segment
        if _INDEX.fullmatch(clean) and segment != clean and int(clean) <= ARRAY_LIMIT:
            array: list[Any] = [HOLE] * int(clean)
            array.append(value)
            value = array
        elif clean != "__proto__":
            value = {clean: value}
        else:
            value = {}
    return value


def _merge(target: Any, source: Any) -> Any:
    if not isinstance(source, dict | list):
        if isinstance(target, list):
            target.append(source)
            return target
        if isinstance(target, dict):
            target[str(source)] = True
            return target
        return [target, source]
    if not isinstance(target, dict | list):
        return [target, *source] if isinstance(source, list) else [target, source]
    if isinstance(target, list) and isinstance(source, list):
        for index, item in enumerate(source):
            if item is HOLE:
                continue
            if index < len(target) and target[index] is not HOLE:
                if isinstance(target[index], dict | list) and isinstance(item, dict | list):
                    target[index] = _merge(target[index], item)
                else:
                    target.append(item)
            else:
                target.extend([HOLE] * (index + 1 - len(target)))
                target[index] = item
        return target
    if isinstance(target, list):
        target = {str(i): item for i, item in enumerate(target) if item is not HOLE}
    items = enumerate(source) if isinstance(source, list) else source.items()
    for key, value in items:
        if value is HOLE:
            continue
        key = str(key)
        target[key] = _merge(target[key], value) if key in target else value
    return target


def _compact(value: Any) -> Any:
    if isinstance(value, list):
        return [_compact(item) for item in value if item is not HOLE]
    if isinstance(value, dict):
        return {key: _compact(item) for key, item in value.items()}
    return value


def parse_query_string(query: str) -> dict[str, Any]:
    """The nested query object Directus's handlers receive as ``req.query``."""
    flat: dict[str, Any] = {}
    pairs = parse_qsl(query, keep_blank_values=True, errors="replace")[:PARAMETER_LIMIT]
    for key, value in pairs:
        if not key:
            continue
        if key in flat:
            previous = flat[key]
            flat[key] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            flat[key] = value
    result: dict[str, Any] = {}
    for key, value in flat.items():
        result = _merge(result, _build(_split_key(key), value))
    compacted: dict[str, Any] = _compact(result)
    return compacted
