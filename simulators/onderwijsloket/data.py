"""The seeded Navigator data set: institutions, their locations, tracks, and (via
``programs``) the programmes with their forms and junction rows.

Rows are plain dicts holding exactly what ``fields=*`` would show of the stored columns;
alias (one-to-many) fields are not stored but derived from the children's foreign keys.
Everything is drawn from ``rng_for(seed, "onderwijsloket", ...)``, so the same seed and
``today`` give the same rows, ids included.

Locations have the keys of the Feb 2025 Directus export (``locations_with_directus_ids
.json``): no ``city``; the town is only in ``location_address`` and in the ``locality``
part of ``location_components`` (see ``geodata``). Institutions carry their main
location's geodata, as in the export. Only towns in the catalogue get a location, so
some towns with ICTerGezocht vacancies have none (see ``catalog``).

Choice: ``user_created`` is one import user for every row (the export's rows were all
created by one sync account) and ``user_updated`` is that user where ``date_updated`` is
set; ``directus_users`` itself is not served.
"""

from __future__ import annotations

import random
import re
from datetime import date
from typing import Any

from simulators.onderwijsloket.catalog import PROVIDERS, TRACKS, Provider
from simulators.onderwijsloket.geodata import random_address, random_timestamps
from simulators.onderwijsloket.programs import generate_programs
from simulators.places import DUTCH_PLACES, Place
from simulators.seeding import rng_for, uuid_from

Row = dict[str, Any]
Dataset = dict[str, list[Row]]
PLACES_BY_NAME: dict[str, Place] = {place.name: place for place in DUTCH_PLACES}
SECOND_CAMPUS_CHANCE = 0.3
IMPORT_USER = "db7c7a18-2b98-42c8-8fd0-246aedbb3512"  # the export's user_created
_BRIN_LETTERS = "ABCDEFGHJKLMNPRSTUVWXZ"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", "en")).strip("-")


def domain(provider: Provider) -> str:
    return re.sub(r"[^a-z0-9]", "", provider.code.lower())


def _branch_cities(provider: Provider) -> list[str]:
    return [provider.city, *provider.branches]


def audit(created: str, updated: str | None) -> Row:
    """The audit columns of an imported row, as the export has them."""
    return {
        "user_created": IMPORT_USER,
        "date_created": created,
        "user_updated": IMPORT_USER if updated else None,
        "date_updated": updated,
    }


def _location(rng: random.Random, provider: Provider, place: Place, today: date, suffix: str) -> Row:
    address = random_address(rng, place, campus=provider.type != "mbo")
    created, updated = random_timestamps(rng, today)
    hovi = provider.vendor == "hovi"
    return {
        "id": uuid_from(rng),
        "status": "active",
        **audit(created, updated),
        "hovi_id": str(rng.randint(10, 2999)) if hovi else None,
        "vestiging_sk123_id": str(rng.randint(100, 9999)) if hovi else None,
        "vendor": provider.vendor,
        "title": f"{provider.title}, vestiging {place.name}{suffix}",
        "brinvest": None,
        "website": f"https://www.{domain(provider)}.nl/locaties/{slug(place.name)}",
        "location_address": address.line,
        "location_components": address.components(),
        "location_data": address.point(),
        "notes": None,
    }


def _institution(rng: random.Random, provider: Provider, main: Row, brin: str, today: date) -> Row:
    created, updated = random_timestamps(rng, today)
    websites = [{"url": f"https://www.{domain(provider)}.nl", "lang": "Nederlands"}]
    if provider.type in ("onderzoeksuniversiteit", "internationaal onderwijs"):
        websites.append({"url": f"https://www.{domain(provider)}.nl/en", "lang": "Engels"})
    text = f"{provider.title} leidt op tot leraar. Bekijk de opleidingen en locaties op de website."
    return {
        "id": uuid_from(rng),
        "status": "active",
        **audit(created, updated),
        "title": provider.title,
        "code": provider.code,
        "path": f"/onderwijsinstellingen/{slug(provider.title)}",
        "type": provider.type,
        "brin_code": brin,
        "hovi_id": str(rng.randint(1, 2200)) if provider.vendor == "hovi" else None,
        "kiesmbo_id": brin if provider.vendor == "kiesmbo" else None,
        "vendor": provider.vendor,
        "description": {
            "type": "doc",
            "content": [{"type": "paragraph", "content": [{"type": "text", "text": text}]}],
        },
        "website": websites,
        "email": f"info@{domain(provider)}.nl",
        "phone": f"088-{rng.randint(1000000, 9999999)}",
        "location_address": main["location_address"],
        "location_components": main["location_components"],
        "location_data": main["location_data"],
        "is_tio_partner": provider.type == "hogeschool" and rng.random() < 0.25,
        "notes": None,
    }


def _brin(rng: random.Random, used: set[str]) -> str:
    while True:
        code = f"{rng.randint(0, 31):02d}{rng.choice(_BRIN_LETTERS)}{rng.choice(_BRIN_LETTERS)}"
        if code not in used:
            used.add(code)
            return code


def generate(seed: int, today: date) -> Dataset:
    """The whole data set for ``seed`` and ``today``; rows of each collection in primary-key order."""
    rng = rng_for(seed, "onderwijsloket", "institutions")
    used_brins: set[str] = set()
    institutions: list[Row] = []
    locations: list[Row] = []
    links: list[Row] = []
    campuses: dict[str, list[Row]] = {}  # institution id -> its locations, main first
    for provider in PROVIDERS:
        rows = []
        for index, city in enumerate(_branch_cities(provider)):
            rows.append(_location(rng, provider, PLACES_BY_NAME[city], today, ""))
            if index == 0 and provider.type != "mbo" and rng.random() < SECOND_CAMPUS_CHANCE:
                rows.append(_location(rng, provider, PLACES_BY_NAME[city], today, " (campus 2)"))
        brin = _brin(rng, used_brins)
        if provider.vendor == "kiesmbo":
            for number, row in enumerate(rows):
                row["brinvest"] = f"{brin}{number:02d}"
        institution = _institution(rng, provider, rows[0], brin, today)
        institutions.append(institution)
        locations.extend(rows)
        campuses[institution["id"]] = rows
        for row in rows:
            links.append(
                {
                    "id": len(links) + 1,
                    "educational_institutions_id": institution["id"],
                    "locations_id": row["id"],
                }
            )
    track_rng = rng_for(seed, "onderwijsloket", "tracks")
    tracks = [
        {"id": uuid_from(track_rng), "name": name, "path": f"/routes/{key}", "description": text}
        for name, key, text in TRACKS
    ]
    dataset: Dataset = {
        "educational_institutions": institutions,
        "locations": locations,
        "tracks": tracks,
        "educational_institutions_locations": links,
    }
    dataset.update(
        generate_programs(seed, today, list(zip(PROVIDERS, institutions, strict=True)), campuses, tracks)
    )
    for rows in dataset.values():
        rows.sort(key=lambda row: row["id"])
    return dataset
