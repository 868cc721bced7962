"""The cached records' orjson documents: every field survives the trip, and a foreign shape is refused."""

from __future__ import annotations

import orjson
import pytest

from gateway.geo import Point
from gateway.job_records import LocationRecord, LocationTable
from gateway.records import EmployerRecord
from gateway.shared import codecs


def test_employers_round_trip() -> None:
    employers = {
        "e1": EmployerRecord("e1", 1001, "Stichting Rijnmond", "12345678", "Rotterdam"),
        "e2": EmployerRecord("e2", None, "Van der Meer B.V.", None, None),
    }
    assert codecs.EMPLOYERS.decode(codecs.EMPLOYERS.encode(employers)) == employers


def test_a_location_table_round_trips_with_its_towns() -> None:
    table = LocationTable.of(
        [
            LocationRecord("l1", "Campus Noord", "Utrecht", "Padualaan 1", Point(52.08, 5.17)),
            LocationRecord("l2", "Campus Zuid", "utrecht", None, Point(52.06, 5.11)),
            LocationRecord("l3", None, None, None, None),
        ]
    )
    again = codecs.LOCATIONS.decode(codecs.LOCATIONS.encode(table))
    assert again == table and again.town_point("Utrecht") == table.town_point("Utrecht")


def test_the_document_is_plain_json_naming_its_fields() -> None:
    record = EmployerRecord("e1", 7, "School", None, "Delft")
    assert orjson.loads(codecs.EMPLOYERS.encode({"e1": record})) == [
        {"id": "e1", "number": 7, "name": "School", "coc": None, "city": "Delft"}
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"not json",
        b"{}",
        b'[{"id": "e1"}]',
        b'[{"id": "e1", "number": "7", "name": "S", "coc": null, "city": null}]',
    ],
)
def test_a_document_of_another_shape_is_a_value_error(data: bytes) -> None:
    with pytest.raises(ValueError, match="cached employers value"):
        codecs.EMPLOYERS.decode(data)
