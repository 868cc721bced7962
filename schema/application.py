"""``Application``: a candidate's application for a vacancy, as ICTerGezocht.nl posts it to the gateway.

Only what the webhook documents, and of the CV only whether one came and its file name:
the CV itself never leaves the webhook (``gateway.live.webhook``).
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.live import ApplicationRecord


@strawberry.type(description="An application for a vacancy, received from ICTerGezocht.nl's webhook.")
class Application:
    application_id: strawberry.ID = strawberry.field(
        description="The id the gateway gave ICTerGezocht for this application."
    )
    reference_number: str = strawberry.field(description="The vacancy's reference number.")
    name: str = strawberry.field(description="The candidate's name.")
    email: str = strawberry.field(description="The candidate's e-mail address.")
    phone: str | None
    city: str | None = strawberry.field(description="Where the candidate lives.")
    motivation: str | None
    source: str = strawberry.field(description="Where the application came from (utm-source).")
    campaign: str = strawberry.field(description="The campaign it came through (utm-campaign).")
    has_cv: bool = strawberry.field(description="Whether a CV came with it (the CV itself is not served).")
    cv_filename: str | None = strawberry.field(description="The CV's file name, when a CV came.")
    received_at: datetime = strawberry.field(description="When the gateway received it (UTC).")

    @classmethod
    def from_record(cls, record: ApplicationRecord) -> Application:
        return cls(
            application_id=strawberry.ID(str(record.application_id)),
            reference_number=record.reference_number,
            name=record.name,
            email=record.email,
            phone=record.phone,
            city=record.city,
            motivation=record.motivation,
            source=record.source,
            campaign=record.campaign,
            has_cv=record.has_cv,
            cv_filename=record.cv_filename,
            received_at=record.received_at,
        )
