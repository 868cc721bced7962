"""Who works where: the staff plan every other generator builds on.

Each person gets a name, a date of birth and one or more jobs (institute, structure,
function). The people shared with Loket are placed first, in the schools the demo
client may read, so the gateway can find them in both sources. At ``--scale N`` every
school gets ``N - 1`` more copies of its staff (``plan_more_staff``).
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
FIRST_P_PERSOON = 100  # p_persoon numbers are handed out upwards from here, a few apart


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


class _Hiring:
    """Hands out people: a p_persoon after the last one, a first school year of service, an id."""

    def __init__(self, rng: random.Random, current: int, last_p_persoon: int) -> None:
        self.rng, self.current, self.last_p_persoon = rng, current, last_p_persoon

    def person(self, name: PersonName, born: date, *, is_shared: bool = False) -> PersonPlan:
        rng = self.rng
        self.last_p_persoon += rng.randint(1, 9)
        # first service: up to 30 years back, not before 22; about one in ten joined within the data's years
        earliest = min(max(born.year + 22, self.current - 30), self.current - 3)
        joined = rng.randint(earliest, self.current - 2 if is_shared else self.current)
        return PersonPlan(uuid_from(rng), self.last_p_persoon, name, born, joined, shared=is_shared)

    def interims(self, today: date, plans: list[PersonPlan]) -> None:
        """``INTERIMS_PER_INSTITUTE`` young substitutes per school, in its last structure."""
        rng = self.rng
        for institute in INSTITUTES:
            for _ in range(INTERIMS_PER_INSTITUTE):
                plan = self.person(flemish_name(rng), _birth(rng, today, youngest=22, oldest=35))
                plan.interim, plan.joined = True, self.current - rng.randint(0, 2)
                hfd = institute.structures[-1]
                ambt = "leraar" if hfd in ("311", "312") else ("kleuter" if hfd == "111" else "onderwijzer")
                plan.jobs.append(_job(rng, institute, hfd, ambt))
                plans.append(plan)


def plan_staff(config: SimConfig) -> list[PersonPlan]:
    """The staff of every school at scale 1 (``plan_more_staff`` adds the rest of a larger scale)."""
    rng = rng_for(config.seed, "informat", "staff")
    current = school_year_start(config.today)
    shared = people_in_both_loket_and_informat(config.seed, config.today)
    demo = [institute for institute in INSTITUTES if institute.number in DEMO_INSTITUTES]
    plans: list[PersonPlan] = []
    hiring = _Hiring(rng, current, FIRST_P_PERSOON)

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
            plan = hiring.person(person.name, person.date_of_birth, is_shared=True)
        else:
            plan = hiring.person(flemish_name(rng), _birth(rng, config.today))
        plan.jobs.append(_job(rng, institute, hfd, role))
        plans.append(plan)
    for person in shared_queue:  # any left over join the demo schools' secondary staff
        plan = hiring.person(person.name, person.date_of_birth, is_shared=True)
        plan.jobs.append(_job(rng, demo[len(plans) % 2], "311", "leraar"))
        plans.append(plan)
    _add_second_jobs(rng, plans)
    _mark_leavers(rng, plans, current)
    hiring.interims(config.today, plans)
    return plans


def plan_more_staff(config: SimConfig, copy: int, last_p_persoon: int) -> list[PersonPlan]:
    """One more school's worth of staff for every school (``--scale``: copies 1 .. scale - 1).

    Each copy draws from its own random stream, so scale 1 is untouched and a larger scale
    keeps every person of a smaller one. Choice: a copy has the school's numbers per
    structure, its mix of functions and its interims, but no second director (every slot
    is drawn from the mix) and none of the people shared with Loket (they exist once).
    """
    rng = rng_for(config.seed, "informat", "staff", f"copy-{copy}")
    current = school_year_start(config.today)
    hiring = _Hiring(rng, current, last_p_persoon)
    plans: list[PersonPlan] = []
    for institute in INSTITUTES:
        for hfd, count in institute.staff.items():
            for _ in range(count):
                role = _weighted(rng, STAFF_MIX[hfd])
                plan = hiring.person(flemish_name(rng), _birth(rng, config.today))
                plan.jobs.append(_job(rng, institute, hfd, role))
                plans.append(plan)
    _add_second_jobs(rng, plans)
    _mark_leavers(rng, plans, current)
    hiring.interims(config.today, plans)
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
