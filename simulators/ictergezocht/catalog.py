"""The fixed vocabularies behind the generated data: IT job titles, campaigns, company
types and the functions of the people who place vacancies.

Company types and user functions are what ``GET /company/type`` and
``GET /company/user/function`` list; their ids are what ``company.typeId`` and
``companyUser.functionId`` must name.
"""

from __future__ import annotations

# (title, functionGroup). Titles marked with a leading "*" also appear with a seniority.
JOB_TITLES: tuple[tuple[str, str], ...] = (
    ("*Java Developer", "Software development"),
    ("*.NET Developer", "Software development"),
    ("*Python Developer", "Software development"),
    ("*PHP Developer", "Software development"),
    ("*Front-end Developer", "Software development"),
    ("*Back-end Developer", "Software development"),
    ("*Full-stack Developer", "Software development"),
    ("*Software Engineer", "Software development"),
    ("*Mobile Developer", "Software development"),
    ("*Embedded Software Engineer", "Software development"),
    ("Software Architect", "Software development"),
    ("*DevOps Engineer", "Infrastructuur & cloud"),
    ("*Cloud Engineer", "Infrastructuur & cloud"),
    ("Cloud Architect", "Infrastructuur & cloud"),
    ("Site Reliability Engineer", "Infrastructuur & cloud"),
    ("*Systeembeheerder", "Infrastructuur & cloud"),
    ("Netwerkbeheerder", "Infrastructuur & cloud"),
    ("Linux Beheerder", "Infrastructuur & cloud"),
    ("Werkplekbeheerder", "Infrastructuur & cloud"),
    ("*Data Engineer", "Data & BI"),
    ("Data Scientist", "Data & BI"),
    ("BI Developer", "Data & BI"),
    ("Data Analist", "Data & BI"),
    ("Database Administrator", "Data & BI"),
    ("*Security Engineer", "Security"),
    ("Security Officer", "Security"),
    ("SOC Analist", "Security"),
    ("Ethical Hacker", "Security"),
    ("Functioneel beheerder", "Functioneel beheer"),
    ("Applicatiebeheerder", "Functioneel beheer"),
    ("Technisch applicatiebeheerder", "Functioneel beheer"),
    ("Informatieanalist", "Functioneel beheer"),
    ("Business Analist", "Functioneel beheer"),
    ("*Test Engineer", "Testen & kwaliteit"),
    ("Test Automation Engineer", "Testen & kwaliteit"),
    ("QA Engineer", "Testen & kwaliteit"),
    ("Servicedesk medewerker", "Support & servicedesk"),
    ("ICT Support medewerker", "Support & servicedesk"),
    ("IT Projectmanager", "Projectmanagement"),
    ("Product Owner", "Projectmanagement"),
    ("Scrum Master", "Projectmanagement"),
    ("IT Manager", "Projectmanagement"),
    ("Teamlead Development", "Projectmanagement"),
    ("Docent informatica", "Onderwijs"),
    ("Docent ICT mbo", "Onderwijs"),
    ("Leraar informatica havo/vwo", "Onderwijs"),
    ("Opleidingscoördinator ICT", "Onderwijs"),
    ("ICT Consultant", "Consultancy"),
    ("SAP Consultant", "Consultancy"),
    ("Salesforce Consultant", "Consultancy"),
)
SENIORITIES = ("Junior", "Medior", "Senior", "Lead")
DEFAULT_FUNCTION_GROUP = "Overig ICT"

# Words in a title that decide the functionGroup of a vacancy created through the API.
FUNCTION_GROUP_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("docent", "Onderwijs"),
    ("leraar", "Onderwijs"),
    ("security", "Security"),
    ("hacker", "Security"),
    ("soc ", "Security"),
    ("data", "Data & BI"),
    ("bi ", "Data & BI"),
    ("devops", "Infrastructuur & cloud"),
    ("cloud", "Infrastructuur & cloud"),
    ("beheerder", "Functioneel beheer"),
    ("analist", "Functioneel beheer"),
    ("test", "Testen & kwaliteit"),
    ("qa ", "Testen & kwaliteit"),
    ("servicedesk", "Support & servicedesk"),
    ("support", "Support & servicedesk"),
    ("manager", "Projectmanagement"),
    ("scrum", "Projectmanagement"),
    ("product owner", "Projectmanagement"),
    ("consultant", "Consultancy"),
    ("developer", "Software development"),
    ("engineer", "Software development"),
    ("ontwikkelaar", "Software development"),
    ("architect", "Software development"),
)

CAMPAIGNS = ("ICT Campagne", "Developers Randstad", "Spoedvacatures", "Traineeships")
EDUCATION_CAMPAIGN = "Onderwijs & ICT"
DEFAULT_CAMPAIGN = "Standaard"

EMPLOYMENTS = ("Fulltime", "Parttime", "Fulltime, Parttime", "Freelance")
EDUCATIONS = ("MBO", "HBO", "WO", "HBO, WO", "MBO, HBO")
EXPERIENCES = ("0-2 jaar", "2-5 jaar", "5+ jaar", "10+ jaar")
HOURS = ("32-40 uur per week", "36 uur per week", "40 uur per week", "24-32 uur per week")

COMPANY_TYPES: tuple[tuple[int, str], ...] = (
    (1, "Directe werkgever"),
    (2, "Werving- en selectiebureau"),
    (3, "Detacheerder"),
    (4, "Uitzendbureau"),
    (5, "IT-dienstverlener"),
    (6, "Softwarebedrijf"),
    (7, "Overheid"),
    (8, "Onderwijsinstelling"),
    (9, "Zorginstelling"),
    (10, "Consultancy"),
    (11, "Start-up / scale-up"),
    (12, "Bemiddelaar zzp"),
)

USER_FUNCTIONS: tuple[tuple[int, str], ...] = (
    (1, "Recruiter"),
    (2, "Corporate recruiter"),
    (3, "Talent acquisition specialist"),
    (4, "Intercedent"),
    (5, "HR-adviseur"),
    (6, "HR-manager"),
    (7, "Teamleider"),
    (8, "IT-manager"),
    (9, "CTO"),
    (10, "Directeur / eigenaar"),
    (11, "Office manager"),
    (12, "Accountmanager"),
    (13, "Schoolleider"),
)


def function_group_for(title: str) -> str:
    lowered = f"{title.lower()} "
    for word, group in FUNCTION_GROUP_KEYWORDS:
        if word in lowered:
            return group
    return DEFAULT_FUNCTION_GROUP
