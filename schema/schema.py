"""The Schema: ``Query``/``Mutation`` merged from per-domain fragments; an Apollo Federation v2 subgraph."""

from __future__ import annotations

import strawberry
from strawberry import relay
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from gateway.graphql_errors import GatewayErrorFormatter
from schema.mutation_jobs import JobsMutation
from schema.mutation_people import PeopleMutation
from schema.root_jobs import JobsQuery
from schema.root_people import PeopleQuery
from schema.scalars import SCALAR_MAP


@strawberry.type
class NodeQuery:
    node: relay.Node | None = relay.node(
        description="Any object by its global id; null when it does not exist."
    )


Query = merge_types("Query", (NodeQuery, PeopleQuery, JobsQuery))
Mutation = merge_types("Mutation", (JobsMutation, PeopleMutation))

schema = strawberry.federation.Schema(
    query=Query,
    mutation=Mutation,
    federation_version="2.5",
    extensions=[GatewayErrorFormatter],
    config=StrawberryConfig(scalar_map=SCALAR_MAP),
)
