"""Great-circle distances between WGS84 points, for "training programs near this vacancy".

The join between ICTerGezocht vacancies and Onderwijsloket locations happens in the
gateway: neither upstream can measure a distance (Directus only has bounding-box and
intersection operators on ``location_data``). The haversine formula on a sphere of the
mean Earth radius is within 0.5 % of the ellipsoidal distance, far below the precision
of a town's coordinates, and needs no dependency.

Towns are named, not placed, by the upstreams: a vacancy has a town name, a location an
address. ``town_key`` is how two spellings of one town compare; when a town cannot be put
on the map the answer is ``gateway.exceptions.PlaceUnknown`` (``PLACE_UNKNOWN``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

# re-exported until tests/gateway/test_geo.py imports it from gateway.exceptions, where it now lives

__all__ = ["EARTH_RADIUS_KM", "Point", "centroid", "distance_km", "town_key"]

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)
_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


def town_key(town: str) -> str:
    """How towns compare: case, runs of spaces and curly apostrophes ('s-Hertogenbosch) ignored."""
    return _SPACES.sub(" ", town.translate(_APOSTROPHES)).strip().casefold()


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float

    def __post_init__(self) -> None:
        if not (-90.0 <= self.latitude <= 90.0 and -180.0 <= self.longitude <= 180.0):
            raise ValueError(f"({self.latitude}, {self.longitude}) is not a latitude/longitude pair")

    @classmethod
    def from_geojson(cls, value: object) -> Point | None:
        """A GeoJSON ``Point`` (``coordinates`` are ``[longitude, latitude]``); ``None`` for anything else."""
        if not isinstance(value, dict) or value.get("type") != "Point":
            return None
        coordinates = value.get("coordinates")
        if not isinstance(coordinates, list) or len(coordinates) < 2:
            return None
        longitude, latitude = coordinates[0], coordinates[1]
        if not all(isinstance(c, int | float) and not isinstance(c, bool) for c in (longitude, latitude)):
            return None
        try:
            return cls(float(latitude), float(longitude))
        except ValueError:
            return None


def distance_km(a: Point, b: Point) -> float:
    """The great-circle (haversine) distance between ``a`` and ``b`` in kilometres."""
    phi_a, phi_b = math.radians(a.latitude), math.radians(b.latitude)
    d_phi = phi_b - phi_a
    d_lambda = math.radians(b.longitude - a.longitude)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi_a) * math.cos(phi_b) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def centroid(points: Iterable[Point]) -> Point | None:
    """The mean of nearby points (a town's locations); ``None`` for none.

    A plain average of latitudes and longitudes: fine for points a few kilometres apart,
    which is what it is used for.
    """
    chosen = list(points)
    if not chosen:
        return None
    return Point(
        sum(p.latitude for p in chosen) / len(chosen), sum(p.longitude for p in chosen) / len(chosen)
    )
