"""GET /employees (versions 1 and 2) and GET /employees/{personId}, against the seeded data."""

from __future__ import annotations

import pytest

from simulators.config import SimConfig
from simulators.informat.dataset import Dataset
from simulators.people import people_in_both_loket_and_informat
from tests.simulators.informat.support import (
    BRUGGE,
    CURRENT,
    GENT,
    HASSELT,
    MECHELEN,
    NEXT,
    OLDEST,
    Api,
    codes,
)

V2_FIELDS = [
    "pPersoon",
    "personId",
    "personaId",
    "naam",
    "voornaam",
    "bijkomendeVoornamen",
    "stamnr",
    "sortName",
    "nickname",
    "geslacht",
    "initialen",
    "geboortedatum",
    "geboorteplaats",
    "geboortelandCode",
    "nationaliteitCode",
    "rijksregisternr",
    "bisnr",
    "bank",
    "hoofdAmbt",
    "eersteDienstSchool",
    "eersteDienstScholengroep",
    "eersteDienstScholengemeenschap",
    "isActive",
    "pensioendatum",
    "isMindervalide",
    "isOverleden",
    "datumOverleden",
    "burgStand",
    "aantalKinderen",
    "mindervalideKinderen",
    "aantalZorgbehoevenden",
    "aantalAndereTenLaste",
    "aantalMindervalideAndereTenLaste",
    "partner",
    "adressen",
    "comnrs",
    "emailadressen",
    "kinderen",
    "personeelsgroepen",
]
V1_FIELDS = [
    "personId",
    "naam",
    "voornaam",
    "stamnr",
    "ambtcode",
    "isActive",
    "email",
]


def with_assignment(dataset: Dataset, institute: str, year: int, hfd: str | None = None) -> set[str]:
    return {
        a.person_id for a in dataset.assignments_by_year.get((institute, year), []) if hfd in (None, a.hfd)
    }


def marked_active(dataset: Dataset, institute: str, hfd: str | None = None) -> set[str]:
    return {
        e.person_id
        for e in dataset.staff[institute]
        if (
            hfd in e.memberships[institute].active_structures
            if hfd
            else e.memberships[institute].active_structures
        )
    }


async def test_v2_current_year_is_assignment_holders_or_active_staff(api: Api, dataset: Dataset) -> None:
    response = await api.get("/employees", schoolyear=CURRENT)
    assert response.status_code == 200
    rows = response.json()
    assert all(list(row) == V2_FIELDS for row in rows)
    expected = with_assignment(dataset, HASSELT, 2026) | marked_active(dataset, HASSELT)
    assert {row["personId"] for row in rows} == expected
    assert marked_active(dataset, HASSELT) - with_assignment(dataset, HASSELT, 2026), (
        "someone active without work"
    )
    assert len(rows) == len(expected)
    assert [row["sortName"] for row in rows] == sorted(row["sortName"] for row in rows)


async def test_v2_past_year_is_assignment_holders_only(api: Api, dataset: Dataset) -> None:
    rows = (await api.get("/employees", schoolyear=OLDEST)).json()
    assert {row["personId"] for row in rows} == with_assignment(dataset, HASSELT, 2024)


async def test_v2_future_year_is_the_active_staff(api: Api, dataset: Dataset) -> None:
    rows = (await api.get("/employees", schoolyear=NEXT)).json()
    assert {row["personId"] for row in rows} == marked_active(dataset, HASSELT)


@pytest.mark.parametrize("params", [{"schoolyear": "2026"}, {"schoolYear": CURRENT}, {"SCHOOLYEAR": CURRENT}])
async def test_school_year_spellings(api: Api, params: dict[str, str]) -> None:
    same = (await api.get("/employees", schoolyear=CURRENT)).json()
    assert (await api.get("/employees", **params)).json() == same


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["BR004A"]),
        ({"schoolyear": ""}, ["BR004A"]),
        ({"schoolyear": "2026-28"}, ["BR004B"]),
        ({"schoolyear": "26-27"}, ["BR004B"]),
        ({"schoolyear": "2026/27"}, ["BR004B"]),
        ({"schoolyear": "twenty"}, ["BR004B"]),
        ({"schoolyear": CURRENT, "structure": "31"}, ["BR005B"]),
        ({"schoolyear": "x", "structure": "3111"}, ["BR004B", "BR005B"]),
        ({"schoolyear": CURRENT, "structure": "312"}, ["BR013"]),
        ({"schoolyear": "2010-11", "structure": "311"}, ["BR013"]),
    ],
)
async def test_v2_parameter_errors(api: Api, params: dict[str, str], expected: list[str]) -> None:
    response = await api.get("/employees", **params)
    assert response.status_code == 400
    assert codes(response) == expected


async def test_v2_repeated_school_year_is_a_format_error(api: Api) -> None:
    response = await api.http.get(
        "/informat/employees?schoolyear=2026-27&schoolyear=2025-26", headers=api.headers()
    )
    assert response.status_code == 400 and codes(response) == ["BR004B"]


async def test_v2_year_outside_the_data_without_structure_is_404_no_data(api: Api) -> None:
    """Attachment 1: 404 "no data in the response set"; with an empty body, as every 404 here."""
    response = await api.get("/employees", schoolyear="2010-11")
    assert response.status_code == 404 and response.content == b""


async def test_v2_structure_312_narrows_staff_groups_and_main_function(api: Api, dataset: Dataset) -> None:
    rows = (await api.get("/employees", institute=MECHELEN, schoolyear=CURRENT, structure="312")).json()
    expected = with_assignment(dataset, MECHELEN, 2026, "312") | marked_active(dataset, MECHELEN, "312")
    assert {row["personId"] for row in rows} == expected
    groups_312 = {
        g[0] for e in dataset.staff[MECHELEN] for g in e.memberships[MECHELEN].groups if g[2] == "312"
    }
    assert all({g["id"] for g in row["personeelsgroepen"]} <= groups_312 for row in rows)
    assert all(row["hoofdAmbt"] is not None for row in rows)


async def test_v2_structures_other_than_311_312_are_ignored(api: Api) -> None:
    everyone = (await api.get("/employees", institute=GENT, schoolyear=CURRENT)).json()
    assert (
        await api.get("/employees", institute=GENT, schoolyear=CURRENT, structure="211")
    ).json() == everyone
    assert (
        await api.get("/employees", institute=HASSELT, schoolyear=CURRENT, structure="999")
    ).status_code == 200


async def test_v1_requires_structure_and_lists_the_short_form(api: Api, dataset: Dataset) -> None:
    assert codes(await api.get("/employees", version=None, schoolyear=CURRENT)) == ["BR005A"]
    rows = (
        await api.get("/employees", version="1", structure="211", institute=GENT, schoolyear=OLDEST)
    ).json()
    assert all(list(row) == V1_FIELDS for row in rows)
    assert {row["personId"] for row in rows} == {
        dataset.employees[p].p_persoon for p in with_assignment(dataset, GENT, 2024, "211")
    }
    for row in rows[:20]:
        employee = next(e for e in dataset.staff[GENT] if e.p_persoon == row["personId"])
        school = [m["email"] for m in employee.base["emailadressen"] if m["type"] == "School"]
        assert isinstance(row["personId"], int) and row["email"] == school


async def test_v1_without_school_year_is_everyone_who_ever_worked_in_the_structure(
    api: Api, dataset: Dataset
) -> None:
    rows = (await api.get("/employees", version="1", structure="111", institute=GENT)).json()
    ever = {e.p_persoon for e in dataset.staff[GENT] if "111" in e.memberships[GENT].structures}
    assert {row["personId"] for row in rows} == ever
    assert len(ever) > len(with_assignment(dataset, GENT, 2026, "111"))


async def test_one_employee_is_the_list_item(api: Api) -> None:
    rows = (await api.get("/employees", institute=MECHELEN, schoolyear=CURRENT, structure="311")).json()
    row = rows[len(rows) // 2]
    response = await api.get(
        f"/employees/{row['personId']}", institute=MECHELEN, schoolyear=CURRENT, structure="311"
    )
    assert response.status_code == 200 and response.json() == row
    braces = "{" + row["personId"].upper() + "}"
    assert (
        await api.get(f"/employees/{braces}", institute=MECHELEN, version="1", schoolyear=CURRENT)
    ).json()["personId"] == row["personId"]


async def test_structure_never_worked_in_gives_no_main_function(api: Api, dataset: Dataset) -> None:
    person = next(
        e
        for e in dataset.staff[MECHELEN]
        if e.memberships[MECHELEN].structures == ("311",) and e.memberships[MECHELEN].active_structures
    )
    body = (
        await api.get(
            f"/employees/{person.person_id}", institute=MECHELEN, schoolyear=CURRENT, structure="312"
        )
    ).json()
    assert body["hoofdAmbt"] is None and body["isActive"] is False and body["eersteDienstSchool"] is None
    plain = (await api.get(f"/employees/{person.person_id}", institute=MECHELEN, schoolyear=CURRENT)).json()
    assert plain["hoofdAmbt"]["code"] == person.memberships[MECHELEN].ambt.code and plain["isActive"] is True


async def test_one_employee_errors(api: Api, dataset: Dataset) -> None:
    someone = dataset.staff[HASSELT][0].person_id
    brugge_only = next(e for e in dataset.staff[BRUGGE] if set(e.memberships) == {BRUGGE}).person_id
    assert codes(await api.get(f"/employees/{someone}")) == ["BR004A"]
    assert codes(await api.get("/employees/not-a-guid", schoolyear=CURRENT)) == ["BR001"]
    assert codes(await api.get(f"/employees/{someone}", schoolyear=CURRENT, structure="312")) == ["BR013"]
    for missing in (brugge_only, "00000000-0000-0000-0000-000000000000"):
        response = await api.get(f"/employees/{missing}", schoolyear=CURRENT)
        assert response.status_code == 404 and response.content == b""


async def test_people_shared_with_loket_are_staff_of_demo_schools(
    api: Api, informat_config: SimConfig
) -> None:
    shared = people_in_both_loket_and_informat(informat_config.seed, informat_config.today)
    seen: set[tuple[str, str, str]] = set()
    for institute in (HASSELT, MECHELEN, GENT):
        for row in (await api.get("/employees", institute=institute, schoolyear=CURRENT)).json():
            seen.add((row["voornaam"], row["naam"], row["geboortedatum"][:10]))
    for person in shared:
        assert (person.name.first_name, person.name.full_last_name, person.date_of_birth.isoformat()) in seen
