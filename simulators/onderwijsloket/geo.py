"""GeoJSON for the geo filter operators on ``location_data`` (a Point per row).

``_intersects`` is PostGIS's ``ST_Intersects`` for a point: equal to a point, on a line,
inside a polygon or on its edge (a polygon's holes excluded, their edges included).
``_intersects_bbox`` tests the point against the bounding box of the given geometry.
Directus accepts a Feature and uses its geometry (``wellknown.stringify``); anything else
that is not a geometry object is rejected with "has to be a valid GeoJSON object".
Coordinates are planar (longitude, latitude), as PostGIS treats SRID 4326 geometries.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import Any

Point = tuple[float, float]
_EPSILON = 1e-12
_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


def _is_position(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) >= 2
        and all(isinstance(c, int | float) and not isinstance(c, bool) and math.isfinite(c) for c in value)
    )


def _valid_coordinates(value: Any, depth: int) -> bool:
    if depth == 0:
        return _is_position(value)
    return isinstance(value, list) and all(_valid_coordinates(item, depth - 1) for item in value)


def geometry_of(value: Any) -> dict[str, Any] | None:
    """The geometry object ``value`` stands for, or ``None`` if it is not valid GeoJSON."""
    if not isinstance(value, dict):
        return None
    if value.get("type") == "Feature":
        return geometry_of(value.get("geometry"))
    kind = value.get("type")
    if kind == "GeometryCollection":
        parts = value.get("geometries")
        if isinstance(parts, list) and all(geometry_of(part) is not None for part in parts):
            return value
        return None
    if kind in _DEPTH and _valid_coordinates(value.get("coordinates"), _DEPTH[kind]):
        if kind in ("LineString", "MultiLineString", "Polygon", "MultiPolygon") and not value["coordinates"]:
            return None
        return value
    return None


def is_geojson(value: Any) -> bool:
    return geometry_of(value) is not None


def _positions(geometry: dict[str, Any]) -> Iterator[list[float]]:
    if geometry["type"] == "GeometryCollection":
        for part in geometry["geometries"]:
            yield from _positions(geometry_of(part) or {"type": "GeometryCollection", "geometries": []})
        return
    stack = [(geometry["coordinates"], _DEPTH[geometry["type"]])]
    while stack:
        value, depth = stack.pop()
        if depth == 0:
            yield value
        else:
            stack.extend((item, depth - 1) for item in value)


def bbox(geometry: dict[str, Any]) -> tuple[float, float, float, float] | None:
    xs, ys = [], []
    for position in _positions(geometry):
        xs.append(position[0])
        ys.append(position[1])
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _on_segment(p: Point, a: list[float], b: list[float]) -> bool:
    cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
    if abs(cross) > _EPSILON:
        return False
    return min(a[0], b[0]) - _EPSILON <= p[0] <= max(a[0], b[0]) + _EPSILON and (
        min(a[1], b[1]) - _EPSILON <= p[1] <= max(a[1], b[1]) + _EPSILON
    )


def _ring_edges(ring: list[list[float]]) -> Iterator[tuple[list[float], list[float]]]:
    for index, start in enumerate(ring):
        yield start, ring[(index + 1) % len(ring)]


def _inside_ring(p: Point, ring: list[list[float]]) -> bool:
    inside = False
    for a, b in _ring_edges(ring):
        if (a[1] > p[1]) != (b[1] > p[1]):
            x = a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1])
            if p[0] < x:
                inside = not inside
    return inside


def _in_polygon(p: Point, rings: list[list[list[float]]]) -> bool:
    if any(_on_segment(p, a, b) for ring in rings for a, b in _ring_edges(ring)):
        return True
    if not rings or not rings[0]:
        return False
    outer, holes = rings[0], rings[1:]
    return _inside_ring(p, outer) and not any(_inside_ring(p, hole) for hole in holes)


def intersects(point: Point, geometry: dict[str, Any]) -> bool:
    kind = geometry["type"]
    coordinates: Any = geometry.get("coordinates")
    if kind == "GeometryCollection":
        empty = {"type": "GeometryCollection", "geometries": []}
        return any(intersects(point, geometry_of(part) or empty) for part in geometry["geometries"])
    if kind == "Point":
        return bool(abs(coordinates[0] - point[0]) <= _EPSILON and abs(coordinates[1] - point[1]) <= _EPSILON)
    if kind == "MultiPoint":
        return any(intersects(point, {"type": "Point", "coordinates": c}) for c in coordinates)
    if kind == "LineString":
        return any(_on_segment(point, a, b) for a, b in itertools.pairwise(coordinates)) or (
            len(coordinates) == 1 and intersects(point, {"type": "Point", "coordinates": coordinates[0]})
        )
    if kind == "MultiLineString":
        return any(intersects(point, {"type": "LineString", "coordinates": line}) for line in coordinates)
    if kind == "Polygon":
        return _in_polygon(point, coordinates)
    if kind == "MultiPolygon":
        return any(_in_polygon(point, polygon) for polygon in coordinates)
    return False


def intersects_bbox(point: Point, geometry: dict[str, Any]) -> bool:
    box = bbox(geometry)
    return box is not None and box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]
