"""Persons: Loket employees (paged, filtered and ordered by Loket) and Informat staff (by the gateway),
answers checked against the simulators' seeded data, node lookups and bad input."""

from __future__ import annotations

from dataclasses import replace

import pytest

from simulators.config import SimConfig
from simulators.informat import dataset as informat_data
from simulators.informat.schoolyears import SchoolYear
from simulators.informat.views import staff_in_year
from simulators.loket import dataset as loket_data
from tests.conftest import SIM_TODAY
from tests.schema.conftest import ALICE, BOB, Gateway

EMPLOYERS = "{ employers(orderBy: [COMPANY_NAME_ASC]) { nodes { id sourceId companyName } } }"
PERSONS = """
query($employer: ID, $institute: String, $year: SchoolYear, $filter: PersonFilter,
      $order: [PersonOrder!], $first: Int, $after: String) {
  persons(employerId: $employer, instituteNo: $institute, schoolYear: $year, filter: $filter,
          orderBy: $order, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id source sourceId firstName lastName initials dateOfBirth emails employeeNumber }
  }
}
"""


@pytest.fixture
def hr(gateway: Gateway) -> Gateway:
    """The gateway with its 'today' pinned to the simulators' (default periods, current school year)."""
    return replace(gateway, settings=replace(gateway.settings, today=SIM_TODAY))


@pytest.fixture(scope="module")
def loket(sim_config: SimConfig) -> loket_data.Dataset:
    return loket_data.build_dataset(sim_config)


@pytest.fixture(scope="module")
def informat(sim_config: SimConfig) -> informat_data.Dataset:
    return informat_data.build_dataset(sim_config)


async def employer(hr: Gateway, name: str) -> dict[str, str]:
    result = await hr.execute(EMPLOYERS, **ALICE)
    return next(n for n in result.data["employers"]["nodes"] if n["companyName"].startswith(name))


async def test_loket_persons_are_the_employers_employees(hr: Gateway, loket: loket_data.Dataset) -> None:
    rijnmond = await employer(hr, "Stichting")
    await hr.reset_calls()
    result = await hr.execute(PERSONS, {"employer": rijnmond["id"], "first": 200}, **ALICE)
    assert result.errors is None
    page = result.data["persons"]
    seeded = loket.employees.under(rijnmond["sourceId"])
    assert page["totalCount"] == len(seeded) == 450
    first = seeded[0]
    details, contact = first["personalDetails"], first["contactInformation"]
    assert page["nodes"][0] == {
        "id": page["nodes"][0]["id"],
        "source": "LOKET",
        "sourceId": first["id"],
        "firstName": details["firstName"],
        "lastName": details["lastName"],
        "initials": details["initials"],
        "dateOfBirth": details["dateOfBirth"],
        "emails": [e for e in (contact["emailAddress"], contact["businessEmailAddress"]) if e],
        "employeeNumber": first["employeeNumber"],
    }
    assert [n["sourceId"] for n in page["nodes"]] == [row["id"] for row in seeded[:200]]
    calls = await hr.calls()
    assert calls["loket"]["endpoints"] == {"GET /v2/providers/employers/{employerId}/employees": 1}


async def test_loket_filter_order_and_paging_are_translated_for_loket(
    hr: Gateway, loket: loket_data.Dataset
) -> None:
    rijnmond = await employer(hr, "Stichting")
    seeded = loket.employees.under(rijnmond["sourceId"])
    wanted = sorted(
        (r for r in seeded if r["personalDetails"]["dateOfBirth"] >= "1990-01-01"),
        key=lambda r: (r["personalDetails"]["lastName"], r["employeeNumber"]),
        reverse=True,
    )
    variables = {
        "employer": rijnmond["id"],
        "filter": {"dateOfBirth": {"gte": "1990-01-01"}},
        "order": ["LAST_NAME_DESC"],
        "first": 5,
    }
    first = (await hr.execute(PERSONS, variables, **ALICE)).data["persons"]
    assert first["totalCount"] == len(wanted)
    after = first["pageInfo"]["endCursor"]
    second = (await hr.execute(PERSONS, {**variables, "after": after}, **ALICE)).data["persons"]
    names = [n["lastName"] for n in first["nodes"] + second["nodes"]]
    assert names == [r["personalDetails"]["lastName"] for r in wanted[:10]]
    surname = seeded[3]["personalDetails"]["lastName"]
    either = await hr.execute(
        PERSONS,
        {
            "employer": rijnmond["id"],
            "filter": {"or": [{"lastName": {"eq": surname}}, {"employeeNumber": {"in": [1, 2]}}]},
            "first": 200,
        },
        **ALICE,
    )
    expected = {
        r["id"]
        for r in seeded
        if r["personalDetails"]["lastName"] == surname or r["employeeNumber"] in (1, 2)
    }
    assert {n["sourceId"] for n in either.data["persons"]["nodes"]} == expected


async def test_informat_staff_of_a_school_year_filtered_by_the_gateway(
    hr: Gateway, informat: informat_data.Dataset
) -> None:
    staff = staff_in_year(informat, "047225", SchoolYear(2025), None)
    result = await hr.execute(PERSONS, {"institute": "047225", "year": "2025-26", "first": 200})
    assert result.errors is None
    assert result.data["persons"]["totalCount"] == len(staff)
    by_id = {node["sourceId"]: node for node in result.data["persons"]["nodes"]}
    member = staff[0]
    assert by_id[member.person_id]["lastName"] == member.naam
    assert by_id[member.person_id]["source"] == "INFORMAT"
    born = "1980-01-01"
    filtered = await hr.execute(
        PERSONS,
        {
            "institute": "047225",
            "year": "2025",
            "filter": {"dateOfBirth": {"lt": born}, "lastName": {"contains": "A"}},
            "order": ["DATE_OF_BIRTH_ASC"],
            "first": 200,
        },
    )
    nodes = filtered.data["persons"]["nodes"]
    expected = [e for e in staff if e.base["geboortedatum"][:10] < born and "a" in e.naam.lower()]
    assert {n["sourceId"] for n in nodes} == {e.person_id for e in expected}
    assert [n["dateOfBirth"] for n in nodes] == sorted(n["dateOfBirth"] for n in nodes)


async def test_person_and_node_and_entities_resolve_both_sources(hr: Gateway) -> None:
    rijnmond = await employer(hr, "Stichting")
    loket_person = (await hr.execute(PERSONS, {"employer": rijnmond["id"], "first": 1}, **ALICE)).data[
        "persons"
    ]["nodes"][0]
    informat_person = (await hr.execute(PERSONS, {"institute": "032912", "first": 1})).data["persons"][
        "nodes"
    ][0]
    for person in (loket_person, informat_person):
        found = await hr.execute(
            """query($id: ID!) {
                 person(id: $id) { id lastName } node(id: $id) { id ... on Person { source } } }""",
            {"id": person["id"]},
            **ALICE,
        )
        assert found.errors is None
        assert found.data["person"] == {"id": person["id"], "lastName": person["lastName"]}
        assert found.data["node"] == {"id": person["id"], "source": person["source"]}
    entities = await hr.execute(
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { sourceId } } }",
        {"r": [{"__typename": "Person", "id": p["id"]} for p in (loket_person, informat_person)]},
        **ALICE,
    )
    assert entities.data["_entities"] == [
        {"sourceId": loket_person["sourceId"]},
        {"sourceId": informat_person["sourceId"]},
    ]


async def test_persons_scope_and_input_are_checked_before_any_call(hr: Gateway) -> None:
    rijnmond = await employer(hr, "Stichting")
    await hr.reset_calls()
    for variables, argument in [
        ({}, "employerId"),
        ({"employer": rijnmond["id"], "institute": "032912"}, "instituteNo"),
        ({"employer": rijnmond["id"], "year": "2025-26"}, "schoolYear"),
        ({"employer": "not-an-id"}, "employerId"),
        ({"institute": "12"}, "instituteNo"),
        ({"employer": rijnmond["id"], "first": 500}, "first"),
        ({"institute": "032912", "filter": {"lastName": {"in": []}}}, "filter"),
    ]:
        result = await hr.execute(PERSONS, variables, **ALICE)
        assert result.data["persons"] is None, variables
        [error] = result.errors
        assert error.extensions == {"code": "BAD_USER_INPUT", "argument": argument}, variables
    bad_year = await hr.execute(PERSONS, {"institute": "032912", "year": "2023-25"})
    assert bad_year.errors and bad_year.data is None
    assert (await hr.calls())["total"] == 0


async def test_bob_cannot_read_alices_employees(hr: Gateway) -> None:
    rijnmond = await employer(hr, "Stichting")
    result = await hr.execute(PERSONS, {"employer": rijnmond["id"]}, **BOB)
    [error] = result.errors
    assert error.extensions == {"code": "FORBIDDEN", "upstream": "loket", "status": 403}
    assert result.data == {"persons": None}


async def test_a_filter_too_long_for_lokets_url_is_bad_user_input_before_any_call(gateway: Gateway) -> None:
    employers = await gateway.execute("{ employers { nodes { id } } }", **ALICE)
    employer = employers.data["employers"]["nodes"][0]["id"]
    await gateway.reset_calls()
    names = [f"Achternaam{i:04d}" for i in range(300)]
    result = await gateway.execute(
        "query($e: ID!, $names: [String!]) { persons(employerId: $e, filter: {lastName: {in: $names}}) "
        "{ totalCount } }",
        {"e": employer, "names": names},
        **ALICE,
    )
    (error,) = result.errors
    assert error.extensions["code"] == "BAD_USER_INPUT" and error.extensions["argument"] == "filter"
    assert "too long" in error.message
    assert (await gateway.calls())["loket"]["total"] == 0
