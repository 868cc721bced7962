"""The live state behind the API: each account's vacancies (edited by POST/PUT/DELETE and
by simulated applications) and its click log, restorable to the seeded data at once.

Where the document is silent:
- Choice: A vacancy created through the API is published ``today`` with status 1 (online), a
  runtime of 60 days, campaign "Standaard", the account's default cpc and no clicks;
  its ``city`` is the place named by ``location`` ("Plaats of postcode"): a known Dutch
  town by name or by its four-digit postcode, otherwise ``location`` as sent.
- Choice: Without ``companyUser`` the vacancy's contact is the account's default recruiter
  (applications must go somewhere), so insight's ``companyUser`` is always an object.
- Choice: PUT replaces every field the payload carries (it has the same required fields as POST)
  and keeps id, publish date, status, runtime, campaign and statistics; ``functionGroup``
  follows the title (keywords in ``catalog``), for created and edited vacancies alike.
- Choice: The click log is history: DELETE removes the vacancy (from insight, and its
  ``referenceNumber`` becomes free) but its clicks stay in ``GET /click``, each with the
  referenceNumber it had when it was clicked.
- Choice: ``autoDeleteDate`` is validated and stored; the simulator does not delete on that date.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from simulators.ictergezocht.accounts import ACCOUNTS
from simulators.ictergezocht.catalog import DEFAULT_CAMPAIGN, function_group_for
from simulators.ictergezocht.data import Dataset
from simulators.ictergezocht.dates import Period
from simulators.ictergezocht.records import STATUS_ONLINE, Click, Vacancy
from simulators.places import DUTCH_PLACES

DEFAULT_RUNTIME = 60
_POSTCODE = re.compile(r"([1-9][0-9]{3})\s*(?:[A-Za-z]{2})?")
_PLACES_BY_NAME = {place.name.casefold(): place.name for place in DUTCH_PLACES}
_PLACES_BY_POSTCODE = {place.postcode: place.name for place in DUTCH_PLACES}


def city_for(location: str) -> str:
    text = location.strip()
    postcode = _POSTCODE.fullmatch(text)
    if postcode:
        return _PLACES_BY_POSTCODE.get(postcode.group(1), text)
    return _PLACES_BY_NAME.get(text.casefold(), text)


class ClickLog:
    """One account's clicks, sorted by date, indexed for the ``referenceNumber`` filter."""

    def __init__(self, clicks: tuple[Click, ...]) -> None:
        self._rows = clicks
        self._keys = [click.clicked_at for click in clicks]
        by_reference: dict[str, list[Click]] = {}
        for click in clicks:
            by_reference.setdefault(click.reference_number, []).append(click)
        self._by_reference = {
            reference: (tuple(rows), [click.clicked_at for click in rows])
            for reference, rows in by_reference.items()
        }

    def select(self, period: Period, reference: str | None) -> Sequence[Click]:
        rows: Sequence[Click]
        keys: list[datetime]
        if reference is None:
            rows, keys = self._rows, self._keys
        else:
            rows, keys = self._by_reference.get(reference, ((), []))
        low = bisect_left(keys, period.start) if period.start is not None else 0
        high = bisect_left(keys, period.end) if period.end is not None else len(rows)
        return rows[low:high]


class Store:
    def __init__(self, dataset: Dataset, today: date) -> None:
        self.dataset = dataset
        self.today = today
        self.clicks = {account_id: ClickLog(rows) for account_id, rows in dataset.clicks.items()}
        self._books: dict[int, dict[int, Vacancy]] = {}
        self._references: dict[int, dict[str, int]] = {}
        self._next_id = 0
        self.reset()

    def reset(self) -> None:
        """Back to the seeded vacancies (a shallow copy each: ``details`` is replaced, never edited)."""
        self._books = {account_id: {} for account_id in ACCOUNTS}
        for vacancy in self.dataset.vacancies:
            self._books[vacancy.account_id][vacancy.vacancy_id] = copy.copy(vacancy)
        self._references = {
            account_id: {vacancy.reference_number: vacancy.vacancy_id for vacancy in book.values()}
            for account_id, book in self._books.items()
        }
        self._next_id = max(vacancy.vacancy_id for vacancy in self.dataset.vacancies) + 1

    def vacancies(self, account_id: int) -> Iterable[Vacancy]:
        """The account's vacancies in id order (ids only grow, and dicts keep insertion order)."""
        return self._books[account_id].values()

    def get(self, account_id: int, vacancy_id: int) -> Vacancy | None:
        return self._books[account_id].get(vacancy_id)

    def by_reference(self, account_id: int, reference: str) -> Vacancy | None:
        vacancy_id = self._references[account_id].get(reference)
        return None if vacancy_id is None else self._books[account_id][vacancy_id]

    def reference_taken(self, account_id: int, reference: str, except_id: int | None = None) -> bool:
        owner = self._references[account_id].get(reference)
        return owner is not None and owner != except_id

    def create(self, account_id: int, fields: dict[str, Any]) -> Vacancy:
        account = ACCOUNTS[account_id]
        vacancy = Vacancy(
            vacancy_id=self._next_id,
            account_id=account_id,
            reference_number="",
            title="",
            location="",
            city="",
            publish_date=self.today,
            status=STATUS_ONLINE,
            runtime=DEFAULT_RUNTIME,
            campaign=DEFAULT_CAMPAIGN,
            function_group="",
            contact_name="",
            contact_email="",
            cpc_cents=account.default_cpc_cents,
        )
        self._next_id += 1
        self._books[account_id][vacancy.vacancy_id] = vacancy
        self.update(vacancy, fields)
        return vacancy

    def update(self, vacancy: Vacancy, fields: dict[str, Any]) -> None:
        references = self._references[vacancy.account_id]
        references.pop(vacancy.reference_number, None)
        references[fields["referenceNumber"]] = vacancy.vacancy_id
        default_contact = self.dataset.contacts[vacancy.account_id][0]
        user = fields.get("companyUser") or {"name": default_contact.name, "email": default_contact.email}
        vacancy.reference_number = fields["referenceNumber"]
        vacancy.title = fields["title"]
        vacancy.location = fields["location"]
        vacancy.city = city_for(fields["location"])
        vacancy.function_group = function_group_for(fields["title"])
        vacancy.contact_name = user["name"]
        vacancy.contact_email = user["email"]
        vacancy.details = fields

    def delete(self, account_id: int, vacancy_id: int) -> bool:
        vacancy = self._books[account_id].pop(vacancy_id, None)
        if vacancy is None:
            return False
        del self._references[account_id][vacancy.reference_number]
        return True

    def record_application(self, account_id: int, reference: str) -> Vacancy | None:
        vacancy = self.by_reference(account_id, reference)
        if vacancy is not None:
            vacancy.applications += 1
        return vacancy
