"""Vacancy mutations against the ICTerGezocht simulator: create, update, delete, field errors."""

from __future__ import annotations

from typing import Any

from strawberry.relay import GlobalID

from simulators.ictergezocht.accounts import DEMO_ACCOUNT
from tests.conftest import SIM_TODAY
from tests.schema.conftest import Gateway

CREATE = """
mutation($input: VacancyInput!) {
  createVacancy(input: $input) {
    vacancyId url
    vacancy { id sourceId referenceNumber title city publishDate status clicks contact { name email } }
  }
}
"""
UPDATE = """
mutation($id: ID!, $input: VacancyInput!) {
  updateVacancy(id: $id, input: $input) { vacancyId vacancy { id title city publishDate } }
}
"""
DELETE = "mutation($id: ID!) { deleteVacancy(id: $id) { deletedId } }"
NODE = "query($id: ID!) { node(id: $id) { ... on Vacancy { title } } }"
READONLY = {"x-ictergezocht-authorization": "Bearer demo-ictergezocht-readonly-key"}


def vacancy_input(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "referenceNumber": "SG-TEST-0001",
        "title": "Docent Informatica",
        "description": "Lesgeven in informatica aan de bovenbouw.",
        "location": "3511",  # a postcode: the API stores the town
        "hours": "32-40",
        "company": {"name": "Bitwise Werving & Selectie B.V.", "typeId": 1},
        "companyUser": {"name": "Eva Jansen", "email": "eva.jansen@bitwise-werving.example"},
        "autoDeleteDate": "2027-03-01",
    }
    values.update(changes)
    return values


async def test_create_returns_the_stored_vacancy(gateway: Gateway) -> None:
    result = await gateway.execute(CREATE, {"input": vacancy_input()})
    assert result.errors is None
    created = result.data["createVacancy"]
    assert created["url"].startswith("https://www.ictergezocht.nl/vacature/")
    vacancy = created["vacancy"]
    assert vacancy["sourceId"] == str(created["vacancyId"])
    assert vacancy["referenceNumber"] == "SG-TEST-0001" and vacancy["title"] == "Docent Informatica"
    assert vacancy["city"] == "Utrecht" and vacancy["status"] == "ONLINE" and vacancy["clicks"] == 0
    assert vacancy["publishDate"] == SIM_TODAY.isoformat()
    assert vacancy["contact"] == {"name": "Eva Jansen", "email": "eva.jansen@bitwise-werving.example"}
    calls = (await gateway.calls())["ictergezocht"]["endpoints"]
    assert calls == {"POST /vacancy": 1, "GET /vacancy/insight": 2}
    listed = await gateway.execute("{ vacancies(first: 0) { totalCount } }")
    assert listed.data["vacancies"]["totalCount"] == DEMO_ACCOUNT.vacancy_count + 1
    found = await gateway.execute(NODE, {"id": vacancy["id"]})
    assert found.data["node"] == {"title": "Docent Informatica"}


async def test_upstream_field_errors_name_the_input_fields(gateway: Gateway) -> None:
    taken = await gateway.execute("{ vacancies(first: 1) { nodes { referenceNumber } } }")
    reference = taken.data["vacancies"]["nodes"][0]["referenceNumber"]
    bad = vacancy_input(
        referenceNumber=reference,
        title="  ",
        company={"name": "Bitwise", "typeId": 9999},
        companyUser={"name": "Eva", "email": "not-an-address"},
        customFields=[{"name": "team", "value": "data"}, {"name": "budget", "value": ""}],
    )
    result = await gateway.execute(CREATE, {"input": bad})
    assert result.data == {"createVacancy": None}
    [error] = result.errors
    assert error.path == ["createVacancy"]
    extensions = error.extensions
    assert extensions["code"] == "BAD_USER_INPUT"
    assert extensions["upstream"] == "ictergezocht" and extensions["status"] == 400
    assert set(extensions["fields"]) == {
        "input.referenceNumber",
        "input.title",
        "input.company.typeId",
        "input.companyUser.email",
        "input.customFields.1.value",
    }
    assert all(isinstance(message, str) and message for message in extensions["fields"].values())
    after = await gateway.execute("{ vacancies(first: 0) { totalCount } }")
    assert after.data["vacancies"]["totalCount"] == DEMO_ACCOUNT.vacancy_count


async def test_update_replaces_fields_and_keeps_the_id(gateway: Gateway) -> None:
    created = await gateway.execute(CREATE, {"input": vacancy_input()})
    vacancy_id = created.data["createVacancy"]["vacancy"]["id"]
    await gateway.reset_calls()
    result = await gateway.execute(
        UPDATE,
        {"id": vacancy_id, "input": vacancy_input(title="Docent Informatica (0,8 fte)", location="Delft")},
    )
    assert result.errors is None
    updated = result.data["updateVacancy"]["vacancy"]
    assert updated == {
        "id": vacancy_id,
        "title": "Docent Informatica (0,8 fte)",
        "city": "Delft",
        "publishDate": SIM_TODAY.isoformat(),
    }
    # the vacancy is read back by its publish date: one insight call
    assert (await gateway.calls())["ictergezocht"]["endpoints"] == {
        "PUT /vacancy/{vacancyId}": 1,
        "GET /vacancy/insight": 1,
    }


async def test_a_write_forgets_what_the_operation_read_before(gateway: Gateway) -> None:
    listed = await gateway.execute("{ vacancies(first: 1) { nodes { id referenceNumber } } }")
    node = listed.data["vacancies"]["nodes"][0]
    result = await gateway.execute(
        """mutation($id: ID!, $one: VacancyInput!, $two: VacancyInput!) {
             one: updateVacancy(id: $id, input: $one) { vacancy { title } }
             two: updateVacancy(id: $id, input: $two) { vacancy { title } }
           }""",
        {
            "id": node["id"],
            "one": vacancy_input(referenceNumber=node["referenceNumber"], title="Eerste titel"),
            "two": vacancy_input(referenceNumber=node["referenceNumber"], title="Tweede titel"),
        },
    )
    assert result.data == {
        "one": {"vacancy": {"title": "Eerste titel"}},
        "two": {"vacancy": {"title": "Tweede titel"}},
    }


async def test_delete_removes_the_vacancy(gateway: Gateway) -> None:
    created = await gateway.execute(CREATE, {"input": vacancy_input()})
    vacancy_id = created.data["createVacancy"]["vacancy"]["id"]
    result = await gateway.execute(DELETE, {"id": vacancy_id})
    assert result.data == {"deleteVacancy": {"deletedId": vacancy_id}}
    gone = await gateway.execute(NODE, {"id": vacancy_id})
    assert gone.errors is None and gone.data["node"] is None
    again = await gateway.execute(DELETE, {"id": vacancy_id})
    assert again.errors[0].extensions == {"code": "NOT_FOUND", "upstream": "ictergezocht", "status": 404}


async def test_wrong_ids_cost_no_call_and_rights_are_the_keys(gateway: Gateway) -> None:
    employer_id = str(GlobalID("Employer", "loket:3fa85f64-5717-4562-b3fc-2c963f66afa6"))
    for mutation, variables in [
        (DELETE, {"id": employer_id}),
        (DELETE, {"id": "garbage"}),
        (UPDATE, {"id": str(GlobalID("Vacancy", "ictergezocht:abc:2026-01-01")), "input": vacancy_input()}),
    ]:
        result = await gateway.execute(mutation, variables)
        assert result.errors[0].extensions == {"code": "BAD_USER_INPUT", "argument": "id"}, variables
    assert (await gateway.calls())["total"] == 0
    refused = await gateway.execute(CREATE, {"input": vacancy_input()}, **READONLY)
    assert refused.data == {"createVacancy": None}
    assert refused.errors[0].extensions == {"code": "FORBIDDEN", "upstream": "ictergezocht", "status": 403}
