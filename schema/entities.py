"""Checks on federation ``_entities`` representations before Strawberry resolves them.

``_entities(representations: [_Any!]!)`` takes any JSON, and Strawberry's resolver
assumes each item is ``{"__typename": <an entity>, <its key fields>}``: a string item
fails the whole field with an ``AttributeError``, an unknown type or a missing
``__typename`` with a ``KeyError``, an extra key with a ``TypeError`` — all ``INTERNAL``
to the caller (the hypothesis-graphql fuzzer found them). Checked here, each bad item
becomes a ``BAD_USER_INPUT`` error at its own index and the good ones still resolve.
Every entity here is keyed by its global ``id`` alone (``schema.node.FederatedNode``).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from gateway.exceptions import InputError

ARGUMENT = "representations"
KEY_FIELDS = frozenset({"__typename", "id"})


def check_representation(
    representation: Any, index: int, entities: Collection[str], *, name_entities: bool = True
) -> InputError | None:
    """Why ``representation`` cannot be resolved, or ``None`` when it can.

    ``name_entities`` lists the entity types in the message for an unknown ``__typename``;
    off when introspection is off, since the list would spell out part of the schema (as
    the "Did you mean" suggestions would, which are cut then too).
    """
    where = f"{ARGUMENT}[{index}]"
    if not isinstance(representation, dict):
        return InputError(f"{where} must be an object with '__typename' and 'id'", argument=ARGUMENT)
    type_name = representation.get("__typename")
    if not isinstance(type_name, str) or type_name not in entities:
        known = f" ({', '.join(sorted(entities))})" if name_entities else ""
        return InputError(
            f"{where}: '__typename' must name an entity of this schema{known}", argument=ARGUMENT
        )
    if not isinstance(representation.get("id"), str):
        return InputError(f"{where}: 'id' must be the entity's global id (a string)", argument=ARGUMENT)
    extra = sorted(set(representation) - KEY_FIELDS)
    if extra:
        return InputError(
            f"{where}: unknown key field(s) {extra}; entities are keyed by 'id'", argument=ARGUMENT
        )
    return None


__all__ = ["check_representation"]
