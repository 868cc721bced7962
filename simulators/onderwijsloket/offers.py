"""What each institution offers: one ``Offer`` per teacher-training programme.

Institutions offer programme *families* (catalogue letters): pabo, tweedegraads and
eerstegraads lerarenopleidingen, ALO, kunstvakdocent, docent groen, Ad, PDG,
zij-instroom, educatieve master and minor, academische pabo (taught with a partner
hogeschool, so that programme has two institutions) and MBO onderwijsassistent.

Choice: ``type`` is the route (``pabo``, ``tweedegraads``, ``eerstegraads``,
``educatieve_master``, ``educatieve_minor``, ``associate_degree``, ``pdg``, ``zij_instroom``,
``mbo``), ``level`` one of ``mbo``, ``associate_degree``, ``bachelor``, ``master``,
``post_initieel``, and ``degree`` a title from the HOVI degree list (``null`` for
certificates); the document leaves these value sets open. PDG and zij-instroom
trajectories are curated by Onderwijsloket itself (``vendor = 'onderwijsloket'``) wherever
they are taught; CROHO codes other than the pabo's 34808 are plausible, not real.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from simulators.onderwijsloket.catalog import ARTS, GREEN, PROVIDERS, SUBJECTS, Provider

Forms = tuple[tuple[str, str], ...]  # (form, track slug)
EDUCATION = "Bachelor of Education"


@dataclass(frozen=True)
class Offer:
    title: str
    type: str
    level: str
    degree: str | None
    credits: int | None
    forms: Forms
    croho: str | None = None
    croho_name: str | None = None
    crebo: str | None = None
    crebo_profile: str | None = None
    curated: bool = False
    partner: Provider | None = None


def _forms(rng: random.Random, *options: tuple[str, str, float]) -> Forms:
    """Each (form, track, chance) independently; at least the first."""
    chosen = tuple((form, track) for form, track, chance in options if rng.random() < chance)
    return chosen or ((options[0][0], options[0][1]),)


def _subjects(
    rng: random.Random, low: int, high: int, science_only: bool = False
) -> list[tuple[str, str, str]]:
    pool = [s for s in SUBJECTS if s[2] == "science"] if science_only else list(SUBJECTS)
    return sorted(rng.sample(pool, min(len(pool), rng.randint(low, high))))


def _pabo(rng: random.Random, provider: Provider) -> list[Offer]:
    forms = _forms(rng, ("voltijd", "regulier", 1.0), ("deeltijd", "verkort", 0.7), ("duaal", "duaal", 0.3))
    name = "Opleiding tot leraar basisonderwijs"
    return [Offer("Leraar Basisonderwijs (pabo)", "pabo", "bachelor", EDUCATION, 240, forms, "34808", name)]


def _second_degree(rng: random.Random, provider: Provider) -> list[Offer]:
    big = "eerstegraads" in provider.offers
    offers = []
    for name, croho, _ in _subjects(rng, 8 if big else 3, 14 if big else 7):
        part_time = ("deeltijd", rng.choice(["regulier", "verkort"]), 0.6)
        forms = _forms(rng, ("voltijd", "regulier", 0.8), part_time)
        long_name = f"Opleiding tot leraar voortgezet onderwijs van de tweede graad in {name}"
        title = f"Leraar {name} (tweedegraads)"
        offers.append(Offer(title, "tweedegraads", "bachelor", EDUCATION, 240, forms, croho, long_name))
    return offers


def _first_degree(rng: random.Random, provider: Provider) -> list[Offer]:
    offers = []
    for name, croho, _ in _subjects(rng, 3, 7):
        forms = _forms(rng, ("deeltijd", "regulier", 1.0), ("voltijd", "regulier", 0.3))
        long_name = f"Opleiding tot leraar voortgezet onderwijs van de eerste graad in {name}"
        title = f"Master Leraar {name} (eerstegraads)"
        credits = rng.choice([60, 90])
        offers.append(
            Offer(
                title,
                "eerstegraads",
                "master",
                "Master of Education",
                credits,
                forms,
                f"4{croho[1:]}",
                long_name,
            )
        )
    return offers


def _physical_education(rng: random.Random, provider: Provider) -> list[Offer]:
    name = "Opleiding tot leraar lichamelijke opvoeding"
    title = "Leraar Lichamelijke Opvoeding (ALO)"
    return [
        Offer(title, "eerstegraads", "bachelor", EDUCATION, 240, (("voltijd", "regulier"),), "35209", name)
    ]


def _arts(rng: random.Random, provider: Provider) -> list[Offer]:
    full_time = (("voltijd", "regulier"),)
    return [
        Offer(
            f"Docent {name}",
            "eerstegraads",
            "bachelor",
            "Bachelor of Arts",
            240,
            full_time,
            croho,
            f"Docent {name}",
        )
        for name, croho in ARTS
        if rng.random() < 0.75
    ]


def _green(rng: random.Random, provider: Provider) -> list[Offer]:
    offers = []
    for name, croho in GREEN:
        forms = _forms(rng, ("voltijd", "regulier", 1.0), ("deeltijd", "regulier", 0.5))
        long_name = f"Opleiding tot leraar van de tweede graad in {name}"
        offers.append(
            Offer(
                f"Docent {name} (tweedegraads)",
                "tweedegraads",
                "bachelor",
                EDUCATION,
                240,
                forms,
                croho,
                long_name,
            )
        )
    return offers


def _associate(rng: random.Random, provider: Provider) -> list[Offer]:
    forms = _forms(rng, ("deeltijd", "regulier", 1.0), ("duaal", "duaal", 0.5))
    title = "Ad Pedagogisch Educatief Professional"
    name = "Associate degree Pedagogisch Educatief Professional"
    return [
        Offer(title, "associate_degree", "associate_degree", "Associate Degree", 120, forms, "80115", name)
    ]


def _pdg(rng: random.Random, provider: Provider) -> list[Offer]:
    title = "Pedagogisch Didactisch Getuigschrift (PDG)"
    return [Offer(title, "pdg", "post_initieel", None, 30, (("deeltijd", "pdg"),), curated=True)]


def _side_entry(rng: random.Random, provider: Provider) -> list[Offer]:
    forms = (("duaal", "zij-instroom"),)
    offers = []
    if "pabo" in provider.offers:
        offers.append(
            Offer(
                "Zij-instroom Leraar Basisonderwijs",
                "zij_instroom",
                "post_initieel",
                None,
                None,
                forms,
                curated=True,
            )
        )
    if "pabo" not in provider.offers or "tweedegraads" in provider.offers:
        title = "Zij-instroom Leraar Voortgezet Onderwijs"
        offers.append(Offer(title, "zij_instroom", "post_initieel", None, None, forms, curated=True))
    return offers


def _educational_master(rng: random.Random, provider: Provider) -> list[Offer]:
    technical = provider.code in ("TU/e", "TU Delft")
    offers = []
    for name, croho, kind in _subjects(rng, 3 if technical else 4, 6 if technical else 10, technical):
        degree = "Master of Science" if kind == "science" else "Master of Arts"
        forms = _forms(rng, ("voltijd", "regulier", 1.0), ("deeltijd", "regulier", 0.4))
        long_name = f"Leraar Voorbereidend Hoger Onderwijs in {name}"
        offers.append(
            Offer(
                f"Educatieve master {name}",
                "educatieve_master",
                "master",
                degree,
                60,
                forms,
                f"6{croho[1:]}",
                long_name,
            )
        )
    return offers


def _educational_minor(rng: random.Random, provider: Provider) -> list[Offer]:
    return [
        Offer(
            "Educatieve minor", "educatieve_minor", "bachelor", None, 30, (("voltijd", "educatieve-module"),)
        )
    ]


def _academic_pabo(rng: random.Random, provider: Provider) -> list[Offer]:
    hogescholen = [p for p in PROVIDERS if "pabo" in p.offers and p.vendor == "hovi"]
    partner = ([p for p in hogescholen if p.city == provider.city] or hogescholen)[0]
    name = "Opleiding tot leraar basisonderwijs"
    forms = (("voltijd", "regulier"),)
    return [
        Offer("Academische Pabo", "pabo", "bachelor", EDUCATION, 240, forms, "34808", name, partner=partner)
    ]


def _teaching_assistant(rng: random.Random, provider: Provider) -> list[Offer]:
    profile = rng.choice(["Onderwijsassistent", "Onderwijsassistent, uitstroom Jonge kind"])
    forms = _forms(rng, ("voltijd", "regulier", 1.0), ("duaal", "duaal", 0.6))
    return [
        Offer(
            "Onderwijsassistent",
            "mbo",
            "mbo",
            "MBO-diploma niveau 4",
            None,
            forms,
            crebo="25698",
            crebo_profile=profile,
        )
    ]


FAMILIES: dict[str, Callable[[random.Random, Provider], list[Offer]]] = {
    "pabo": _pabo,
    "tweedegraads": _second_degree,
    "eerstegraads": _first_degree,
    "alo": _physical_education,
    "kunst": _arts,
    "groen": _green,
    "ad": _associate,
    "pdg": _pdg,
    "zij": _side_entry,
    "edu_master": _educational_master,
    "edu_minor": _educational_minor,
    "alpo": _academic_pabo,
    "mbo": _teaching_assistant,
}


def offers_of(rng: random.Random, provider: Provider) -> list[Offer]:
    return [
        offer for family in FAMILIES if family in provider.offers for offer in FAMILIES[family](rng, provider)
    ]
