"""Employments: Loket job titles from the organizational entity valid on a reference date, Informat
assignments with hours and FTE; the call budgets for 200 persons with employments and absences."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from strawberry import relay

from simulators.config import SimConfig
from simulators.informat import dataset as informat_data
from simulators.loket import dataset as loket_data
from tests.conftest import SIM_TODAY
from tests.schema.conftest import ALICE, Gateway

TEAM = """
query($employer: ID!, $first: Int, $reference: Date) {
  persons(employerId: $employer, first: $first) {
    nodes {
      sourceId lastName
      employments(referenceDate: $reference) {
        nodes { sourceId jobTitle department startDate endDate payrollId }
      }
      absences { totalCount nodes { kind startDate endDate code } }
    }
  }
}
"""
STAFF = """
query($first: Int) {
  persons(instituteNo: "032912", first: $first) {
    totalCount
    nodes {
      sourceId
      employments { nodes { sourceId jobTitle hoursPerWeek fte structure schoolYear institute { number } } }
      absences { nodes { kind startDate endDate code description } }
    }
  }
}
"""


@pytest.fixture
def hr(gateway: Gateway) -> Gateway:
    return replace(gateway, settings=replace(gateway.settings, today=SIM_TODAY))


@pytest.fixture(scope="module")
def loket(sim_config: SimConfig) -> loket_data.Dataset:
    return loket_data.build_dataset(sim_config)


@pytest.fixture(scope="module")
def informat(sim_config: SimConfig) -> informat_data.Dataset:
    return informat_data.build_dataset(sim_config)


async def rijnmond(hr: Gateway) -> str:
    result = await hr.execute("{ employers { nodes { id companyName } } }", **ALICE)
    return next(
        n["id"] for n in result.data["employers"]["nodes"] if n["companyName"].startswith("Stichting")
    )


def expected_title(loket: loket_data.Dataset, employment_id: str, day: date) -> str | None:
    text = day.isoformat()
    for entity in loket.org_entities.under(employment_id):
        if entity["startDate"] <= text and (entity["endDate"] is None or text <= entity["endDate"]):
            return entity["deviatingFunctionDescription"] or entity["function"]["description"]
    return None


async def test_200_loket_persons_with_job_titles_and_absences_cost_at_most_6_calls(
    hr: Gateway, loket: loket_data.Dataset
) -> None:
    employer = await rijnmond(hr)
    await hr.reset_calls()
    result = await hr.execute(TEAM, {"employer": employer, "first": 200}, **ALICE)
    assert result.errors is None
    persons = result.data["persons"]["nodes"]
    assert len(persons) == 200
    calls = await hr.calls()
    assert calls["total"] <= 6, calls
    assert calls["loket"]["endpoints"]["GET /v2/providers/employers/{employerId}/employees/employments"] == 1
    for person in persons[:50]:
        seeded = loket.employments.under(person["sourceId"])
        got = person["employments"]["nodes"]
        assert [e["sourceId"] for e in got] == [row["id"] for row in seeded]
        for employment in got:
            assert employment["jobTitle"] == expected_title(loket, employment["sourceId"], SIM_TODAY)
    with_absence = [p for p in persons if p["absences"]["totalCount"]]
    assert with_absence and all(
        a["startDate"] <= SIM_TODAY.isoformat() for p in with_absence for a in p["absences"]["nodes"]
    )


async def test_reference_date_picks_the_entity_valid_then(hr: Gateway, loket: loket_data.Dataset) -> None:
    employer = await rijnmond(hr)
    moved = next(
        employment
        for employment in loket.employments_by_employer[await employer_id(hr)]
        if len(loket.org_entities.under(employment)) > 1
    )
    entities = loket.org_entities.under(moved)
    early = date.fromisoformat(entities[0]["startDate"])
    owner = loket.employments.parent[moved]
    node = await hr.execute(
        """query($employer: ID!, $day: Date, $start: Date) {
             employments(employerId: $employer, referenceDate: $day, first: 200,
                         filter: {startDate: {eq: $start}}) {
               nodes { sourceId jobTitle person { sourceId } } } }""",
        {"employer": employer, "day": early.isoformat(), "start": loket.employments.rows[moved]["startDate"]},
        **ALICE,
    )
    [found] = [n for n in node.data["employments"]["nodes"] if n["sourceId"] == moved]
    assert found["jobTitle"] == expected_title(loket, moved, early)
    assert found["person"] == {"sourceId": owner}


async def employer_id(hr: Gateway) -> str:
    result = await hr.execute("{ employers { nodes { sourceId companyName } } }", **ALICE)
    return next(
        n["sourceId"] for n in result.data["employers"]["nodes"] if n["companyName"].startswith("Stichting")
    )


async def test_200_informat_staff_with_assignments_and_interruptions_cost_at_most_4_calls(
    hr: Gateway, informat: informat_data.Dataset
) -> None:
    result = await hr.execute(STAFF, {"first": 200})
    assert result.errors is None
    persons = result.data["persons"]["nodes"]
    assert len(persons) == min(200, result.data["persons"]["totalCount"]) > 150
    calls = await hr.calls()
    assert calls["total"] <= 4, calls
    assert calls["identity"]["endpoints"] == {"POST /connect/token": 1}
    year = informat.current_year
    seeded = {a.id: a for a in informat.assignments_by_year[("032912", year)]}
    for person in persons:
        for employment in person["employments"]["nodes"]:
            assignment = seeded[employment["sourceId"]]
            assert assignment.person_id == person["sourceId"]
            assert employment["hoursPerWeek"] == assignment.json["prestatieUren"]
            assert employment["fte"] == round(
                assignment.json["prestatieUren"] / assignment.json["prestatieNoemer"], 4
            )
            assert employment["institute"] == {"number": "032912"}
            assert employment["schoolYear"] == f"{year}-{(year + 1) % 100:02d}"
    listed = {p["sourceId"] for p in persons}
    expected = {
        (i.person_id, i.begin.isoformat(), i.code)
        for i in informat.interruptions
        if i.institute == "032912"
        and i.person_id in listed
        and i.end >= date(year, 9, 1)
        and i.begin <= date(year + 1, 8, 31)
    }
    got = {(p["sourceId"], a["startDate"], a["code"]) for p in persons for a in p["absences"]["nodes"]}
    assert got == expected and any(code == "1" for _, _, code in got)
    kinds = {a["code"]: a["kind"] for p in persons for a in p["absences"]["nodes"]}
    assert kinds.get("1") == "SICKNESS" and kinds.get("45", "OTHER") == "OTHER"


async def test_employment_filters_are_applied_by_the_gateway_without_extra_calls(hr: Gateway) -> None:
    query = """{ employments(instituteNo: "047225", schoolYear: "2025-26", first: 200,
                  filter: {jobTitle: {eq: "Leraar"}, fte: {gte: 0.5}}, orderBy: [START_DATE_DESC]) {
                  totalCount nodes { jobTitle fte startDate } } }"""
    result = await hr.execute(query)
    assert result.errors is None
    nodes = result.data["employments"]["nodes"]
    assert nodes and all(n["jobTitle"] == "Leraar" and n["fte"] >= 0.5 for n in nodes)
    assert [n["startDate"] for n in nodes] == sorted((n["startDate"] for n in nodes), reverse=True)
    calls = await hr.calls()
    assert calls["informat"]["endpoints"] == {"GET /employees/assignments": 1}


DEPARTMENT = """
query($employer: ID!, $department: String!) {
  employments(employerId: $employer, first: 200,
              filter: {department: {eq: $department}, endDate: {isNull: true}}) {
    totalCount
    nodes { sourceId department endDate }
  }
}
"""


async def test_a_department_filter_reads_only_that_departments_employments(
    hr: Gateway, loket: loket_data.Dataset
) -> None:
    employer = await rijnmond(hr)
    employer_id = next(e for e in loket.employers if e["companyName"].startswith("Stichting"))["id"]
    await hr.reset_calls()
    result = await hr.execute(DEPARTMENT, {"employer": employer, "department": "Sectie talen"}, **ALICE)
    assert result.errors is None
    # the answer is exactly what the seeded data says: open employments whose entity today is that department
    expected = set()
    for employee in loket.employees.under(employer_id):
        for employment in loket.employments.under(employee["id"]):
            valid = [
                entity
                for entity in loket.org_entities.under(employment["id"])
                if entity["startDate"] <= SIM_TODAY.isoformat()
                and (entity["endDate"] is None or SIM_TODAY.isoformat() <= entity["endDate"])
            ]
            if (
                employment["endDate"] is None
                and valid
                and valid[0]["department"]["description"] == "Sectie talen"
            ):
                expected.add(employment["id"])
    nodes = result.data["employments"]["nodes"]
    assert {n["sourceId"] for n in nodes} == expected and result.data["employments"]["totalCount"] == len(
        expected
    )
    # ... and the employments fetched are those of the department's people, not the whole employer's
    calls = (await hr.calls())["loket"]
    employments = calls["endpoint_bytes"]["GET /v2/providers/employers/{employerId}/employees/employments"]
    whole = (
        len(loket.employments.under_employer(employer_id))
        if hasattr(loket.employments, "under_employer")
        else None
    )
    assert whole is None or employments < whole
    assert employments < 0.5 * sum(
        len(str(row)) for e in loket.employees.under(employer_id) for row in loket.employments.under(e["id"])
    )


async def test_a_sickness_filter_skips_the_leave_calendar(hr: Gateway) -> None:
    employer = await rijnmond(hr)
    await hr.reset_calls()
    result = await hr.execute(
        """query($e: ID!) {
          absences(employerId: $e, filter: {kind: {eq: SICKNESS}}, first: 5) { totalCount nodes { kind } }
        }""",
        {"e": employer},
        **ALICE,
    )
    assert result.errors is None and result.data["absences"]["totalCount"] > 0
    assert {n["kind"] for n in result.data["absences"]["nodes"]} == {"SICKNESS"}
    endpoints = (await hr.calls())["loket"]["endpoints"]
    assert "GET /v2/providers/employers/{employerId}/employees/employments/calendar/leave" not in endpoints
    assert endpoints["GET /v2/providers/employers/{employerId}/employees/employments/calendar/absences"] == 1


async def test_an_employment_id_relabelled_with_another_employer_finds_nothing(
    hr: Gateway, loket: loket_data.Dataset
) -> None:
    """Loket's employment item names its employee, not its employer: under an employer that is not
    the employee's (alice sees both) it is not found, rather than shown with the wrong employer."""
    school, haulier = (
        next(e for e in loket.employers if e["companyName"].startswith(prefix))["id"]
        for prefix in ("Stichting", "Van der Meer")
    )
    employee = loket.employees.under(school)[0]
    employment = loket.employments.under(employee["id"])[0]
    query = "query($id: ID!) { node(id: $id) { ... on Employment { sourceId employer { companyName } } } }"
    own = await hr.execute(
        query, {"id": str(relay.GlobalID("Employment", f"loket:{school}:{employment['id']}"))}, **ALICE
    )
    assert own.errors is None and own.data["node"]["employer"]["companyName"].startswith("Stichting")
    moved = await hr.execute(
        query, {"id": str(relay.GlobalID("Employment", f"loket:{haulier}:{employment['id']}"))}, **ALICE
    )
    assert moved.errors is None and moved.data["node"] is None
