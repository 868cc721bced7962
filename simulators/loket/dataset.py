"""The seeded Loket data set: every resource as a ``Table``, built once per (seed, today, scale).

``scale`` makes every employer that many times larger: the employer's generators simply
keep drawing after its first ``profile.employees`` people, so the data of scale 1 is the
first block of every larger scale (same ids, same rows) and the demo's ids keep working.
Employees of the extra blocks continue the employee and payroll numbering; the people
shared with Informat are all in the first block.

Rows are the exact JSON the API answers with and are never changed in place (they
share option dicts); a write replaces a row. That keeps the pristine data intact, so
``reset`` only has to copy the two tables that can change (absences and their progress).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from simulators.config import SimConfig
from simulators.loket.auth import User
from simulators.loket.gen_absence import build_absences
from simulators.loket.gen_employment import build_employments, employment_minimized
from simulators.loket.gen_leave import build_leave, leave_policy
from simulators.loket.gen_org import build_employer, employer_minimized
from simulators.loket.gen_people import build_employee
from simulators.loket.profiles import PROFILES, USER_EMPLOYERS
from simulators.people import SharedPerson, people_in_both_loket_and_informat
from simulators.seeding import rng_for

Row = dict[str, Any]


class Table:
    """Rows of one resource by id, the parent each belongs to, and each parent's children in order."""

    def __init__(self) -> None:
        self.rows: dict[str, Row] = {}
        self.parent: dict[str, str] = {}
        self.children: dict[str, list[str]] = {}

    def add(self, row: Row, parent: str) -> None:
        ident = row["id"]
        self.rows[ident] = row
        self.parent[ident] = parent
        self.children.setdefault(parent, []).append(ident)

    def replace(self, row: Row) -> None:
        self.rows[row["id"]] = row

    def remove(self, ident: str) -> None:
        del self.rows[ident]
        self.children[self.parent.pop(ident)].remove(ident)

    def under(self, parent: str) -> list[Row]:
        rows = self.rows
        return [rows[ident] for ident in self.children.get(parent, ())]

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows.values())

    def __len__(self) -> int:
        return len(self.rows)

    def copy(self) -> Table:
        clone = Table()
        clone.rows = dict(self.rows)
        clone.parent = dict(self.parent)
        clone.children = {parent: list(ids) for parent, ids in self.children.items()}
        return clone


@dataclass
class Dataset:
    today: date
    employers: Table = field(default_factory=Table)  # parent: ""
    employers_minimized: dict[str, Row] = field(default_factory=dict)
    employees: Table = field(default_factory=Table)  # parent: employer id
    employments: Table = field(default_factory=Table)  # parent: employee id
    employments_minimized: dict[str, Row] = field(default_factory=dict)
    employments_by_employer: dict[str, list[str]] = field(default_factory=dict)
    org_entities: Table = field(default_factory=Table)  # parent: employment id
    departments: Table = field(default_factory=Table)  # parent: employer id
    functions: Table = field(default_factory=Table)  # parent: employer id
    absences: Table = field(default_factory=Table)  # parent: employee id
    progress: Table = field(default_factory=Table)  # parent: absence id
    leave: Table = field(default_factory=Table)  # parent: employment id
    leave_requests: Table = field(default_factory=Table)  # parent: employment id
    users: dict[str, User] = field(default_factory=dict)

    def employer_of_employee(self, employee_id: str) -> str:
        return self.employees.parent[employee_id]

    def employer_of_employment(self, employment_id: str) -> str:
        return self.employees.parent[self.employments.parent[employment_id]]


def build_dataset(config: SimConfig) -> Dataset:
    """The data set for ``config``, built with the cyclic garbage collector at rest.

    Generation allocates millions of rows at ``--scale 20`` that live as long as the
    simulator and hold no reference cycles, so the collector's full passes over the growing
    heap would only cost time (a quarter of the build), and after it every full pass would
    walk them again (a third of a second each at scale 20, landing on random requests).
    So after one collection (any garbage made meanwhile is freed, not kept) the rows are
    moved to the collector's permanent generation (``gc.freeze``); they are still freed by
    reference counting when the data set is dropped.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(config)
    finally:
        gc.collect()
        gc.freeze()
        if was_enabled:
            gc.enable()


def _build(config: SimConfig) -> Dataset:
    seed, today = config.seed, config.today
    data = Dataset(today)
    employers = [build_employer(seed, index, profile) for index, profile in enumerate(PROFILES)]
    shared = _shared_by_employer(people_in_both_loket_and_informat(seed, today), USER_EMPLOYERS["alice"])
    for employer in employers:
        data.employers.add(employer.row, "")
        data.employers_minimized[employer.id] = employer_minimized(employer.row)
        for department in employer.departments.values():
            data.departments.add(department, employer.id)
        for function, _, _ in employer.functions:
            data.functions.add(function, employer.id)
        label = str(employer.index)
        people_rng = rng_for(seed, "loket", "employees", label)
        work_rng = rng_for(seed, "loket", "employments", label)
        absence_rng = rng_for(seed, "loket", "absences", label)
        leave_rng = rng_for(seed, "loket", "leave", label)
        policy = leave_policy(leave_rng)
        base = employer.profile.employees
        mine = shared.get(employer.index, [])
        slots = dict(zip(sorted(people_rng.sample(range(base), len(mine))), mine, strict=True))
        payroll_ids = [0]
        by_employer = data.employments_by_employer.setdefault(employer.id, [])
        for number in range(1, base * config.scale + 1):
            employee = build_employee(people_rng, employer, number, today, slots.get(number - 1))
            data.employees.add(employee.row, employer.id)
            employments = build_employments(work_rng, employee, today, payroll_ids)
            for employment in employments:
                data.employments.add(employment.row, employee.id)
                data.employments_minimized[employment.id] = employment_minimized(employment.row)
                by_employer.append(employment.id)
                for entity in employment.entities:
                    data.org_entities.add(entity, employment.id)
                entries, requests = build_leave(leave_rng, employment, policy, employer.handler, today)
                for entry in entries:
                    data.leave.add(entry, employment.id)
                for request in requests:
                    data.leave_requests.add(request, employment.id)
            for absence, progress in build_absences(absence_rng, employments, today):
                data.absences.add(absence, employee.id)
                for record in progress:
                    data.progress.add(record, absence["id"])
    for user, indexes in USER_EMPLOYERS.items():
        data.users[user] = User(user, frozenset(employers[index].id for index in indexes))
    return data


def _shared_by_employer(
    people: list[SharedPerson], indexes: tuple[int, ...]
) -> dict[int, list[SharedPerson]]:
    """The people also in Informat, dealt alternately to alice's employers."""
    dealt: dict[int, list[SharedPerson]] = {index: [] for index in indexes}
    for position, person in enumerate(people):
        dealt[indexes[position % len(indexes)]].append(person)
    return dealt
