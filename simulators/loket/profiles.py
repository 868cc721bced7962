"""The four seeded employers: who they are, their departments and their functions.

Two belong to ``alice`` (a school board and a haulier), one to ``bob`` (a care group)
and one to nobody (a bakery), so every kind of visibility can be exercised.
Departments are ``(code, description, parent code)``; functions are
``(description, group, department codes, weight)``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EmployerProfile:
    company_name: str
    legal_form: int
    sbi: tuple[int, str, str]  # key, sbiCode, value
    branch: tuple[int, str]
    city: str
    domain: str
    employees: int
    departments: tuple[tuple[int, str, int | None], ...]
    functions: tuple[tuple[str, str, tuple[int, ...], int], ...]
    deviating_titles: tuple[str, ...]


SCHOOL = EmployerProfile(
    company_name="Stichting Voortgezet Onderwijs Rijnmond",
    legal_form=2,
    sbi=(85, "8531", "Algemeen voortgezet onderwijs"),
    branch=(52, "Onderwijs"),
    city="Rotterdam",
    domain="svorijnmond.nl",
    employees=450,
    departments=(
        (10, "Directie", None),
        (20, "Bedrijfsvoering", None),
        (21, "Financiële administratie", 20),
        (22, "Personeelszaken", 20),
        (23, "Facilitaire dienst", 20),
        (30, "Onderwijs", None),
        (31, "Sectie exacte vakken", 30),
        (32, "Sectie talen", 30),
        (33, "Sectie mens en maatschappij", 30),
        (34, "Sectie kunst en sport", 30),
        (40, "Leerlingzaken", None),
    ),
    functions=(
        ("Rector", "15", (10,), 1),
        ("Conrector", "14", (10,), 2),
        ("Teamleider", "12", (31, 32, 33, 34), 5),
        ("Docent wiskunde", "LC", (31,), 14),
        ("Docent natuurkunde", "LC", (31,), 7),
        ("Docent scheikunde", "LB", (31,), 6),
        ("Docent biologie", "LB", (31,), 7),
        ("Docent Nederlands", "LC", (32,), 14),
        ("Docent Engels", "LC", (32,), 11),
        ("Docent Frans", "LB", (32,), 6),
        ("Docent Duits", "LB", (32,), 6),
        ("Docent geschiedenis", "LB", (33,), 8),
        ("Docent aardrijkskunde", "LB", (33,), 7),
        ("Docent economie", "LC", (33,), 7),
        ("Docent lichamelijke opvoeding", "LB", (34,), 8),
        ("Docent beeldende vorming", "LB", (34,), 5),
        ("Onderwijsassistent", "6", (31, 32, 33, 34), 9),
        ("Conciërge", "4", (23,), 5),
        ("Financieel administrateur", "8", (21,), 3),
        ("Medewerker personeelszaken", "8", (22,), 3),
        ("Decaan", "11", (40,), 2),
        ("Zorgcoördinator", "11", (40,), 2),
        ("Roostermaker", "9", (20,), 2),
    ),
    deviating_titles=("Coördinator bovenbouw", "Mentor brugklas", "ICT-coördinator", "Examensecretaris"),
)

HAULIER = EmployerProfile(
    company_name="Van der Meer Logistiek B.V.",
    legal_form=1,
    sbi=(49, "4941", "Goederenvervoer over de weg"),
    branch=(31, "Transport en logistiek"),
    city="Utrecht",
    domain="vandermeerlogistiek.nl",
    employees=300,
    departments=(
        (10, "Directie", None),
        (20, "Financiële administratie", None),
        (30, "Planning", None),
        (40, "Transport", None),
        (41, "Transport Noord", 40),
        (42, "Transport Zuid", 40),
        (50, "Warehouse", None),
        (60, "Werkplaats", None),
        (70, "Verkoop binnendienst", None),
    ),
    functions=(
        ("Directeur", "Var", (10,), 1),
        ("Financieel administrateur", "7", (20,), 3),
        ("Controller", "10", (20,), 1),
        ("Planner", "6", (30,), 6),
        ("Vrachtwagenchauffeur", "5", (41, 42), 30),
        ("Magazijnmedewerker", "3", (50,), 20),
        ("Heftruckchauffeur", "4", (50,), 8),
        ("Teamleider warehouse", "7", (50,), 2),
        ("Monteur", "6", (60,), 5),
        ("Medewerker verkoop binnendienst", "6", (70,), 5),
        ("Accountmanager", "8", (70,), 3),
    ),
    deviating_titles=("Senior planner", "Hoofd warehouse", "Allround chauffeur", "Wagenparkbeheerder"),
)

CARE = EmployerProfile(
    company_name="Zorggroep De Linde",
    legal_form=2,
    sbi=(87, "8710", "Verpleeghuizen"),
    branch=(61, "Zorg en welzijn"),
    city="Zwolle",
    domain="zorggroepdelinde.nl",
    employees=250,
    departments=(
        (10, "Raad van bestuur", None),
        (20, "Financiën", None),
        (21, "Salarisadministratie", 20),
        (30, "Wonen en zorg", None),
        (31, "Afdeling De Hoven", 30),
        (32, "Afdeling De Esch", 30),
        (33, "Afdeling Het Anker", 30),
        (40, "Thuiszorg", None),
        (50, "Facilitair bedrijf", None),
    ),
    functions=(
        ("Bestuurder", "Var", (10,), 1),
        ("Verpleegkundige", "FWG 45", (31, 32, 33, 40), 15),
        ("Verzorgende IG", "FWG 35", (31, 32, 33, 40), 25),
        ("Helpende", "FWG 25", (31, 32, 33), 10),
        ("Teamleider zorg", "FWG 55", (31, 32, 33, 40), 4),
        ("Specialist ouderengeneeskunde", "FWG 80", (30,), 1),
        ("Fysiotherapeut", "FWG 50", (30,), 2),
        ("Salarisadministrateur", "FWG 45", (21,), 2),
        ("Medewerker financiën", "FWG 40", (20,), 2),
        ("Medewerker facilitair", "FWG 20", (50,), 5),
        ("Kok", "FWG 30", (50,), 2),
    ),
    deviating_titles=("Eerstverantwoordelijk verzorgende", "Wondconsulent", "Praktijkopleider"),
)

BAKERY = EmployerProfile(
    company_name="Bakkerij Verhoeven & Zn. B.V.",
    legal_form=1,
    sbi=(10, "1071", "Brood- en banketbakkerijen"),
    branch=(12, "Detailhandel voedingsmiddelen"),
    city="Tilburg",
    domain="bakkerijverhoeven.nl",
    employees=100,
    departments=(
        (10, "Directie", None),
        (20, "Bakkerij", None),
        (30, "Winkels", None),
        (31, "Winkel Centrum", 30),
        (32, "Winkel Noord", 30),
        (40, "Administratie", None),
    ),
    functions=(
        ("Directeur", "Var", (10,), 1),
        ("Bakker", "5", (20,), 10),
        ("Hulpbakker", "2", (20,), 6),
        ("Banketbakker", "5", (20,), 5),
        ("Verkoopmedewerker", "2", (31, 32), 15),
        ("Filiaalleider", "6", (31, 32), 2),
        ("Administratief medewerker", "5", (40,), 2),
        ("Chauffeur", "4", (20,), 2),
    ),
    deviating_titles=("Hoofd bakkerij", "Allround verkoper"),
)

PROFILES = (SCHOOL, HAULIER, CARE, BAKERY)
# user -> indexes into PROFILES of the employers that user may see
USER_EMPLOYERS = {"alice": (0, 1), "bob": (2,)}
