"""Typed filters, orderings and selections -> Directus query parameters (Onderwijsloket).

Directus (reference §2.2) takes ``filter`` as JSON ``{field: {_op: value}}`` with
relations nested as objects (``{"locations": {"locations_id": {"title": {...}}}}``),
``_and``/``_or`` arrays, ``sort`` as a comma list with ``-`` for descending, and
``fields`` with dot notation into relations. ``contains`` maps to ``_icontains`` so it
means the same as Loket's case-insensitive ``lk``.

Geodata is read here too: a ``locations`` item has no town field, only an address line
(``"Zandlaan 31, 6717 LN, Ede, Nederland"``), the geocoder's parts
(``location_components``, a GeoJSON Feature whose ``properties.raw`` entries carry
``types``; the town is the ``locality``) and a GeoJSON Point (``location_data``).
What the gateway keeps of such an item is a ``LocationRecord`` (``gateway.sources.onderwijsloket_rows``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import orjson

from gateway.dialects.filters import AllOf, Condition, Filter, Op, Scalar
from gateway.dialects.loket import OrderKey
from gateway.geo import Point

# the ``locations`` fields a location record is read from: never the whole item
LOCATION_FIELDS = ("id", "title", "location_address", "location_components", "location_data")
_COUNTRIES = frozenset({"nederland", "netherlands", "the netherlands", "nl", "nld"})
_POSTCODE = re.compile(r"^[0-9]{4}\s?[A-Za-z]{2}(?:\s+|$)")
_BBOX_PAD = 1e-5  # degrees (about a metre), so a point on the box's edge is inside on any float

_OPERATORS = {
    Op.EQ: "_eq",
    Op.NE: "_neq",
    Op.CONTAINS: "_icontains",
    Op.GT: "_gt",
    Op.GTE: "_gte",
    Op.LT: "_lt",
    Op.LTE: "_lte",
    Op.IN: "_in",
}


def _json_value(value: Scalar | tuple[Scalar, ...]) -> Any:
    if isinstance(value, tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _condition(condition: Condition) -> dict[str, Any]:
    if condition.op is Op.IS_NULL:
        rule: dict[str, Any] = {"_null" if condition.value else "_nnull": True}
    elif condition.op is Op.EQ and condition.value is None:
        rule = {"_null": True}
    elif condition.op is Op.NE and condition.value is None:
        rule = {"_nnull": True}
    else:
        rule = {_OPERATORS[condition.op]: _json_value(condition.value)}
    return _nest(condition.path, rule)


def _nest(path: tuple[str, ...], rule: dict[str, Any]) -> dict[str, Any]:
    for segment in reversed(path):
        rule = {segment: rule}
    return rule


def _ranges(parts: tuple[Filter, ...]) -> dict[tuple[str, ...], tuple[Condition, Condition]]:
    """Paths with exactly one ``gte`` and one ``lte`` among ``parts``: each pair is one ``_between``."""
    bounds: dict[tuple[str, ...], list[Condition]] = {}
    for part in parts:
        if isinstance(part, Condition) and part.op in (Op.GTE, Op.LTE):
            bounds.setdefault(part.path, []).append(part)
    ranges = {}
    for path, found in bounds.items():
        ops = sorted(c.op.value for c in found)
        if ops == [Op.GTE.value, Op.LTE.value]:
            low, high = sorted(found, key=lambda c: c.op is Op.LTE)
            ranges[path] = (low, high)
    return ranges


def _all_of(tree: AllOf) -> dict[str, Any]:
    ranges = _ranges(tree.parts)
    rendered: list[dict[str, Any]] = []
    emitted: set[tuple[str, ...]] = set()
    for part in tree.parts:
        if isinstance(part, Condition) and part.op in (Op.GTE, Op.LTE) and part.path in ranges:
            if part.path not in emitted:
                emitted.add(part.path)
                low, high = ranges[part.path]
                between = [_json_value(low.value), _json_value(high.value)]
                rendered.append(_nest(part.path, {"_between": between}))
            continue
        rendered.append(filter_object(part))
    return rendered[0] if len(rendered) == 1 else {"_and": rendered}


def filter_object(tree: Filter) -> dict[str, Any]:
    """The Directus filter object for ``tree``; a ``gte`` and ``lte`` on one field are ``_between``."""
    if isinstance(tree, Condition):
        return _condition(tree)
    if isinstance(tree, AllOf):
        return _all_of(tree)
    return {"_or": [filter_object(part) for part in tree.parts]}


def render_filter(tree: Filter) -> str:
    """The ``filter`` query parameter: compact JSON (httpx URL-encodes it)."""
    return orjson.dumps(filter_object(tree)).decode()


def render_sort(keys: Sequence[OrderKey]) -> str | None:
    if not keys:
        return None
    return ",".join(("-" if key.descending else "") + ".".join(key.path) for key in keys)


def render_fields(paths: Iterable[Sequence[str]]) -> str:
    """``fields`` for the selected paths, de-duplicated and sorted so equal selections give equal URLs."""
    rendered = sorted({".".join(path) for path in paths if path})
    if not rendered:
        raise ValueError("a Directus query needs at least one field")
    return ",".join(rendered)


def related_ids(row: dict[str, Any], alias: str, key: str) -> list[str]:
    """The ids behind a many-to-many alias in an item, as ``fields=alias.key`` returns them.

    Directus gives the junction rows (``[{"locations_id": "<uuid>"}]``), or, when the
    related item was expanded further (``alias.key.title``), objects with an ``id``.
    """
    ids = []
    for link in row.get(alias) or []:
        value = link.get(key) if isinstance(link, dict) else None
        if isinstance(value, dict):
            value = value.get("id")
        if value is not None and value != "":
            ids.append(str(value))
    return ids


def bbox_filter(path: Sequence[str], points: Iterable[Point]) -> dict[str, Any]:
    """``path`` (a geometry field) ``_intersects_bbox`` the bounding box of ``points``.

    A short filter however many points: a superset of them (and of whatever else lies in
    the box), for when listing their ids would make the URL too long.
    """
    chosen = list(points)
    if not chosen:
        raise ValueError("a bounding box needs at least one point")
    south = min(p.latitude for p in chosen) - _BBOX_PAD
    north = max(p.latitude for p in chosen) + _BBOX_PAD
    west = min(p.longitude for p in chosen) - _BBOX_PAD
    east = max(p.longitude for p in chosen) + _BBOX_PAD
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return _nest(tuple(path), {"_intersects_bbox": {"type": "Polygon", "coordinates": [ring]}})


def locality(components: Any) -> str | None:
    """The town in a geocoder Feature: the ``raw`` part whose ``types`` hold ``locality``.

    Not the municipality (``administrative_area_level_2``: Haarlemmermeer for Hoofddorp)
    nor a district (``sublocality``), which are "political" parts as well.
    """
    properties = components.get("properties") if isinstance(components, Mapping) else None
    parts = properties.get("raw") if isinstance(properties, Mapping) else None
    for part in parts if isinstance(parts, list) else []:
        if not isinstance(part, Mapping):
            continue
        types = part.get("types")
        text = part.get("longText")
        if isinstance(types, list) and "locality" in types and isinstance(text, str) and text.strip():
            return text.strip()
    return None


def town_in_address(address: Any) -> str | None:
    """The town in an address line: the last part before the country, without a postcode.

    ``"Zandlaan 31, 6717 LN, Ede, Nederland"`` and ``"Zandlaan 31, 6717 LN Ede, Netherlands"``
    give ``Ede``, ``"MAASTRICHT, NL"`` gives ``MAASTRICHT``; a line whose last part has a
    digit in it (a street and number only) gives nothing rather than a guess.
    """
    if not isinstance(address, str):
        return None
    parts = [part.strip() for part in address.split(",") if part.strip()]
    if parts and parts[-1].casefold() in _COUNTRIES:
        parts.pop()
    if not parts:
        return None
    town = _POSTCODE.sub("", parts[-1]).strip()
    return town if town and not any(character.isdigit() for character in town) else None


def town_of(item: Mapping[str, Any]) -> str | None:
    """The town of an item with Directus geodata: the geocoder's locality, else the address line's."""
    return locality(item.get("location_components")) or town_in_address(item.get("location_address"))
