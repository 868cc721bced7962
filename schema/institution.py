"""``Institution``: an educational institution offering teacher training (Directus
``educational_institutions``), read through a program's many-to-many relation.
"""

from __future__ import annotations

from typing import Any

import strawberry

# GraphQL field -> the Directus field it is read from (what ``fields`` must ask for).
INSTITUTION_FIELDS: dict[str, str] = {
    "sourceId": "id",
    "name": "title",
    "code": "code",
    "type": "type",
    "brinCode": "brin_code",
    "email": "email",
    "phone": "phone",
    "website": "website",
    "isTioPartner": "is_tio_partner",
}


def _website(value: Any) -> str | None:
    """Directus holds a list of ``{url, lang}``; the first (Dutch) one is the institution's site."""
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and isinstance(item.get("url"), str):
                return str(item["url"])
    return value if isinstance(value, str) else None


@strawberry.type(description="A school, university of applied sciences or university that trains teachers.")
class Institution:
    source_id: strawberry.ID = strawberry.field(description="The institution's id in Onderwijsloket.")
    name: str | None
    code: str | None = strawberry.field(description="Short name, e.g. 'HU'.")
    type: str | None = strawberry.field(description="hogeschool, onderzoeksuniversiteit, mbo, ...")
    brin_code: str | None
    email: str | None
    phone: str | None
    website: str | None
    is_tio_partner: bool | None

    @classmethod
    def from_directus(cls, row: dict[str, Any]) -> Institution:
        return cls(
            source_id=strawberry.ID(str(row["id"])),
            name=row.get("title"),
            code=row.get("code"),
            type=row.get("type"),
            brin_code=row.get("brin_code"),
            email=row.get("email"),
            phone=row.get("phone"),
            website=_website(row.get("website")),
            is_tio_partner=row.get("is_tio_partner"),
        )
