"""Fixed reference data of the simulated Informat tenant: schools, functions, codes.

The document names only a handful of official codes in its examples (ambt ``00000007``
"Leraar", ``00000006`` "Godsdienstleraar", vak ``00000309`` "Wetenschappelijk werk",
interruption codes 1, 19, 45, 144). The others here are illustrative, in the same format.

Choice: hoofdstructuur codes follow the document's examples and the Flemish numbering
(111 gewoon kleuter-, 211 gewoon lager, 311 gewoon secundair, 312 buitengewoon secundair
onderwijs); each school offers a fixed set of them in every school year.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Institute:
    number: str
    name: str
    place: str  # a name in simulators.places.FLEMISH_PLACES
    structures: tuple[str, ...]
    staff: dict[str, int]  # structure -> number of staff whose main work is there
    email_domain: str


INSTITUTES: tuple[Institute, ...] = (
    Institute("032912", "Sint-Jozefscollege", "Hasselt", ("311",), {"311": 170}, "sjc-hasselt.be"),
    Institute(
        "047225",
        "Atheneum Mechelen",
        "Mechelen",
        ("311", "312"),
        {"311": 150, "312": 40},
        "atheneum-mechelen.be",
    ),
    Institute(
        "119537",
        "Basisschool De Regenboog",
        "Gent",
        ("111", "211"),
        {"111": 30, "211": 65},
        "deregenboog-gent.be",
    ),
    Institute("126425", "Technisch Instituut Sint-Jan", "Brugge", ("311",), {"311": 120}, "tisj-brugge.be"),
)
INSTITUTES_BY_NUMBER = {institute.number: institute for institute in INSTITUTES}

SECONDARY = ("311", "312")


@dataclass(frozen=True)
class Ambt:
    code: str
    naam: str
    noemer: int  # prestatieNoemer: hours (or lesson periods) of a full-time job
    teaches: bool  # has a subject (vak); False means isAmbtvak


AMBTEN = {
    "directeur": Ambt("00000001", "Directeur", 1, False),
    "adjunct": Ambt("00000002", "Adjunct-directeur", 1, False),
    "kleuter": Ambt("00000003", "Kleuteronderwijzer", 24, False),
    "onderwijzer": Ambt("00000004", "Onderwijzer", 24, False),
    "godsdienst": Ambt("00000006", "Godsdienstleraar", 20, True),
    "leraar": Ambt("00000007", "Leraar", 20, True),
    "lo_basis": Ambt("00000012", "Leermeester lichamelijke opvoeding", 24, False),
    "zorg": Ambt("00000040", "Zorgcoördinator", 36, False),
    "opvoeder": Ambt("00000068", "Opvoeder", 36, False),
    "ta": Ambt("00000075", "Technisch adviseur", 36, False),
    "ict": Ambt("00000087", "ICT-coördinator", 36, False),
    "kinderverzorger": Ambt("00000121", "Kinderverzorger", 36, False),
    "admin": Ambt("00000236", "Administratief medewerker", 36, False),
}

# (ambt key, weight) per structure: who works in such a school
STAFF_MIX = {
    "311": (
        ("leraar", 74),
        ("godsdienst", 4),
        ("opvoeder", 7),
        ("admin", 7),
        ("ta", 4),
        ("ict", 2),
        ("zorg", 2),
    ),
    "312": (("leraar", 62), ("opvoeder", 18), ("admin", 8), ("kinderverzorger", 6), ("zorg", 6)),
    "111": (("kleuter", 80), ("kinderverzorger", 14), ("zorg", 6)),
    "211": (("onderwijzer", 74), ("lo_basis", 8), ("zorg", 6), ("admin", 8), ("ict", 4)),
}
# the one director (and adjunct) per school, in its first structure
LEADERSHIP = ("directeur", "adjunct")

# (vakCode, vak, vakRubriek)
VAKKEN = (
    ("00000101", "Nederlands", "AV"),
    ("00000102", "Frans", "AV"),
    ("00000103", "Engels", "AV"),
    ("00000104", "Wiskunde", "AV"),
    ("00000105", "Geschiedenis", "AV"),
    ("00000106", "Aardrijkskunde", "AV"),
    ("00000107", "Lichamelijke opvoeding", "AV"),
    ("00000108", "Biologie", "AV"),
    ("00000109", "Fysica", "AV"),
    ("00000110", "Chemie", "AV"),
    ("00000309", "Wetenschappelijk werk", "AV"),
    ("00000412", "Economie", "TV"),
    ("00000415", "Informatica", "TV"),
    ("00000520", "Elektriciteit", "PV"),
    ("00000522", "Hout", "PV"),
    ("00000610", "Beeldende vorming", "KV"),
)
GODSDIENST_VAK = ("00000201", "Rooms-katholieke godsdienst", "AV")
ONDERWIJSVORMEN = {"1": ("SO",), "2": ("ASO", "TSO", "BSO", "KSO"), "3": ("ASO", "TSO", "BSO", "KSO")}

# interruption code -> (omschrijving, soort (RL-code; "0" = own defined)). Choice: the four official
# codes are the document's examples with their soort; "900" stands in for a school's own code.
INTERRUPTION_CODES = {
    "1": ("Ziekteverlof", "2"),
    "19": ("Verlof tijdelijk ander ambt/opdracht", "1"),
    "45": ("Staking", "2"),
    "144": ("Verlof wegens overmacht", "2"),
    "900": ("Nascholing (eigen code)", "0"),
}
SICKNESS_CODE = "1"
# the codes a client may send in PUT /employees/{personId}/interruptions/{interruptionId}
WRITABLE_INTERRUPTION_CODES = frozenset({SICKNESS_CODE})
SECRETARIAT_REMARKS = (
    "",
    "",
    "",
    "Voelde zich grieperig",
    "Doktersattest ontvangen",
    "Attest volgt",
    "Telefonisch verwittigd",
    "Staking openbaar vervoer",
)

# communication numbers: soort and type as the PUT body sends them (ints) and GET shows them (names)
COMNR_SOORTEN = {1: "Telefoon", 2: "Fax", 3: "Gsm"}
WRITABLE_COMNR_SOORTEN = frozenset({1, 3})
COMNR_TYPES = {
    1: "Domicilie",
    2: "Verblijf",
    7: "Alternatief nummer",
    8: "Privé nummer",
    9: "Noodnummer",
    18: "Werk",
    30: "Partner",
    46: "Buren",
}
PHONE_ZONES = {"Hasselt": "011", "Mechelen": "015", "Gent": "09", "Brugge": "050"}

# own fields: (naam, dataType, rubriek)
OWN_FIELDS = (
    ("kastnummer", "Getal", 1),
    ("nummerplaat", "Tekst", 1),
    ("badgenummer", "Getal", 1),
    ("EHBO-attest geldig tot", "Datum", 2),
    ("klaslokaal", "Tekst", 2),
)

# (omschrijving, uitgereiktDoor, isBekwaamheidsbewijs) per kind of job
DIPLOMAS = {
    "secondary": (
        ("Master in de taal- en letterkunde", "KU Leuven", True),
        ("Master in de wiskunde", "Universiteit Gent", True),
        ("Master in de geschiedenis", "Universiteit Antwerpen", True),
        ("Educatieve master in de wetenschappen en technologie", "UHasselt", True),
        ("Educatieve bachelor secundair onderwijs", "Thomas More", True),
        ("Educatieve bachelor secundair onderwijs", "UCLL", True),
        ("Educatieve bachelor secundair onderwijs", "Arteveldehogeschool", True),
        ("Bachelor in de toegepaste informatica", "Howest", False),
    ),
    "primary": (
        ("Educatieve bachelor lager onderwijs", "Arteveldehogeschool", True),
        ("Educatieve bachelor lager onderwijs", "Odisee", True),
        ("Educatieve bachelor kleuteronderwijs", "VIVES", True),
        ("Educatieve bachelor kleuteronderwijs", "HOGENT", True),
    ),
    "support": (
        ("Bachelor in het sociaal werk", "Karel de Grote Hogeschool", False),
        ("Bachelor in office management", "Thomas More", False),
        ("Diploma secundair onderwijs", "Centrum voor Volwassenenonderwijs", False),
    ),
    "extra": (
        ("Specifieke lerarenopleiding", "CVO Antwerpen", True),
        ("Getuigschrift pedagogische bekwaamheid", "CVO Leuven-Landen", True),
        ("Attest EHBO", "Rode Kruis Vlaanderen", False),
    ),
}
