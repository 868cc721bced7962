"""The fixed lists the seeded data set is drawn from: institutions, subjects, tracks.

Institution names are real Dutch teacher-training providers so the data reads like the
real Navigator; their BRIN codes, ids, addresses and programme offers are generated
(plausible, not authoritative). Every city named here is in ``simulators.places``.

Choice: not every town in ``simulators.places`` has a teaching site. Hengelo, Kampen,
Veenendaal, Heerenveen and Zutphen (smaller towns where ICTerGezocht has vacancies) have
none: in the real Navigator most towns have no teacher-training location, and a client
joining vacancies to programmes must cope with that. They lie within 20 km of towns that
do, so programmes are taught near them all the same. None of them is the town of one of
the demo account's 50 oldest vacancies, so the "50 vacancies with nearby programs" example
shows programs for each; the demo account has 8 vacancies in them further on.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Provider:
    title: str
    code: str
    type: str  # mbo | hogeschool | universiteit | onderzoeksuniversiteit | internationaal onderwijs
    vendor: str  # hovi | kiesmbo | onderwijsloket
    city: str
    branches: tuple[str, ...]  # other cities with a location
    offers: frozenset[str]  # programme families (FAMILY_CODES values)


# Programme families an institution offers, one letter each in the table below.
FAMILY_CODES = {
    "P": "pabo",
    "2": "tweedegraads",
    "1": "eerstegraads",
    "A": "ad",
    "D": "pdg",
    "Z": "zij",
    "L": "alo",
    "K": "kunst",
    "G": "groen",
    "M": "edu_master",
    "N": "edu_minor",
    "U": "alpo",
    "B": "mbo",
}
_TYPES = {
    "hs": "hogeschool",
    "wo": "onderzoeksuniversiteit",
    "ou": "universiteit",
    "mbo": "mbo",
    "int": "internationaal onderwijs",
}
_VENDORS = {"h": "hovi", "k": "kiesmbo", "o": "onderwijsloket"}

# title; code; type; vendor; home city; other cities; offered families
_TABLE = """
Hogeschool van Amsterdam;HvA;hs;h;Amsterdam;Amstelveen;P21ADZL
Hogeschool Utrecht;HU;hs;h;Utrecht;Amersfoort|Zeist;P21ADZL
Hogeschool Rotterdam;HR;hs;h;Rotterdam;Dordrecht|Schiedam;P21ADZ
Fontys Hogescholen;Fontys;hs;h;Eindhoven;Tilburg|Venlo|Sittard|'s-Hertogenbosch;P21ADZL
Hogeschool van Arnhem en Nijmegen;HAN;hs;h;Nijmegen;Arnhem;P21ADZL
Hanzehogeschool Groningen;Hanze;hs;h;Groningen;Assen;21DZL
Hogeschool Windesheim;Windesheim;hs;h;Zwolle;Almere|Lelystad;P21ADZL
NHL Stenden Hogeschool;NHL Stenden;hs;h;Leeuwarden;Emmen|Groningen;P21ADZ
Avans Hogeschool;Avans;hs;h;Breda;'s-Hertogenbosch|Roosendaal;PADZ
Hogeschool Leiden;HSL;hs;h;Leiden;;P2DZ
De Haagse Hogeschool;HHs;hs;h;Den Haag;Delft|Zoetermeer;P2ADZ
Hogeschool Inholland;Inholland;hs;h;Haarlem;Alkmaar|Hoofddorp|Den Helder|Rotterdam;P2ADZ
Saxion;Saxion;hs;h;Enschede;Deventer|Apeldoorn;PDZ
HZ University of Applied Sciences;HZ;hs;h;Vlissingen;Middelburg|Terneuzen;P2Z
Zuyd Hogeschool;Zuyd;hs;h;Maastricht;Heerlen|Sittard;2DZK
Marnix Academie;Marnix;hs;h;Utrecht;;PZ
Hogeschool iPabo;iPabo;hs;h;Amsterdam;Alkmaar|Purmerend;PZA
Christelijke Hogeschool Ede;CHE;hs;h;Ede;;P2DZ
Hogeschool voor de Kunsten Utrecht;HKU;hs;h;Utrecht;Hilversum;K
Amsterdamse Hogeschool voor de Kunsten;AHK;hs;h;Amsterdam;;K
ArtEZ hogeschool voor de kunsten;ArtEZ;hs;h;Arnhem;Zwolle|Enschede;K
Aeres Hogeschool;Aeres;hs;h;Wageningen;Almere;GDZ
Thomas More Hogeschool;Thomas More;hs;o;Rotterdam;Schiedam;PZ
Driestar hogeschool;Driestar;hs;o;Gouda;;P2DZ
Hogeschool KPZ;KPZ;hs;o;Zwolle;;PZ
Iselinge Hogeschool;Iselinge;hs;o;Doetinchem;;PZ
Hogeschool Viaa;Viaa;hs;o;Zwolle;Harderwijk;P2Z
Hogeschool de Kempel;De Kempel;hs;o;Helmond;;PZ
Gereformeerde Hogeschool;GH;hs;o;Zwolle;;P2D
International Teacher Education Centre;ITEC;int;o;Den Haag;Amsterdam;D
Universiteit Utrecht;UU;wo;h;Utrecht;;MNU
Universiteit van Amsterdam;UvA;wo;h;Amsterdam;;MNU
Vrije Universiteit Amsterdam;VU;wo;h;Amsterdam;Amstelveen;MNU
Rijksuniversiteit Groningen;RUG;wo;h;Groningen;Leeuwarden;MNU
Radboud Universiteit;RU;wo;h;Nijmegen;;MNU
Universiteit Leiden;UL;wo;h;Leiden;Den Haag;MN
Erasmus Universiteit Rotterdam;EUR;wo;h;Rotterdam;;MN
Tilburg University;TiU;wo;h;Tilburg;;MNU
Universiteit Twente;UT;wo;h;Enschede;;MN
Technische Universiteit Eindhoven;TU/e;wo;h;Eindhoven;;M
Technische Universiteit Delft;TU Delft;wo;h;Delft;;M
Wageningen University & Research;WUR;wo;h;Wageningen;;MN
Maastricht University;UM;wo;h;Maastricht;Venlo;MN
Open Universiteit;OU;ou;h;Heerlen;Utrecht|Groningen;DN
ROC van Amsterdam;ROCvA;mbo;k;Amsterdam;Amstelveen|Hilversum;B
ROC Midden Nederland;ROC MN;mbo;k;Utrecht;Amersfoort|Nieuwegein;B
MBO Utrecht;MBO Utrecht;mbo;k;Utrecht;Zeist;B
Albeda;Albeda;mbo;k;Rotterdam;Schiedam;B
Zadkine;Zadkine;mbo;k;Rotterdam;;B
ROC Mondriaan;Mondriaan;mbo;k;Den Haag;Delft|Leiden|Zoetermeer;B
Summa College;Summa;mbo;k;Eindhoven;Helmond;B
ROC Tilburg;ROC Tilburg;mbo;k;Tilburg;;B
Curio;Curio;mbo;k;Breda;Roosendaal|Bergen op Zoom;B
Koning Willem I College;KW1C;mbo;k;'s-Hertogenbosch;Oss;B
Gilde Opleidingen;Gilde;mbo;k;Roermond;Venlo;B
Vista college;Vista;mbo;k;Heerlen;Sittard|Maastricht;B
Graafschap College;Graafschap;mbo;k;Doetinchem;;B
ROC Nijmegen;ROC Nijmegen;mbo;k;Nijmegen;;B
Rijn IJssel;Rijn IJssel;mbo;k;Arnhem;Ede|Wageningen;B
Aventus;Aventus;mbo;k;Apeldoorn;Deventer;B
Deltion College;Deltion;mbo;k;Zwolle;;B
Landstede MBO;Landstede;mbo;k;Zwolle;Harderwijk;B
ROC van Twente;ROC vT;mbo;k;Enschede;;B
Noorderpoort;Noorderpoort;mbo;k;Groningen;;B
Alfa-college;Alfa;mbo;k;Groningen;Assen;B
Drenthe College;Drenthe College;mbo;k;Assen;Emmen;B
Friesland College;Friesland College;mbo;k;Leeuwarden;;B
Firda;Firda;mbo;k;Drachten;Leeuwarden;B
Nova College;Nova;mbo;k;Haarlem;Hoofddorp;B
Horizon College;Horizon;mbo;k;Alkmaar;Hoorn|Purmerend|Den Helder;B
Regio College;Regio College;mbo;k;Zaandam;;B
ROC Flevoland;ROC Flevoland;mbo;k;Almere;Lelystad;B
Da Vinci College;Da Vinci;mbo;k;Dordrecht;;B
Scalda;Scalda;mbo;k;Vlissingen;Middelburg|Terneuzen;B
MBO Amersfoort;MBO Amersfoort;mbo;k;Amersfoort;;B
ROC A12;ROC A12;mbo;k;Ede;;B
ROC de Leijgraaf;Leijgraaf;mbo;k;Oss;;B
ROC West-Brabant;ROC WB;mbo;k;Roosendaal;Bergen op Zoom;B
ROC Gouda;ROC Gouda;mbo;k;Gouda;;B
"""


def _parse(table: str) -> tuple[Provider, ...]:
    providers = []
    for line in table.strip().splitlines():
        title, code, kind, vendor, city, branches, offers = line.split(";")
        providers.append(
            Provider(
                title=title,
                code=code,
                type=_TYPES[kind],
                vendor=_VENDORS[vendor],
                city=city,
                branches=tuple(b for b in branches.split("|") if b),
                offers=frozenset(FAMILY_CODES[letter] for letter in offers),
            )
        )
    return tuple(providers)


PROVIDERS: tuple[Provider, ...] = _parse(_TABLE)

# (subject, CROHO code of its tweedegraads programme, alpha/beta for the master's degree)
SUBJECTS: tuple[tuple[str, str, str], ...] = (
    ("Nederlands", "35301", "arts"),
    ("Engels", "35302", "arts"),
    ("Duits", "35303", "arts"),
    ("Frans", "35304", "arts"),
    ("Wiskunde", "35305", "science"),
    ("Geschiedenis", "35306", "arts"),
    ("Aardrijkskunde", "35307", "arts"),
    ("Biologie", "35308", "science"),
    ("Scheikunde", "35309", "science"),
    ("Natuurkunde", "35310", "science"),
    ("Economie", "35311", "arts"),
    ("Techniek", "35312", "science"),
    ("Gezondheidszorg en Welzijn", "35313", "arts"),
    ("Maatschappijleer", "35314", "arts"),
    ("Godsdienst", "35315", "arts"),
    ("Informatica", "35316", "science"),
    ("Omgangskunde", "35317", "arts"),
    ("Fries", "35318", "arts"),
    ("Pedagogiek", "35204", "arts"),
    ("Filosofie", "35319", "arts"),
)
ARTS = (
    ("Muziek", "34739"),
    ("Dans", "34740"),
    ("Beeldende Kunst en Vormgeving", "34741"),
    ("Theater", "34742"),
)
GREEN = (("Groen", "35320"), ("Voeding", "35321"), ("Techniek", "35312"))

# (name, slug, description) of the routes into teaching a programme form can follow
TRACKS: tuple[tuple[str, str, str], ...] = (
    ("Regulier", "regulier", "De volledige opleiding, voor wie nog geen hbo- of wo-diploma heeft."),
    ("Verkort traject", "verkort", "Een verkorte route voor wie al een hbo- of wo-diploma heeft."),
    (
        "Zij-instroom",
        "zij-instroom",
        "Werken en leren tegelijk: binnen twee jaar bevoegd naast een baan in het onderwijs.",
    ),
    (
        "PDG-traject",
        "pdg",
        "Het Pedagogisch Didactisch Getuigschrift voor wie in het mbo of hoger onderwijs lesgeeft.",
    ),
    ("Duaal leren", "duaal", "Leren op de opleiding en in de school, afwisselend per week."),
    (
        "Educatieve module",
        "educatieve-module",
        "Een korte module binnen een wo-bachelor voor een beperkte bevoegdheid.",
    ),
)

CAMPUS_STREETS = (
    "Onderwijsboulevard",
    "Campuslaan",
    "Heidelberglaan",
    "Kruisweg",
    "Europaweg",
    "Laan van Kronenburg",
    "Rachelsmolen",
    "Zernikeplein",
    "Academielaan",
    "Professor Goossenslaan",
)
