"""Global ids: every Node's id encodes its source, type and upstream id, opaquely.

The node id inside the relay ``GlobalID`` is ``"<source>:<upstream id parts…>"`` —
``"loket:<employeeUuid>"``, ``"informat:032912:<personGuid>"`` (Informat needs the
institute to ask for a person) — and relay wraps it with the type name in base64, so
``Query.node(id:)`` can route any id to its type and the type to its upstream.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry import relay

from gateway.exceptions import InputError
from gateway.ids import SEPARATOR, decode_global_id, make_node_id
from gateway.names import Upstream

if TYPE_CHECKING:
    Source = Upstream
else:
    # The GraphQL enum of the gateway's Upstream enum (values LOKET, INFORMAT, ...).
    Source = strawberry.enum(Upstream, name="Source", description="Which upstream API a record comes from.")


def split_node_id(
    node_id: str, *, sources: Iterable[Source], parts: int, argument: str = "id"
) -> tuple[Source, list[str]]:
    """Source and parts of a node id; an id of another kind is a ``BAD_USER_INPUT`` naming ``argument``."""
    allowed = list(sources)
    source_text, *rest = node_id.split(SEPARATOR)
    source = next((s for s in allowed if s.value == source_text), None)
    if source is None or len(rest) != parts or not all(rest):
        raise InputError(f"'{argument}' is not an id of this type", argument=argument)
    return source, rest


def ordered(node_ids: Iterable[str], found: dict[str, Any], *, required: bool) -> list[Any]:
    """Results for ``resolve_nodes`` in the order asked, ``None`` (or an error when required) for misses."""
    results = []
    for node_id in node_ids:
        node = found.get(node_id)
        if node is None and required:
            raise InputError(f"no node with id {node_id!r}", argument="id")
        results.append(node)
    return results


class FederatedNode(relay.Node):
    """A Node that is also a federation entity keyed by its global ``id``.

    ``_entities`` representations carry the same opaque id clients see, so the
    supergraph resolves an entity exactly as ``Query.node`` does.
    """

    @classmethod
    async def resolve_reference(cls, id: strawberry.ID, info: Any) -> Any:
        type_name = cls.__strawberry_definition__.name  # type: ignore[attr-defined]
        node_id = decode_global_id(str(id), type_name=type_name)
        nodes = await cls.resolve_nodes(info=info, node_ids=[node_id], required=False)  # type: ignore[misc]
        return next(iter(nodes))


__all__ = [
    "SEPARATOR",
    "FederatedNode",
    "Source",
    "decode_global_id",
    "make_node_id",
    "ordered",
    "split_node_id",
]
