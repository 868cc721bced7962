"""Each person's tie to each school: main function, first service, active flag, staff groups.

These decide the institute-dependent fields of an employee (``hoofdAmbt``,
``eersteDienst*``, ``isActive``, ``personeelsgroepen``) and which employees a
school-year filter returns.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from simulators.informat.catalog import AMBTEN, INSTITUTES
from simulators.informat.records import Assignment, Membership
from simulators.informat.staffing import PersonPlan
from simulators.seeding import uuid_from

# staff groups per structure; the school's town is a group of its own (as "Mechelen" in the document)
GROUPS = {
    "311": (
        "leerkrachten 1ste graad",
        "leerkrachten 2de graad",
        "leerkrachten 3de graad",
        "directie",
        "administratie",
        "opvoeders",
        "ondersteunend personeel",
    ),
    "312": ("leerkrachten BuSO", "directie", "opvoeders", "zorgteam"),
    "111": ("kleuterafdeling", "directie", "zorgteam"),
    "211": ("lagere afdeling", "directie", "administratie", "zorgteam"),
}
_ROLE_GROUP = {
    "directeur": "directie",
    "adjunct": "directie",
    "admin": "administratie",
    "opvoeder": "opvoeders",
    "zorg": "zorgteam",
    "kleuter": "kleuterafdeling",
    "kinderverzorger": "kleuterafdeling",
    "onderwijzer": "lagere afdeling",
    "lo_basis": "lagere afdeling",
    "ta": "ondersteunend personeel",
    "ict": "ondersteunend personeel",
}


def staff_groups(rng: random.Random) -> dict[tuple[str, str], dict[str, str]]:
    """(institute, structure) -> group name -> group id."""
    groups: dict[tuple[str, str], dict[str, str]] = {}
    for institute in INSTITUTES:
        for hfd in institute.structures:
            names = (*GROUPS[hfd], institute.place) if hfd == institute.structures[0] else GROUPS[hfd]
            groups[(institute.number, hfd)] = {name: uuid_from(rng) for name in names}
    return groups


def _group_names(role: str, hfd: str, graad: str) -> list[str]:
    if role in ("leraar", "godsdienst"):
        return (
            ["leerkrachten BuSO"]
            if hfd == "312"
            else [f"leerkrachten {graad}{'ste' if graad == '1' else 'de'} graad"]
        )
    return [_ROLE_GROUP.get(role, "")]


def build_memberships(
    rng: random.Random,
    plans: list[PersonPlan],
    assignments: list[Assignment],
    groups: dict[tuple[str, str], dict[str, str]],
    current: int,
) -> dict[str, dict[str, Membership]]:
    held: dict[tuple[str, str], list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        held[(assignment.person_id, assignment.institute)].append(assignment)
    out: dict[str, dict[str, Membership]] = {}
    for plan in plans:
        mine: dict[str, Membership] = {}
        for job in plan.jobs:
            if job.institute in mine:
                continue
            rows = held.get((plan.person_id, job.institute), [])
            structures = tuple(dict.fromkeys([job.hfd, *(row.hfd for row in rows)]))
            if plan.joined < current - 2 and not plan.interim:
                first = date(plan.joined, 9, 1) + timedelta(days=rng.randint(0, 30))
            elif rows:
                first = min(date.fromisoformat(row.json["begindatum"][:10]) for row in rows)
            else:
                first = date(plan.joined, 9, 1)
            if plan.left is not None:
                active: frozenset[str] = frozenset()
            elif plan.active_without_work:
                active = frozenset({job.hfd})
            else:
                active = frozenset(row.hfd for row in rows if row.year == current)
            graad = next((row.json["graad"] for row in rows), "0")
            names = {(job.hfd, name) for name in _group_names(job.ambt, job.hfd, graad)}
            town = next(inst.place for inst in INSTITUTES if inst.number == job.institute)
            names.add((structures[0], town))
            member_of = tuple(
                (groups[(job.institute, hfd)][name], name, hfd)
                for hfd, name in sorted(names)
                if name in groups.get((job.institute, hfd), {})
            )
            mine[job.institute] = Membership(
                institute=job.institute,
                structures=structures,
                ambt=AMBTEN[job.ambt],
                first_service=first,
                first_service_group=None
                if rng.random() < 0.2
                else min(first, date(first.year - rng.randint(0, 4), 9, 1)),
                first_service_community=(
                    None if rng.random() < 0.3 else min(first, date(first.year - rng.randint(0, 2), 9, 1))
                ),
                active_structures=active,
                groups=member_of,
                years=frozenset(row.year for row in rows),
                worked=frozenset((row.year, row.hfd) for row in rows),
            )
        out[plan.person_id] = mine
    return out
