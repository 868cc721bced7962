"""The people who must exist in both Loket and Informat."""

from __future__ import annotations

from datetime import date

from simulators.people import SHARED_PEOPLE_COUNT, people_in_both_loket_and_informat


def test_people_in_both_are_stable_distinct_and_adult() -> None:
    today = date(2026, 11, 24)
    people = people_in_both_loket_and_informat(7, today)
    assert people == people_in_both_loket_and_informat(7, today)
    assert people != people_in_both_loket_and_informat(8, today)
    keys = {(p.name.first_name, p.name.full_last_name, p.date_of_birth) for p in people}
    assert len(keys) == len(people) == SHARED_PEOPLE_COUNT
    assert all(18 <= (today - p.date_of_birth).days // 365 <= 67 for p in people)
