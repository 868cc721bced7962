"""Absences: Loket absences (progress.startDate .. endOfAbsence.date) and leave over a period, Informat
interruptions of a school year; kinds, gateway-side filters, node lookups with the ETag, bad periods."""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import date, timedelta

import pytest

from simulators.config import SimConfig
from simulators.loket import dataset as loket_data
from tests.conftest import SIM_TODAY
from tests.schema.conftest import ALICE, Gateway

ABSENCES = """
query($employer: ID, $institute: String, $from: Date, $to: Date, $filter: AbsenceFilter, $first: Int) {
  absences(employerId: $employer, instituteNo: $institute, from: $from, to: $to, filter: $filter,
           first: $first, orderBy: [START_DATE_ASC]) {
    totalCount
    nodes { id sourceId kind code description startDate endDate incapacityPercentage hours
            person { sourceId } }
  }
}
"""


@pytest.fixture
def hr(gateway: Gateway) -> Gateway:
    return replace(gateway, settings=replace(gateway.settings, today=SIM_TODAY))


@pytest.fixture(scope="module")
def loket(sim_config: SimConfig) -> loket_data.Dataset:
    return loket_data.build_dataset(sim_config)


async def rijnmond(hr: Gateway) -> dict[str, str]:
    result = await hr.execute("{ employers { nodes { id sourceId companyName } } }", **ALICE)
    return next(n for n in result.data["employers"]["nodes"] if n["companyName"].startswith("Stichting"))


def seeded_absences(loket: loket_data.Dataset, employer_id: str, first: date, last: date) -> dict[str, dict]:
    start, end = first.isoformat(), last.isoformat()
    found = {}
    for employee in loket.employees.under(employer_id):
        for absence in loket.absences.under(employee["id"]):
            ended = absence["endOfAbsence"]["date"] if absence["endOfAbsence"] else None
            if absence["progress"]["startDate"] <= end and (ended is None or start <= ended):
                found[absence["id"]] = {**absence, "employee": employee["id"], "end": ended}
    return found


async def test_loket_absences_and_leave_of_a_period(hr: Gateway, loket: loket_data.Dataset) -> None:
    employer = await rijnmond(hr)
    first, last = SIM_TODAY - timedelta(days=120), SIM_TODAY
    result = await hr.execute(
        ABSENCES,
        {
            "employer": employer["id"],
            "from": first.isoformat(),
            "to": last.isoformat(),
            "first": 200,
            "filter": {"kind": {"ne": "LEAVE"}},
        },
        **ALICE,
    )
    assert result.errors is None
    nodes = result.data["absences"]["nodes"]
    # every row of Loket's absence endpoints is sickness (or a "vangnet" case), whatever its cause key
    expected = seeded_absences(loket, employer["sourceId"], first, last)
    assert result.data["absences"]["totalCount"] == len(expected)
    for node in nodes:
        row = expected[node["sourceId"]]
        assert node["startDate"] == row["progress"]["startDate"]
        assert node["endDate"] == row["end"]
        assert node["description"] == row["causeOfAbsence"]["value"]
        assert node["kind"] == "SICKNESS"
        assert node["person"] == {"sourceId": row["employee"]}
    leave = await hr.execute(
        ABSENCES,
        {
            "employer": employer["id"],
            "from": first.isoformat(),
            "first": 50,
            "filter": {"kind": {"eq": "LEAVE"}, "code": {"in": ["1", "2", "15"]}},
        },
        **ALICE,
    )
    leave_nodes = leave.data["absences"]["nodes"]
    assert leave_nodes and all(n["kind"] == "LEAVE" and n["hours"] for n in leave_nodes)
    assert all(n["endDate"] >= first.isoformat() for n in leave_nodes)
    assert [n["startDate"] for n in leave_nodes] == sorted(n["startDate"] for n in leave_nodes)


async def test_an_absence_node_carries_its_version(hr: Gateway, loket: loket_data.Dataset) -> None:
    employer = await rijnmond(hr)
    listed = await hr.execute(
        ABSENCES, {"employer": employer["id"], "first": 1, "filter": {"kind": {"eq": "SICKNESS"}}}, **ALICE
    )
    absence = listed.data["absences"]["nodes"][0]
    await hr.reset_calls()
    found = await hr.execute(
        """query($id: ID!) {
             node(id: $id) { ... on Absence { sourceId startDate version person { lastName } } } }""",
        {"id": absence["id"]},
        **ALICE,
    )
    assert found.errors is None
    node = found.data["node"]
    assert node["sourceId"] == absence["sourceId"] and node["startDate"] == absence["startDate"]
    assert node["version"] and node["version"].startswith('"')
    employee = loket.employees.rows[absence["person"]["sourceId"]]
    assert node["person"] == {"lastName": employee["personalDetails"]["lastName"]}
    calls = await hr.calls()
    assert calls["loket"]["endpoints"] == {
        "GET /v2/providers/employers/employees/absences/{absenceId}": 1,
        # the employee's own list confirms the absence is theirs (the item shows no employee)
        "GET /v2/providers/employers/employees/{employeeId}/absences": 1,
        "GET /v2/providers/employers/{employerId}/employees": 1,
    }


@pytest.mark.parametrize("kind", ["SICKNESS", "LEAVE"])
async def test_an_absence_id_relabelled_with_another_employee_finds_nothing(
    hr: Gateway, loket: loket_data.Dataset, kind: str
) -> None:
    """Loket's absence item names no employee: an id carrying someone else's employee id must not
    come back with that someone as its person."""
    employer = await rijnmond(hr)
    listed = await hr.execute(
        ABSENCES, {"employer": employer["id"], "first": 1, "filter": {"kind": {"eq": kind}}}, **ALICE
    )
    absence = listed.data["absences"]["nodes"][0]
    owner = absence["person"]["sourceId"]
    mine = await hr.execute("query($id: ID!) { node(id: $id) { id } }", {"id": absence["id"]}, **ALICE)
    assert mine.data["node"] == {"id": absence["id"]}  # under its own employee it is found
    other = next(row["id"] for row in loket.employees.under(employer["sourceId"]) if row["id"] != owner)
    _, node_id = base64.b64decode(absence["id"]).decode().split(":", 1)
    relabelled = base64.b64encode(f"Absence:{node_id.replace(owner, other)}".encode()).decode()
    found = await hr.execute(
        "query($id: ID!) { node(id: $id) { ... on Absence { sourceId person { sourceId } } } }",
        {"id": relabelled},
        **ALICE,
    )
    assert found.errors is None and found.data["node"] is None


async def test_informat_interruptions_of_a_school_year(hr: Gateway) -> None:
    result = await hr.execute(
        ABSENCES, {"institute": "119537", "first": 200, "filter": {"kind": {"eq": "SICKNESS"}}}
    )
    assert result.errors is None
    nodes = result.data["absences"]["nodes"]
    assert nodes and all(n["code"] == "1" and n["description"] == "Ziekteverlof" for n in nodes)
    found = await hr.execute(
        "query($id: ID!) { node(id: $id) { ... on Absence { sourceId person { sourceId } } } }",
        {"id": nodes[0]["id"]},
    )
    assert found.data["node"] == {"sourceId": nodes[0]["sourceId"], "person": nodes[0]["person"]}


async def test_a_bad_period_is_rejected_before_any_call(hr: Gateway) -> None:
    employer = await rijnmond(hr)
    await hr.reset_calls()
    result = await hr.execute(
        ABSENCES, {"employer": employer["id"], "from": "2026-05-01", "to": "2026-04-01"}, **ALICE
    )
    [error] = result.errors
    assert error.extensions == {"code": "BAD_USER_INPUT", "argument": "to"}
    assert (await hr.calls())["total"] == 0
