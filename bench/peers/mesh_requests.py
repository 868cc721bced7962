"""The GraphQL requests the benchmark sends to GraphQL Mesh for each staffgraph scenario.

Each scenario has the variants a team would write against Mesh's graph:
- ``gateway joins``: one query, Mesh does the joins through the ``@resolveTo`` fields declared in
  ``mesh.config.ts`` (one upstream call per parent: none of these upstreams has an endpoint that
  takes a list of keys, which ``keysArg`` batching needs);
- ``client joins``: one request with independent root fields returning the employer-wide (or
  account-wide) lists; the client joins them itself, so the upstream calls stay few.

The dates are the demo's: "today" 2026-11-24 (``staffgraph simulators --today 2026-11-24``, the
test suite's ``SIM_TODAY``), absences over the twelve months before it, as staffgraph's default
period. ``rows_path``/``rows`` say where the answer's main list is and how long it must be.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# alice's larger employer: Stichting Voortgezet Onderwijs Rijnmond (450 employees at scale 1)
EMPLOYER = "4fad47a2-5cfe-4725-9ef4-d3d6aa503721"
DEPARTMENT = "Sectie talen"
REFERENCE_DATE = "2026-11-24"
PERIOD_START = "2025-11-24"
ALICE = {"Authorization": "Bearer demo-loket-alice"}
# The largest page Loket's document allows; the employer-wide lists of the client-joins
# variants fit in one page at scale 1 (532 employments, 450 employees, 422 leave rows).
WHOLE = 1000

GATEWAY_JOINS = "gateway joins"
CLIENT_JOINS = "client joins"


@dataclass(frozen=True)
class PeerRequest:
    """One POST body for the peer's /graphql, the headers to send with it, and what it stands for."""

    variant: str
    body: dict[str, Any]
    headers: dict[str, str]
    note: str
    # keys from the response's ``data`` down to the main list, and that list's expected length
    rows_path: tuple[str, ...] = field(default=())
    rows: int = 0


def _body(query: str, **variables: Any) -> dict[str, Any]:
    return {"query": " ".join(query.split()), "variables": variables}


_EMPLOYERS = """
query Employers {
  getEmployers(pageSize: 10, orderBy: "companyName") {
    totalSize
    _embedded { id employerNumber companyName address { city } }
  }
}
"""

_ENTITIES = (
    "organizationalEntities { startDate endDate function { description } deviatingFunctionDescription }"
)

_PERSONS_50_JOINED = f"""
query Persons50($employer: UUID!) {{
  getEmployees(employerId: $employer, pageSize: 50) {{
    totalSize
    _embedded {{
      id employeeNumber personalDetails {{ firstName lastName }}
      employments {{ id startDate endDate {_ENTITIES} }}
    }}
  }}
}}
"""

_JOB_TITLES = """
jobs: getEmployerLeaveBalances(employerId: $employer, referenceDate: $date, pageSize: $whole) {
  _embedded {
    employee { id } incomeRelationshipNumber startDate
    organizationalEntity { function { description } deviatingFunctionDescription department { description } }
  }
}
"""

_PERSONS_50_CLIENT = f"""
query Persons50ClientJoins($employer: UUID!, $date: String!, $whole: PositiveInt!) {{
  persons: getEmployees(employerId: $employer, pageSize: 50) {{
    totalSize
    _embedded {{ id employeeNumber personalDetails {{ firstName lastName }} }}
  }}
  employments: getEmployerEmployments(employerId: $employer, pageSize: $whole) {{
    _embedded {{ id startDate endDate incomeRelationshipNumber employee {{ id }} }}
  }}
  {_JOB_TITLES}
}}
"""

_SICKNESS = (
    "absences { id causeOfAbsence { value } progress { startDate currentIncapacityPercentage } "
    "endOfAbsence { date } }"
)
_LEAVE = "leave { id startDate endDate numberOfUnits isAccrual leaveType { value } }"

_PERSONS_200_JOINED = f"""
query Persons200($employer: UUID!) {{
  getEmployees(employerId: $employer, pageSize: 200) {{
    totalSize
    _embedded {{
      id employeeNumber personalDetails {{ firstName lastName }}
      employments {{ id startDate endDate {_ENTITIES} {_LEAVE} }}
      {_SICKNESS}
    }}
  }}
}}
"""

_CALENDARS = """
sickness: getCalendarAbsences(employerId: $employer, startDate: $from, endDate: $to, pageSize: $whole) {
  _embedded {
    employment { id employee { id } }
    absences { id startDate endDate causeOfAbsence { value } incapacityPercentage }
  }
}
leave: getCalendarLeave(employerId: $employer, startDate: $from, endDate: $to, pageSize: $whole) {
  _embedded {
    employment { id employee { id } }
    leave { id startDate endDate numberOfUnits leaveType { value } }
  }
}
"""

_PERSONS_200_CLIENT = f"""
query Persons200ClientJoins($employer: UUID!, $date: String!, $from: String!, $to: String!,
                            $whole: PositiveInt!) {{
  persons: getEmployees(employerId: $employer, pageSize: 200) {{
    totalSize
    _embedded {{ id employeeNumber personalDetails {{ firstName lastName }} }}
  }}
  employments: getEmployerEmployments(employerId: $employer, pageSize: $whole) {{
    _embedded {{ id startDate endDate incomeRelationshipNumber employee {{ id }} }}
  }}
  {_JOB_TITLES}
  {_CALENDARS}
}}
"""

_PROGRAMS = """
programs {
  ... on Onderwijsloket_ProgramLocation {
    programs_id {
      ... on Onderwijsloket_TrainingProgram {
        title type level
        educational_institutions {
          ... on Onderwijsloket_EducationalInstitutionProgram {
            educational_institutions_id { ... on Onderwijsloket_EducationalInstitution { title } }
          }
        }
      }
    }
  }
}
"""

_VACANCY = "vacancyId referenceNumber title city publishDate status clicks applications cost"

_VACANCIES_JOINED = f"""
query VacanciesWithTraining {{
  getVacancyInsight(limit: 50) {{
    count
    items {{ {_VACANCY} trainingLocations(first: 5) {{ title location_address {_PROGRAMS} }} }}
  }}
}}
"""

# The client reads every location once (with its coordinates and programmes) and places each
# vacancy itself: by town name in the address, or by distance as staffgraph does.
_VACANCIES_CLIENT = f"""
query VacanciesClientJoins($fields: String!) {{
  vacancies: getVacancyInsight(limit: 50) {{ count items {{ {_VACANCY} }} }}
  locations: getLocations(limit: -1, fields: $fields) {{
    data {{ id title location_address location_data {{ coordinates }} {_PROGRAMS} }}
  }}
}}
"""
_LOCATION_FIELDS = ",".join(
    [
        "id",
        "title",
        "location_address",
        "location_data",
        "programs.programs_id.title",
        "programs.programs_id.type",
        "programs.programs_id.level",
        "programs.programs_id.educational_institutions.educational_institutions_id.title",
    ]
)

_TEAM_ROWS = """
team: getEmployerLeaveBalances(employerId: $employer, referenceDate: $date, filter: $filter,
                               orderBy: "organizationalEntity.function.description", pageSize: 25) {
  totalSize
  _embedded {
    startDate endDate
    organizationalEntity { function { description } deviatingFunctionDescription department { description } }
    employee { id firstName lastName %s }
  }
}
"""
_TEAM_JOINED = f"""
query TeamAbsences($employer: UUID!, $date: String!, $filter: String!) {{
  {
    _TEAM_ROWS
    % (
        "details { content { contactInformation { emailAddress businessEmailAddress } } } "
        f"{_SICKNESS} employments {{ id {_LEAVE} }}"
    )
}
}}
"""
_TEAM_CLIENT = f"""
query TeamAbsencesClientJoins($employer: UUID!, $date: String!, $filter: String!, $from: String!,
                              $to: String!, $whole: PositiveInt!) {{
  {_TEAM_ROWS % ""}
  persons: getEmployees(employerId: $employer, pageSize: $whole) {{
    _embedded {{ id contactInformation {{ emailAddress businessEmailAddress }} }}
  }}
  {_CALENDARS}
}}
"""
# Loket's own filter language (a string Mesh passes through unchecked), as staffgraph's
# example TeamAbsences filters the department and open employments
_TEAM_FILTER = f"organizationalEntity.department.description eq '{DEPARTMENT}' and endDate eq null"

_PER_PARENT = (
    "Mesh calls Loket once per parent for each @resolveTo field (no Loket endpoint takes a list of "
    "ids, so keysArg batching has nothing to bind to)"
)
_CLIENT = (
    "the client joins the employer-wide lists itself (on employee id, incomeRelationshipNumber, startDate)"
)

MESH_REQUESTS: dict[str, list[PeerRequest]] = {
    "employers": [
        PeerRequest(
            GATEWAY_JOINS,
            _body(_EMPLOYERS),
            ALICE,
            "one Loket call, alice's token forwarded",
            ("getEmployers", "_embedded"),
            2,
        ),
    ],
    "persons-50": [
        PeerRequest(
            GATEWAY_JOINS,
            _body(_PERSONS_50_JOINED, employer=EMPLOYER),
            ALICE,
            f"{_PER_PARENT}: employees, each one's employments, each employment's organizational "
            "entities; the client picks the entity valid on the reference date as the job title",
            ("getEmployees", "_embedded"),
            50,
        ),
        PeerRequest(
            CLIENT_JOINS,
            _body(_PERSONS_50_CLIENT, employer=EMPLOYER, date=REFERENCE_DATE, whole=WHOLE),
            ALICE,
            f"three Loket calls; {_CLIENT}",
            ("persons", "_embedded"),
            50,
        ),
    ],
    "persons-200": [
        PeerRequest(
            GATEWAY_JOINS,
            _body(_PERSONS_200_JOINED, employer=EMPLOYER),
            ALICE,
            f"{_PER_PARENT}: employments, entities, leave per employment and sickness per employee; "
            "the client drops leave accruals and rows outside the period",
            ("getEmployees", "_embedded"),
            200,
        ),
        PeerRequest(
            CLIENT_JOINS,
            _body(
                _PERSONS_200_CLIENT,
                employer=EMPLOYER,
                date=REFERENCE_DATE,
                whole=WHOLE,
                **{"from": PERIOD_START, "to": REFERENCE_DATE},
            ),
            ALICE,
            "five Loket calls (employees, employments, leave balances, the sickness and leave calendars); "
            f"{_CLIENT}",
            ("persons", "_embedded"),
            200,
        ),
    ],
    "vacancies-50": [
        PeerRequest(
            GATEWAY_JOINS,
            _body(_VACANCIES_JOINED),
            {},
            "one ICTerGezocht call, then one Onderwijsloket call per vacancy: the training locations whose "
            "text mentions the vacancy's town (Directus `search` reads every text field: Heerlen also "
            "finds the Open Universiteit's Utrecht site), each with all its programmes; no radius, "
            "no distance, no nearest-first, and no limit on programmes (a Directus `deep` limit is JSON, "
            "which Mesh's interpolation cannot carry)",
            ("getVacancyInsight", "items"),
            50,
        ),
        PeerRequest(
            CLIENT_JOINS,
            _body(_VACANCIES_CLIENT, fields=_LOCATION_FIELDS),
            {},
            "one ICTerGezocht and one Onderwijsloket call (every location with its coordinates and "
            "programmes); "
            "the client places each vacancy's town and measures distances itself",
            ("vacancies", "items"),
            50,
        ),
    ],
    "team-25": [
        PeerRequest(
            GATEWAY_JOINS,
            _body(_TEAM_JOINED, employer=EMPLOYER, date=REFERENCE_DATE, filter=_TEAM_FILTER),
            ALICE,
            f"one leave-balance call filtered by Loket's own filter string, then {_PER_PARENT}: each "
            "person's details (emails), sickness, employments and their leave",
            ("team", "_embedded"),
            25,
        ),
        PeerRequest(
            CLIENT_JOINS,
            _body(
                _TEAM_CLIENT,
                employer=EMPLOYER,
                date=REFERENCE_DATE,
                filter=_TEAM_FILTER,
                whole=WHOLE,
                **{"from": PERIOD_START, "to": REFERENCE_DATE},
            ),
            ALICE,
            "four Loket calls (the filtered leave balances, every employee for the emails, both calendars); "
            "the employer-wide lists grow with the employer: at --scale 20 they pass one page of 1000 and "
            "the answer is incomplete",
            ("team", "_embedded"),
            25,
        ),
    ],
}
