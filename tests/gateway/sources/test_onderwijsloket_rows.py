"""Onderwijsloket (Directus) items -> programme and location records; selections -> ``fields``."""

from __future__ import annotations

import orjson

from gateway.dialects.directus import render_filter
from gateway.dialects.filters import AllOf, Condition, Op, rename
from gateway.geo import Point
from gateway.job_records import (
    InstitutionRecord,
    LocationRecord,
    ProgramFormRecord,
    ProgramSelection,
    TuitionFeeRecord,
)
from gateway.sources import onderwijsloket_rows as rows

PROGRAM = {
    "id": "7d1f7a3c-0000-4000-8000-000000000001",
    "title": "Leraar Basisonderwijs (pabo)",
    "type": "pabo",
    "level": "bachelor",
    "credits": "240",  # the vendor model writes credits as text
    "croho": "34808",
    "educational_institutions": [
        {
            "educational_institutions_id": {
                "id": "inst-1",
                "title": "Hogeschool Utrecht",
                "website": [{"url": "https://www.hu.nl", "lang": "nl"}, {"url": "https://www.hu.nl/en"}],
                "is_tio_partner": "yes",
            }
        },
        {"educational_institutions_id": None},
    ],
    "program_forms": [
        {
            "id": 11,
            "product_form": "deeltijd",
            "tuition_fees": [
                {"year": 2026, "amount": "2.601,00", "tuitionFeeType": "statutory", "definitive": True},
                "not a fee",
            ],
        }
    ],
    "locations": [{"locations_id": "loc-1"}, {"locations_id": {"id": "loc-2", "title": "Amersfoort"}}],
}


def test_a_program_item_becomes_a_record_with_its_institutions_forms_and_location_ids() -> None:
    record = rows.program(PROGRAM)
    assert (record.program_id, record.name, record.type, record.level) == (
        PROGRAM["id"],
        "Leraar Basisonderwijs (pabo)",
        "pabo",
        "bachelor",
    )
    assert (record.credits, record.croho_code, record.degree, record.status) == (240, "34808", None, None)
    assert record.institutions == (
        InstitutionRecord(
            "inst-1", "Hogeschool Utrecht", None, None, None, None, None, "https://www.hu.nl", None
        ),
    )
    assert record.forms == (
        ProgramFormRecord(
            "11", "deeltijd", None, None, (TuitionFeeRecord(2026, 2601.0, "statutory", None, True),)
        ),
    )
    assert record.location_ids == ("loc-1", "loc-2")


def test_a_selection_asks_directus_for_what_it_reads_and_nothing_more() -> None:
    assert rows.fields(ProgramSelection()) == "id,locations.locations_id"
    selection = ProgramSelection(
        program=frozenset({"name", "croho_code"}),
        institution=frozenset({"institution_id", "brin_code"}),
        form=frozenset({"form_id", "tuition_fees"}),
    )
    assert rows.fields(selection).split(",") == [
        "croho",
        "educational_institutions.educational_institutions_id.brin_code",
        "educational_institutions.educational_institutions_id.id",
        "id",
        "locations.locations_id",
        "program_forms.id",
        "program_forms.tuition_fees",
        "title",
    ]


def test_filters_over_record_paths_become_directus_paths() -> None:
    tree = AllOf(
        (
            Condition(("name",), Op.CONTAINS, "pabo"),
            Condition(("institutions", "name"), Op.EQ, "Fontys"),
            Condition(("forms", "form"), Op.EQ, "duaal"),
            Condition(("location_ids",), Op.IN, ("loc-1",)),
        )
    )
    assert orjson.loads(render_filter(rename(tree, rows.PROGRAM_PATHS))) == {
        "_and": [
            {"title": {"_icontains": "pabo"}},
            {"educational_institutions": {"educational_institutions_id": {"title": {"_eq": "Fontys"}}}},
            {"program_forms": {"product_form": {"_eq": "duaal"}}},
            {"locations": {"locations_id": {"_in": ["loc-1"]}}},
        ]
    }


def test_a_location_takes_its_town_from_its_own_address_data() -> None:
    item = {
        "id": "loc-1",
        "title": "Aeres MBO Ede",
        "location_address": "Zandlaan 31, 6717 LN, Ede, Nederland",
        "location_data": {"type": "Point", "coordinates": [5.6689211, 52.0188009]},
    }
    assert rows.location(item) == LocationRecord(
        "loc-1", "Aeres MBO Ede", "Ede", "Zandlaan 31, 6717 LN, Ede, Nederland", Point(52.0188009, 5.6689211)
    )
    # a field named city is not Directus's: the town comes from the address data only
    assert rows.location({"id": 9, "city": "Ede"}) == LocationRecord("9", None, None, None, None)
    assert "city" not in rows.location_fields().split(",")
