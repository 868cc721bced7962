"""Global ids: every Node's id encodes its source, type and upstream id, opaquely.

The node id inside the relay ``GlobalID`` is ``"<source>:<upstream id parts…>"``
(``gateway.ids``: made there, and parsed there with every part checked) and relay wraps it
with the type name in base64, so ``Query.node(id:)`` can route any id to its type and the
type to its upstream.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry import relay

from gateway.exceptions import InputError
from gateway.ids import decode_global_id
from gateway.names import Upstream

if TYPE_CHECKING:
    Source = Upstream
else:
    # The GraphQL enum of the gateway's Upstream enum (values LOKET, INFORMAT, ...).
    Source = strawberry.enum(Upstream, name="Source", description="Which upstream API a record comes from.")


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


__all__ = ["FederatedNode", "Source", "ordered"]
