"""``Subscription``: live applications, over graphql-transport-ws and GraphQL over SSE (``gateway.live``)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry.types import Info

from gateway.context import Context
from resolvers.applications import applications_received
from schema.application import Application


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Each application ICTerGezocht.nl reports from now on; only those for the vacancy "
        "with `referenceNumber` when given."
    )
    async def application_received(
        self, info: Info[Context, None], reference_number: str | None = None
    ) -> AsyncGenerator[Application, None]:
        async for record in applications_received(info.context, reference_number):
            yield Application.from_record(record)
