"""The Loket data plan: which endpoints a batch of people reads, and how id filters are split."""

from __future__ import annotations

from gateway.settings import DEFAULT_TIMEOUTS
from gateway.sources.loket import FILTERED_MAX_CALLS, LoketSource, Plan, _numbers, choose
from gateway.upstreams.loket import CALENDAR_ABSENCES, MAX_URL, LoketClient

EMPLOYER = "0f8fad5b-d9cb-469f-a165-70867728950e"
PERIOD = {"startDate": "2025-11-24", "endDate": "2026-11-24"}


def test_one_person_reads_their_own_endpoints() -> None:
    assert choose(1, 1, None) is Plan.PER_ITEM
    assert choose(1, 1, 9000) is Plan.PER_ITEM


def test_a_team_reads_the_employer_wide_lists_filtered_to_its_employees() -> None:
    assert choose(25, 1, 450) is Plan.FILTERED
    assert choose(25, 1, 9000) is Plan.FILTERED
    assert choose(2, 1, None) is Plan.FILTERED


def test_most_of_an_employer_reads_the_whole_lists() -> None:
    assert choose(200, 4, 450) is Plan.WHOLE
    assert choose(150, 3, 450) is Plan.WHOLE
    assert choose(100, 3, 450) is Plan.WHOLE  # past a fifth of the employer, the whole list is faster
    assert choose(50, 2, 450) is Plan.FILTERED  # a ninth: the filtered lists are smaller and as fast


def test_the_whole_list_only_when_it_is_fewer_calls_and_the_employer_size_is_known() -> None:
    assert choose(200, 5, 9000) is Plan.FILTERED  # the whole list would take more pages
    assert choose(200, 5, None) is Plan.FILTERED  # unknown size: never pull an employer blind
    assert choose(1000, FILTERED_MAX_CALLS + 1, 3000) is Plan.WHOLE  # too many filtered requests


def test_number_filters_are_split_so_every_url_fits() -> None:
    client = LoketClient("https://api.loket.nl/v2", timeouts=DEFAULT_TIMEOUTS)
    numbers = list(range(10_000, 10_200))
    texts = LoketSource._split(
        client,
        CALENDAR_ABSENCES,
        {"employerId": EMPLOYER},
        numbers,
        lambda part: _numbers(("employment", "employee", "employeeNumber"), part),
        PERIOD,
    )
    assert 2 <= len(texts) <= 8
    for text in texts:
        assert client.fits(CALENDAR_ABSENCES, {"employerId": EMPLOYER}, text, PERIOD)
    covered = [int(term.rsplit(" ", 1)[1].rstrip(")")) for text in texts for term in text.split(" or ")]
    assert covered == numbers
    # 25 people always fit in one request
    one = LoketSource._split(
        client,
        CALENDAR_ABSENCES,
        {"employerId": EMPLOYER},
        numbers[:25],
        lambda part: _numbers(("employment", "employee", "employeeNumber"), part),
        PERIOD,
    )
    assert len(one) == 1 and MAX_URL == 2000
