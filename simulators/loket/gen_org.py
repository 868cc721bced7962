"""Seeding the employers with their departments, functions and payroll administration.

Choice: a function row is ``{id, description, group}`` (reference §1.8) although the
spec's PUT body names the id ``key``; organizational entities refer to it as
``function.key``, as the spec does.
Choice: ``employerLogo`` and ``providerLogo`` are null: the simulator serves no images.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from simulators.loket.catalog import COUNTRY_NL, LEGAL_FORM, PROVINCE_BY_NAME
from simulators.loket.profiles import EmployerProfile
from simulators.names import dutch_name
from simulators.places import DUTCH_PLACES, STREETS_NL, Place
from simulators.seeding import rng_for, uuid_from

AREA_CODES = {"Rotterdam": "010", "Utrecht": "030", "Zwolle": "038", "Tilburg": "013"}
CLA_BY_BRANCH = {
    "Onderwijs": "Cao VO",
    "Transport en logistiek": "Cao Beroepsgoederenvervoer",
    "Zorg en welzijn": "Cao VVT",
    "Detailhandel voedingsmiddelen": "Cao Bakkersbedrijf",
}


@dataclass
class EmployerSeed:
    """An employer's row plus what the other generators draw from."""

    index: int
    profile: EmployerProfile
    row: dict[str, Any]
    place: Place
    departments: dict[int, dict[str, Any]] = field(default_factory=dict)  # by code
    functions: list[tuple[dict[str, Any], tuple[int, ...], int]] = field(default_factory=list)
    distribution_units: list[dict[str, Any]] = field(default_factory=list)
    payroll_administration: dict[str, Any] = field(default_factory=dict)
    handler: dict[str, Any] = field(default_factory=dict)  # who handles leave requests

    @property
    def id(self) -> str:
        return str(self.row["id"])


def postal_code(rng: random.Random, place: Place) -> str:
    letters = rng.choice("ABCDEGHJKLMNPRTVWXZ") + rng.choice("ABCDEGHJKLMNPRTVWXZ")
    return f"{place.postcode} {letters}"


def phone(rng: random.Random, area: str | None = None) -> str:
    area = area or rng.choice(("010", "020", "030", "040", "050", "013", "038", "024", "026", "070"))
    return f"{area}-{rng.randint(2000000, 9999999) if len(area) == 3 else rng.randint(200000, 999999)}"


def build_employer(seed: int, index: int, profile: EmployerProfile) -> EmployerSeed:
    rng = rng_for(seed, "loket", "employer", str(index))
    place = next(p for p in DUTCH_PLACES if p.name == profile.city)
    area = AREA_CODES.get(place.name)
    contact = dutch_name(rng)
    row: dict[str, Any] = {
        "id": uuid_from(rng),
        "employerNumber": 20700 + 17 * index + rng.randint(1, 16),
        "companyName": profile.company_name,
        "chamberOfCommerceNumber": str(rng.randint(10_000_000, 99_999_999)),
        "legalForm": LEGAL_FORM[profile.legal_form],
        "sbi": {"key": profile.sbi[0], "sbiCode": profile.sbi[1], "value": profile.sbi[2]},
        "branch": {"key": profile.branch[0], "value": profile.branch[1]},
        "address": {
            "street": rng.choice(STREETS_NL),
            "houseNumber": rng.randint(1, 300),
            "houseNumberAddition": None,
            "postalCode": postal_code(rng, place),
            "city": place.name,
            "location": None,
            "furtherIndication": None,
            "country": COUNTRY_NL,
            "province": PROVINCE_BY_NAME[place.province],
        },
        "deviatingPostalAddress": None,
        "contactInformation": {
            "emailAddress": f"info@{profile.domain}",
            "phoneNumber": phone(rng, area),
            "faxNumber": None,
            "website": f"www.{profile.domain}",
        },
        "contact": {"name": f"{contact.first_name} {contact.full_last_name}", "function": "Directeur"},
        "employerLogo": None,
        "providerLogo": None,
        "providerSettings": {
            "administrationNumber": f"SR{index + 1}",
            "groupCode": 40 + index,
            "parentEmployerForConsolidatedOverviews": None,
            "sendEmailWhenSalarySlipIsAvailable": index % 2 == 0,
        },
    }
    row["contact"]["phoneNumber"] = phone(rng, area)
    if index % 2 == 1:  # some employers receive their post at a PO box
        row["deviatingPostalAddress"] = {
            "street": None,
            "houseNumber": None,
            "houseNumberAddition": None,
            "postalCode": postal_code(rng, place),
            "city": place.name,
            "location": None,
            "furtherIndication": None,
            "country": COUNTRY_NL,
            "poBox": rng.randint(100, 9999),
        }
    employer = EmployerSeed(index, profile, row, place)
    _add_structure(employer, rng)
    return employer


def _add_structure(employer: EmployerSeed, rng: random.Random) -> None:
    profile = employer.profile
    for code, description, parent in profile.departments:
        above = employer.departments.get(parent) if parent is not None else None
        employer.departments[code] = {
            "id": uuid_from(rng),
            "code": code,
            "description": description,
            "subDepartmentOf": (
                {"key": above["id"], "code": above["code"], "description": above["description"]}
                if above
                else None
            ),
            "emailLeaveRequest": f"verlof@{profile.domain}" if parent is None else None,
        }
    for description, group, departments, weight in profile.functions:
        row = {"id": uuid_from(rng), "description": description, "group": group}
        employer.functions.append((row, departments, weight))
    employer.distribution_units = [
        {"key": uuid_from(rng), "code": code, "description": text}
        for code, text in ((1, "Algemeen"), (2, "Projecten"))
    ]
    cla = CLA_BY_BRANCH.get(profile.branch[1], "Geen cao")
    employer.payroll_administration = {
        "id": uuid_from(rng),
        "name": f"{profile.company_name} salarisadministratie",
        "description": "Maandverloning",
        "clientNumber": 1000 + 111 * employer.index,
        "cla": {"key": 100 + employer.index, "value": cla},
        "wageModel": {"key": 1, "value": "Maandloon"},
    }
    handler = dutch_name(rng)
    initials = handler.initials
    employer.handler = {
        "id": uuid_from(rng),
        "initials": initials,
        "prefix": handler.prefix or None,
        "lastName": handler.last_name,
        "formattedName": f"{handler.last_name}, {initials[0]}",
    }


def employer_minimized(row: dict[str, Any]) -> dict[str, Any]:
    """The fewer-fields employer of ``/providers/employers/minimized``.

    Choice: the fields BrynQ's client reads from that endpoint (id, employerNumber,
    logos, companyName, branch, two provider settings, four address fields, contact
    name and phone, contact phone), nested as in the full employer.
    """
    address = row["address"]
    return {
        "id": row["id"],
        "employerNumber": row["employerNumber"],
        "companyName": row["companyName"],
        "employerLogo": row["employerLogo"],
        "providerLogo": row["providerLogo"],
        "branch": row["branch"],
        "providerSettings": {
            "administrationNumber": row["providerSettings"]["administrationNumber"],
            "groupCode": row["providerSettings"]["groupCode"],
        },
        "address": {
            "street": address["street"],
            "houseNumber": address["houseNumber"],
            "postalCode": address["postalCode"],
            "city": address["city"],
        },
        "contact": {"name": row["contact"]["name"], "phoneNumber": row["contact"]["phoneNumber"]},
        "contactInformation": {"phoneNumber": row["contactInformation"]["phoneNumber"]},
    }
