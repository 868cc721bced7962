"""PUT /employees/{personId}/interruptions/{interruptionId} and DELETE /employees/interruptions/{id}:
the document's field rules (BR…, 400) and stored-state rules (MNA…, 405)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest

from simulators.informat.dataset import Dataset
from simulators.informat.records import Interruption
from simulators.informat.schoolyears import SchoolYear
from tests.simulators.informat.support import (
    CURRENT,
    GENT,
    HASSELT,
    MECHELEN,
    PREVIOUS,
    Api,
    codes,
    fetch_token,
    rows,
)

NEW_ID = "c5f21445-1180-42ef-832e-62a8d53044c2"
OTHER_ID = "9b0a7e3c-52d4-4c41-a1f7-6c3f0d2e8b11"
DEMO_SCHOOLS = (HASSELT, MECHELEN, GENT)


def body(**changes: Any) -> dict[str, Any]:
    """The document's example body, moved to the simulated current school year."""
    example = {
        "Instelnr": HASSELT,
        "Schooljaar": CURRENT,
        "Hfd": "311",
        "Code": "1",
        "Begindatum": "2027-06-14T00:00:00",
        "Einddatum": "2027-06-18T00:00:00",
        "Opmerking": "Inserted by API",
        "NaamGeneesheer": "Forever young",
        "TelefoonGeneesheer": "056 11 22 33",
        "MagWoonstVerlaten": True,
        "Afzender": "Name sending software",
        "Geverifieerd": False,
        "ZiekteverlofZonderBezoldiging": False,
    }
    for key, value in changes.items():
        if value is None:
            example.pop(key, None)
        else:
            example[key] = value
    return example


@pytest.fixture
def teacher(dataset: Dataset) -> str:
    """Someone with a 311 assignment at Hasselt this school year."""
    return next(a.person_id for a in dataset.assignments_by_year[(HASSELT, 2026)] if a.hfd == "311")


def seeded(dataset: Dataset, rule: Callable[[Interruption], bool]) -> Interruption:
    return next(i for i in dataset.interruptions if i.institute in DEMO_SCHOOLS and i.code == "1" and rule(i))


def body_for(item: Interruption, **changes: Any) -> dict[str, Any]:
    facts = {
        "Instelnr": item.institute,
        "Schooljaar": SchoolYear(item.school_year).label,
        "Hfd": item.hfd,
        "Begindatum": item.begin.isoformat(),
        "Einddatum": item.end.isoformat(),
    }
    return body(**{**facts, **changes})


async def listed(
    api: Api, person: str, institute: str = HASSELT, year: str = CURRENT
) -> list[dict[str, Any]]:
    return rows(await api.get(f"/employees/{person}/interruptions", institute=institute, schoolyear=year))


async def test_add_then_update_a_sickness(api: Api, teacher: str) -> None:
    response = await api.put(f"/employees/{teacher}/interruptions/{NEW_ID}", body())
    assert response.status_code == 200 and response.content == b""
    [row] = [row for row in await listed(api, teacher) if row["doId"] == NEW_ID]
    assert row == {
        "doId": NEW_ID,
        "personId": teacher,
        "hfd": "311",
        "begindatum": "2027-06-14T00:00:00",
        "einddatum": "2027-06-18T00:00:00",
        "code": "1",
        "omschrijving": "Ziekteverlof",
        "soort": "2",
        "verstuurdAgODi": False,
        "opmSecretariaat": "",
        "opmPersoneelslid": "Inserted by API",
        "staking": None,
        "stakingUren": None,
        "ziekteverlofZonderBezoldiging": False,
    }
    lower_case_keys = {key.lower(): value for key, value in body(Einddatum="2027-06-21").items()}
    assert (
        await api.put(f"/employees/{teacher}/interruptions/{{{NEW_ID.upper()}}}", lower_case_keys)
    ).status_code == 200
    rows = [row for row in await listed(api, teacher) if row["doId"] == NEW_ID]
    assert [row["einddatum"] for row in rows] == ["2027-06-21T00:00:00"]
    bulk = (await api.get("/employees/interruptions", schoolyear=CURRENT)).json()
    assert NEW_ID in {row["doId"] for row in bulk}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"Code": "2", "Einddatum": "2027-06-01"}, ["BR006B", "BR008B"]),  # the document's example
        ({"Instelnr": None}, ["BR003A"]),
        ({"Instelnr": ""}, ["BR003A"]),
        ({"Schooljaar": None}, ["BR004A"]),
        ({"Schooljaar": "2026"}, ["BR004B"]),
        ({"Schooljaar": "2026-28"}, ["BR004B"]),
        ({"Hfd": None}, ["BR005A"]),
        ({"Hfd": "31"}, ["BR005B"]),
        ({"Code": None}, ["BR006A"]),
        ({"Code": "45"}, ["BR006B"]),
        ({"Begindatum": None}, ["BR007A"]),
        ({"Einddatum": None}, ["BR008A"]),
        ({"Opmerking": "x" * 501}, ["BR009"]),
        ({"NaamGeneesheer": "x" * 76}, ["BR010"]),
        ({"TelefoonGeneesheer": "0" * 21}, ["BR011"]),
        ({"Afzender": None}, ["BR012A"]),
        ({"Afzender": "x" * 51}, ["BR012B"]),
        (
            {
                "Instelnr": None,
                "Schooljaar": None,
                "Hfd": None,
                "Code": None,
                "Begindatum": None,
                "Einddatum": None,
                "Afzender": None,
            },
            ["BR003A", "BR004A", "BR005A", "BR006A", "BR007A", "BR008A", "BR012A"],
        ),
        ({"Instelnr": MECHELEN}, ["BR013"]),
        ({"Hfd": "211"}, ["BR013"]),
        ({"Schooljaar": "2015-16"}, ["BR013"]),
    ],
)
async def test_field_rules(api: Api, teacher: str, changes: dict[str, Any], expected: list[str]) -> None:
    response = await api.put(f"/employees/{teacher}/interruptions/{NEW_ID}", body(**changes))
    assert response.status_code == 400
    assert codes(response) == expected
    assert response.json()["errors"][0]["Message"]
    assert NEW_ID not in {row["doId"] for row in await listed(api, teacher)}


async def test_limits_are_inclusive(api: Api, teacher: str) -> None:
    limits = body(
        Opmerking="x" * 500, NaamGeneesheer="x" * 75, TelefoonGeneesheer="0" * 20, Afzender="x" * 50
    )
    assert (await api.put(f"/employees/{teacher}/interruptions/{NEW_ID}", limits)).status_code == 200


async def test_path_ids_and_employee(api: Api, dataset: Dataset) -> None:
    assert codes(await api.put("/employees/nope/interruptions/nope", body())) == ["BR001", "BR002"]
    stranger = next(e.person_id for e in dataset.staff[GENT] if HASSELT not in e.memberships)
    for person in (stranger, "00000000-0000-0000-0000-000000000001"):
        assert codes(await api.put(f"/employees/{person}/interruptions/{NEW_ID}", body())) == ["BR014"]


@pytest.mark.parametrize(
    ("content", "content_type", "status"),
    [
        (b'{"Hfd": 311}', "application/json", 400),
        (b'{"Begindatum": "next monday"}', "application/json", 400),
        (b'{"MagWoonstVerlaten": "yes"}', "application/json", 400),
        (b"[1, 2]", "application/json", 400),
        (b"{not json", "application/json", 400),
        (b"", "application/json", 400),
        (b"{}", "text/plain", 415),
        (b"{}", "", 415),
    ],
)
async def test_bodies_that_do_not_bind(
    api: Api, teacher: str, content: bytes, content_type: str, status: int
) -> None:
    headers = {**api.headers(), "Content-Type": content_type}
    response = await api.http.put(
        f"/informat/employees/{teacher}/interruptions/{NEW_ID}", content=content, headers=headers
    )
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == status


async def test_overlap_with_an_existing_interruption(api: Api, dataset: Dataset) -> None:
    item = seeded(dataset, lambda i: i.school_year == 2026)
    response = await api.put(
        f"/employees/{item.person_id}/interruptions/{NEW_ID}", body_for(item), item.institute
    )
    assert response.status_code == 405 and codes(response) == ["MNA005"]


async def test_update_into_an_overlap(api: Api, teacher: str) -> None:
    assert (await api.put(f"/employees/{teacher}/interruptions/{NEW_ID}", body())).status_code == 200
    later = body(Begindatum="2027-06-21", Einddatum="2027-06-25")
    assert (await api.put(f"/employees/{teacher}/interruptions/{OTHER_ID}", later)).status_code == 200
    response = await api.put(f"/employees/{teacher}/interruptions/{OTHER_ID}", body(Einddatum="2027-06-25"))
    assert response.status_code == 405 and codes(response) == ["MNA006"]


async def test_linked_to_another_school_or_employee(api: Api, dataset: Dataset, teacher: str) -> None:
    assert (await api.put(f"/employees/{teacher}/interruptions/{NEW_ID}", body())).status_code == 200
    moved = body(Schooljaar=PREVIOUS, Begindatum="2026-06-15", Einddatum="2026-06-16")
    assert codes(await api.put(f"/employees/{teacher}/interruptions/{NEW_ID}", moved)) == ["MNA001"]
    colleague = next(
        a.person_id for a in dataset.assignments_by_year[(HASSELT, 2026)] if a.person_id != teacher
    )
    assert codes(await api.put(f"/employees/{colleague}/interruptions/{NEW_ID}", body())) == ["MNA002"]


async def test_sent_to_agodi_freezes_dates_code_and_structure(api: Api, dataset: Dataset) -> None:
    item = seeded(dataset, lambda i: i.sent_to_agodi and not i.has_substitution)
    path = f"/employees/{item.person_id}/interruptions/{item.id}"
    longer = body_for(item, Einddatum=(item.end + timedelta(days=1)).isoformat())
    assert codes(await api.put(path, longer, item.institute)) == ["MNA003"]
    remark_only = body_for(item, Opmerking="Attest bezorgd")
    assert (await api.put(path, remark_only, item.institute)).status_code == 200


async def test_substitution_freezes_dates_and_structure(api: Api, dataset: Dataset) -> None:
    item = seeded(dataset, lambda i: i.has_substitution and not i.sent_to_agodi)
    path = f"/employees/{item.person_id}/interruptions/{item.id}"
    shorter = body_for(item, Einddatum=item.begin.isoformat())
    assert codes(await api.put(path, shorter, item.institute)) == ["MNA004"]


async def test_delete_a_sickness_added_via_the_api(api: Api, teacher: str) -> None:
    assert (await api.put(f"/employees/{teacher}/interruptions/{NEW_ID}", body())).status_code == 200
    response = await api.delete(f"/employees/interruptions/{NEW_ID}")
    assert response.status_code == 200 and response.content == b""
    assert NEW_ID not in {row["doId"] for row in await listed(api, teacher)}
    assert codes(await api.delete(f"/employees/interruptions/{NEW_ID}")) == ["BR018"]


async def test_delete_refused_when_verified(api: Api, teacher: str) -> None:
    assert (
        await api.put(f"/employees/{teacher}/interruptions/{NEW_ID}", body(Geverifieerd=True))
    ).status_code == 200
    response = await api.delete(f"/employees/interruptions/{NEW_ID}")
    assert response.status_code == 405 and codes(response) == ["MNA009"]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (lambda i: not i.via_api, "MNA008"),
        (lambda i: i.via_api and i.verified, "MNA009"),
        (lambda i: i.via_api and not i.verified and i.sent_to_agodi, "MNA010"),
        (lambda i: i.via_api and not i.verified and not i.sent_to_agodi and i.has_substitution, "MNA011"),
    ],
)
async def test_delete_rules_on_seeded_interruptions(
    api: Api, dataset: Dataset, rule: Callable[[Interruption], bool], expected: str
) -> None:
    item = seeded(dataset, rule)
    response = await api.delete(f"/employees/interruptions/{item.id}", item.institute)
    assert response.status_code == 405 and codes(response) == [expected]


async def test_delete_path_errors(api: Api, dataset: Dataset) -> None:
    assert codes(await api.delete("/employees/interruptions/nope")) == ["BR002"]
    assert codes(await api.delete(f"/employees/interruptions/{NEW_ID}")) == ["BR018"]
    elsewhere = seeded(dataset, lambda i: i.institute == MECHELEN)
    assert codes(await api.delete(f"/employees/interruptions/{elsewhere.id}", HASSELT)) == ["BR018"]


async def test_reset_restores_the_seeded_interruptions(
    api: Api, http: httpx.AsyncClient, teacher: str
) -> None:
    before = (await api.get("/employees/interruptions", schoolyear=CURRENT)).json()
    assert (await api.put(f"/employees/{teacher}/interruptions/{NEW_ID}", body())).status_code == 200
    assert (await http.post("/_sim/reset")).status_code == 204
    api.token = await fetch_token(http)
    assert (await api.get("/employees/interruptions", schoolyear=CURRENT)).json() == before
