"""The Schema: ``Query``/``Mutation`` merged from per-domain fragments; an Apollo Federation v2 subgraph."""

from __future__ import annotations

from functools import partial

import strawberry
from graphql import GraphQLError, GraphQLUnionType
from strawberry import relay
from strawberry.federation.schema import FederationAny
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext, Info

from gateway.graphql_errors import GatewayErrorFormatter
from gateway.limits import QueryLimiter
from gateway.logs import log_graphql_errors
from gateway.prepared import PreparedDocuments
from gateway.settings import Settings
from gateway.telemetry import OperationObserver
from schema.entities import check_representation
from schema.mutation_jobs import JobsMutation
from schema.mutation_people import PeopleMutation
from schema.pagination import DEFAULT_FIRST
from schema.root_jobs import JobsQuery
from schema.root_people import PeopleQuery
from schema.scalars import SCALAR_MAP
from schema.subscription import Subscription


@strawberry.type
class NodeQuery:
    node: relay.Node | None = relay.node(
        description="Any object by its global id; null when it does not exist."
    )


Query = merge_types("Query", (NodeQuery, PeopleQuery, JobsQuery))
Mutation = merge_types("Mutation", (JobsMutation, PeopleMutation))


class GatewaySchema(strawberry.federation.Schema):
    """Logs GraphQL errors by ``gateway.logs``' rules instead of every one at ERROR, and answers
    malformed ``_entities`` representations with ``BAD_USER_INPUT`` (``schema.entities``), naming
    the entity types only while introspection is on."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_graphql_errors(errors, execution_context.context if execution_context else None)

    def entities_resolver(self, info: Info, representations: list[FederationAny]) -> list[FederationAny]:
        entity_type = self._schema.type_map.get("_Entity")
        names = {t.name for t in entity_type.types} if isinstance(entity_type, GraphQLUnionType) else set()
        settings = getattr(info.context, "settings", None)
        name_entities = settings.introspection if isinstance(settings, Settings) else True
        problems = [
            check_representation(r, i, names, name_entities=name_entities)
            for i, r in enumerate(representations)
        ]
        resolved = iter(
            super().entities_resolver(
                info, [r for r, p in zip(representations, problems, strict=True) if not p]
            )
        )
        # an error as an item is how Strawberry reports one entity: BAD_USER_INPUT at that index
        return [FederationAny(problem) if problem else next(resolved) for problem in problems]


schema = GatewaySchema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    federation_version="2.5",
    # Limits are read per request from the context's settings (gateway.limits); the cost estimate
    # reads `first` as the pagination does.
    extensions=[
        GatewayErrorFormatter,
        partial(QueryLimiter, default_first=DEFAULT_FIRST),
        PreparedDocuments,  # after the limiter: it sets the token limit and the validation rules
        OperationObserver,  # the request's log line and span learn the operation (gateway.telemetry)
    ],
    config=StrawberryConfig(scalar_map=SCALAR_MAP),
)
