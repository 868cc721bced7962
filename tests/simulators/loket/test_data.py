"""The seeded data set: sizes, the people shared with Informat, consistent date chains,
determinism per (seed, today, scale), scale 1 unchanged, and bounded generation and reset."""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import orjson

from simulators.config import SimConfig
from simulators.loket.dataset import Dataset, Table, build_dataset
from simulators.loket.profiles import PROFILES
from simulators.loket.store import LoketStore
from simulators.loket.views import SAMPLE_PER_EMPLOYER, sample_employments
from simulators.people import people_in_both_loket_and_informat
from simulators.places import DUTCH_PLACES
from simulators.upstream import SimulatedUpstream
from tests.simulators.loket.support import Employers


def _next_day(text: str) -> str:
    return (date.fromisoformat(text) + timedelta(days=1)).isoformat()


def test_sizes_follow_the_employer_profiles(store: LoketStore, employers: Employers) -> None:
    data = store.data
    assert len(data.employers) == len(PROFILES) >= 3
    sizes = {employer: len(data.employees.children[employer]) for employer in data.employers.rows}
    assert list(sizes.values()) == [profile.employees for profile in PROFILES]
    assert sum(sizes.values()) >= 1000
    assert sizes[employers.hidden] > 0
    per_employee = Counter(len(data.employments.children[e]) for e in data.employees.rows)
    assert set(per_employee) == {1, 2} and per_employee[2] > 50
    for employer in data.employers.rows:
        numbers = [row["employeeNumber"] for row in data.employees.under(employer)]
        assert numbers == list(range(1, len(numbers) + 1))
        assert len(data.departments.children[employer]) >= 5 and len(data.functions.children[employer]) >= 5


def test_every_person_shared_with_informat_works_for_one_of_alices_employers(
    loket_config: SimConfig, store: LoketStore, employers: Employers
) -> None:
    data = store.data
    people = {
        (
            row["personalDetails"]["firstName"],
            f"{row['personalDetails']['prefix'] or ''} {row['personalDetails']['lastName']}".strip(),
            row["personalDetails"]["dateOfBirth"],
        ): data.employees.parent[row["id"]]
        for row in data.employees
    }
    for person in people_in_both_loket_and_informat(loket_config.seed, loket_config.today):
        key = (person.name.first_name, person.name.full_last_name, person.date_of_birth.isoformat())
        assert people.get(key) in employers.alice, key


def test_employments_are_dated_sensibly(store: LoketStore) -> None:
    data, today = store.data, store.data.today.isoformat()
    ends: Counter[str] = Counter()
    for employee, ids in data.employments.children.items():
        jobs = [data.employments.rows[i] for i in ids]
        born = data.employees.rows[employee]["personalDetails"]["dateOfBirth"]
        for job in jobs:
            assert born < job["startDate"] <= today
            assert job["endDate"] is None or job["startDate"] < job["endDate"]
            assert job["employee"]["id"] == employee
            ends[
                "open" if job["endDate"] is None else "ended" if job["endDate"] < today else "fixed term"
            ] += 1
        if len(jobs) == 2:
            assert jobs[0]["endDate"] is not None and jobs[0]["endDate"] < jobs[1]["startDate"]
    assert min(ends.values()) > 50, ends


def test_organizational_entities_cover_each_employment_in_a_chain(store: LoketStore) -> None:
    data = store.data
    deviating = 0
    for employment, ids in data.org_entities.children.items():
        job = data.employments.rows[employment]
        entities = [data.org_entities.rows[i] for i in ids]
        assert entities[0]["startDate"] == job["startDate"] and entities[-1]["endDate"] == job["endDate"]
        for earlier, later in itertools.pairwise(entities):
            assert _next_day(earlier["endDate"]) == later["startDate"]
        deviating += sum(1 for e in entities if e["deviatingFunctionDescription"])
    assert deviating > 50
    assert any(len(ids) == 2 for ids in data.org_entities.children.values())


def test_absences_and_their_progress_chains_are_consistent(store: LoketStore) -> None:
    data = store.data
    open_count = 0
    for employee, ids in data.absences.children.items():
        absences = [data.absences.rows[i] for i in ids]
        spans = []
        for absence in absences:
            records = data.progress.under(absence["id"])
            start = absence["progress"]["startDate"]
            end = absence["endOfAbsence"]["date"] if absence["endOfAbsence"] else None
            assert records[0]["startDate"] == start and records[-1]["endDate"] == end
            assert absence["progress"]["currentIncapacityPercentage"] == records[-1]["incapacityPercentage"]
            for earlier, later in itertools.pairwise(records):
                assert _next_day(earlier["endDate"]) == later["startDate"]
            assert any(
                job["startDate"] <= start and (job["endDate"] is None or start <= job["endDate"])
                for job in data.employments.under(employee)
            )
            spans.append((start, end or "9999-12-31"))
            open_count += end is None
        spans.sort()
        assert all(a[1] < b[0] for a, b in itertools.pairwise(spans)), spans
    assert open_count > 10 and len(data.absences) > 200


def test_people_live_in_real_places_and_have_email(store: LoketStore) -> None:
    places = {place.name: place.postcode for place in DUTCH_PLACES}
    for row in store.data.employees:
        address = row["address"]
        assert address["postalCode"].startswith(places[address["city"]])
        assert "@" in row["contactInformation"]["emailAddress"]


def test_the_data_depends_only_on_seed_and_today(loket_config: SimConfig, store: LoketStore) -> None:
    def fingerprint(data: Dataset) -> bytes:
        return orjson.dumps([list(data.employees), list(data.absences), list(data.leave)])

    again = build_dataset(replace(loket_config, clock=lambda: 0.0))
    assert fingerprint(again) == fingerprint(store.data)
    other = build_dataset(replace(loket_config, seed=loket_config.seed + 1))
    assert set(other.employees.rows).isdisjoint(store.data.employees.rows)


ROWS_PER_EMPLOYEE = 20  # employments, entities, absences and progress, leave, requests: about 13 today


def _tables(data: Dataset) -> dict[str, Table]:
    names = ("employers", "employees", "employments", "org_entities", "departments", "functions")
    names += ("absences", "progress", "leave", "leave_requests")
    return {name: getattr(data, name) for name in names}


def _fingerprint(data: Dataset) -> str:
    """A hash of every row, its parent and its order, and of the derived lookups."""
    digest = hashlib.sha256()
    for table in _tables(data).values():
        digest.update(orjson.dumps([[table.parent[r["id"]], r] for r in table], option=orjson.OPT_SORT_KEYS))
    digest.update(orjson.dumps(data.employers_minimized, option=orjson.OPT_SORT_KEYS))
    digest.update(orjson.dumps(data.employments_minimized, option=orjson.OPT_SORT_KEYS))
    digest.update(orjson.dumps(data.employments_by_employer, option=orjson.OPT_SORT_KEYS))
    digest.update(orjson.dumps({name: sorted(user.employer_ids) for name, user in data.users.items()}))
    return digest.hexdigest()


# computed before --scale existed: scale 1 must keep giving exactly this data (the demo's ids)
SCALE_1_FINGERPRINT = "7ed6b15fba01418f025ac68c8230e0a52798c627d9644ffd55bd10423329294c"


def test_scale_1_is_the_data_from_before_scaling(loket_config: SimConfig, store: LoketStore) -> None:
    assert loket_config.scale == 1 and loket_config.today == date(2026, 11, 24)
    assert _fingerprint(store.data) == SCALE_1_FINGERPRINT


def test_scale_2_doubles_every_employer_and_keeps_scale_1_as_its_first_block(
    loket_config: SimConfig, store: LoketStore
) -> None:
    small = store.data
    large = build_dataset(replace(loket_config, scale=2))
    for employer, profile in zip(large.employers.rows, PROFILES, strict=True):
        numbers = [row["employeeNumber"] for row in large.employees.under(employer)]
        assert numbers == list(range(1, 2 * profile.employees + 1))
        jobs = large.employments_by_employer[employer]
        assert jobs[: len(small.employments_by_employer[employer])] == small.employments_by_employer[employer]
    for name, table in _tables(small).items():
        bigger = _tables(large)[name]
        assert all(
            bigger.rows[ident] == row and bigger.parent[ident] == table.parent[ident]
            for ident, row in table.rows.items()
        )
        grows = name not in ("employers", "departments", "functions")
        assert len(bigger) >= (1.8 * len(table) if grows else len(table)), name
    assert len({row["id"] for table in _tables(large).values() for row in table}) == sum(
        len(table) for table in _tables(large).values()
    )
    assert _fingerprint(build_dataset(replace(loket_config, scale=2))) == _fingerprint(large)


def test_generation_is_bounded_per_employee_and_reset_copies_only_the_writable_tables(
    store: LoketStore, bundle: SimulatedUpstream
) -> None:
    data = store.data
    assert sum(len(table) for table in _tables(data).values()) <= ROWS_PER_EMPLOYEE * len(data.employees)
    assert len(sample_employments(store)) <= len(data.employers) * SAMPLE_PER_EMPLOYER
    bundle.reset()
    assert store.data is data  # nothing is generated again
    for table, seeded in ((store.absences, data.absences), (store.progress, data.progress)):
        assert table is not seeded and table.rows == seeded.rows
        assert all(
            table.rows[ident] is row for ident, row in seeded.rows.items()
        )  # rows are shared, not copied
