"""Seeding the employees of each employer, including the people who are also in Informat.

Every person of ``simulators.people.people_in_both_loket_and_informat`` becomes an
employee of one of alice's two employers (alternately), with the same first name,
prefix + last name and date of birth, so the gateway can match them across sources.

Choice: ``formattedName`` follows the document's example ("Wiel - van Bergen S.L. van
de"): surnames in the order ``howToFormatLastName`` gives, the first one's prefix moved
to the end after the initials ("Meer J. van der"). ``photo`` is null (no images).
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from simulators.loket.catalog import (
    CIVIL_STATUS,
    COUNTRY_NL,
    FURTHER_INDICATION,
    GENDER,
    HOW_TO_FORMAT_LAST_NAME,
    NATIONALITY,
    STATUS_SELF_SERVICE,
    TITLE,
    TYPE_OF_DOCUMENT,
)
from simulators.loket.gen_org import EmployerSeed, phone, postal_code
from simulators.names import DUTCH_SURNAMES, dutch_name
from simulators.people import SharedPerson
from simulators.places import DUTCH_PLACES, STREETS_NL
from simulators.seeding import random_date, uuid_from

MAIL_PROVIDERS = ("gmail.com", "hotmail.com", "ziggo.nl", "kpnmail.nl", "outlook.com", "live.nl")


@dataclass
class EmployeeSeed:
    employer: EmployerSeed
    row: dict[str, Any]
    born: date
    shared: bool

    @property
    def id(self) -> str:
        return str(self.row["id"])


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def formatted_name(how: int, initials: str, prefix: str, last: str, partner_prefix: str, partner: str) -> str:
    """Loket's sort name: the first surname gives its prefix to the end ("Meer J. van der")."""
    own = f"{prefix} {last}".strip()
    theirs = f"{partner_prefix} {partner}".strip()
    if how == 2 and partner:
        text = f"{partner} - {own} {initials} {partner_prefix}"
    elif how == 3 and partner:
        text = f"{last} - {theirs} {initials} {prefix}"
    elif how == 4 and partner:
        text = f"{partner} {initials} {partner_prefix}"
    else:
        text = f"{last} {initials} {prefix}"
    return " ".join(text.split())


def aow_date(born: date) -> str:
    """State pension age: 67 years and 3 months."""
    month = born.month + 3
    year = born.year + 67 + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(born.day, 28)).isoformat()


def build_employee(
    rng: random.Random, employer: EmployerSeed, number: int, today: date, shared: SharedPerson | None
) -> EmployeeSeed:
    if shared is not None:
        name, born = shared.name, shared.date_of_birth
        initials = name.initials
    else:
        name = dutch_name(rng)
        born = random_date(rng, date(today.year - 64, 1, 1), date(today.year - 19, 12, 31))
        initials = name.initials + (rng.choice("ACEHJMPW") + "." if rng.random() < 0.35 else "")
    partner_prefix, partner = ("", "")
    how = 1
    if shared is None and rng.random() < 0.3:
        partner_prefix, partner = rng.choice(DUTCH_SURNAMES)
        how = rng.choices((1, 2, 3, 4), weights=(6, 2, 1, 1))[0]
    place = employer.place if rng.random() < 0.5 else rng.choice(DUTCH_PLACES)
    first = slug(name.first_name)
    surname = slug(name.full_last_name)
    row: dict[str, Any] = {
        "id": uuid_from(rng),
        "employeeNumber": number,
        "personalDetails": {
            "firstName": name.first_name,
            "lastName": name.last_name,
            "prefix": name.prefix or None,
            "initials": initials,
            "lastNamePartner": partner or None,
            "prefixPartner": partner_prefix or None,
            "formattedName": formatted_name(
                how, initials, name.prefix, name.last_name, partner_prefix, partner
            ),
            "dateOfBirth": born.isoformat(),
            "placeOfBirth": rng.choice(DUTCH_PLACES).name,
            "dateOfDeath": None,
            "aowDate": aow_date(born),
            "photo": None,
            "howToFormatLastName": HOW_TO_FORMAT_LAST_NAME[how],
            "title": TITLE[rng.randint(1, 4)] if rng.random() < 0.06 else None,
            "nationality": NATIONALITY[1 if rng.random() < 0.9 else rng.randint(2, 5)],
            "gender": GENDER[1 if name.gender == "M" else 2],
            "civilStatus": CIVIL_STATUS[2 if partner else rng.choice((1, 1, 3, 4))],
        },
        "contactInformation": {
            "phoneNumber": phone(rng) if rng.random() < 0.4 else None,
            "mobilePhoneNumber": f"06-{rng.randint(10000000, 99999999)}",
            "faxNumber": None,
            "emailAddress": f"{first}.{surname}{rng.randint(1, 99) if rng.random() < 0.3 else ''}"
            f"@{rng.choice(MAIL_PROVIDERS)}",
            "businessPhoneNumber": None,
            "businessMobilePhoneNumber": f"06-{rng.randint(10000000, 99999999)}"
            if rng.random() < 0.2
            else None,
            "businessEmailAddress": f"{first[:1]}.{surname}@{employer.profile.domain}",
        },
        "address": {
            "street": rng.choice(STREETS_NL),
            "houseNumber": rng.randint(1, 250),
            "houseNumberAddition": rng.choice(("A", "B", "bis", "2", "III")) if rng.random() < 0.1 else None,
            "postalCode": postal_code(rng, place),
            "city": place.name,
            "location": None,
            "furtherIndication": FURTHER_INDICATION[1] if rng.random() < 0.01 else None,
            "country": COUNTRY_NL,
        },
        "deviatingPostalAddress": None,
        "identityDocument": {
            "typeOfDocument": TYPE_OF_DOCUMENT[rng.randint(1, 2)],
            "documentIdentification": "".join(rng.choice("BCDFGHJKLMNPRSTVWXZ") for _ in range(2))
            + "".join(rng.choice("0123456789BCDFGHJKLNPRSTVWXZ") for _ in range(6))
            + str(rng.randint(0, 9)),
        },
        "travel": {},
        "exclusionFromAbsenceStatus": rng.random() < 0.02,
        "statusEmployeeSelfService": STATUS_SELF_SERVICE[1 if rng.random() < 0.85 else rng.randint(2, 3)],
        "revokeEmployeeSelfServiceAccessOn": None,
    }
    metres = rng.randint(400, 65000)
    row["travel"] = {"travelDistanceToWork": metres, "travelDistanceToWorkInKm": round(metres / 1000, 1)}
    if rng.random() < 0.05:
        post_place = rng.choice(DUTCH_PLACES)
        row["deviatingPostalAddress"] = {
            "street": "Postbus",
            "houseNumber": rng.randint(1, 9999),
            "houseNumberAddition": None,
            "postalCode": postal_code(rng, post_place),
            "city": post_place.name,
            "location": None,
            "furtherIndication": None,
            "country": COUNTRY_NL,
        }
    return EmployeeSeed(employer, row, born, shared is not None)


def employee_summary(row: dict[str, Any]) -> dict[str, Any]:
    """The employee as embedded in employments, leave requests (``submittedBy``) and leave balances."""
    details = row["personalDetails"]
    return {
        "id": row["id"],
        "employeeNumber": row["employeeNumber"],
        "firstName": details["firstName"],
        "initials": details["initials"],
        "prefix": details["prefix"],
        "lastName": details["lastName"],
        "lastNamePartner": details["lastNamePartner"],
        "prefixPartner": details["prefixPartner"],
        "formattedName": details["formattedName"],
        "dateOfBirth": details["dateOfBirth"],
        "photo": details["photo"],
    }
