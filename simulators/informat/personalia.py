"""The personal details of an employee (the version-2 object, less what depends on the school).

Identifiers are shaped as Belgian ones are: a rijksregisternummer with its mod-97 check,
an IBAN with valid check digits, a stamnummer of eleven digits built as the document's
example is ("2" + birth date + four digits).
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date

from simulators.informat.catalog import INSTITUTES_BY_NUMBER, PHONE_ZONES
from simulators.informat.records import ComNr, Json
from simulators.informat.schoolyears import wire_date
from simulators.informat.staffing import PersonPlan
from simulators.names import DUTCH_SURNAMES, FLEMISH_FEMALE, FLEMISH_MALE, FLEMISH_SURNAMES
from simulators.places import DUTCH_PLACES, FLEMISH_PLACES, STREETS_BE
from simulators.seeding import random_date, uuid_from

BELGIUM, NETHERLANDS = "00150", "00129"
BANKS = (
    ("GEBABEBB", "001"),
    ("BBRUBEBB", "310"),
    ("KREDBEBB", "734"),
    ("GKCCBEBB", "068"),
    ("ARSPBE22", "973"),
)
PRIVATE_MAIL = ("telenet.be", "gmail.com", "skynet.be", "hotmail.com", "proximus.be")
_DUTCH_ONLY = {last for _, last in DUTCH_SURNAMES} - set(FLEMISH_SURNAMES)
# Institute-dependent keys, filled per request; placed here so the key order follows the document.
PER_INSTITUTE = (
    "hoofdAmbt",
    "eersteDienstSchool",
    "eersteDienstScholengroep",
    "eersteDienstScholengemeenschap",
    "isActive",
)


def mail_part(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def _rijksregisternr(rng: random.Random, born: date, gender: str) -> str:
    serial = rng.randrange(1 if gender == "M" else 2, 998, 2)
    base = f"{born:%y%m%d}{serial:03d}"
    number = int(("2" if born.year >= 2000 else "") + base)
    return f"{base}{97 - number % 97:02d}"


def _iban(rng: random.Random) -> dict[str, str]:
    bic, bank = rng.choice(BANKS)
    account = int(f"{bank}{rng.randrange(10**7):07d}")
    national = f"{account:010d}{(account % 97) or 97:02d}"
    check = 98 - int(f"{national}111400") % 97  # "BE00" rearranged: B=11, E=14
    return {"iban": f"BE{check:02d}{national}", "bic": bic}


def _phone(rng: random.Random, zone: str) -> str:
    digits = f"{rng.randrange(10**6):06d}"
    return f"{zone} {digits[:2]} {digits[2:4]} {digits[4:]}"


def _mobile(rng: random.Random) -> str:
    pairs = " ".join(str(rng.randint(10, 99)) for _ in range(3))
    return f"04{rng.choice('789')}{rng.randint(0, 9)} {pairs}"


def seeded_comnrs(rng: random.Random, institute: str) -> list[ComNr]:
    numbers = [ComNr(uuid_from(rng), 3, 8, _mobile(rng))] if rng.random() < 0.9 else []
    if rng.random() < 0.4:
        zone = PHONE_ZONES[INSTITUTES_BY_NUMBER[institute].place]
        numbers.append(ComNr(uuid_from(rng), 1, 1, _phone(rng, zone)))
    if rng.random() < 0.15:
        numbers.append(ComNr(uuid_from(rng), 3, 9, _mobile(rng)))
    return numbers


def employee_base(rng: random.Random, plan: PersonPlan, today: date) -> tuple[Json, tuple[str, ...]]:
    """The version-2 employee object with the per-school keys empty, and its school e-mail addresses."""
    name, born = plan.name, plan.born
    naam, voornaam = name.full_last_name, name.first_name
    dutch = name.last_name in _DUTCH_ONLY or bool(name.prefix)
    birthplace = rng.choice(DUTCH_PLACES if dutch else FLEMISH_PLACES).name
    home_town = INSTITUTES_BY_NUMBER[plan.jobs[0].institute].place
    place = (
        next(p for p in FLEMISH_PLACES if p.name == home_town)
        if rng.random() < 0.6
        else rng.choice(FLEMISH_PLACES)
    )
    age = today.year - born.year
    burg_stand = rng.choices((1, 2, 3, 4, 5, 6), (30, 50, 2, 10, 3, 5))[0]
    children = _children(rng, naam, born, today) if age >= 28 else []
    local = f"{mail_part(voornaam)}.{mail_part(naam)}"
    school_emails = tuple(
        f"{local}@{INSTITUTES_BY_NUMBER[number].email_domain}"
        for number in dict.fromkeys(j.institute for j in plan.jobs)
    )
    emails = [{"id": uuid_from(rng), "type": "Privé", "email": f"{local}@{rng.choice(PRIVATE_MAIL)}"}]
    emails += [{"id": uuid_from(rng), "type": "School", "email": email} for email in school_emails]
    base: Json = {
        "pPersoon": plan.p_persoon,
        "personId": plan.person_id,
        "personaId": uuid_from(rng) if rng.random() < 0.6 else None,
        "naam": naam,
        "voornaam": voornaam,
        "bijkomendeVoornamen": rng.choice(("", "", "Maria", "Jozef", "Anna", "Paul")),
        "stamnr": f"2{born:%y%m%d}{rng.randrange(10**4):04d}",
        "sortName": f"{naam},{voornaam},".upper().replace(" ", ""),
        "nickname": f"{naam} {voornaam}",
        "geslacht": name.gender,
        "initialen": (mail_part(naam)[:3] + mail_part(voornaam)[:2]).upper(),
        "geboortedatum": wire_date(born),
        "geboorteplaats": birthplace,
        "geboortelandCode": NETHERLANDS if dutch else BELGIUM,
        "nationaliteitCode": NETHERLANDS if dutch else BELGIUM,
        "rijksregisternr": _rijksregisternr(rng, born, name.gender),
        "bisnr": None,
        "bank": _iban(rng) if rng.random() < 0.95 else None,
        **dict.fromkeys(PER_INSTITUTE),
        "pensioendatum": wire_date(date(born.year + 67, born.month, 1)) if age >= 60 else None,
        "isMindervalide": rng.random() < 0.02,
        "isOverleden": False,
        "datumOverleden": None,
        "burgStand": burg_stand,
        "aantalKinderen": sum(1 for child in children if child["fiscaalTenLaste"]),
        "mindervalideKinderen": 0,
        "aantalZorgbehoevenden": 1 if rng.random() < 0.05 else 0,
        "aantalAndereTenLaste": 0,
        "aantalMindervalideAndereTenLaste": 0,
        "partner": _partner(rng, born, name.gender) if burg_stand == 2 else None,
        "adressen": [
            {
                "id": uuid_from(rng),
                "aanspreekTitel": "Aan",
                "aanspreekNaam": f"{naam} {voornaam}",
                "straat": rng.choice(STREETS_BE),
                "nummer": str(rng.randint(1, 240)),
                "bus": rng.choice(("", "", "", "", "1", "2", "A")),
                "postcode": place.postcode,
                "gemeente": place.name.upper(),
                "landCode": BELGIUM,
                "isDomicilie": True,
                "isVerblijf": True,
            }
        ],
        "comnrs": [],
        "emailadressen": emails,
        "kinderen": children,
        "personeelsgroepen": [],
    }
    return base, school_emails


def _partner(rng: random.Random, born: date, gender: str) -> Json:
    partner_gender = "V" if gender == "M" else "M"
    if rng.random() < 0.08:
        partner_gender = gender
    return {
        "id": uuid_from(rng),
        "naam": rng.choice(FLEMISH_SURNAMES),
        "voornaam": rng.choice(FLEMISH_MALE if partner_gender == "M" else FLEMISH_FEMALE),
        "geboortedatum": wire_date(
            date(born.year + rng.randint(-5, 5), rng.randint(1, 12), rng.randint(1, 28))
        ),
        "nationaliteitCode": BELGIUM,
        "isOverleden": False,
        "datumOverleden": None,
        "inkomen": rng.choice((0, 1, 1, 2, 3)),
    }


def _children(rng: random.Random, naam: str, born: date, today: date) -> list[Json]:
    count = rng.choices((0, 1, 2, 3), (35, 25, 30, 10))[0]
    earliest, latest = date(born.year + 24, 1, 1), min(today, date(born.year + 44, 12, 31))
    children = []
    for _ in range(count if earliest < latest else 0):
        child_born = random_date(rng, earliest, latest)
        gender = rng.choice("MV")
        dependent = today.year - child_born.year < 25
        children.append(
            {
                "id": uuid_from(rng),
                "naam": naam,
                "voornaam": rng.choice(FLEMISH_MALE if gender == "M" else FLEMISH_FEMALE),
                "geslacht": gender,
                "geboortedatum": wire_date(child_born),
                "isOverleden": False,
                "datumOverleden": None,
                "fiscaalTenLaste": dependent,
                "fiscaalTenLasteTot": wire_date(date(today.year, 12, 31)) if dependent else None,
            }
        )
    return children
