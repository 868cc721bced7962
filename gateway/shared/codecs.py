"""How each cached value is written to Redis and read back: explicit orjson documents, never pickle.

A cache entry in Redis outlives the process that wrote it and is read by other replicas,
possibly of another version during a rolling update. Pickle would run code named by
whoever could write to Redis, and would tie the bytes to one class layout; an explicit
document per record type is safe to read and says what changes when a record does. A
document that does not decode (another version's shape, a corrupt value) raises
``ValueError``, which the cache treats as a miss.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import orjson

from gateway.geo import Point
from gateway.job_records import LocationRecord, LocationTable
from gateway.records import EmployerRecord

V = TypeVar("V")


@dataclass(frozen=True)
class Codec(Generic[V]):
    """``encode``/``decode`` one cached value; ``name`` tells values apart in logs and errors."""

    name: str
    to_json: Callable[[V], Any]
    from_json: Callable[[Any], V]

    def encode(self, value: V) -> bytes:
        return orjson.dumps(self.to_json(value))

    def decode(self, data: bytes) -> V:
        """The value ``data`` encodes; ``ValueError`` for anything this version cannot read."""
        try:
            return self.from_json(orjson.loads(data))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"a cached {self.name} value this version cannot read ({exc!r})") from None


def _employer(record: EmployerRecord) -> dict[str, Any]:
    return {
        "id": record.employer_id,
        "number": record.employer_number,
        "name": record.company_name,
        "coc": record.chamber_of_commerce_number,
        "city": record.city,
    }


def _employer_from(doc: dict[str, Any]) -> EmployerRecord:
    return EmployerRecord(
        employer_id=str(doc["id"]),
        employer_number=_int_or_none(doc["number"]),
        company_name=str(doc["name"]),
        chamber_of_commerce_number=_str_or_none(doc["coc"]),
        city=_str_or_none(doc["city"]),
    )


EMPLOYERS: Codec[dict[str, EmployerRecord]] = Codec(
    "employers",
    lambda employers: [_employer(record) for record in employers.values()],
    lambda docs: {record.employer_id: record for record in map(_employer_from, _list(docs))},
)
"""The Loket employers a token may see, by id (``gateway.sources.loket``)."""


def _location(record: LocationRecord) -> dict[str, Any]:
    point = record.point
    return {
        "id": record.location_id,
        "name": record.name,
        "city": record.city,
        "address": record.address,
        "point": None if point is None else [point.latitude, point.longitude],
    }


def _location_from(doc: dict[str, Any]) -> LocationRecord:
    point = doc["point"]
    return LocationRecord(
        location_id=str(doc["id"]),
        name=_str_or_none(doc["name"]),
        city=_str_or_none(doc["city"]),
        address=_str_or_none(doc["address"]),
        point=None if point is None else Point(float(point[0]), float(point[1])),
    )


LOCATIONS: Codec[LocationTable] = Codec(
    "locations",
    lambda table: [_location(record) for record in table.locations.values()],
    # the towns' centres are derived from the locations, so they are computed again, not stored
    lambda docs: LocationTable.of(map(_location_from, _list(docs))),
)
"""The Onderwijsloket locations table (``gateway.sources.onderwijsloket``)."""


def _list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    raise TypeError(f"expected a list, got {type(value).__name__}")


def _str_or_none(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"expected a string or null, got {type(value).__name__}")


def _int_or_none(value: Any) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise TypeError(f"expected a whole number or null, got {type(value).__name__}")


__all__ = ["EMPLOYERS", "LOCATIONS", "Codec"]
