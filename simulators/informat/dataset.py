"""The seeded tenant, built once per (seed, today) and never changed afterwards.

Each generator draws from its own ``rng_for(seed, "informat", <part>)`` stream, so
changing one part of the data does not shift the others. At ``--scale N`` (``SimConfig.scale``)
each school gets ``N - 1`` more copies of its staff, each copy with every kind of row
(assignments, interruptions, diplomas, photos, own fields, communication numbers) from
streams of its own (``<part>:copy-K``): scale 1 is exactly the data without scaling, and a
larger scale keeps every row of a smaller one. Indexes are built for the questions the
API asks: rows per (institute, school year), per (institute, person).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from simulators.config import SimConfig
from simulators.informat.absences import generate_interruptions, strike_days
from simulators.informat.assignments import HISTORY_YEARS, generate_assignments
from simulators.informat.catalog import INSTITUTES
from simulators.informat.extras import diplomas_for, own_field_ids, own_fields_for, photo_for
from simulators.informat.memberships import build_memberships, staff_groups
from simulators.informat.personalia import employee_base, seeded_comnrs
from simulators.informat.records import (
    Appointment,
    Assignment,
    ComNr,
    Employee,
    Interruption,
    Json,
    OwnFieldValue,
    Photo,
)
from simulators.informat.staffing import PersonPlan, plan_more_staff, plan_staff
from simulators.seeding import rng_for, school_year_start


@dataclass(frozen=True)
class Dataset:
    current_year: int  # start of the school year holding config.today
    employees: dict[str, Employee]
    staff: dict[str, list[Employee]]  # institute -> its employees, in sortName order
    assignments_by_year: dict[tuple[str, int], list[Assignment]]
    assignments_by_person: dict[tuple[str, str], list[Assignment]]
    appointments: dict[tuple[str, str], list[Appointment]]
    diplomas: dict[str, list[Json]]
    photos: dict[str, Photo]
    own_fields: dict[tuple[str, str], list[OwnFieldValue]]
    interruptions: list[Interruption]
    comnrs: dict[str, list[ComNr]]

    @property
    def first_year(self) -> int:
        return self.current_year - HISTORY_YEARS

    @property
    def last_year(self) -> int:
        """Next school year is already open for planning (a valid combination, no assignments yet)."""
        return self.current_year + 1


@dataclass(frozen=True)
class _Common:
    """What every copy of the staff shares with scale 1: staff groups, own-field ids, strike days."""

    groups: dict[tuple[str, str], dict[str, str]]
    field_ids: dict[tuple[str, str, str], str]
    strikes: dict[int, date]


@dataclass
class _Part:
    """The rows of one copy of the staff (scale 1 is copy 0)."""

    plans: list[PersonPlan]
    assignments: list[Assignment]
    appointments: list[Appointment]
    interruptions: list[Interruption]
    employees: dict[str, Employee] = field(default_factory=dict)
    comnrs: dict[str, list[ComNr]] = field(default_factory=dict)
    diplomas: dict[str, list[Json]] = field(default_factory=dict)
    photos: dict[str, Photo] = field(default_factory=dict)
    own_fields: dict[tuple[str, str], list[OwnFieldValue]] = field(default_factory=dict)


def _generate(
    config: SimConfig, plans: list[PersonPlan], copy: int, common: _Common | None
) -> tuple[_Part, _Common]:
    """Every row of these people, each kind from its own random stream (``copy`` > 0: streams of
    their own, and the shared values from scale 1's ``common``)."""
    seed, today = config.seed, config.today
    current = school_year_start(today)
    suffix = (f"copy-{copy}",) if copy else ()

    def rng(part: str) -> random.Random:
        return rng_for(seed, "informat", part, *suffix)

    assignments, appointments = generate_assignments(rng("assignments"), plans, current)
    absences = rng("interruptions")
    strikes = strike_days(absences, assignments)
    if common is not None:
        strikes |= common.strikes  # one strike day per school year, whichever copy
    interruptions, substitutes = generate_interruptions(absences, plans, assignments, today, strikes)
    assignments += substitutes
    groups = common.groups if common is not None else staff_groups(rng("groups"))
    memberships = build_memberships(rng("memberships"), plans, assignments, groups, current)

    personal, extras = rng("personalia"), rng("extras")
    field_ids = (
        common.field_ids
        if common is not None
        else own_field_ids(extras, [(i.number, hfd) for i in INSTITUTES for hfd in i.structures])
    )
    part = _Part(plans, assignments, appointments, interruptions)
    for plan in plans:
        base, school_emails = employee_base(personal, plan, today)
        part.comnrs[plan.person_id] = seeded_comnrs(personal, plan.jobs[0].institute)
        ties = memberships[plan.person_id]
        part.employees[plan.person_id] = Employee(
            plan.person_id,
            plan.p_persoon,
            base["stamnr"],
            base["naam"],
            base["voornaam"],
            base,
            school_emails,
            ties,
        )
        part.diplomas[plan.person_id] = diplomas_for(extras, plan)
        photo = photo_for(extras, plan, today)
        if photo is not None:
            part.photos[plan.person_id] = photo
        for number, membership in ties.items():
            part.own_fields[(number, plan.person_id)] = own_fields_for(
                extras, plan, membership, field_ids, current
            )
    return part, _Common(groups, field_ids, strikes)


def build_dataset(config: SimConfig) -> Dataset:
    """The tenant at ``config.scale``: scale 1's rows, then ``scale - 1`` more copies of every
    school's staff with all their rows, each copy from random streams of its own."""
    current = school_year_start(config.today)
    part, common = _generate(config, plan_staff(config), 0, None)
    parts = [part]
    for copy in range(1, config.scale):
        last_p_persoon = max(plan.p_persoon for plan in parts[-1].plans)
        parts.append(_generate(config, plan_more_staff(config, copy, last_p_persoon), copy, common)[0])
    return _indexed(parts, current)


def _indexed(parts: list[_Part], current: int) -> Dataset:
    employees = {key: value for part in parts for key, value in part.employees.items()}
    staff: dict[str, list[Employee]] = defaultdict(list)
    ordered = sorted(employees.values(), key=lambda e: (e.base["sortName"], e.p_persoon))
    for employee in ordered:
        for number in employee.memberships:
            staff[number].append(employee)
    by_year: dict[tuple[str, int], list[Assignment]] = defaultdict(list)
    by_person: dict[tuple[str, str], list[Assignment]] = defaultdict(list)
    order = {employee.person_id: index for index, employee in enumerate(ordered)}
    assignments = [assignment for part in parts for assignment in part.assignments]
    for assignment in sorted(assignments, key=lambda a: (order[a.person_id], a.json["begindatum"], a.id)):
        by_year[(assignment.institute, assignment.year)].append(assignment)
        by_person[(assignment.institute, assignment.person_id)].append(assignment)
    appointment_index: dict[tuple[str, str], list[Appointment]] = defaultdict(list)
    for appointment in (appointment for part in parts for appointment in part.appointments):
        appointment_index[(appointment.institute, appointment.person_id)].append(appointment)
    interruptions = [item for part in parts for item in part.interruptions]
    interruptions.sort(key=lambda item: (item.begin, item.id))
    return Dataset(
        current_year=current,
        employees=employees,
        staff=dict(staff),
        assignments_by_year=dict(by_year),
        assignments_by_person=dict(by_person),
        appointments=dict(appointment_index),
        diplomas={key: value for part in parts for key, value in part.diplomas.items()},
        photos={key: value for part in parts for key, value in part.photos.items()},
        own_fields={key: value for part in parts for key, value in part.own_fields.items()},
        interruptions=interruptions,
        comnrs={key: value for part in parts for key, value in part.comnrs.items()},
    )
