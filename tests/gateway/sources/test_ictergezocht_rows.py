"""ICTerGezocht insight items -> vacancy records, and vacancy drafts -> the API's JSON body."""

from __future__ import annotations

from datetime import date

from gateway.dialects.filters import Condition, Op, rename
from gateway.job_records import (
    CompanyDraft,
    CompanyUserDraft,
    ContactRecord,
    CustomFieldDraft,
    VacancyDraft,
    VacancyRecord,
)
from gateway.sources import ictergezocht_rows as rows

ITEM = {
    "vacancyId": 70001,
    "referenceNumber": "ICT-001",
    "title": "Backend developer",
    "city": "Utrecht",
    "publishDate": "2026-03-01",
    "status": 1,
    "runtime": 60,
    "campaign": "Voorjaar",
    "functionGroup": "Development",
    "companyUser": {"name": "Eva de Wit", "email": "eva@example.nl"},
    "clicks": 12,
    "applications": 3,
    "cpc": 0.45,
    "cost": 5.4,
}


def test_an_insight_item_becomes_a_typed_record() -> None:
    assert rows.vacancy(ITEM) == VacancyRecord(
        vacancy_id=70001,
        reference_number="ICT-001",
        title="Backend developer",
        city="Utrecht",
        publish_date=date(2026, 3, 1),
        status=1,
        runtime=60,
        campaign="Voorjaar",
        function_group="Development",
        contact=ContactRecord("Eva de Wit", "eva@example.nl"),
        clicks=12,
        applications=3,
        cpc=0.45,
        cost=5.4,
    )


def test_a_sparse_item_has_no_figures_yet_and_unknown_values_are_none() -> None:
    record = rows.vacancy({"vacancyId": 7, "publishDate": "2026-03-01T09:30:00", "companyUser": "n/a"})
    assert record.publish_date == date(2026, 3, 1)
    assert (record.clicks, record.applications, record.cost, record.cpc) == (0, 0, 0.0, None)
    assert record.contact is None and record.title is None and record.status is None
    # a status code the document does not list is passed on; the schema shows it as null
    assert rows.vacancy({"vacancyId": 7, "status": 9}).status == 9
    assert rows.vacancy_id_of({"vacancyId": "7"}) is None


def test_filters_over_record_attributes_rename_to_insight_fields_and_back() -> None:
    tree = Condition(("publish_date",), Op.GTE, date(2026, 3, 1))
    assert rename(tree, rows.FIELD_PATHS) == Condition(("publishDate",), Op.GTE, date(2026, 3, 1))
    assert rename(rename(tree, rows.FIELD_PATHS), rows.RECORD_PATHS) == tree
    assert {path[0] for path in rows.FIELD_PATHS} <= set(VacancyRecord.__slots__)


def test_a_draft_becomes_the_camel_case_body_without_unset_fields() -> None:
    draft = VacancyDraft(
        reference_number="ICT-9",
        title="Data engineer",
        description="Pipelines",
        location="3511 AB",
        auto_delete_date=date(2026, 6, 30),
        company=CompanyDraft("Acme", type_id=3),
        company_user=CompanyUserDraft("Eva", "eva@example.nl", photo_url="https://x/eva.png"),
        custom_fields=(CustomFieldDraft("team", "data"),),
    )
    assert rows.body(draft) == {
        "referenceNumber": "ICT-9",
        "title": "Data engineer",
        "description": "Pipelines",
        "location": "3511 AB",
        "autoDeleteDate": "2026-06-30",
        "company": {"name": "Acme", "typeId": 3},
        "companyUser": {"name": "Eva", "email": "eva@example.nl", "photoUrl": "https://x/eva.png"},
        "customFields": [{"name": "team", "value": "data"}],
    }


def test_a_write_answer_becomes_the_written_vacancy() -> None:
    written = rows.written({"vacancyId": 70123, "vacancyUrl": "https://www.ictergezocht.nl/v/70123"})
    assert (written.vacancy_id, written.url) == (70123, "https://www.ictergezocht.nl/v/70123")
    assert rows.written({"vacancyId": 5}).url == ""
