"""Who works where: the staff plan every other generator builds on.

Each person gets a name, a date of birth and one or more jobs (institute, structure,
function). The people shared with Loket are placed first, in the schools the demo
client may read, so the gateway can find them in both sources.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from simulators.config import SimConfig
from simulators.informat.catalog import INSTITUTES, LEADERSHIP, STAFF_MIX, VAKKEN, Institute
from simulators.names import PersonName, flemish_name
from simulators.people import people_in_both_loket_and_informat
from simulators.seeding import random_date, rng_for, school_year_start, uuid_from

# the schools the demo client may read (the fourth one it may not)
DEMO_INSTITUTES = ("032912", "047225", "119537")
SECOND_JOB_CHANCE = 0.12  # secondary teachers with some hours in a second secondary school
INTERIMS_PER_INSTITUTE = 8  # substitutes who only appear in vervangingen
LEFT_SHARE = 0.06  # people who left one of the two previous school years
INACTIVE_ACTIVE_SHARE = 0.02  # marked active without an assignment this year (career break)


@dataclass(frozen=True)
class Job:
    institute: str
    hfd: str
    ambt: str  # key in catalog.AMBTEN
    vak: tuple[str, str, str] | None
    second: bool = False  # a few hours next to a main job elsewhere


@dataclass
class PersonPlan:
    person_id: str
    p_persoon: int
    name: PersonName
    born: date
    joined: int  # school year (start) of the first service
    left: int | None = None  # last school year with work, if the person left
    interim: bool = False
    shared: bool = False  # also in Loket (simulators.people)
    active_without_work: bool = False
    jobs: list[Job] = field(default_factory=list)


def _weighted(rng: random.Random, mix: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([key for key, _ in mix], weights=[weight for _, weight in mix])[0]


def _job(rng: random.Random, institute: Institute, hfd: str, ambt: str, *, second: bool = False) -> Job:
    vak = rng.choice(VAKKEN) if ambt == "leraar" else None
    return Job(institute.number, hfd, ambt, vak, second)


def plan_staff(config: SimConfig) -> list[PersonPlan]:
    rng = rng_for(config.seed, "informat", "staff")
    current = school_year_start(config.today)
    shared = people_in_both_loket_and_informat(config.seed, config.today)
    demo = [institute for institute in INSTITUTES if institute.number in DEMO_INSTITUTES]
    plans: list[PersonPlan] = []
    p_persoon = 100

    def new_person(name: PersonName, born: date, *, is_shared: bool = False) -> PersonPlan:
        nonlocal p_persoon
        p_persoon += rng.randint(1, 9)
        # first service: up to 30 years back, not before 22; about one in ten joined within the data's years
        earliest = min(max(born.year + 22, current - 30), current - 3)
        joined = rng.randint(earliest, current - 2 if is_shared else current)
        return PersonPlan(uuid_from(rng), p_persoon, name, born, joined, shared=is_shared)

    slots: list[tuple[Institute, str, str]] = []
    for institute in INSTITUTES:
        for index, (hfd, count) in enumerate(institute.staff.items()):
            roles = list(LEADERSHIP) if index == 0 else []
            roles += [_weighted(rng, STAFF_MIX[hfd]) for _ in range(count - len(roles))]
            slots.extend((institute, hfd, role) for role in roles)
    shared_queue = list(shared)
    for institute, hfd, role in slots:
        if shared_queue and institute in demo and role not in LEADERSHIP and rng.random() < 0.2:
            person = shared_queue.pop()
            plan = new_person(person.name, person.date_of_birth, is_shared=True)
        else:
            plan = new_person(flemish_name(rng), _birth(rng, config.today))
        plan.jobs.append(_job(rng, institute, hfd, role))
        plans.append(plan)
    for person in shared_queue:  # any left over join the demo schools' secondary staff
        plan = new_person(person.name, person.date_of_birth, is_shared=True)
        plan.jobs.append(_job(rng, demo[len(plans) % 2], "311", "leraar"))
        plans.append(plan)
    _add_second_jobs(rng, plans)
    _mark_leavers(rng, plans, current)
    for institute in INSTITUTES:
        for _ in range(INTERIMS_PER_INSTITUTE):
            plan = new_person(flemish_name(rng), _birth(rng, config.today, youngest=22, oldest=35))
            plan.interim, plan.joined = True, current - rng.randint(0, 2)
            hfd = institute.structures[-1]
            ambt = "leraar" if hfd in ("311", "312") else ("kleuter" if hfd == "111" else "onderwijzer")
            plan.jobs.append(_job(rng, institute, hfd, ambt))
            plans.append(plan)
    return plans


def _birth(rng: random.Random, today: date, youngest: int = 23, oldest: int = 63) -> date:
    return random_date(rng, date(today.year - oldest, 1, 1), date(today.year - youngest, 12, 31))


def _add_second_jobs(rng: random.Random, plans: list[PersonPlan]) -> None:
    secondary = [institute for institute in INSTITUTES if "311" in institute.structures]
    for plan in plans:
        job = plan.jobs[0]
        if job.ambt == "leraar" and job.hfd == "311" and rng.random() < SECOND_JOB_CHANCE:
            other = rng.choice([institute for institute in secondary if institute.number != job.institute])
            plan.jobs.append(Job(other.number, "311", "leraar", job.vak, second=True))


def _mark_leavers(rng: random.Random, plans: list[PersonPlan], current: int) -> None:
    for plan in plans:
        if plan.shared or plan.jobs[0].ambt in LEADERSHIP:
            continue
        roll = rng.random()
        if roll < LEFT_SHARE and plan.joined <= current - 2:
            plan.left = current - rng.randint(1, 2)
        elif roll < LEFT_SHARE + INACTIVE_ACTIVE_SHARE and plan.joined <= current - 1:
            plan.active_without_work = True
