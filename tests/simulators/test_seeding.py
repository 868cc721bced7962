"""Seeded randomness: the same seed and labels give the same values, other labels others."""

from __future__ import annotations

from datetime import date

from simulators.seeding import random_date, rng_for, school_year_start, uuid_from


def test_rng_for_depends_only_on_seed_and_labels() -> None:
    assert rng_for(1, "loket").random() == rng_for(1, "loket").random()
    assert rng_for(1, "loket").random() != rng_for(1, "informat").random()
    assert rng_for(1, "loket").random() != rng_for(2, "loket").random()


def test_uuid_from_is_a_reproducible_version_4_uuid() -> None:
    first, second = uuid_from(rng_for(3, "x")), uuid_from(rng_for(3, "x"))
    assert first == second
    assert first[14] == "4" and len(first) == 36


def test_random_date_stays_inside_the_range() -> None:
    rng = rng_for(4, "dates")
    days = {random_date(rng, date(2024, 1, 1), date(2024, 1, 3)) for _ in range(200)}
    assert days == {date(2024, 1, 1), date(2024, 1, 2), date(2024, 1, 3)}


def test_school_year_starts_on_the_first_of_september() -> None:
    assert school_year_start(date(2026, 8, 31)) == 2025
    assert school_year_start(date(2026, 9, 1)) == 2026
    assert school_year_start(date(2027, 1, 15)) == 2026
