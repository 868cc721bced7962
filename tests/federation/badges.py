"""A second subgraph for the federation test: site badges held by staffgraph's people.

It owns ``Badge`` and refers to staffgraph's ``Person`` only by its key (``id``, the
global id staffgraph hands out), so a supergraph query for a badge's holder's name must
go to staffgraph's ``_entities``. It also adds ``Person.badges``, so a query that starts
at staffgraph's ``person(id:)`` goes the other way, into this subgraph's ``_entities``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import strawberry
from strawberry.asgi import GraphQL


@strawberry.type
class Badge:
    number: str
    site: str
    holder_id: strawberry.Private[str]

    @strawberry.field
    def holder(self) -> Person:
        return Person(id=strawberry.ID(self.holder_id))


@strawberry.federation.type(keys=["id"])
class Person:
    """staffgraph's Person, by key; this subgraph adds its badges."""

    id: strawberry.ID

    @strawberry.field
    def badges(self, info: strawberry.Info) -> list[Badge]:
        return [badge for badge in info.context["badges"] if badge.holder_id == self.id]

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Person:
        return cls(id=id)


@strawberry.type
class Query:
    @strawberry.field
    def badges(self, info: strawberry.Info) -> list[Badge]:
        return list(info.context["badges"])


SCHEMA = strawberry.federation.Schema(query=Query, federation_version="2.5")


class BadgesApp(GraphQL[dict[str, object], None]):
    """The subgraph over a fixed list of badges (``holders``: person global id -> badge numbers)."""

    def __init__(self, holders: Mapping[str, Sequence[str]], site: str = "Rotterdam") -> None:
        super().__init__(SCHEMA, graphql_ide=None)
        self.badges = [
            Badge(number=number, site=site, holder_id=person_id)
            for person_id, numbers in holders.items()
            for number in numbers
        ]

    async def get_context(self, request: object, response: object) -> dict[str, object]:
        return {"badges": self.badges}
