"""``Location`` and ``Coordinates``: an Onderwijsloket (Directus ``locations``) teaching site.

Locations come from one list call per request (``LocationTableLoader``): the table is
also what places a vacancy's city on the map, so reading it whole once serves both.
"""

from __future__ import annotations

from typing import Any

import strawberry

from gateway.geo import Point


@strawberry.type(description="A point on the map (WGS84 degrees).")
class Coordinates:
    latitude: float
    longitude: float

    @classmethod
    def of(cls, point: Point | None) -> Coordinates | None:
        return None if point is None else cls(latitude=point.latitude, longitude=point.longitude)


@strawberry.type(description="A site where an institution teaches (Onderwijsloket 'locations').")
class Location:
    source_id: strawberry.ID = strawberry.field(description="The location's id in Onderwijsloket.")
    name: str | None = strawberry.field(
        description="The site's name, e.g. 'Hogeschool Utrecht, vestiging Amersfoort'."
    )
    city: str | None
    address: str | None = strawberry.field(description="Street address as Onderwijsloket writes it.")
    coordinates: Coordinates | None

    @classmethod
    def from_directus(cls, row: dict[str, Any]) -> Location:
        return cls(
            source_id=strawberry.ID(str(row["id"])),
            name=row.get("title"),
            city=row.get("city"),
            address=row.get("location_address"),
            coordinates=Coordinates.of(Point.from_geojson(row.get("location_data"))),
        )
