"""Creating absences: POST makes the absence and its first progress record; every broken
field or business rule is a 400 naming it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from simulators.loket.errors import CODE_INVALID_LENGTH, CODE_OVERLAP
from simulators.loket.store import LoketStore
from tests.simulators.loket.support import ALICE, API, Employers, assert_messages

pytestmark = pytest.mark.usefixtures("fresh")
ABSENCES = f"{API}/employees/absences"


def valid_body(start: str) -> dict[str, Any]:
    return {
        "causeOfAbsence": {"key": 2},
        "actionToBeTakenByOccupationalHealthAndSafetyService": {"key": 2},
        "isDisruptedEmploymentRelationship": False,
        "isWorkRelatedIllness": False,
        "isRecoveredWithinTwoWeeks": False,
        "hoursWorkedOnFirstDayOfAbsence": 4,
        "progress": {"startDate": start, "currentIncapacityPercentage": 100},
    }


def free_employee(store: LoketStore, employer: str, start: str) -> str:
    """An employee employed on ``start`` whose absences all ended before it."""
    data = store.data
    for employee in data.employees.children[employer]:
        employed = any(
            job["startDate"] <= start and (job["endDate"] is None or start <= job["endDate"])
            for job in data.employments.under(employee)
        )
        ended = all(
            a["endOfAbsence"] and a["endOfAbsence"]["date"] < start for a in store.absences.under(employee)
        )
        if employed and ended and store.absences.under(employee):
            return employee
    raise AssertionError("no free employee")


@pytest.fixture
def start(store: LoketStore) -> str:
    return (store.data.today - timedelta(days=3)).isoformat()


async def test_post_creates_the_absence_and_its_first_progress_record(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers, start: str
) -> None:
    employee = free_employee(store, employers.alice[0], start)
    before = len(store.absences.under(employee))
    response = await client.post(
        f"{API}/employees/{employee}/absences", headers=ALICE, json=valid_body(start)
    )
    assert response.status_code == 201, response.text
    assert response.headers["content-type"] == "application/json;version=2020-03-16"
    created = response.json()["content"]
    assert created["causeOfAbsence"] == {"key": 2, "value": "Ziekte"}
    assert created["progress"] == {"startDate": start, "currentIncapacityPercentage": 100}
    assert created["endOfAbsence"] is None and created["hoursWorkedOnFirstDayOfAbsence"] == 4
    fetched = await client.get(f"{ABSENCES}/{created['id']}", headers=ALICE)
    assert fetched.json()["content"] == created and fetched.headers["etag"] == response.headers["etag"]
    listed = (await client.get(f"{API}/employees/{employee}/absences", headers=ALICE)).json()
    assert listed["totalSize"] == before + 1 and created["id"] in [a["id"] for a in listed["_embedded"]]
    progress = (await client.get(f"{ABSENCES}/{created['id']}/absenceprogress", headers=ALICE)).json()[
        "_embedded"
    ]
    assert [(p["startDate"], p["endDate"], p["incapacityPercentage"]) for p in progress] == [
        (start, None, 100)
    ]
    again = await client.post(f"{API}/employees/{employee}/absences", headers=ALICE, json=valid_body(start))
    messages = assert_messages(again, 400, "BrokenBusinessRule", f"would overlap absence '{created['id']}'")
    assert messages[0]["code"] == CODE_OVERLAP and again.json()["content"] is None


def _without(body: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != key}


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda b: _without(b, "causeOfAbsence"), ["causeOfAbsence is required"]),
        (
            lambda b: b | {"causeOfAbsence": {"key": 99}},
            ["causeOfAbsence.key must be one of [1, 2, 3, 4, 5]"],
        ),
        (lambda b: b | {"causeOfAbsence": "Ziekte"}, ["causeOfAbsence.key must be one of"]),
        (lambda b: b | {"expectedDuration": {"key": True}}, ["expectedDuration.key must be one of"]),
        (
            lambda b: b | {"hoursWorkedOnFirstDayOfAbsence": 0},
            ["hoursWorkedOnFirstDayOfAbsence must be a whole"],
        ),
        (lambda b: b | {"hoursWorkedOnFirstDayOfAbsence": 9}, ["from 1 to 8, got 9"]),
        (lambda b: b | {"hoursWorkedOnFirstDayOfAbsence": "4"}, ["from 1 to 8, got '4'"]),
        (lambda b: _without(b, "isWorkRelatedIllness"), ["isWorkRelatedIllness is required"]),
        (lambda b: b | {"isHospitalised": "yes"}, ["isHospitalised must be true or false"]),
        (lambda b: _without(b, "progress"), ["progress is required"]),
        (lambda b: b | {"progress": {"currentIncapacityPercentage": 50}}, ["progress.startDate is required"]),
        (
            lambda b: b | {"progress": {"startDate": "2026-02-30", "currentIncapacityPercentage": 50}},
            ["progress.startDate must be a date"],
        ),
        (
            lambda b: b | {"progress": {"startDate": "2026-11-01", "currentIncapacityPercentage": 0}},
            ["progress.currentIncapacityPercentage must be a whole number from 1 to 100"],
        ),
        (lambda b: b | {"comments": "x" * 4001}, ["comments has an invalid length"]),
        (
            lambda b: (
                b
                | {"expectedDateOfChildbirth": "2026-05-01", "expectedEndDateOfMaternityLeave": "2026-04-01"}
            ),
            ["expectedEndDateOfMaternityLeave (2026-04-01) may not be before expectedDateOfChildbirth"],
        ),
        (
            lambda b: b | {"contactInformation": {"street": "Ziekenhuisweg"}},
            [
                "contactInformation.startDate is required",
                "contactInformation.houseNumber is required",
                "contactInformation.postalCode is required",
                "contactInformation.city is required",
            ],
        ),
        (lambda b: b | {"caseManager": {"name": "x" * 26}}, ["caseManager.name has an invalid length"]),
        (
            lambda b: b | {"reintegration": {}},
            [
                "reintegration.reintegrationGoal is required",
                "reintegration.dateOfFinalizingPlanOfAction is required",
            ],
        ),
        (lambda b: b | {"reintegration": "soon"}, ["reintegration must be an object"]),
        (
            lambda b: _without(_without(b, "causeOfAbsence"), "isRecoveredWithinTwoWeeks"),
            ["causeOfAbsence is required", "isRecoveredWithinTwoWeeks is required"],
        ),
    ],
)
async def test_invalid_bodies_are_400_naming_every_broken_field(
    client: httpx.AsyncClient,
    store: LoketStore,
    employers: Employers,
    start: str,
    change: Any,
    words: list[str],
) -> None:
    employee = free_employee(store, employers.alice[0], start)
    response = await client.post(
        f"{API}/employees/{employee}/absences", headers=ALICE, json=change(valid_body(start))
    )
    messages = assert_messages(response, 400, "BrokenBusinessRule", *words)
    assert len(messages) == len(words)
    assert store.absences.children[employee] == store.data.absences.children[employee]


async def test_a_too_long_text_gets_the_documents_invalid_length_code(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers, start: str
) -> None:
    employee = free_employee(store, employers.alice[0], start)
    body = valid_body(start) | {"comments": "x" * 4001}
    response = await client.post(f"{API}/employees/{employee}/absences", headers=ALICE, json=body)
    assert response.json()["messages"][0]["code"] == CODE_INVALID_LENGTH == 83


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "A JSON request body is required"),
        (b"{not json", "not valid JSON"),
        (b"[]", "must be a JSON object"),
    ],
)
async def test_bodies_that_are_not_a_json_object_are_400(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers, start: str, content: bytes, words: str
) -> None:
    employee = free_employee(store, employers.alice[0], start)
    response = await client.post(f"{API}/employees/{employee}/absences", headers=ALICE, content=content)
    assert_messages(response, 400, "BrokenBusinessRule", words)


async def test_business_rules_on_the_start_date(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers, start: str
) -> None:
    employee = free_employee(store, employers.alice[0], start)
    url = f"{API}/employees/{employee}/absences"
    tomorrow = (store.data.today + timedelta(days=1)).isoformat()
    future = await client.post(url, headers=ALICE, json=valid_body(tomorrow))
    assert_messages(
        future, 400, "BrokenBusinessRule", f"progress.startDate ({tomorrow}) may not be after today"
    )
    first_job = min(job["startDate"] for job in store.data.employments.under(employee))
    before = (date.fromisoformat(first_job) - timedelta(days=1)).isoformat()
    unemployed = await client.post(url, headers=ALICE, json=valid_body(before))
    assert_messages(unemployed, 400, "BrokenBusinessRule", f"no employment on progress.startDate ({before})")
    earlier = store.absences.under(employee)[0]
    overlap = await client.post(url, headers=ALICE, json=valid_body(earlier["progress"]["startDate"]))
    assert_messages(overlap, 400, "BrokenBusinessRule", f"would overlap absence '{earlier['id']}'")
