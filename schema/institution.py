"""``Institution``: an educational institution offering teacher training (Directus
``educational_institutions``), read through a program's many-to-many relation.
"""

from __future__ import annotations

import strawberry

from gateway.job_records import InstitutionRecord
from schema.wrap import register

# GraphQL field -> the InstitutionRecord attribute it shows (what a selection asks the source for)
INSTITUTION_ATTRIBUTES: dict[str, str] = {
    "sourceId": "institution_id",
    "name": "name",
    "code": "code",
    "type": "type",
    "brinCode": "brin_code",
    "email": "email",
    "phone": "phone",
    "website": "website",
    "isTioPartner": "is_tio_partner",
}


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
    def from_record(cls, record: InstitutionRecord) -> Institution:
        return cls(
            source_id=strawberry.ID(record.institution_id),
            name=record.name,
            code=record.code,
            type=record.type,
            brin_code=record.brin_code,
            email=record.email,
            phone=record.phone,
            website=record.website,
            is_tio_partner=record.is_tio_partner,
        )


register(InstitutionRecord, Institution.from_record)
