"""The records the simulator keeps: vacancies (mutable: the API edits them) and clicks
(immutable: a click log is never rewritten), plus how each is rendered as JSON.

Choice: ``status`` codes are 0 = offline (taken offline by the customer),
1 = online, 2 = verlopen (its ``runtime`` in days since ``publishDate`` has passed).
The document types ``status`` as an int without listing values; these three are the
states a job board shows a customer. A vacancy created through the API is 1.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

STATUS_OFFLINE = 0
STATUS_ONLINE = 1
STATUS_EXPIRED = 2

VACANCY_URL = "https://www.ictergezocht.nl/vacature/{id}/{slug}/"


@dataclass(slots=True)
class Vacancy:
    vacancy_id: int
    account_id: int
    reference_number: str
    title: str
    location: str
    city: str
    publish_date: date
    status: int
    runtime: int
    campaign: str
    function_group: str
    contact_name: str
    contact_email: str
    cpc_cents: int
    clicks: int = 0
    applications: int = 0
    # the fields of the last POST/PUT payload as validated (description, company, customFields...)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return VACANCY_URL.format(id=self.vacancy_id, slug=slugify(f"{self.title} {self.city}"))

    def insight(self) -> dict[str, Any]:
        """One item of ``GET /vacancy/insight``; ``cost`` is what the clicks cost (clicks x cpc)."""
        return {
            "vacancyId": self.vacancy_id,
            "referenceNumber": self.reference_number,
            "publishDate": self.publish_date.isoformat(),
            "status": self.status,
            "title": self.title,
            "city": self.city,
            "runtime": self.runtime,
            "campaign": self.campaign,
            "functionGroup": self.function_group,
            "companyUser": {"name": self.contact_name, "email": self.contact_email},
            "clicks": self.clicks,
            "cpc": self.cpc_cents / 100,
            "cost": self.clicks * self.cpc_cents / 100,
            "applications": self.applications,
        }


@dataclass(frozen=True, slots=True)
class Click:
    vacancy_id: int
    reference_number: str
    clicked_at: datetime  # aware, Europe/Amsterdam
    ip: str
    cpc_cents: int
    # rendered once: the click log never changes, and /click pages are served often
    item: dict[str, Any] = field(compare=False, repr=False, default_factory=dict)


def make_click(vacancy_id: int, reference: str, clicked_at: datetime, ip: str, cpc_cents: int) -> Click:
    """Choice: ``clickDate`` is ISO 8601 with the Amsterdam offset (``2026-11-24T10:15:32+01:00``),
    because every date the document specifies is ISO 8601 and the platform is Dutch."""
    item = {
        "vacancyId": vacancy_id,
        "clickDate": clicked_at.isoformat(timespec="seconds"),
        "referenceNumber": reference,
        "ip": ip,
        "cpc": cpc_cents / 100,
    }
    return Click(vacancy_id, reference, clicked_at, ip, cpc_cents, item)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
