"""ICTerGezocht rows -> records and drafts -> bodies: the one place that knows its field names.

An insight item (``GET /vacancy/insight``, upstream document 003): ``vacancyId``,
``referenceNumber``, ``title``, ``city``, ``publishDate`` (``"2026-03-01"``), ``status``
(0 offline, 1 online, 2 expired), ``runtime``, ``campaign``, ``functionGroup``,
``companyUser{name, email}``, ``clicks``, ``applications``, ``cpc``, ``cost``. A write
(``POST /vacancy``, ``PUT /vacancy/{vacancyId}``) takes a camelCase body of the draft's
fields and answers ``{"vacancyId", "vacancyUrl"}``.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from gateway.job_records import ContactRecord, VacancyDraft, VacancyRecord, VacancyWritten
from gateway.records import day

Row = dict[str, Any]

# VacancyRecord attribute -> insight field: what the publish period is read from (``publishDate``)
FIELD_PATHS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("title",): ("title",),
    ("reference_number",): ("referenceNumber",),
    ("city",): ("city",),
    ("campaign",): ("campaign",),
    ("function_group",): ("functionGroup",),
    ("publish_date",): ("publishDate",),
    ("status",): ("status",),
    ("clicks",): ("clicks",),
    ("applications",): ("applications",),
    ("runtime",): ("runtime",),
    ("cost",): ("cost",),
    ("cpc",): ("cpc",),
}
RECORD_PATHS = {upstream: record for record, upstream in FIELD_PATHS.items()}


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def vacancy_id_of(row: Row) -> int | None:
    return _int(row.get("vacancyId"))


def vacancy(row: Row) -> VacancyRecord:
    user = row.get("companyUser")
    contact = (
        ContactRecord(name=_text(user.get("name")), email=_text(user.get("email")))
        if isinstance(user, dict)
        else None
    )
    return VacancyRecord(
        vacancy_id=int(row["vacancyId"]),
        reference_number=_text(row.get("referenceNumber")),
        title=_text(row.get("title")),
        city=_text(row.get("city")),
        publish_date=day(row.get("publishDate")),
        status=_int(row.get("status")),
        runtime=_int(row.get("runtime")),
        campaign=_text(row.get("campaign")),
        function_group=_text(row.get("functionGroup")),
        contact=contact,
        clicks=int(_number(row.get("clicks")) or 0),
        applications=int(_number(row.get("applications")) or 0),
        cpc=_number(row.get("cpc")),
        cost=_number(row.get("cost")) or 0.0,
    )


def written(body: Row) -> VacancyWritten:
    """The answer to a create or update (the client has checked ``vacancyId`` is a number)."""
    return VacancyWritten(vacancy_id=int(body["vacancyId"]), url=str(body.get("vacancyUrl") or ""))


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _json(value: Any) -> Any:
    """A draft as JSON: camelCase keys, fields left ``None`` left out, dates as ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            _camel(f.name): _json(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) is not None
        }
    if isinstance(value, list | tuple):
        return [_json(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def body(draft: VacancyDraft) -> Row:
    """The body of ``POST /vacancy`` or ``PUT /vacancy/{vacancyId}``: the draft field for field."""
    result: Row = _json(draft)
    return result
