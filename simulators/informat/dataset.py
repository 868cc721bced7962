"""The seeded tenant, built once per (seed, today) and never changed afterwards.

Each generator draws from its own ``rng_for(seed, "informat", <part>)`` stream, so
changing one part of the data does not shift the others. Indexes are built for the
questions the API asks: rows per (institute, school year), per (institute, person).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from simulators.config import SimConfig
from simulators.informat.absences import generate_interruptions
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
from simulators.informat.staffing import plan_staff
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


def build_dataset(config: SimConfig) -> Dataset:
    seed, today = config.seed, config.today
    current = school_year_start(today)
    plans = plan_staff(config)
    assignments, appointments = generate_assignments(rng_for(seed, "informat", "assignments"), plans, current)
    interruptions, substitutes = generate_interruptions(
        rng_for(seed, "informat", "interruptions"), plans, assignments, today
    )
    assignments += substitutes
    groups = staff_groups(rng_for(seed, "informat", "groups"))
    memberships = build_memberships(
        rng_for(seed, "informat", "memberships"), plans, assignments, groups, current
    )

    personal = rng_for(seed, "informat", "personalia")
    extras = rng_for(seed, "informat", "extras")
    field_ids = own_field_ids(extras, [(i.number, hfd) for i in INSTITUTES for hfd in i.structures])
    employees: dict[str, Employee] = {}
    comnrs: dict[str, list[ComNr]] = {}
    diplomas: dict[str, list[Json]] = {}
    photos: dict[str, Photo] = {}
    own_fields: dict[tuple[str, str], list[OwnFieldValue]] = {}
    for plan in plans:
        base, school_emails = employee_base(personal, plan, today)
        comnrs[plan.person_id] = seeded_comnrs(personal, plan.jobs[0].institute)
        ties = memberships[plan.person_id]
        employees[plan.person_id] = Employee(
            plan.person_id,
            plan.p_persoon,
            base["stamnr"],
            base["naam"],
            base["voornaam"],
            base,
            school_emails,
            ties,
        )
        diplomas[plan.person_id] = diplomas_for(extras, plan)
        photo = photo_for(extras, plan, today)
        if photo is not None:
            photos[plan.person_id] = photo
        for number, membership in ties.items():
            own_fields[(number, plan.person_id)] = own_fields_for(
                extras, plan, membership, field_ids, current
            )

    staff: dict[str, list[Employee]] = defaultdict(list)
    ordered = sorted(employees.values(), key=lambda e: (e.base["sortName"], e.p_persoon))
    for employee in ordered:
        for number in employee.memberships:
            staff[number].append(employee)
    by_year: dict[tuple[str, int], list[Assignment]] = defaultdict(list)
    by_person: dict[tuple[str, str], list[Assignment]] = defaultdict(list)
    order = {employee.person_id: index for index, employee in enumerate(ordered)}
    for assignment in sorted(assignments, key=lambda a: (order[a.person_id], a.json["begindatum"], a.id)):
        by_year[(assignment.institute, assignment.year)].append(assignment)
        by_person[(assignment.institute, assignment.person_id)].append(assignment)
    appointment_index: dict[tuple[str, str], list[Appointment]] = defaultdict(list)
    for appointment in appointments:
        appointment_index[(appointment.institute, appointment.person_id)].append(appointment)
    interruptions.sort(key=lambda item: (item.begin, item.id))
    return Dataset(
        current_year=current,
        employees=employees,
        staff=dict(staff),
        assignments_by_year=dict(by_year),
        assignments_by_person=dict(by_person),
        appointments=dict(appointment_index),
        diplomas=diplomas,
        photos=photos,
        own_fields=own_fields,
        interruptions=interruptions,
        comnrs=comnrs,
    )
