"""Interruptions (dienstonderbrekingen) and the substitute assignments that cover long ones.

Mostly sickness (code "1"), plus a strike day per school year, leave for force majeure,
temporary other assignments and one own-defined code. A person never has two
overlapping interruptions in one school (the API refuses those: MNA005). A sickness of
two weeks or more is covered by an interim teacher, whose assignment is linked from
the absent teacher's assignment (``vervangingen``).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from simulators.informat.assignments import Profile, assignment_json
from simulators.informat.catalog import AMBTEN, INTERRUPTION_CODES, SECRETARIAT_REMARKS, SICKNESS_CODE
from simulators.informat.records import Assignment, Interruption
from simulators.informat.schoolyears import SchoolYear, wire_date
from simulators.informat.staffing import Job, PersonPlan
from simulators.seeding import random_date, uuid_from

SICK_SPELLS = ((0, 45), (1, 30), (2, 15), (3, 10))  # (number of spells per school year, weight)
LONG_SICKNESS_SHARE = 0.1
SUBSTITUTION_MIN_DAYS = 14
STRIKE_SHARE = 0.15
VIA_API_SHARE = 0.12  # recent sickness reported through the API (opmPersoneelslid set)
SENT_AFTER_DAYS = 10  # interruptions ended longer ago than this have been sent to AgODi
EMPLOYEE_REMARKS = ("Griep", "Rugklachten", "Operatie gepland", "Migraine", "Ingediend via de app")
_AMBT_KEYS = {ambt.code: key for key, ambt in AMBTEN.items()}


@dataclass
class _Calendar:
    """Days already taken per (person, institute), so no two interruptions overlap."""

    taken: dict[tuple[str, str], list[tuple[date, date]]] = field(default_factory=lambda: defaultdict(list))

    def claim(self, key: tuple[str, str], begin: date, end: date) -> bool:
        if any(begin <= other_end and other_begin <= end for other_begin, other_end in self.taken[key]):
            return False
        self.taken[key].append((begin, end))
        return True


def _weekday(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def strike_days(rng: random.Random, assignments: list[Assignment]) -> dict[int, date]:
    """One strike day per school year that has (subsidised) assignments: the same for every school."""
    years = sorted({assignment.year for assignment in assignments if assignment.subsidised})
    return {year: _weekday(random_date(rng, date(year, 10, 1), date(year + 1, 3, 31))) for year in years}


def generate_interruptions(
    rng: random.Random,
    plans: list[PersonPlan],
    assignments: list[Assignment],
    today: date,
    strikes: dict[int, date],
) -> tuple[list[Interruption], list[Assignment]]:
    """All seeded interruptions of these people and the substitute assignments created for them
    (substitutes come from the interims among ``plans``)."""
    by_year: dict[tuple[str, str, int], list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        if assignment.subsidised:
            by_year[(assignment.person_id, assignment.institute, assignment.year)].append(assignment)
    interims: dict[str, list[PersonPlan]] = defaultdict(list)
    for plan in plans:
        if plan.interim:
            interims[plan.jobs[0].institute].append(plan)
    calendar, interim_calendar = _Calendar(), _Calendar()
    interruptions: list[Interruption] = []
    substitutes: list[Assignment] = []
    for (_, institute, year), held in by_year.items():
        main = held[0]
        first = date.fromisoformat(main.json["begindatum"][:10])
        last = min(date.fromisoformat(main.json["einddatum"][:10]), today + timedelta(days=7))
        if last < first:
            continue
        for item in _absences(rng, main, first, last, strikes[year], today, calendar):
            interruptions.append(item)
            if item.code == SICKNESS_CODE and (item.end - item.begin).days >= SUBSTITUTION_MIN_DAYS:
                _substitute(rng, item, main, interims[institute], interim_calendar, substitutes)
    return interruptions, substitutes


def _absences(
    rng: random.Random,
    main: Assignment,
    first: date,
    last: date,
    strike: date,
    today: date,
    calendar: _Calendar,
) -> list[Interruption]:
    """One person's interruptions at one school in one school year (within ``first``..``last``)."""
    drafts: list[tuple[str, date, date, str | None]] = []
    spells = rng.choices([n for n, _ in SICK_SPELLS], weights=[w for _, w in SICK_SPELLS])[0]
    for _ in range(spells):
        begin = _weekday(random_date(rng, first, last))
        long = rng.random() < LONG_SICKNESS_SHARE
        drafts.append(
            (
                SICKNESS_CODE,
                begin,
                begin + timedelta(days=rng.randint(14, 45) if long else rng.randint(0, 4)),
                None,
            )
        )
    if first <= strike <= last and rng.random() < STRIKE_SHARE:
        drafts.append(("45", strike, strike, rng.choice(("Dag", "Dag", "VM", "NM", "Uren"))))
    roll = rng.random()
    begin = _weekday(random_date(rng, first, last))
    if roll < 0.04:
        drafts.append(("144", begin, begin, None))
    elif roll < 0.055:
        drafts.append(("19", begin, begin + timedelta(days=rng.randint(30, 90)), None))
    elif roll < 0.095:
        drafts.append(("900", begin, begin + timedelta(days=rng.randint(0, 1)), None))
    key = (main.person_id, main.institute)
    return [
        _interruption(rng, main, code, begin, end, today, staking)
        for code, begin, end, staking in drafts
        if calendar.claim(key, begin, end)
    ]


def _interruption(
    rng: random.Random,
    main: Assignment,
    code: str,
    begin: date,
    end: date,
    today: date,
    staking: str | None = None,
) -> Interruption:
    omschrijving, soort = INTERRUPTION_CODES[code]
    own = soort == "0"
    sent = not own and end < today - timedelta(days=SENT_AFTER_DAYS) and rng.random() < 0.95
    via_api = code == SICKNESS_CODE and rng.random() < VIA_API_SHARE
    interruption_id = uuid_from(rng)
    body = {
        "doId": interruption_id,
        "personId": main.person_id,
        "hfd": main.hfd,
        "begindatum": wire_date(begin),
        "einddatum": wire_date(end),
        "code": code,
        "omschrijving": omschrijving,
        "soort": soort,
        "verstuurdAgODi": None if own else sent,
        "opmSecretariaat": "Staking" if staking else rng.choice(SECRETARIAT_REMARKS),
        "opmPersoneelslid": rng.choice(EMPLOYEE_REMARKS) if via_api else None,
        "staking": staking,
        "stakingUren": float(rng.randint(1, 4)) if staking == "Uren" else None,
        "ziekteverlofZonderBezoldiging": code == SICKNESS_CODE and rng.random() < 0.02,
    }
    return Interruption(
        id=interruption_id,
        person_id=main.person_id,
        institute=main.institute,
        school_year=main.year,
        hfd=main.hfd,
        code=code,
        begin=begin,
        end=end,
        via_api=via_api,
        verified=via_api and rng.random() < 0.5,
        sent_to_agodi=sent,
        json=body,
    )


def _substitute(
    rng: random.Random,
    item: Interruption,
    main: Assignment,
    interims: list[PersonPlan],
    busy: _Calendar,
    out: list[Assignment],
) -> None:
    """Give the absence to a free interim of the same school and link both assignments."""
    school_year = SchoolYear(main.year)
    begin, end = max(item.begin, school_year.first_day), min(item.end, school_year.last_day)
    for interim in rng.sample(interims, len(interims)):
        if not busy.claim((interim.person_id, main.institute), begin, end):
            continue
        job = Job(main.institute, main.hfd, _AMBT_KEYS[main.json["ambtCode"]], None)
        vak = (
            (main.json["vakCode"], main.json["vak"], main.json["vakRubriek"])
            if main.json["vakCode"]
            else None
        )
        profile = Profile(int(main.hours), "1", 0, main.json["graad"], main.json["vestiging"])
        assignment_id = uuid_from(rng)
        body = assignment_json(
            rng,
            assignment_id=assignment_id,
            person_id=interim.person_id,
            begin=begin,
            end=end,
            job=job,
            hours=main.hours,
            ato="1",
            profile=profile,
            vak=vak,
        )
        out.append(
            Assignment(
                assignment_id, interim.person_id, main.institute, main.year, main.hfd, True, main.hours, body
            )
        )
        main.json["vervangingen"].append({"opdrachtId": assignment_id, "doId": item.id})
        item.has_substitution = True
        return
