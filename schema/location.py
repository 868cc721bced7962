"""``Location`` and ``Coordinates``: an Onderwijsloket (Directus ``locations``) teaching site.

Locations come from one list call, shared across requests (the source's location table):
the table is also what places a vacancy's town on the map, so reading it whole serves both.
Directus has no town field; ``city`` is the town the location's own address data names.
"""

from __future__ import annotations

import strawberry

from gateway.geo import Point
from gateway.job_records import LocationRecord
from schema.wrap import register


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
    city: str | None = strawberry.field(
        description=(
            "The town, from Onderwijsloket's address data: the geocoder's locality "
            "(location_components), else the town in the address line."
        )
    )
    address: str | None = strawberry.field(description="Street address as Onderwijsloket writes it.")
    coordinates: Coordinates | None

    @classmethod
    def from_record(cls, record: LocationRecord) -> Location:
        return cls(
            source_id=strawberry.ID(record.location_id),
            name=record.name,
            city=record.city,
            address=record.address,
            coordinates=Coordinates.of(record.point),
        )


register(LocationRecord, Location.from_record)
