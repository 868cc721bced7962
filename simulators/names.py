"""Dutch and Flemish given names and surnames for the seeded people.

Dutch surnames carry their prefix (tussenvoegsel) separately, as Loket stores it
(``prefix="van der"``, ``lastName="Meer"``); Flemish surnames keep it inside the name
(``"Van Damme"``), as Informat's ``naam`` does.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

DUTCH_MALE = (
    "Jan",
    "Pieter",
    "Kees",
    "Sander",
    "Daan",
    "Bram",
    "Thijs",
    "Lars",
    "Ruben",
    "Jeroen",
    "Maarten",
    "Bas",
    "Tim",
    "Niels",
    "Wouter",
    "Joost",
    "Stijn",
    "Rick",
    "Koen",
    "Hendrik",
    "Willem",
    "Gert",
    "Erik",
    "Mark",
    "Frank",
    "Martijn",
    "Jesse",
    "Luuk",
    "Sem",
    "Milan",
    "Ahmed",
    "Mohamed",
    "Youssef",
    "Rutger",
    "Arjen",
    "Floris",
    "Gijs",
    "Hidde",
    "Jort",
    "Teun",
)
DUTCH_FEMALE = (
    "Anna",
    "Emma",
    "Sophie",
    "Julia",
    "Lotte",
    "Sanne",
    "Anouk",
    "Femke",
    "Eva",
    "Lisa",
    "Fleur",
    "Iris",
    "Marieke",
    "Ingrid",
    "Annemieke",
    "Esther",
    "Karin",
    "Linda",
    "Mirjam",
    "Nienke",
    "Roos",
    "Noor",
    "Saskia",
    "Wilma",
    "Petra",
    "Ilse",
    "Tessa",
    "Yara",
    "Fatima",
    "Naima",
    "Charlotte",
    "Maud",
    "Lieke",
    "Evelien",
    "Hanna",
    "Merel",
    "Zoë",
    "Sara",
)
# (prefix, surname)
DUTCH_SURNAMES = (
    ("", "Jong"),
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("van", "Dijk"),
    ("", "Bakker"),
    ("", "Janssen"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("", "Smits"),
    ("de", "Graaf"),
    ("van der", "Meer"),
    ("van der", "Linden"),
    ("", "Kok"),
    ("", "Jacobs"),
    ("de", "Haan"),
    ("", "Vermeulen"),
    ("van den", "Heuvel"),
    ("van der", "Veen"),
    ("van den", "Broek"),
    ("de", "Bruijn"),
    ("van der", "Heijden"),
    ("", "Schouten"),
    ("van", "Beek"),
    ("", "Willems"),
    ("van", "Vliet"),
    ("van de", "Ven"),
    ("", "Hoekstra"),
    ("", "Maas"),
    ("", "Verhoeven"),
    ("", "Koster"),
    ("van", "Dam"),
    ("van der", "Wal"),
    ("", "Prins"),
    ("", "Blom"),
    ("", "Huisman"),
    ("'t", "Hart"),
    ("", "El Amrani"),
    ("", "Yilmaz"),
    ("", "Kuipers"),
    ("", "Postma"),
    ("", "Veenstra"),
    ("van", "Wijk"),
    ("", "Kramer"),
    ("", "Timmermans"),
    ("", "Groen"),
    ("", "Sanders"),
)
FLEMISH_MALE = (
    "Jan",
    "Pieter",
    "Wout",
    "Arne",
    "Tom",
    "Koen",
    "Bart",
    "Geert",
    "Dirk",
    "Stijn",
    "Jef",
    "Lode",
    "Wim",
    "Kris",
    "Joris",
    "Pieterjan",
    "Ruben",
    "Jonas",
    "Seppe",
    "Lucas",
    "Mathias",
    "Thomas",
    "Brecht",
    "Warre",
    "Lennert",
    "Jelle",
    "Sander",
    "Dries",
)
FLEMISH_FEMALE = (
    "An",
    "Els",
    "Griet",
    "Katrien",
    "Lies",
    "Sofie",
    "Annelies",
    "Hilde",
    "Veerle",
    "Nele",
    "Leen",
    "Ine",
    "Evi",
    "Lotte",
    "Marie",
    "Ellen",
    "Inge",
    "Caroline",
    "Kaat",
    "Fien",
    "Hanne",
    "Elke",
    "Liesbeth",
    "Jolien",
    "Febe",
    "Margot",
)
FLEMISH_SURNAMES = (
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Hermans",
    "Aerts",
    "Michiels",
    "Lambrechts",
    "Dumont",
    "Desmet",
    "Van Damme",
    "De Clercq",
    "Vermeulen",
    "Verstraete",
    "De Backer",
    "Van de Velde",
    "Claeys",
    "Pauwels",
    "Declercq",
    "Vandenberghe",
    "Vanhove",
    "Stevens",
    "Segers",
    "Cools",
    "Van Dyck",
    "Coppens",
    "Verbeke",
    "Hendrickx",
    "Smets",
    "Wuyts",
    "Baert",
    "Martens",
    "Van Acker",
    "De Wilde",
    "Verhaegen",
    "Thys",
    "Bogaerts",
)


@dataclass(frozen=True)
class PersonName:
    """A generated name; ``gender`` is ``"M"`` or ``"V"`` (vrouw), as Informat writes it."""

    first_name: str
    prefix: str
    last_name: str
    gender: str

    @property
    def initials(self) -> str:
        return "".join(part[0] + "." for part in self.first_name.replace("-", " ").split())

    @property
    def full_last_name(self) -> str:
        """Surname with its prefix, as it is written after a given name ("van der Meer")."""
        return f"{self.prefix} {self.last_name}".strip()


def dutch_name(rng: random.Random) -> PersonName:
    gender = rng.choice("MV")
    first = rng.choice(DUTCH_MALE if gender == "M" else DUTCH_FEMALE)
    prefix, last = rng.choice(DUTCH_SURNAMES)
    if last == "Jong":
        prefix = "de"
    return PersonName(first, prefix, last, gender)


def flemish_name(rng: random.Random) -> PersonName:
    gender = rng.choice("MV")
    first = rng.choice(FLEMISH_MALE if gender == "M" else FLEMISH_FEMALE)
    return PersonName(first, "", rng.choice(FLEMISH_SURNAMES), gender)
