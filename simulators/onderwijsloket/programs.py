"""Rows for ``programs``, ``program_forms`` and the programme junction collections.

A programme belongs to its institution (and, for the academische pabo, the partner
hogeschool too) and is taught at one to three of that institution's locations, the main
one always among them. Its forms inherit its vendor, so a role that may not read a
programme may not read its forms either.

A form row holds only names some source shows (``schema`` says which are choices):
``product_form`` and ``tuition_fees`` as in the vendor model; no source has a duration.

Choice: ``tuition_fees`` lists, per academic year (``year`` is the year it starts), the
statutory fee (``tuitionFeeType: "statutory"``) and, for bachelor's and master's
programmes, the institutional fee (``"institutional"``); programmes Onderwijsloket curates
itself have only an institutional fee. ``amount`` is a string of euros with two decimals
(the vendor model's ``amount`` is a string), ``tuitionFeePeriod`` is ``"year"``, the
coming year's fees are not yet ``definitive`` and ``description`` is ``null``.
"""

from __future__ import annotations

import random
import re
from datetime import date
from typing import Any

from simulators.onderwijsloket.catalog import Provider
from simulators.onderwijsloket.geodata import random_timestamps
from simulators.onderwijsloket.offers import Offer, offers_of
from simulators.seeding import rng_for, uuid_from

Row = dict[str, Any]
STATUTORY_FEE = 2601.0
MBO_FEE = 1369.0
YEARLY_RISE = 1.035  # next year's fees, announced but not definitive
INACTIVE_SHARE = 0.03
FORM_TEXT = {
    "voltijd": "Voltijd: je studeert overdag, ongeveer veertig uur per week.",
    "deeltijd": "Deeltijd: colleges op een vaste dag of avond per week, naast je werk.",
    "duaal": "Duaal: je werkt in een school en studeert een dag per week.",
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _vendor(offer: Offer, provider: Provider) -> str:
    return "onderwijsloket" if offer.curated else provider.vendor


def _program(rng: random.Random, offer: Offer, provider: Provider, institution: Row, today: date) -> Row:
    created, updated = random_timestamps(rng, today)
    vendor = _vendor(offer, provider)
    return {
        "id": uuid_from(rng),
        "status": "inactive" if rng.random() < INACTIVE_SHARE else "active",
        "date_created": created,
        "date_updated": updated,
        "title": offer.title,
        "path": f"/opleidingen/{_slug(offer.title)}-{_slug(provider.code)}",
        "type": offer.type,
        "level": offer.level,
        "degree": offer.degree,
        "croho": offer.croho,
        "croho_name": offer.croho_name,
        "crebo": offer.crebo,
        "crebo_profile": offer.crebo_profile,
        "credits": offer.credits,
        "financing": "private" if offer.curated else "public",
        "vendor": vendor,
        "hovi_id": str(rng.randint(10000, 99999)) if vendor == "hovi" else None,
        "kiesmbo_id": f"{offer.crebo}-{institution['brin_code']}" if vendor == "kiesmbo" else None,
        "study_number": f"b{rng.randint(1, 9999):04d}" if vendor == "hovi" else None,
    }


def _academic_year(today: date) -> int:
    """The year the current academic year (1 September - 31 August) started."""
    return today.year if today.month >= 9 else today.year - 1


def _fee(amount: float, kind: str, year: int, definitive: bool) -> Row:
    return {
        "amount": f"{amount:.2f}",
        "definitive": definitive,
        "description": None,
        "tuitionFeePeriod": "year",
        "tuitionFeeType": kind,
        "year": year,
    }


def _fees(rng: random.Random, offer: Offer, today: date) -> list[Row]:
    """This year's fees and next year's (not yet definitive), statutory first."""
    year = _academic_year(today)
    if offer.curated:
        amounts = [("institutional", float(rng.randrange(3000, 9001, 50)))]
    elif offer.type == "mbo":
        amounts = [("statutory", MBO_FEE)]
    else:
        amounts = [("statutory", STATUTORY_FEE), ("institutional", float(rng.randrange(8000, 15001, 50)))]
    fees = [_fee(amount, kind, year, True) for kind, amount in amounts]
    fees += [_fee(round(amount * YEARLY_RISE), kind, year + 1, False) for kind, amount in amounts]
    return fees


def _form_row(
    rng: random.Random, program: Row, offer: Offer, form: str, track: Row, website: str, today: date
) -> Row:
    return {
        "id": uuid_from(rng),
        "status": program["status"],
        "date_created": program["date_created"],
        "date_updated": program["date_updated"],
        "program": program["id"],
        "product_form": form,
        "track": track["id"],
        "url": f"{website}/opleidingen/{_slug(offer.title)}/{form}",
        "description": f"{offer.title} ({track['name'].lower()}). {FORM_TEXT[form]}",
        "tuition_fees": _fees(rng, offer, today),
        "vendor": program["vendor"],
    }


def generate_programs(
    seed: int,
    today: date,
    institutions: list[tuple[Provider, Row]],
    campuses: dict[str, list[Row]],
    tracks: list[Row],
) -> dict[str, list[Row]]:
    """Programmes for every institution, in catalogue order; ids drawn from their own generators."""
    rng = rng_for(seed, "onderwijsloket", "programs")
    form_rng = rng_for(seed, "onderwijsloket", "program_forms")
    track_by_slug = {row["path"].rsplit("/", 1)[1]: row for row in tracks}
    institution_of = {provider.code: row for provider, row in institutions}
    programs: list[Row] = []
    forms: list[Row] = []
    to_institutions: list[Row] = []
    to_locations: list[Row] = []
    for provider, institution in institutions:
        website = institution["website"][0]["url"]
        for offer in offers_of(rng, provider):
            program = _program(rng, offer, provider, institution, today)
            programs.append(program)
            owners = [institution]
            if offer.partner is not None:
                owners.append(institution_of[offer.partner.code])
            for owner in owners:
                to_institutions.append(
                    {
                        "id": len(to_institutions) + 1,
                        "programs_id": program["id"],
                        "educational_institutions_id": owner["id"],
                    }
                )
            places = campuses[institution["id"]]
            taught_at = [places[0], *rng.sample(places[1:], rng.randint(0, min(2, len(places) - 1)))]
            if offer.partner is not None:
                taught_at.append(campuses[institution_of[offer.partner.code]["id"]][0])
            for location in taught_at:
                to_locations.append(
                    {
                        "id": len(to_locations) + 1,
                        "programs_id": program["id"],
                        "locations_id": location["id"],
                    }
                )
            for form, track in offer.forms:
                forms.append(_form_row(form_rng, program, offer, form, track_by_slug[track], website, today))
    return {
        "programs": programs,
        "program_forms": forms,
        "educational_institutions_programs": to_institutions,
        "programs_locations": to_locations,
    }
