"""The seeded data set: sizes, shapes as the Directus export has them, towns, determinism, cost."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date

from simulators.config import SimConfig
from simulators.ictergezocht.accounts import DEMO_ACCOUNT
from simulators.ictergezocht.data import generate_dataset
from simulators.onderwijsloket import NAME, create_upstream
from simulators.onderwijsloket.context import Onderwijsloket
from simulators.onderwijsloket.data import generate
from simulators.places import DUTCH_PLACES
from tests.simulators.onderwijsloket.conftest import Rows, town_of

INSTITUTION_TYPES = {
    "mbo",
    "hogeschool",
    "universiteit",
    "onderzoeksuniversiteit",
    "internationaal onderwijs",
}
# the keys of every record in the Feb 2025 Directus export (locations_with_directus_ids.json),
# less the ``educational_institutions`` alias, which is derived from the junction rows
EXPORT_LOCATION_KEYS = {
    "id",
    "status",
    "user_created",
    "date_created",
    "user_updated",
    "date_updated",
    "hovi_id",
    "vestiging_sk123_id",
    "vendor",
    "title",
    "brinvest",
    "website",
    "location_address",
    "location_components",
    "location_data",
    "notes",
}
FEE_KEYS = {"amount", "definitive", "description", "tuitionFeePeriod", "tuitionFeeType", "year"}
# an upper bound on what one build generates (rows of every collection), so building stays cheap
MAX_ROWS = 4000


def test_sizes_and_value_sets(rows: Rows) -> None:
    assert len(rows["programs"]) >= 300
    assert len(rows["educational_institutions"]) >= 60 and len(rows["locations"]) >= 120
    assert {r["type"] for r in rows["educational_institutions"]} == INSTITUTION_TYPES
    assert {r["product_form"] for r in rows["program_forms"]} == {"voltijd", "deeltijd", "duaal"}
    for collection in ("programs", "program_forms", "educational_institutions", "locations"):
        assert {r["vendor"] for r in rows[collection]} == {"hovi", "kiesmbo", "onderwijsloket"}, collection
    types = Counter(r["type"] for r in rows["programs"])
    for kind in ("pabo", "tweedegraads", "eerstegraads", "educatieve_master", "zij_instroom", "pdg", "mbo"):
        assert types[kind] > 0, kind


def test_program_forms_hold_only_named_fields(rows: Rows) -> None:
    """No ``form``, ``duration_months`` or ``tuition_fee``: no source names them."""
    for form in rows["program_forms"]:
        assert set(form) == {
            "id",
            "status",
            "date_created",
            "date_updated",
            "program",
            "product_form",
            "track",
            "url",
            "description",
            "tuition_fees",
            "vendor",
        }
        assert form["tuition_fees"], form["id"]
        for fee in form["tuition_fees"]:
            assert set(fee) == FEE_KEYS
            assert isinstance(fee["amount"], str) and float(fee["amount"]) > 0
            assert fee["tuitionFeeType"] in ("statutory", "institutional")
    private = {p["id"] for p in rows["programs"] if p["financing"] == "private"}
    curated = [f for f in rows["program_forms"] if f["program"] in private]
    assert curated and all(
        {fee["tuitionFeeType"] for fee in f["tuition_fees"]} == {"institutional"} for f in curated
    )


def test_every_programme_has_forms_institutions_and_locations(rows: Rows) -> None:
    for table, key in (
        ("program_forms", "program"),
        ("educational_institutions_programs", "programs_id"),
        ("programs_locations", "programs_id"),
    ):
        linked = {r[key] for r in rows[table]}
        assert linked == {p["id"] for p in rows["programs"]}, table
    joint = Counter(r["programs_id"] for r in rows["educational_institutions_programs"])
    assert max(joint.values()) == 2  # the academische pabo is taught with a partner hogeschool


def test_locations_have_the_export_keys_and_no_city(rows: Rows) -> None:
    for location in rows["locations"]:
        assert set(location) == EXPORT_LOCATION_KEYS
        assert location["location_data"]["type"] == "Point"


def test_the_town_is_only_in_the_address_data(rows: Rows) -> None:
    """The address line names the town; the geocoder's parts name it as the ``locality``,
    next to the municipality (another name for Hoofddorp) and the province."""
    places = {place.name for place in DUTCH_PLACES}
    municipalities = set()
    for location in rows["locations"]:
        town = town_of(location)
        assert town in places
        components = location["location_components"]
        if components is None:
            continue
        raw = components["properties"]["raw"]
        (locality,) = [part["longText"] for part in raw if "locality" in part["types"]]
        assert locality == town
        (municipality,) = [part["longText"] for part in raw if "administrative_area_level_2" in part["types"]]
        municipalities.add((town, municipality))
        assert components["properties"]["postalCode"] in location["location_address"]
    assert ("Hoofddorp", "Haarlemmermeer") in municipalities
    assert any(location["location_components"] is None for location in rows["locations"])


def test_some_vacancy_towns_have_no_location(sim_config: SimConfig, rows: Rows) -> None:
    """The join cannot count on a location in every town where ICTerGezocht has vacancies."""
    vacancies = generate_dataset(sim_config.seed, sim_config.today).vacancies
    located = {town_of(location) for location in rows["locations"]}
    unplaced = {v.city for v in vacancies if v.account_id == DEMO_ACCOUNT.account_id} - located
    assert len(unplaced) >= 3, unplaced
    assert located < {place.name for place in DUTCH_PLACES}


def test_ids_are_unique_version_4_uuids(rows: Rows) -> None:
    for collection in ("programs", "program_forms", "educational_institutions", "locations", "tracks"):
        ids = [r["id"] for r in rows[collection]]
        assert len(set(ids)) == len(ids) and all(uuid.UUID(i).version == 4 for i in ids)
        assert ids == sorted(ids)


def test_generation_is_deterministic_bounded_and_seed_dependent(sim_config: SimConfig, rows: Rows) -> None:
    again = generate(sim_config.seed, sim_config.today)
    assert again == rows
    assert sum(len(items) for items in rows.values()) <= MAX_ROWS
    other = generate(sim_config.seed + 1, sim_config.today)
    assert {r["id"] for r in other["programs"]}.isdisjoint({r["id"] for r in rows["programs"]})


def test_dates_follow_today(rows: Rows) -> None:
    later = generate(20240901, date(2030, 1, 1))
    assert max(r["date_created"] for r in later["programs"]) > max(
        r["date_created"] for r in rows["programs"]
    )
    assert all(r["date_updated"] is None or r["date_updated"] > r["date_created"] for r in rows["programs"])
    assert {fee["year"] for f in later["program_forms"] for fee in f["tuition_fees"]} == {2029, 2030}


def test_reset_keeps_the_data_it_built_once(sim_config: SimConfig) -> None:
    """Reset forgets tokens and rate-limit windows only: the data is never generated again."""
    bundle = create_upstream(sim_config)
    simulator: Onderwijsloket = bundle.apps[NAME].state.onderwijsloket
    views = simulator.views
    rows = {name: view.rows for name, view in views.items()}
    bundle.reset()
    assert simulator.views is views
    assert all(view.rows is rows[name] for name, view in views.items())
