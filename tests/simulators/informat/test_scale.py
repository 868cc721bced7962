"""``--scale N``: every school N times larger, deterministic, and scale 1 exactly the data it was
before scaling existed (the demo's example ids depend on it)."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import replace
from typing import Any

import orjson
import pytest

from simulators.config import SimConfig
from simulators.informat import create_upstream
from simulators.informat.catalog import INSTITUTES
from simulators.informat.dataset import Dataset, build_dataset
from simulators.informat.schoolyears import SchoolYear
from simulators.informat.views import staff_in_year
from simulators.server import create_simulator_app
from tests.simulators.informat.support import CURRENT, MECHELEN, Api, fetch_token
from tests.support.clients import asgi_client

# fingerprint(build_dataset(SimConfig(seed=DEFAULT_SEED, today=SIM_TODAY))) on main at f122654,
# computed before --scale reached the Informat simulator
SCALE_1_FINGERPRINT = "1fb5b10f2e8a4a584b6da8c4720c0346237bfb10eb72b4855471e69f4bfddda8"


def _plain(value: object) -> Any:
    if isinstance(value, frozenset | set):
        return sorted(value, key=repr)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(type(value))


def fingerprint(dataset: Dataset) -> str:
    """SHA-256 over every row of the data set, in the order the API serves lists."""
    parts = {
        "current_year": dataset.current_year,
        "employees": [
            dataclasses.asdict(employee)
            | {"memberships": {n: dataclasses.asdict(m) for n, m in employee.memberships.items()}}
            for employee in dataset.employees.values()
        ],
        "staff": {k: [e.person_id for e in v] for k, v in dataset.staff.items()},
        "assignments_by_year": {
            f"{k}": [dataclasses.asdict(a) for a in v] for k, v in dataset.assignments_by_year.items()
        },
        "assignments_by_person": {
            f"{k}": [a.id for a in v] for k, v in dataset.assignments_by_person.items()
        },
        "appointments": {f"{k}": [dataclasses.asdict(a) for a in v] for k, v in dataset.appointments.items()},
        "diplomas": dataset.diplomas,
        "photos": {k: dataclasses.asdict(v) for k, v in dataset.photos.items()},
        "own_fields": {f"{k}": [dataclasses.asdict(v) for v in vs] for k, vs in dataset.own_fields.items()},
        "interruptions": [dataclasses.asdict(i) for i in dataset.interruptions],
        "comnrs": {k: [dataclasses.asdict(c) for c in v] for k, v in dataset.comnrs.items()},
    }
    raw = orjson.dumps(parts, default=_plain, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    return hashlib.sha256(raw).hexdigest()


def test_scale_1_is_the_data_from_before_scaling(dataset: Dataset) -> None:
    assert fingerprint(dataset) == SCALE_1_FINGERPRINT


SCALE = 3


@pytest.fixture(scope="module")
def scaled_config(informat_config: SimConfig) -> SimConfig:
    return replace(informat_config, scale=SCALE)


@pytest.fixture(scope="module")
def scaled(scaled_config: SimConfig) -> Dataset:
    return build_dataset(scaled_config)


def per_school(dataset: Dataset) -> dict[str, dict[str, int]]:
    """How many rows of each kind every school has."""
    counts: dict[str, dict[str, int]] = {}
    for institute in INSTITUTES:
        number = institute.number
        staff = dataset.staff[number]
        counts[number] = {
            "staff": len(staff),
            "assignments": sum(
                len(rows) for (n, _), rows in dataset.assignments_by_year.items() if n == number
            ),
            "interruptions": sum(1 for item in dataset.interruptions if item.institute == number),
            "diplomas": sum(len(dataset.diplomas[e.person_id]) for e in staff),
            "photos": sum(1 for e in staff if e.person_id in dataset.photos),
            "own fields": sum(len(rows) for (n, _), rows in dataset.own_fields.items() if n == number),
            "communication numbers": sum(len(dataset.comnrs[e.person_id]) for e in staff),
        }
    return counts


def test_every_school_is_n_times_larger(dataset: Dataset, scaled: Dataset) -> None:
    small, large = per_school(dataset), per_school(scaled)
    for number, kinds in small.items():
        for kind, count in kinds.items():
            assert abs(large[number][kind] / count - SCALE) < 0.2 * SCALE, (
                number,
                kind,
                count,
                large[number][kind],
            )


def test_a_larger_scale_keeps_every_row_of_scale_1(dataset: Dataset, scaled: Dataset) -> None:
    """So the demo's example ids work at any scale."""
    assert all(scaled.employees[p] == e for p, e in dataset.employees.items())
    assert {i.id: i for i in dataset.interruptions}.items() <= {i.id: i for i in scaled.interruptions}.items()
    for key, rows in dataset.assignments_by_person.items():
        assert scaled.assignments_by_person[key] == rows
    for kind in ("appointments", "diplomas", "photos", "own_fields", "comnrs"):
        small, large = getattr(dataset, kind), getattr(scaled, kind)
        assert all(large[key] == value for key, value in small.items()), kind


def test_scaled_ids_are_unique(scaled: Dataset) -> None:
    employees = list(scaled.employees.values())
    assert len({e.p_persoon for e in employees}) == len(employees)
    assignments = [a.id for rows in scaled.assignments_by_year.values() for a in rows]
    assert len(set(assignments)) == len(assignments)
    assert len({i.id for i in scaled.interruptions}) == len(scaled.interruptions)
    numbers = [n.id for rows in scaled.comnrs.values() for n in rows]
    assert len(set(numbers)) == len(numbers)


def served_rows(dataset: Dataset) -> bytes:
    """What the API shows of every row, in list order (cheaper than ``fingerprint``)."""
    return orjson.dumps(
        [
            [e.base for e in dataset.employees.values()],
            [repr(e.memberships) for e in dataset.employees.values()],
            [a.json for rows in dataset.assignments_by_year.values() for a in rows],
            [i.json for i in dataset.interruptions],
            [a.json for rows in dataset.appointments.values() for a in rows],
            dataset.diplomas,
            [p.json for p in dataset.photos.values()],
            [v.json for rows in dataset.own_fields.values() for v in rows],
            [repr(rows) for rows in dataset.comnrs.values()],
        ]
    )


def test_scaled_data_is_deterministic(scaled_config: SimConfig, scaled: Dataset) -> None:
    assert served_rows(build_dataset(scaled_config)) == served_rows(scaled)


async def test_the_api_serves_the_larger_school(
    scaled_config: SimConfig, scaled: Dataset, dataset: Dataset
) -> None:
    app = create_simulator_app(scaled_config, upstreams=[create_upstream(scaled_config)])
    async with asgi_client(app) as http:
        api = Api(http, await fetch_token(http))
        staff = (await api.get("/employees", institute=MECHELEN, schoolyear=CURRENT)).json()
        rows = (await api.get("/employees/assignments", institute=MECHELEN, schoolyear=CURRENT)).json()
    year = SchoolYear.parse(CURRENT)
    assert year is not None
    assert [row["personId"] for row in staff] == [
        e.person_id for e in staff_in_year(scaled, MECHELEN, year, None)
    ]
    assert len(staff) > (SCALE - 0.5) * len(staff_in_year(dataset, MECHELEN, year, None))
    assert len(rows) == len(scaled.assignments_by_year[(MECHELEN, year.start)])
