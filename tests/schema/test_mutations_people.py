"""Mutations: Informat interruptions, attachments and communication numbers; Loket absences with
If-Match. Upstream refusals come back naming the input field; a stale version is a CONFLICT."""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import date, timedelta

import pytest
from strawberry import relay

from simulators.config import SimConfig
from simulators.informat import dataset as informat_data
from simulators.loket import dataset as loket_data
from tests.conftest import SIM_TODAY
from tests.schema.conftest import ALICE, Gateway

STAFF = '{ persons(instituteNo: "032912", first: 200) { nodes { id sourceId } } }'
CREATE_INTERRUPTION = """
mutation($input: CreateInterruptionInput!) {
  createInterruption(input: $input) {
    absence { id sourceId kind code startDate endDate person { sourceId } }
  }
}
"""
CREATE_ABSENCE = """
mutation($input: CreateLoketAbsenceInput!) {
  createLoketAbsence(input: $input) { version absence { id kind startDate endDate incapacityPercentage } }
}
"""
CLOSE_ABSENCE = """
mutation($id: ID!, $end: Date!, $version: String) {
  closeLoketAbsence(id: $id, endDate: $end, expectedVersion: $version) { version absence { endDate } }
}
"""


@pytest.fixture
def hr(gateway: Gateway) -> Gateway:
    return replace(gateway, settings=replace(gateway.settings, today=SIM_TODAY))


@pytest.fixture(scope="module")
def informat(sim_config: SimConfig) -> informat_data.Dataset:
    return informat_data.build_dataset(sim_config)


@pytest.fixture(scope="module")
def loket(sim_config: SimConfig) -> loket_data.Dataset:
    return loket_data.build_dataset(sim_config)


async def quiet_staff_member(hr: Gateway, informat: informat_data.Dataset) -> dict[str, str]:
    """A 032912 staff member without interruptions this school year (so a new one cannot overlap)."""
    busy = {i.person_id for i in informat.interruptions if i.institute == "032912"}
    nodes = (await hr.execute(STAFF)).data["persons"]["nodes"]
    return next(n for n in nodes if n["sourceId"] not in busy)


def interruption(person: str, **changes: object) -> dict[str, object]:
    return {
        "personId": person,
        "structure": "311",
        "startDate": (SIM_TODAY - timedelta(days=3)).isoformat(),
        "endDate": (SIM_TODAY - timedelta(days=1)).isoformat(),
        "sender": "staffgraph test",
        "doctorName": "Dr. Peeters",
        **changes,
    }


async def test_create_and_delete_an_interruption(hr: Gateway, informat: informat_data.Dataset) -> None:
    member = await quiet_staff_member(hr, informat)
    created = await hr.execute(CREATE_INTERRUPTION, {"input": interruption(member["id"])})
    assert created.errors is None
    absence = created.data["createInterruption"]["absence"]
    assert absence["kind"] == "SICKNESS" and absence["code"] == "1"
    assert absence["person"] == {"sourceId": member["sourceId"]}
    assert absence["startDate"] == (SIM_TODAY - timedelta(days=3)).isoformat()
    listed = await hr.execute(
        "query($id: ID!) { person(id: $id) { absences { nodes { sourceId } } } }", {"id": member["id"]}
    )
    assert listed.data["person"]["absences"]["nodes"] == [{"sourceId": absence["sourceId"]}]
    overlap = await hr.execute(CREATE_INTERRUPTION, {"input": interruption(member["id"])})
    [error] = overlap.errors
    assert error.extensions["code"] == "BAD_USER_INPUT" and error.extensions["status"] == 405
    assert (
        set(error.extensions["fields"]) == {"startDate"}
        and "MNA005" in error.extensions["fields"]["startDate"]
    )
    content = base64.b64encode(b"%PDF-1.4 attest").decode()
    attached = await hr.execute(
        """mutation($id: ID!, $file: String!) { putInterruptionAttachment(interruptionId: $id,
             filename: "attest.pdf", contentBase64: $file) { attachmentId } }""",
        {"id": absence["id"], "file": content},
    )
    attachment = attached.data["putInterruptionAttachment"]["attachmentId"]
    bad_file = await hr.execute(
        """mutation($id: ID!) { putInterruptionAttachment(interruptionId: $id, filename: "virus.exe",
             contentBase64: "AAAA") { attachmentId } }""",
        {"id": absence["id"]},
    )
    assert set(bad_file.errors[0].extensions["fields"]) == {"filename"}
    unlinked = await hr.execute(
        """mutation($id: ID!, $a: ID!) { deleteInterruptionAttachment(interruptionId: $id, attachmentId: $a)
             { deletedId } }""",
        {"id": absence["id"], "a": attachment},
    )
    assert unlinked.data["deleteInterruptionAttachment"] == {"deletedId": attachment}
    deleted = await hr.execute(
        "mutation($id: ID!) { deleteInterruption(id: $id) { deletedId } }", {"id": absence["id"]}
    )
    assert deleted.data["deleteInterruption"] == {"deletedId": absence["id"]}
    again = await hr.execute(
        "query($id: ID!) { person(id: $id) { absences { totalCount } } }", {"id": member["id"]}
    )
    assert again.data["person"]["absences"]["totalCount"] == 0


async def test_informat_field_errors_name_the_input_fields(
    hr: Gateway, informat: informat_data.Dataset
) -> None:
    member = await quiet_staff_member(hr, informat)
    result = await hr.execute(
        CREATE_INTERRUPTION, {"input": interruption(member["id"], code="19", doctorPhone="0" * 30)}
    )
    [error] = result.errors
    assert error.extensions["code"] == "BAD_USER_INPUT" and error.extensions["upstream"] == "informat"
    assert set(error.extensions["fields"]) == {"code", "doctorPhone"}
    await hr.reset_calls()
    backwards = await hr.execute(
        CREATE_INTERRUPTION, {"input": interruption(member["id"], endDate="2020-01-01")}
    )
    assert backwards.errors[0].extensions == {"code": "BAD_USER_INPUT", "argument": "endDate"}
    assert (await hr.calls())["total"] == 0


async def test_communication_numbers(hr: Gateway, informat: informat_data.Dataset) -> None:
    member = await quiet_staff_member(hr, informat)
    put = """mutation($p: ID!, $n: String!, $id: ID) { putCommunicationNumber(personId: $p, kind: MOBILE,
               type: 18, number: $n, id: $id) { id } }"""
    added = await hr.execute(put, {"p": member["id"], "n": "0470 12 34 56"})
    assert added.errors is None
    number_id = added.data["putCommunicationNumber"]["id"]
    bad = await hr.execute(put, {"p": member["id"], "n": "call me"})
    assert set(bad.errors[0].extensions["fields"]) == {"number"}
    removed = await hr.execute(
        "mutation($p: ID!, $id: ID!) { deleteCommunicationNumber(personId: $p, id: $id) { deletedId } }",
        {"p": member["id"], "id": number_id},
    )
    assert removed.data["deleteCommunicationNumber"] == {"deletedId": number_id}


def absence_free_employee(loket: loket_data.Dataset, employer_id: str) -> str:
    today = SIM_TODAY.isoformat()
    for employee in loket.employees.under(employer_id):
        employed = any(
            e["startDate"] < today and (e["endDate"] is None or e["endDate"] >= today)
            for e in loket.employments.under(employee["id"])
        )
        if employed and not loket.absences.under(employee["id"]):
            return str(employee["id"])
    raise AssertionError("no employee without absences")


async def test_loket_absence_create_close_and_conflict(hr: Gateway, loket: loket_data.Dataset) -> None:
    employers = (await hr.execute("{ employers { nodes { sourceId } } }", **ALICE)).data["employers"]["nodes"]
    employer_id = employers[0]["sourceId"]
    employee_id = absence_free_employee(loket, employer_id)
    person = {"id": str(relay.GlobalID("Person", f"loket:{employer_id}:{employee_id}"))}
    future = await hr.execute(
        CREATE_ABSENCE, {"input": {"personId": person["id"], "startDate": "2099-01-01"}}, **ALICE
    )
    [error] = future.errors
    assert error.extensions["code"] == "BAD_USER_INPUT" and set(error.extensions["fields"]) == {"startDate"}
    start = (SIM_TODAY - timedelta(days=5)).isoformat()
    created = await hr.execute(
        CREATE_ABSENCE,
        {"input": {"personId": person["id"], "startDate": start, "incapacityPercentage": 50}},
        **ALICE,
    )
    assert created.errors is None
    payload = created.data["createLoketAbsence"]
    assert payload["absence"]["startDate"] == start and payload["absence"]["endDate"] is None
    assert payload["absence"]["kind"] == "SICKNESS" and payload["absence"]["incapacityPercentage"] == 50
    absence_id, version = payload["absence"]["id"], payload["version"]
    closed = await hr.execute(
        CLOSE_ABSENCE, {"id": absence_id, "end": SIM_TODAY.isoformat(), "version": version}, **ALICE
    )
    assert closed.errors is None
    assert closed.data["closeLoketAbsence"]["absence"]["endDate"] == SIM_TODAY.isoformat()
    assert closed.data["closeLoketAbsence"]["version"] != version
    stale = await hr.execute(
        CLOSE_ABSENCE, {"id": absence_id, "end": SIM_TODAY.isoformat(), "version": version}, **ALICE
    )
    [conflict] = stale.errors
    assert conflict.extensions == {"code": "CONFLICT", "upstream": "loket", "status": 409}
    fresh = await hr.execute(CLOSE_ABSENCE, {"id": absence_id, "end": SIM_TODAY.isoformat()}, **ALICE)
    assert fresh.errors[0].extensions["code"] == "BAD_USER_INPUT"
    assert set(fresh.errors[0].extensions["fields"]) == {"id"}


async def test_close_rejects_ids_of_other_kinds_before_any_call(hr: Gateway) -> None:
    member = (await hr.execute(STAFF)).data["persons"]["nodes"][0]
    await hr.reset_calls()
    result = await hr.execute(CLOSE_ABSENCE, {"id": member["id"], "end": date.today().isoformat()}, **ALICE)
    assert result.errors[0].extensions == {"code": "BAD_USER_INPUT", "argument": "id"}
    assert (await hr.calls())["total"] == 0
