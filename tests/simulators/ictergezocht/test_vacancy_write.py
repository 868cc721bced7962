"""``POST /vacancy``, ``PUT /vacancy/{vacancyId}``, ``DELETE /vacancy/{vacancyId}``:
the document's field tables, its 201/204 answers and 400 errors naming every bad field."""

from __future__ import annotations

import copy
import re
from typing import Any

import orjson
import pytest

from simulators.config import SimConfig
from simulators.ictergezocht.accounts import DEMO_ACCOUNT, OTHER_KEY
from simulators.ictergezocht.data import Dataset
from simulators.upstream import SimulatedUpstream
from tests.simulators.ictergezocht.support import Call, assert_error

# The document's example payload, with dates that are still ahead.
EXAMPLE: dict[str, Any] = {
    "referenceNumber": "REF12345",
    "title": "Senior Software Engineer",
    "description": "We zijn op zoek naar een ervaren Senior Software Engineer.",
    "location": "Amsterdam",
    "countryCode": "NL",
    "education": "Bachelor in Computerwetenschappen",
    "experience": "5+ jaar in softwareontwikkeling",
    "employment": "Fulltime",
    "hours": "40 uur per week",
    "salary": "1000-2000 euro per maand",
    "industry": "Informatietechnologie",
    "company": {
        "name": "Voorbeeld Bedrijf",
        "logoUrl": "https://example.com/logo.png",
        "description": "Beschrijving over bedrijf",
        "typeId": "1",
    },
    "companyUser": {
        "name": "John Doe",
        "email": "john.doe@example.com",
        "phone": "0612345678",
        "photoUrl": "https://example.com/johndoe.jpg",
        "functionId": "1",
    },
    "atsId": "12345",
    "autoDeleteDate": "2027-12-31",
    "customFields": [{"name": "frameworks", "value": "Laravel, Vue.js"}],
}
MINIMAL = {
    "referenceNumber": "MIN-1",
    "title": "Docent informatica",
    "description": "x",
    "location": "9711 AB",
}


def _with(**changes: Any) -> dict[str, Any]:
    """EXAMPLE with top-level or dotted keys changed (``None`` removes the key)."""
    body = copy.deepcopy(EXAMPLE)
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        target = body
        for part in parents:
            target = target[part]
        if value is None:
            target.pop(last, None)
        else:
            target[last] = value
    return body


async def _insight_item(call: Call, vacancy_id: int, key: str | None = None) -> dict[str, Any] | None:
    offset = 0
    while True:
        params = {"offset": offset}
        response = await (
            call("GET", "/vacancy/insight", params=params, key=key)
            if key
            else call("GET", "/vacancy/insight", params=params)
        )
        body = response.json()
        for item in body["items"]:
            if item["vacancyId"] == vacancy_id:
                return item
        if "next" not in body["rel"]:
            return None
        offset += 50


async def test_post_example_payload_creates_an_online_vacancy(call: Call, icter_config: SimConfig) -> None:
    response = await call("POST", "/vacancy", json=EXAMPLE)
    assert response.status_code == 201
    body = response.json()
    assert body.keys() == {"vacancyId", "vacancyUrl"} and isinstance(body["vacancyId"], int)
    assert re.fullmatch(
        rf"https://www\.ictergezocht\.nl/vacature/{body['vacancyId']}/[a-z0-9-]+/", body["vacancyUrl"]
    )
    item = await _insight_item(call, body["vacancyId"])
    assert item is not None
    assert item["referenceNumber"] == "REF12345" and item["title"] == "Senior Software Engineer"
    assert item["city"] == "Amsterdam" and item["status"] == 1
    assert item["publishDate"] == icter_config.today.isoformat()
    assert item["companyUser"] == {"name": "John Doe", "email": "john.doe@example.com"}
    assert (item["clicks"], item["cost"], item["applications"]) == (0, 0.0, 0)
    total = (await call("GET", "/vacancy/insight", params={"limit": 1})).json()["count"]
    assert total == DEMO_ACCOUNT.vacancy_count + 1


async def test_post_minimal_payload_resolves_postcode_and_default_contact(
    call: Call, dataset: Dataset
) -> None:
    response = await call("POST", "/vacancy", json=MINIMAL)
    assert response.status_code == 201
    item = await _insight_item(call, response.json()["vacancyId"])
    assert item is not None and item["city"] == "Groningen"
    default = dataset.contacts[DEMO_ACCOUNT.account_id][0]
    assert item["companyUser"] == {"name": default.name, "email": default.email}
    assert item["functionGroup"] == "Onderwijs"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {},
            {
                ("referenceNumber", "required"),
                ("title", "required"),
                ("description", "required"),
                ("location", "required"),
            },
        ),
        (_with(title=None, description="  "), {("title", "required"), ("description", "required")}),
        (_with(referenceNumber=12345), {("referenceNumber", "string")}),
        (_with(title="x" * 256), {("title", "max")}),
        (_with(countryCode="NLD"), {("countryCode", "country_code")}),
        (_with(countryCode="XX"), {("countryCode", "country_code")}),
        (_with(autoDeleteDate="31-12-2027"), {("autoDeleteDate", "date")}),
        (_with(autoDeleteDate="2027-02-30"), {("autoDeleteDate", "date")}),
        (_with(company="Voorbeeld"), {("company", "object")}),
        (_with(company__name=None), {("company.name", "required")}),
        (_with(company__typeId="999"), {("company.typeId", "exists")}),
        (_with(company__typeId="een"), {("company.typeId", "integer")}),
        (_with(company__typeId=True), {("company.typeId", "integer")}),
        (_with(company__logoUrl="logo.png"), {("company.logoUrl", "url")}),
        (_with(companyUser__email=None), {("companyUser.email", "required")}),
        (_with(companyUser__email="geen-adres"), {("companyUser.email", "email")}),
        (
            _with(companyUser__name=None, companyUser__functionId=0),
            {("companyUser.name", "required"), ("companyUser.functionId", "exists")},
        ),
        (_with(companyUser__photoUrl="ftp://x/y.jpg"), {("companyUser.photoUrl", "url")}),
        (_with(customFields={"name": "a"}), {("customFields", "array")}),
        (
            _with(customFields=[{"name": "a"}, "b", {"value": "c"}]),
            {
                ("customFields.0.value", "required"),
                ("customFields.1", "object"),
                ("customFields.2.name", "required"),
            },
        ),
        ([EXAMPLE], {("", "object")}),
        ("REF12345", {("", "object")}),
    ],
)
@pytest.mark.parametrize("method", ["POST", "PUT"])
async def test_invalid_payload_is_400_naming_every_bad_field(
    call: Call, dataset: Dataset, method: str, body: Any, expected: set[tuple[str, str]]
) -> None:
    own = next(v for v in dataset.vacancies if v.account_id == DEMO_ACCOUNT.account_id)
    path = "/vacancy" if method == "POST" else f"/vacancy/{own.vacancy_id}"
    response = await call(method, path, json=body)
    assert_error(response, 400, sorted(expected)[0][1], sorted(expected)[0][0])
    assert {(item["path"], item["label"]) for item in response.json()["errors"]} == expected
    after = await _insight_item(call, own.vacancy_id)
    assert after == own.insight()


@pytest.mark.parametrize(
    ("changes", "stored_city"),
    [
        ({"company__typeId": 3, "companyUser__functionId": 12}, "Amsterdam"),
        ({"countryCode": "be", "location": "'s-hertogenbosch"}, "'s-Hertogenbosch"),
        ({"autoDeleteDate": "2027-06-30T12:00:00+02:00", "location": "Lutjebroek"}, "Lutjebroek"),
        ({"company": None, "companyUser": None, "customFields": None, "unknownField": [1, 2]}, "Amsterdam"),
        ({"countryCode": None, "atsId": "", "salary": None}, "Amsterdam"),
    ],
)
async def test_valid_variants_are_accepted(call: Call, changes: dict[str, Any], stored_city: str) -> None:
    response = await call("POST", "/vacancy", json=_with(**changes))
    assert response.status_code == 201, response.text
    item = await _insight_item(call, response.json()["vacancyId"])
    assert item is not None and item["city"] == stored_city


@pytest.mark.parametrize(
    ("content", "headers", "label", "path"),
    [
        (b'{"referenceNumber": "A",', {"Content-Type": "application/json"}, "invalid_json", ""),
        (b"", {"Content-Type": "application/json"}, "invalid_json", ""),
        (b"\xff\xfe", {"Content-Type": "application/json"}, "invalid_json", ""),
        (
            b"referenceNumber=A&title=B",
            {"Content-Type": "application/x-www-form-urlencoded"},
            "content_type",
            "Content-Type",
        ),
        (b'{"referenceNumber": "A"}', {}, "content_type", "Content-Type"),
    ],
)
async def test_unreadable_bodies_are_400(
    call: Call, content: bytes, headers: dict[str, str], label: str, path: str
) -> None:
    assert_error(await call("POST", "/vacancy", content=content, headers=headers), 400, label, path)


async def test_json_content_type_with_charset_is_accepted(call: Call) -> None:
    headers = {"Content-Type": "application/json; charset=utf-8"}
    response = await call("POST", "/vacancy", content=orjson.dumps(MINIMAL), headers=headers)
    assert response.status_code == 201


async def test_reference_number_is_unique_per_account(call: Call, dataset: Dataset) -> None:
    existing = next(v for v in dataset.vacancies if v.account_id == DEMO_ACCOUNT.account_id)
    response = await call("POST", "/vacancy", json=_with(referenceNumber=existing.reference_number))
    assert_error(response, 400, "unique", "referenceNumber")
    assert (await call("POST", "/vacancy", json=MINIMAL)).status_code == 201
    assert_error(await call("POST", "/vacancy", json=MINIMAL), 400, "unique", "referenceNumber")
    # another account may use the same reference number
    assert (await call("POST", "/vacancy", key=OTHER_KEY, json=MINIMAL)).status_code == 201


async def test_put_replaces_fields_and_keeps_figures(call: Call, dataset: Dataset) -> None:
    own = max(
        (v for v in dataset.vacancies if v.account_id == DEMO_ACCOUNT.account_id), key=lambda v: v.clicks
    )
    body = _with(referenceNumber=own.reference_number, title="Lead DevOps Engineer", location="Zwolle")
    response = await call("PUT", f"/vacancy/{own.vacancy_id}", json=body)
    assert response.status_code == 200
    assert response.json()["vacancyId"] == own.vacancy_id
    assert response.json()["vacancyUrl"].endswith("/lead-devops-engineer-zwolle/")
    item = await _insight_item(call, own.vacancy_id)
    assert item is not None
    assert (item["title"], item["city"], item["companyUser"]["name"]) == (
        "Lead DevOps Engineer",
        "Zwolle",
        "John Doe",
    )
    before = own.insight()
    for kept in ("publishDate", "status", "runtime", "campaign", "clicks", "cpc", "cost", "applications"):
        assert item[kept] == before[kept]


async def test_put_may_not_take_another_vacancys_reference(call: Call, dataset: Dataset) -> None:
    first, second = [v for v in dataset.vacancies if v.account_id == DEMO_ACCOUNT.account_id][:2]
    response = await call(
        "PUT", f"/vacancy/{first.vacancy_id}", json=_with(referenceNumber=second.reference_number)
    )
    assert_error(response, 400, "unique", "referenceNumber")


@pytest.mark.parametrize("vacancy_id", ["1", "abc", "99999999999999999999999", "-5", "insight"])
@pytest.mark.parametrize("method", ["PUT", "DELETE"])
async def test_unknown_vacancy_id_is_404(call: Call, method: str, vacancy_id: str) -> None:
    response = await call(method, f"/vacancy/{vacancy_id}", json=EXAMPLE if method == "PUT" else None)
    assert_error(response, 404, "not_found", "vacancyId")


async def test_delete_is_204_then_gone_and_reference_free(call: Call, dataset: Dataset) -> None:
    own = next(v for v in dataset.vacancies if v.account_id == DEMO_ACCOUNT.account_id and v.clicks)
    response = await call("DELETE", f"/vacancy/{own.vacancy_id}")
    assert response.status_code == 204 and response.content == b""
    assert await _insight_item(call, own.vacancy_id) is None
    assert_error(await call("DELETE", f"/vacancy/{own.vacancy_id}"), 404, "not_found", "vacancyId")
    # the click log is history and keeps the deleted vacancy's clicks
    clicks = (await call("GET", "/click", params={"referenceNumber": own.reference_number})).json()
    assert clicks["count"] == own.clicks
    assert (
        await call("POST", "/vacancy", json=_with(referenceNumber=own.reference_number))
    ).status_code == 201


async def test_reset_restores_the_seeded_vacancies(
    call: Call, bundle: SimulatedUpstream, dataset: Dataset
) -> None:
    own = next(v for v in dataset.vacancies if v.account_id == DEMO_ACCOUNT.account_id)
    await call("DELETE", f"/vacancy/{own.vacancy_id}")
    created = (await call("POST", "/vacancy", json=MINIMAL)).json()["vacancyId"]
    bundle.reset()
    assert await _insight_item(call, own.vacancy_id) == own.insight()
    assert await _insight_item(call, created) is None
