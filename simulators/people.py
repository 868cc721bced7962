"""People who appear in more than one upstream.

A teacher may be on a Dutch employer's payroll (Loket) and on a Flemish school's
staff list (Informat) at the same time. Both simulators call
``people_in_both_loket_and_informat`` with the same seed and include every person in
it with exactly this name and date of birth, so the gateway can find the same
person in both sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from simulators.names import PersonName, dutch_name, flemish_name
from simulators.seeding import random_date, rng_for

SHARED_PEOPLE_COUNT = 40


@dataclass(frozen=True)
class SharedPerson:
    name: PersonName
    date_of_birth: date


def people_in_both_loket_and_informat(seed: int, today: date) -> list[SharedPerson]:
    """The people both the Loket and the Informat data sets must contain (stable per seed)."""
    rng = rng_for(seed, "people-in-both")
    people: list[SharedPerson] = []
    seen: set[tuple[str, str, date]] = set()
    while len(people) < SHARED_PEOPLE_COUNT:
        name = dutch_name(rng) if rng.random() < 0.5 else flemish_name(rng)
        born = random_date(rng, date(today.year - 62, 1, 1), date(today.year - 23, 12, 31))
        key = (name.first_name, name.full_last_name, born)
        if key not in seen:
            seen.add(key)
            people.append(SharedPerson(name, born))
    return people
