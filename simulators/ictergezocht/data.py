"""The seeded data set: each account's vacancies and the click log behind their insights.

Everything is drawn from ``rng_for(seed, "ictergezocht", ...)`` and dated relative to
``today``, so the same (seed, today) always gives the same rows. Insight numbers are
derived from the click log, never drawn separately: a vacancy's ``clicks`` is the number
of its rows in ``GET /click``, its ``cost`` their ``cpc`` summed, and its
``applications`` a subset of those clicks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from simulators.ictergezocht.accounts import ACCOUNTS, Account
from simulators.ictergezocht.catalog import (
    CAMPAIGNS,
    COMPANY_TYPES,
    EDUCATION_CAMPAIGN,
    EDUCATIONS,
    EMPLOYMENTS,
    EXPERIENCES,
    HOURS,
    JOB_TITLES,
    SENIORITIES,
    USER_FUNCTIONS,
)
from simulators.ictergezocht.records import (
    AMSTERDAM,
    STATUS_EXPIRED,
    STATUS_OFFLINE,
    STATUS_ONLINE,
    Click,
    Vacancy,
    make_click,
    slugify,
)
from simulators.names import dutch_name
from simulators.places import DUTCH_PLACES
from simulators.seeding import random_date, rng_for, uuid_from

FIRST_VACANCY_ID = 70_000
PUBLISH_WINDOW_DAYS = 365
RECENCY_SKEW = 1.8
RUNTIMES = (30, 60, 90)
CONTACTS_PER_ACCOUNT = 5
OFFLINE_SHARE = 0.08
APPLICATION_RATE = 0.06
# bigger towns get more vacancies: weight 1 / (1 + index * PLACE_FALLOFF) in DUTCH_PLACES order
PLACE_FALLOFF = 0.12
IP_FIRST_OCTETS = (31, 62, 77, 80, 83, 84, 85, 86, 87, 89, 94, 145, 178, 185, 212, 213, 217)


@dataclass(frozen=True)
class Contact:
    name: str
    email: str


@dataclass(frozen=True)
class Dataset:
    # pristine vacancies of every account, in id order; the store copies them before editing
    vacancies: tuple[Vacancy, ...]
    # account id -> that account's clicks, sorted by clickDate
    clicks: dict[int, tuple[Click, ...]]
    # account id -> its recruiters; the first is the account's default contact
    contacts: dict[int, tuple[Contact, ...]]


@dataclass
class _Draft:
    account: Account
    vacancy: Vacancy
    last_click_day: date


def _contacts(seed: int, account: Account) -> tuple[Contact, ...]:
    rng = rng_for(seed, "ictergezocht", "contacts", str(account.account_id))
    people = []
    for _ in range(CONTACTS_PER_ACCOUNT):
        name = dutch_name(rng)
        full = f"{name.first_name} {name.full_last_name}"
        local = f"{slugify(name.first_name)}.{slugify(name.full_last_name).replace('-', '')}"
        people.append(Contact(full, f"{local}@{account.domain}"))
    return tuple(people)


def _title(rng: random.Random) -> tuple[str, str]:
    title, group = rng.choice(JOB_TITLES)
    if title.startswith("*"):
        title = title[1:]
        if rng.random() < 0.6:
            title = f"{rng.choice(SENIORITIES)} {title}"
    return title, group


def _draft(rng: random.Random, account: Account, contacts: tuple[Contact, ...], today: date) -> _Draft:
    # skewed towards recent dates, so a fair share of the vacancies is still online
    publish = today - timedelta(days=int(PUBLISH_WINDOW_DAYS * rng.random() ** RECENCY_SKEW))
    runtime = rng.choice(RUNTIMES)
    title, group = _title(rng)
    weights = [1 / (1 + index * PLACE_FALLOFF) for index in range(len(DUTCH_PLACES))]
    place = rng.choices(DUTCH_PLACES, weights=weights)[0]
    campaign = EDUCATION_CAMPAIGN if group == "Onderwijs" else rng.choice(CAMPAIGNS)
    if campaign == "ICT Campagne":
        campaign = f"ICT Campagne Q{(publish.month - 1) // 3 + 1} {publish.year}"
    last_day = min(publish + timedelta(days=runtime - 1), today)
    if today < publish + timedelta(days=runtime):
        status = STATUS_OFFLINE if rng.random() < OFFLINE_SHARE else STATUS_ONLINE
        if status == STATUS_OFFLINE:
            last_day = random_date(rng, publish, last_day)
    else:
        status = STATUS_EXPIRED
    contact = rng.choice(contacts)
    details = {
        "description": f"Voor een opdrachtgever in {place.name} zoeken wij een {title}.",
        "location": place.name,
        "countryCode": "NL",
        "education": rng.choice(EDUCATIONS),
        "experience": rng.choice(EXPERIENCES),
        "employment": rng.choice(EMPLOYMENTS),
        "hours": rng.choice(HOURS),
        "industry": "Informatietechnologie",
        "company": {"name": account.name, "typeId": rng.choice(COMPANY_TYPES)[0]},
        "companyUser": {
            "name": contact.name,
            "email": contact.email,
            "functionId": rng.choice(USER_FUNCTIONS)[0],
        },
    }
    vacancy = Vacancy(
        vacancy_id=0,
        account_id=account.account_id,
        reference_number="",
        title=title,
        location=place.name,
        city=place.name,
        publish_date=publish,
        status=status,
        runtime=runtime,
        campaign=campaign,
        function_group=group,
        contact_name=contact.name,
        contact_email=contact.email,
        cpc_cents=max(20, account.default_cpc_cents + rng.randint(-25, 40)),
        details=details,
    )
    return _Draft(account, vacancy, last_day)


def _clicks(seed: int, draft: _Draft) -> list[Click]:
    vacancy = draft.vacancy
    rng = rng_for(seed, "ictergezocht", "clicks", str(vacancy.vacancy_id))
    days = (draft.last_click_day - vacancy.publish_date).days + 1
    clicks = []
    for _ in range(int(days * rng.uniform(0.1, 1.3))):
        day = vacancy.publish_date + timedelta(days=rng.randrange(days))
        hour, second = rng.randint(6, 23), rng.randrange(3600)
        at = datetime(day.year, day.month, day.day, hour, second // 60, second % 60, tzinfo=AMSTERDAM)
        ip = f"{rng.choice(IP_FIRST_OCTETS)}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randint(1, 254)}"
        clicks.append(make_click(vacancy.vacancy_id, vacancy.reference_number, at, ip, vacancy.cpc_cents))
        if rng.random() < APPLICATION_RATE:
            vacancy.applications += 1
    vacancy.clicks = len(clicks)
    return clicks


def generate_dataset(seed: int, today: date) -> Dataset:
    contacts = {account_id: _contacts(seed, account) for account_id, account in ACCOUNTS.items()}
    drafts: list[_Draft] = []
    for account_id, account in ACCOUNTS.items():
        rng = rng_for(seed, "ictergezocht", "vacancies", str(account_id))
        drafts.extend(_draft(rng, account, contacts[account_id], today) for _ in range(account.vacancy_count))
    # ids grow with the publish date, as an auto-increment key would
    drafts.sort(key=lambda draft: (draft.vacancy.publish_date, draft.account.account_id))
    id_rng = rng_for(seed, "ictergezocht", "ids")
    next_id = FIRST_VACANCY_ID
    sequence = dict.fromkeys(ACCOUNTS, 0)
    clicks: dict[int, list[Click]] = {account_id: [] for account_id in ACCOUNTS}
    for draft in drafts:
        vacancy, account = draft.vacancy, draft.account
        next_id += id_rng.randint(1, 3)
        vacancy.vacancy_id = next_id
        sequence[account.account_id] += 1
        if account.reference_style == "uuid":
            vacancy.reference_number = uuid_from(id_rng)
        else:
            vacancy.reference_number = f"BWS-{vacancy.publish_date.year}-{sequence[account.account_id]:04d}"
        clicks[account.account_id].extend(_clicks(seed, draft))
    return Dataset(
        vacancies=tuple(draft.vacancy for draft in drafts),
        clicks={
            account_id: tuple(sorted(rows, key=lambda click: (click.clicked_at, click.vacancy_id)))
            for account_id, rows in clicks.items()
        },
        contacts=contacts,
    )
