"""The seeded data set: sizes, shapes, coverage of the towns, determinism and speed."""

from __future__ import annotations

import time
import uuid
from collections import Counter
from datetime import date

from simulators.config import SimConfig
from simulators.onderwijsloket import create_upstream
from simulators.onderwijsloket.data import generate
from simulators.places import DUTCH_PLACES

INSTITUTION_TYPES = {
    "mbo",
    "hogeschool",
    "universiteit",
    "onderzoeksuniversiteit",
    "internationaal onderwijs",
}


def test_sizes_and_value_sets(rows: dict) -> None:
    assert len(rows["programs"]) >= 300
    assert len(rows["educational_institutions"]) >= 60 and len(rows["locations"]) >= 120
    assert {r["type"] for r in rows["educational_institutions"]} == INSTITUTION_TYPES
    assert {r["form"] for r in rows["program_forms"]} == {"voltijd", "deeltijd", "duaal"}
    for collection in ("programs", "program_forms", "educational_institutions", "locations"):
        assert {r["vendor"] for r in rows[collection]} == {"hovi", "kiesmbo", "onderwijsloket"}, collection
    types = Counter(r["type"] for r in rows["programs"])
    for kind in ("pabo", "tweedegraads", "eerstegraads", "educatieve_master", "zij_instroom", "pdg", "mbo"):
        assert types[kind] > 0, kind


def test_every_programme_has_forms_institutions_and_locations(rows: dict) -> None:
    for table, key in (
        ("program_forms", "program"),
        ("programs_educational_institutions", "programs_id"),
        ("programs_locations", "programs_id"),
    ):
        linked = {r[key] for r in rows[table]}
        assert linked == {p["id"] for p in rows["programs"]}, table
    joint = Counter(r["programs_id"] for r in rows["programs_educational_institutions"])
    assert max(joint.values()) == 2  # the academische pabo is taught with a partner hogeschool


def test_every_town_has_a_location(rows: dict) -> None:
    assert {r["city"] for r in rows["locations"]} == {p.name for p in DUTCH_PLACES}


def test_ids_are_unique_version_4_uuids(rows: dict) -> None:
    for collection in ("programs", "program_forms", "educational_institutions", "locations", "tracks"):
        ids = [r["id"] for r in rows[collection]]
        assert len(set(ids)) == len(ids) and all(uuid.UUID(i).version == 4 for i in ids)
        assert ids == sorted(ids)


def test_generation_is_deterministic_fast_and_seed_dependent(sim_config: SimConfig, rows: dict) -> None:
    started = time.perf_counter()
    again = generate(sim_config.seed, sim_config.today)
    assert time.perf_counter() - started < 1.0
    assert again == rows
    other = generate(sim_config.seed + 1, sim_config.today)
    assert {r["id"] for r in other["programs"]}.isdisjoint({r["id"] for r in rows["programs"]})


def test_dates_follow_today(rows: dict) -> None:
    later = generate(20240901, date(2030, 1, 1))
    assert max(r["date_created"] for r in later["programs"]) > max(
        r["date_created"] for r in rows["programs"]
    )
    assert all(r["date_updated"] is None or r["date_updated"] > r["date_created"] for r in rows["programs"])


def test_building_and_resetting_are_cheap(sim_config: SimConfig) -> None:
    started = time.perf_counter()
    bundle = create_upstream(sim_config)
    assert time.perf_counter() - started < 1.0
    started = time.perf_counter()
    bundle.reset()
    assert time.perf_counter() - started < 0.3
