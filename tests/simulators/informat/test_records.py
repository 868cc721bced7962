"""The school-year lists: assignments, interruptions, diplomas, appointments, photos, own fields."""

from __future__ import annotations

import base64
from datetime import date, datetime

import pytest

from simulators.informat.dataset import Dataset
from simulators.informat.schoolyears import SchoolYear
from tests.simulators.informat.support import CURRENT, GENT, HASSELT, MECHELEN, OLDEST, PREVIOUS, Api, codes

ASSIGNMENT_FIELDS = [
    "id",
    "personId",
    "begindatum",
    "einddatum",
    "hfd",
    "vervangingen",
    "prestatieUren",
    "prestatieNoemer",
    "urenTbsOB",
    "ato",
    "afstandWachtgeld",
    "reaffWedertew",
    "bekwaamheidsbewijs",
    "graad",
    "leerjaar",
    "onderwijsvorm",
    "opleidingsvorm",
    "ambtCode",
    "ambt",
    "vakCode",
    "vak",
    "vakRubriek",
    "gelijkgesteldVakCode",
    "gelijkgesteldVak",
    "gelijkgesteldVakRubriek",
    "isAmbtvak",
    "aanstellingscode",
    "isTao",
    "isVacature",
    "mandaatCode",
    "omkaderingCode",
    "omkadering",
    "opmerking",
    "vestiging",
    "baremaCode",
    "barema",
    "vwoStudiegebiedCode",
    "vwoStudiegebied",
    "vwoOpleidingCode",
    "vwoOpleiding",
    "vwoModuleCode",
    "vwoModule",
    "urenVanScholengem",
    "urenVanAndereSchool",
    "opdrachtType",
]
INTERRUPTION_FIELDS = [
    "doId",
    "personId",
    "hfd",
    "begindatum",
    "einddatum",
    "code",
    "omschrijving",
    "soort",
    "verstuurdAgODi",
    "opmSecretariaat",
    "opmPersoneelslid",
    "staking",
    "stakingUren",
    "ziekteverlofZonderBezoldiging",
]
BULK = [
    f"/employees/{name}"
    for name in ("assignments", "interruptions", "diplomas", "appointments", "photos", "ownfields")
]


def day(text: str) -> date:
    return date.fromisoformat(text[:10])


async def test_assignments_of_a_school_year(api: Api, dataset: Dataset) -> None:
    rows = (await api.get("/employees/assignments", institute=MECHELEN, schoolyear=PREVIOUS)).json()
    assert all(list(row) == ASSIGNMENT_FIELDS for row in rows)
    assert [row["id"] for row in rows] == [a.id for a in dataset.assignments_by_year[(MECHELEN, 2025)]]
    year = SchoolYear(2025)
    assert all(year.first_day <= day(r["begindatum"]) <= day(r["einddatum"]) <= year.last_day for r in rows)
    assert {row["hfd"] for row in rows} == {"311", "312"}


async def test_assignments_by_structure_and_subsidisable_hours(api: Api) -> None:
    everything = (await api.get("/employees/assignments", institute=MECHELEN, schoolyear=CURRENT)).json()
    only_312 = (
        await api.get("/employees/assignments", institute=MECHELEN, schoolyear=CURRENT, structure="312")
    ).json()
    assert only_312 and only_312 == [row for row in everything if row["hfd"] == "312"]
    subsidised = (
        await api.get(
            "/employees/assignments", institute=MECHELEN, schoolyear=CURRENT, inclNonSubHours="FALSE"
        )
    ).json()
    assert any(row["opdrachtType"] == 2 for row in everything)
    assert subsidised == [row for row in everything if row["opdrachtType"] == 1]
    explicit = await api.get(
        "/employees/assignments", institute=MECHELEN, schoolyear=CURRENT, inclNonSubHours="true"
    )
    assert explicit.json() == everything


async def test_invalid_boolean_is_a_model_binding_problem(api: Api) -> None:
    response = await api.get("/employees/assignments", schoolyear=CURRENT, inclNonSubHours="maybe")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"] == {
        "inclNonSubHours": ["The value 'maybe' is not valid for inclNonSubHours."]
    }


async def test_substitutions_link_an_interim_assignment_and_an_interruption(api: Api) -> None:
    for year in (OLDEST, PREVIOUS, CURRENT):
        rows = (await api.get("/employees/assignments", schoolyear=year)).json()
        by_id = {row["id"]: row for row in rows}
        linked = [(row, link) for row in rows for link in row["vervangingen"]]
        if linked:
            break
    assert linked, "some long sickness is covered by a substitute"
    interruptions = {
        i["doId"]: i for i in (await api.get("/employees/interruptions", schoolyear=year)).json()
    }
    for row, link in linked:
        substitute, absence = by_id[link["opdrachtId"]], interruptions[link["doId"]]
        assert substitute["ato"] == "1" and absence["personId"] == row["personId"] != substitute["personId"]


async def test_per_person_assignments(api: Api, dataset: Dataset) -> None:
    person = dataset.assignments_by_year[(HASSELT, 2026)][0].person_id
    rows = (await api.get(f"/employees/{person}/assignments", schoolyear=CURRENT)).json()
    assert rows and rows == [
        a.json for a in dataset.assignments_by_year[(HASSELT, 2026)] if a.person_id == person
    ]


async def test_interruptions_overlapping_the_school_year(api: Api, dataset: Dataset) -> None:
    year = SchoolYear(2025)
    rows = (await api.get("/employees/interruptions", institute=GENT, schoolyear=PREVIOUS)).json()
    expected = {i.id for i in dataset.interruptions if i.institute == GENT and year.overlaps(i.begin, i.end)}
    assert {row["doId"] for row in rows} == expected and len(rows) == len(expected)
    assert all(list(row) == INTERRUPTION_FIELDS for row in rows)
    assert [row["begindatum"] for row in rows] == sorted(row["begindatum"] for row in rows)
    assert {row["code"] for row in rows} >= {"1"}
    crossing = [i for i in dataset.interruptions if i.begin < year.first_day <= i.end and i.institute == GENT]
    assert all(i.id in expected for i in crossing)


async def test_interruption_kinds_follow_the_document(api: Api) -> None:
    rows = [
        row
        for institute in (HASSELT, MECHELEN)
        for row in (
            await api.get("/employees/interruptions", institute=institute, schoolyear=PREVIOUS)
        ).json()
    ]
    codes_seen = {row["code"] for row in rows}
    assert {"1", "45"} <= codes_seen
    for row in rows:
        if row["soort"] == "0":
            assert row["verstuurdAgODi"] is None
        if row["code"] == "45":
            assert row["staking"] in ("Dag", "VM", "NM", "Uren")
            assert (row["stakingUren"] is not None) == (row["staking"] == "Uren")
        else:
            assert row["staking"] is None and row["stakingUren"] is None


async def test_interruptions_by_structure_and_person(api: Api) -> None:
    everything = (await api.get("/employees/interruptions", institute=MECHELEN, schoolyear=CURRENT)).json()
    only_311 = (
        await api.get("/employees/interruptions", institute=MECHELEN, schoolyear=CURRENT, structure="311")
    ).json()
    assert only_311 == [row for row in everything if row["hfd"] == "311"]
    person = everything[0]["personId"]
    mine = (
        await api.get(f"/employees/{person}/interruptions", institute=MECHELEN, schoolyear=CURRENT)
    ).json()
    assert mine == [row for row in everything if row["personId"] == person]


async def test_diplomas_belong_to_the_selected_staff(api: Api, dataset: Dataset) -> None:
    staff = {row["personId"] for row in (await api.get("/employees", schoolyear=OLDEST)).json()}
    rows = (await api.get("/employees/diplomas", schoolyear=OLDEST)).json()
    assert {row["personId"] for row in rows} == {p for p in staff if dataset.diplomas[p]}
    assert len(rows) == sum(len(dataset.diplomas[p]) for p in staff)
    assert all(
        list(row)
        == [
            "id",
            "personId",
            "omschrijving",
            "uitgereiktDoor",
            "uitgereiktOp",
            "isHoofddiploma",
            "isBekwaamheidsbewijs",
        ]
        for row in rows
    )
    person = rows[0]["personId"]
    assert (await api.get(f"/employees/{person}/diplomas", schoolyear=OLDEST)).json() == dataset.diplomas[
        person
    ]


async def test_appointments_in_bulk_and_per_person(api: Api, dataset: Dataset) -> None:
    rows = (
        await api.get("/employees/appointments", institute=MECHELEN, schoolyear=CURRENT, structure="311")
    ).json()
    assert rows and {row["hfd"] for row in rows} == {"311"}
    person = rows[0]["personId"]
    mine = (await api.get(f"/employees/{person}/appointments", institute=MECHELEN)).json()
    assert mine == [a.json for a in dataset.appointments[(MECHELEN, person)]]
    none = await api.get(f"/employees/{person}/appointments", institute=MECHELEN, structure="111")
    assert none.status_code == 404 and none.content == b""


async def test_photos_and_changed_since(api: Api, dataset: Dataset) -> None:
    rows = (await api.get("/employees/photos", schoolyear=CURRENT)).json()
    assert rows and all(list(row) == ["id", "personId", "photo"] for row in rows)
    assert base64.b64decode(rows[0]["photo"]).startswith(b"\x89PNG")
    cutoff = datetime(2026, 6, 1)
    recent = (await api.get("/employees/photos", schoolyear=CURRENT, changedSince="2026-06-01")).json()
    expected = [row for row in rows if dataset.photos[row["personId"]].changed >= cutoff]
    assert recent == expected and 0 < len(recent) < len(rows)
    same = await api.get("/employees/photos", schoolyear=CURRENT, changedSince="2026-06-01T00:00:00.000Z")
    assert same.json() == expected
    bad = await api.get("/employees/photos", schoolyear=CURRENT, changedSince="yesterday")
    assert bad.status_code == 400 and "changedSince" in bad.json()["errors"]


async def test_photo_of_one_employee(api: Api, dataset: Dataset) -> None:
    with_photo = next(e.person_id for e in dataset.staff[HASSELT] if e.person_id in dataset.photos)
    without = next(e.person_id for e in dataset.staff[HASSELT] if e.person_id not in dataset.photos)
    response = await api.get(f"/employees/{with_photo}/photos")
    assert response.json() == dataset.photos[with_photo].json
    assert (await api.get(f"/employees/{without}/photos")).status_code == 404


async def test_own_fields(api: Api, dataset: Dataset) -> None:
    rows = (await api.get("/employees/ownfields", institute=GENT, schoolyear=CURRENT)).json()
    assert rows and all(
        list(row) == ["personId", "vvId", "naam", "waarde", "dataType", "rubriek"] for row in rows
    )
    assert {row["dataType"] for row in rows} <= {"Tekst", "Datum", "Getal"}
    by_name: dict[str, set[str]] = {}
    for row in rows:
        by_name.setdefault(row["naam"], set()).add(row["vvId"])
    assert all(len(ids) <= 2 for ids in by_name.values())  # one id per field (per structure)
    ids_111 = {v.json["vvId"] for values in dataset.own_fields.values() for v in values if v.hfd == "111"}
    only_111 = (
        await api.get("/employees/ownfields", institute=GENT, schoolyear=CURRENT, structure="111")
    ).json()
    assert only_111 and only_111 == [row for row in rows if row["vvId"] in ids_111]
    person = rows[0]["personId"]
    mine = (await api.get(f"/employees/{person}/ownfields", institute=GENT, schoolyear=CURRENT)).json()
    assert mine == [row for row in rows if row["personId"] == person]


@pytest.mark.parametrize("path", BULK)
async def test_every_bulk_list_requires_a_valid_school_year(api: Api, path: str) -> None:
    assert codes(await api.get(path)) == ["BR004A"]
    assert codes(await api.get(path, schoolyear="2026-2027")) == ["BR004B"]
    assert codes(await api.get(path, schoolyear=CURRENT, structure="31")) == ["BR005B"]
    assert codes(await api.get(path, schoolyear=CURRENT, structure="312")) == ["BR013"]
    ok = await api.get(path, schoolyear="2026")
    assert ok.status_code == 200 and ok.json() == (await api.get(path, schoolyear=CURRENT)).json()


@pytest.mark.parametrize(
    ("path", "ignored"), [(path, path.endswith(("diplomas", "photos"))) for path in BULK]
)
async def test_structures_beyond_311_312_only_matter_where_records_carry_one(
    api: Api, path: str, ignored: bool
) -> None:
    """Diplomas and photos use the structure for the employee filter only (311/312); the others
    filter their own records by any structure, so one the school lacks is BR013."""
    response = await api.get(path, schoolyear=CURRENT, structure="211")
    if ignored:
        assert response.json() == (await api.get(path, schoolyear=CURRENT)).json()
    else:
        assert codes(response) == ["BR013"]


@pytest.mark.parametrize(
    "path", [p.replace("/employees/", "/employees/{id}/") for p in BULK if "appoint" not in p]
)
async def test_per_person_lists_check_the_person(api: Api, dataset: Dataset, path: str) -> None:
    assert codes(await api.get(path.format(id="nope"), schoolyear=CURRENT)) == ["BR001"]
    stranger = next(e.person_id for e in dataset.staff[GENT] if HASSELT not in e.memberships)
    assert (await api.get(path.format(id=stranger), schoolyear=CURRENT)).status_code == 404
