"""The Loket data plan: which endpoints a batch of people reads, and how id filters are split."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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


def _chunks(numbers: list[int], render: Callable[[Sequence[int]], str], base: str | None = None) -> list[str]:
    client = LoketClient("https://api.loket.nl/v2", timeouts=DEFAULT_TIMEOUTS)
    return LoketSource._split(
        client, CALENDAR_ABSENCES, {"employerId": EMPLOYER}, numbers, render, PERIOD, base
    )


def _fits(text: str) -> bool:
    client = LoketClient("https://api.loket.nl/v2", timeouts=DEFAULT_TIMEOUTS)
    return client.fits(CALENDAR_ABSENCES, {"employerId": EMPLOYER}, text, PERIOD)


def test_each_chunk_is_the_longest_that_fits_whatever_the_lengths_of_the_numbers() -> None:
    """Numbers of 1 to 9 digits and a base filter: every URL fits and no chunk could take one more."""
    numbers = [7 * 10 ** (i % 9) + i for i in range(300)]
    path = ("employment", "employee", "employeeNumber")
    base = "employment.department.code eq 'ÄÖ & 10%'"
    texts = _chunks(numbers, lambda part: _numbers(path, part), base)
    start = 0
    for text in texts:
        assert _fits(text)
        count = text.count(" or ") + 1
        if start + count < len(numbers):
            longer = _numbers(path, numbers[start : start + count + 1])
            assert not _fits(f"({base}) and ({longer})")
        start += count
    assert start == len(numbers)


def test_a_render_that_does_not_add_up_still_gives_the_longest_chunks() -> None:
    """The estimate assumes clause lengths add up; a render whose fixed part grows with the count is
    measured for real, so the chunks still fit and are still the longest."""
    path = ("employee", "employeeNumber")

    def padded(part: Sequence[int]) -> str:
        return _numbers(path, part) + " " * (len(part) // 4)

    numbers = list(range(100_000, 100_300))
    texts = _chunks(numbers, padded)
    start = 0
    for text in texts:
        assert _fits(text)
        count = text.count(" or ") + 1
        if start + count < len(numbers):
            assert not _fits(padded(numbers[start : start + count + 1]))
        start += count
    assert start == len(numbers)


def test_splitting_renders_each_chunk_a_few_times_not_once_per_value() -> None:
    path = ("employment", "employee", "employeeNumber")
    renders: list[int] = []

    def counted(part: Sequence[int]) -> str:
        renders.append(len(part))
        return _numbers(path, part)

    numbers = list(range(10_000, 10_200))
    texts = _chunks(numbers, counted)
    long_renders = [size for size in renders if size > 3]
    assert len(long_renders) <= 3 * len(texts)
