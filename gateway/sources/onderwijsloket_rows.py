"""Onderwijsloket (Directus) items -> records, and record attributes -> Directus fields.

The one place that knows the Directus field names (``../shared/reference/onderwijsloket-collections.md``):

- ``programs``: ``id``, ``title``, ``type``, ``level``, ``degree``, ``credits``, ``croho``,
  ``status``; institutions through the junction ``educational_institutions.educational_institutions_id``,
  locations through ``locations.locations_id`` (ids only: the location table has the rest),
  forms as the one-to-many ``program_forms``;
- ``program_forms``: ``id``, ``product_form`` (voltijd, deeltijd, duaal), ``url``,
  ``description``, ``tuition_fees[{year, amount (text), tuitionFeeType, tuitionFeePeriod, definitive}]``;
- ``educational_institutions``: ``id``, ``title``, ``code``, ``type``, ``brin_code``,
  ``email``, ``phone``, ``website`` (``[{url, lang}]``), ``is_tio_partner``;
- ``locations``: ``id``, ``title``, ``location_address``, ``location_components``,
  ``location_data`` (no town field: the town comes from the address data, ``directus.town_of``).

Filters, orderings and selections arrive over record attributes and are renamed here
(``PROGRAM_PATHS``, ``fields``), so a ``fields`` parameter never asks for more than the
query selected (never ``*.*``).
"""

from __future__ import annotations

from typing import Any

from gateway.dialects.directus import LOCATION_FIELDS, related_ids, render_fields, town_of
from gateway.geo import Point
from gateway.job_records import (
    InstitutionRecord,
    LocationRecord,
    ProgramFormRecord,
    ProgramRecord,
    ProgramSelection,
    TuitionFeeRecord,
)

Row = dict[str, Any]
INSTITUTIONS = ("educational_institutions", "educational_institutions_id")
FORMS = ("program_forms",)
LOCATION_IDS = ("locations", "locations_id")

# ProgramRecord attribute -> the field of ``programs`` it is read from
PROGRAM_FIELDS = {
    "program_id": "id",
    "name": "title",
    "type": "type",
    "level": "level",
    "degree": "degree",
    "credits": "credits",
    "croho_code": "croho",
    "status": "status",
}
INSTITUTION_FIELDS = {
    "institution_id": "id",
    "name": "title",
    "code": "code",
    "type": "type",
    "brin_code": "brin_code",
    "email": "email",
    "phone": "phone",
    "website": "website",
    "is_tio_partner": "is_tio_partner",
}
FORM_FIELDS = {
    "form_id": "id",
    "form": "product_form",
    "tuition_fees": "tuition_fees",
    "url": "url",
    "description": "description",
}
# record paths a programme filter or ordering uses -> Directus paths
PROGRAM_PATHS: dict[tuple[str, ...], tuple[str, ...]] = {
    **{(name,): (field,) for name, field in PROGRAM_FIELDS.items()},
    ("institutions", "name"): (*INSTITUTIONS, "title"),
    ("forms", "form"): (*FORMS, "product_form"),
    ("location_ids",): LOCATION_IDS,
}


def fields(selection: ProgramSelection) -> str:
    """Directus ``fields`` for a selection: what it reads, plus the programme's id and location ids."""
    paths: set[tuple[str, ...]] = {("id",), LOCATION_IDS}
    paths.update((PROGRAM_FIELDS[name],) for name in selection.program if name in PROGRAM_FIELDS)
    for prefix, names, table in (
        (INSTITUTIONS, selection.institution, INSTITUTION_FIELDS),
        (FORMS, selection.form, FORM_FIELDS),
    ):
        if names:
            paths.add((*prefix, "id"))
            paths.update((*prefix, table[name]) for name in names if name in table)
    return render_fields(paths)


def location_fields() -> str:
    return render_fields((name,) for name in LOCATION_FIELDS)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    """A whole number, also as text (the vendor model writes ``credits`` as a string)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _euros(value: Any) -> float | None:
    """An amount as Onderwijsloket writes it (a string: ``"2601.00"``, ``"2.601,00"``) in euros."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, str):
        return None
    text = value.strip().replace("\u20ac", "").replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def _website(value: Any) -> str | None:
    """Directus holds a list of ``{url, lang}``; the first (Dutch) one is the institution's site."""
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and isinstance(item.get("url"), str):
                return str(item["url"])
    return _text(value)


def _related(row: Row, alias: str, key: str | None) -> list[Row]:
    """Rows behind a many-to-many alias (junction rows of ``{key: {...}}``) or a one-to-many list."""
    related = []
    for item in row.get(alias) or []:
        target = item.get(key) if key and isinstance(item, dict) else item
        if isinstance(target, dict) and target.get("id"):
            related.append(target)
    return related


def tuition_fee(value: Any) -> TuitionFeeRecord | None:
    if not isinstance(value, dict):
        return None
    year, definitive = value.get("year"), value.get("definitive")
    return TuitionFeeRecord(
        year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        amount=_euros(value.get("amount")),
        type=_text(value.get("tuitionFeeType")),
        period=_text(value.get("tuitionFeePeriod")),
        definitive=definitive if isinstance(definitive, bool) else None,
    )


def program_form(row: Row) -> ProgramFormRecord:
    listed = row.get("tuition_fees")
    fees = tuple(fee for item in (listed if isinstance(listed, list) else []) if (fee := tuition_fee(item)))
    return ProgramFormRecord(
        form_id=str(row["id"]),
        form=_text(row.get("product_form")),
        url=_text(row.get("url")),
        description=_text(row.get("description")),
        tuition_fees=fees,
    )


def institution(row: Row) -> InstitutionRecord:
    tio = row.get("is_tio_partner")
    return InstitutionRecord(
        institution_id=str(row["id"]),
        name=_text(row.get("title")),
        code=_text(row.get("code")),
        type=_text(row.get("type")),
        brin_code=_text(row.get("brin_code")),
        email=_text(row.get("email")),
        phone=_text(row.get("phone")),
        website=_website(row.get("website")),
        is_tio_partner=tio if isinstance(tio, bool) else None,
    )


def program(row: Row) -> ProgramRecord:
    return ProgramRecord(
        program_id=str(row["id"]),
        name=_text(row.get("title")),
        type=_text(row.get("type")),
        level=_text(row.get("level")),
        degree=_text(row.get("degree")),
        credits=_int(row.get("credits")),
        croho_code=_text(row.get("croho")),
        status=_text(row.get("status")),
        institutions=tuple(institution(item) for item in _related(row, *INSTITUTIONS)),
        forms=tuple(program_form(item) for item in _related(row, FORMS[0], None)),
        location_ids=tuple(related_ids(row, *LOCATION_IDS)),
    )


def location(item: Row) -> LocationRecord:
    return LocationRecord(
        location_id=str(item["id"]),
        name=_text(item.get("title")),
        city=town_of(item),
        address=_text(item.get("location_address")),
        point=Point.from_geojson(item.get("location_data")),
    )
