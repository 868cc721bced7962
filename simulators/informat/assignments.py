"""Assignments (opdrachten) and appointments (benoemingen) generated from the staff plan.

Every person with a job gets one or two assignments per school year they worked in
(of the current one and the two before), sometimes with a few non-subsidisable hours
besides. Permanent staff (``ato`` "4") also get an appointment.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from simulators.informat.catalog import AMBTEN, GODSDIENST_VAK, ONDERWIJSVORMEN, VAKKEN, Ambt
from simulators.informat.records import Appointment, Assignment, Json
from simulators.informat.schoolyears import SchoolYear, wire_date
from simulators.informat.staffing import Job, PersonPlan
from simulators.seeding import uuid_from

FULL_TIME_SHARE = 0.55
PART_TIME_FRACTIONS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.9)
NON_SUBSIDISED_SHARE = 0.05
HISTORY_YEARS = 2  # school years before the current one that carry assignments


@dataclass(frozen=True)
class Profile:
    hours: int
    ato: str
    aanstellingscode: int
    graad: str
    vestiging: str | None


def _profile(rng: random.Random, plan: PersonPlan, job: Job, ambt: Ambt, current: int) -> Profile:
    if job.second:
        hours = rng.choice((2, 4, 6))
    elif ambt.noemer == 1 or rng.random() < FULL_TIME_SHARE:
        hours = ambt.noemer
    else:
        hours = max(1, round(ambt.noemer * rng.choice(PART_TIME_FRACTIONS)))
    seniority = current - plan.joined
    if seniority >= 6 and rng.random() < 0.8:
        ato = "4"
    elif seniority >= 3 and rng.random() < 0.3:
        ato = "3"
    else:
        ato = "2"
    code = 1 if ato == "2" and rng.random() < 0.3 else (4 if seniority == 0 and rng.random() < 0.1 else 0)
    graad = rng.choice("123") if job.hfd == "311" and ambt.teaches else "0"
    vestiging = rng.choice((None, None, "Hoofdschool", "Campus Noord")) if job.hfd in ("311", "312") else None
    return Profile(hours, ato, code, graad, vestiging)


def assignment_json(
    rng: random.Random,
    *,
    assignment_id: str,
    person_id: str,
    begin: date,
    end: date,
    job: Job,
    hours: float,
    ato: str,
    profile: Profile,
    subsidised: bool = True,
    vak: tuple[str, str, str] | None = None,
) -> Json:
    ambt = AMBTEN[job.ambt]
    subject = vak or job.vak or (GODSDIENST_VAK if job.ambt == "godsdienst" else None)
    teaches = subject is not None
    graad = profile.graad
    if job.hfd == "311" and teaches:
        onderwijsvorm = rng.choice(ONDERWIJSVORMEN[graad]) if graad in ONDERWIJSVORMEN else "0"
        leerjaar = rng.choice(("0", str(int(graad) * 2 - 1), str(int(graad) * 2)))
    else:
        onderwijsvorm, leerjaar = "0", (rng.choice("123456") if job.ambt == "onderwijzer" else "0")
    return {
        "id": assignment_id,
        "personId": person_id,
        "begindatum": wire_date(begin),
        "einddatum": wire_date(end),
        "hfd": job.hfd,
        "vervangingen": [],
        "prestatieUren": float(hours),
        "prestatieNoemer": ambt.noemer,
        "urenTbsOB": 0.0,
        "ato": ato,
        "afstandWachtgeld": 0.0,
        "reaffWedertew": "" if rng.random() < 0.95 else rng.choice(("R", "W", "VT", "NV")),
        "bekwaamheidsbewijs": rng.choices(("VE", "VO", "AND"), (80, 15, 5))[0] if teaches else "0",
        "graad": graad,
        "leerjaar": leerjaar,
        "onderwijsvorm": onderwijsvorm,
        "opleidingsvorm": rng.choice(("OV1", "OV2", "OV3", "OV4")) if job.hfd == "312" else "-",
        "ambtCode": ambt.code,
        "ambt": ambt.naam,
        "vakCode": subject[0] if subject else None,
        "vak": subject[1] if subject else None,
        "vakRubriek": subject[2] if subject else None,
        "gelijkgesteldVakCode": None,
        "gelijkgesteldVak": None,
        "gelijkgesteldVakRubriek": None,
        "isAmbtvak": not teaches,
        "aanstellingscode": profile.aanstellingscode,
        "isTao": rng.random() < 0.03,
        "isVacature": ato in ("2", "3") and rng.random() < 0.5,
        "mandaatCode": "01" if teaches and rng.random() < 0.02 else "00",
        "omkaderingCode": "00",
        "omkadering": "eigen omkadering (standaard)",
        "opmerking": "",
        "vestiging": profile.vestiging,
        "baremaCode": None,
        "barema": None,
        "vwoStudiegebiedCode": None,
        "vwoStudiegebied": None,
        "vwoOpleidingCode": None,
        "vwoOpleiding": None,
        "vwoModuleCode": None,
        "vwoModule": None,
        "urenVanScholengem": rng.random() < 0.03,
        "urenVanAndereSchool": job.second,
        "opdrachtType": 1 if subsidised else 2,
    }


def _year_assignments(
    rng: random.Random, plan: PersonPlan, job: Job, profile: Profile, year: int
) -> list[Assignment]:
    school_year = SchoolYear(year)
    begin, end = school_year.first_day, school_year.last_day
    if year == plan.joined:
        begin += timedelta(days=rng.randint(0, 60))
    if profile.ato == "2" and rng.random() < 0.15:
        end = date(year + 1, 6, 30)
    parts: list[tuple[float, tuple[str, str, str] | None]] = [(profile.hours, None)]
    if job.vak and profile.hours >= 8 and rng.random() < 0.4:
        split = rng.randint(2, profile.hours - 2)
        parts = [(profile.hours - split, None), (split, rng.choice(VAKKEN))]
    out: list[Assignment] = []
    for hours, vak in parts:
        assignment_id = uuid_from(rng)
        body = assignment_json(
            rng,
            assignment_id=assignment_id,
            person_id=plan.person_id,
            begin=begin,
            end=end,
            job=job,
            hours=hours,
            ato=profile.ato,
            profile=profile,
            vak=vak,
        )
        out.append(Assignment(assignment_id, plan.person_id, job.institute, year, job.hfd, True, hours, body))
    if job.vak and rng.random() < NON_SUBSIDISED_SHARE:
        assignment_id = uuid_from(rng)
        body = assignment_json(
            rng,
            assignment_id=assignment_id,
            person_id=plan.person_id,
            begin=begin,
            end=end,
            job=job,
            hours=2,
            ato="2",
            profile=profile,
            subsidised=False,
            vak=("00000309", "Wetenschappelijk werk", "AV"),
        )
        out.append(Assignment(assignment_id, plan.person_id, job.institute, year, job.hfd, False, 2, body))
    return out


def generate_assignments(
    rng: random.Random, plans: list[PersonPlan], current: int
) -> tuple[list[Assignment], list[Appointment]]:
    """Regular assignments of every non-interim person, and the appointments of permanent staff."""
    assignments: list[Assignment] = []
    appointments: list[Appointment] = []
    for plan in plans:
        if plan.interim:
            continue
        for job in plan.jobs:
            ambt = AMBTEN[job.ambt]
            profile = _profile(rng, plan, job, ambt, current)
            last = plan.left if plan.left is not None else current
            for year in range(max(plan.joined, current - HISTORY_YEARS), last + 1):
                if not (plan.active_without_work and year == current):
                    assignments.extend(_year_assignments(rng, plan, job, profile, year))
            if profile.ato == "4":
                appointments.append(_appointment(rng, plan, job, ambt, profile.hours, current))
    return assignments, appointments


def _appointment(
    rng: random.Random, plan: PersonPlan, job: Job, ambt: Ambt, hours: int, current: int
) -> Appointment:
    """Choice: the document shows no appointment fields; these mirror the assignment's names."""
    subject = job.vak or (GODSDIENST_VAK if job.ambt == "godsdienst" else None)
    since = min(plan.joined + rng.randint(2, 8), current - 3)
    body = {
        "id": uuid_from(rng),
        "personId": plan.person_id,
        "hfd": job.hfd,
        "begindatum": wire_date(date(since, 9, 1)),
        "einddatum": None,
        "ambtCode": ambt.code,
        "ambt": ambt.naam,
        "vakCode": subject[0] if subject else None,
        "vak": subject[1] if subject else None,
        "prestatieUren": float(hours),
        "prestatieNoemer": ambt.noemer,
    }
    return Appointment(plan.person_id, job.institute, job.hfd, body)
