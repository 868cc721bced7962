"""The seeded data set: deterministic per (seed, today), sized as promised, and internally
consistent (clicks inside each vacancy's online period, figures derived from them)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from simulators.config import SimConfig
from simulators.ictergezocht.accounts import ACCOUNTS, DEMO_ACCOUNT, OTHER_ACCOUNT
from simulators.ictergezocht.catalog import JOB_TITLES, SENIORITIES
from simulators.ictergezocht.data import Dataset, generate_dataset
from simulators.ictergezocht.records import STATUS_EXPIRED, STATUS_OFFLINE, STATUS_ONLINE


def test_same_seed_and_day_give_the_same_data(dataset: Dataset, icter_config: SimConfig) -> None:
    again = generate_dataset(icter_config.seed, icter_config.today)
    assert [v.insight() for v in again.vacancies] == [v.insight() for v in dataset.vacancies]
    assert again.clicks == dataset.clicks
    other_seed = generate_dataset(icter_config.seed + 1, icter_config.today)
    assert [v.title for v in other_seed.vacancies] != [v.title for v in dataset.vacancies]


def test_sizes_and_identities(dataset: Dataset) -> None:
    per_account = Counter(v.account_id for v in dataset.vacancies)
    assert per_account[DEMO_ACCOUNT.account_id] == DEMO_ACCOUNT.vacancy_count >= 300
    assert 0 < per_account[OTHER_ACCOUNT.account_id] == OTHER_ACCOUNT.vacancy_count < 300
    ids = [v.vacancy_id for v in dataset.vacancies]
    assert len(set(ids)) == len(ids) and ids == sorted(ids)
    for account_id in ACCOUNTS:
        references = [v.reference_number for v in dataset.vacancies if v.account_id == account_id]
        assert len(set(references)) == len(references)


def test_titles_are_dutch_it_jobs(dataset: Dataset) -> None:
    bases = {title.lstrip("*") for title, _ in JOB_TITLES}
    for vacancy in dataset.vacancies:
        first, _, rest = vacancy.title.partition(" ")
        assert vacancy.title in bases or (first in SENIORITIES and rest in bases)
    assert {"Docent informatica", "Functioneel beheerder"} <= {v.title for v in dataset.vacancies}


def test_clicks_fall_inside_each_vacancys_online_period(dataset: Dataset, icter_config: SimConfig) -> None:
    vacancies = {v.vacancy_id: v for v in dataset.vacancies}
    for account_id, clicks in dataset.clicks.items():
        for click in clicks:
            vacancy = vacancies[click.vacancy_id]
            assert vacancy.account_id == account_id
            assert click.reference_number == vacancy.reference_number
            day = click.clicked_at.date()
            assert vacancy.publish_date <= day <= icter_config.today
            assert day < vacancy.publish_date + timedelta(days=vacancy.runtime)
            assert click.cpc_cents == vacancy.cpc_cents
        counted = Counter(click.vacancy_id for click in clicks)
        for vacancy in (v for v in dataset.vacancies if v.account_id == account_id):
            assert vacancy.clicks == counted[vacancy.vacancy_id]


def test_statuses_follow_the_runtime(dataset: Dataset, icter_config: SimConfig) -> None:
    for vacancy in dataset.vacancies:
        running = icter_config.today < vacancy.publish_date + timedelta(days=vacancy.runtime)
        assert vacancy.status in ({STATUS_ONLINE, STATUS_OFFLINE} if running else {STATUS_EXPIRED})
    assert Counter(v.status for v in dataset.vacancies)[STATUS_ONLINE] > 50
