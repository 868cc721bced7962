"""Node ids: ``"<upstream>:<part>:<part>…"``, the inside of every opaque global id.

``make_node_id(Upstream.INFORMAT, "032912", guid)`` -> ``"informat:032912:<guid>"``;
relay wraps it with the type name in base64 (``schema.node``). ``parse_node_id`` is the
way back, and the one place an id taken from a global id is checked: each part must
have the format of the upstream id it stands for (``gateway.upstreams.paths.ID_FORMATS``),
so a forged id is ``BAD_USER_INPUT`` naming the argument, before any upstream call.
"""

from __future__ import annotations

from collections.abc import Sequence

from strawberry import relay

from gateway.exceptions import InputError
from gateway.names import Upstream
from gateway.upstreams.paths import valid_id

SEPARATOR = ":"


def make_node_id(upstream: Upstream, *parts: str) -> str:
    if any(not part or SEPARATOR in part for part in parts):
        raise ValueError(f"node id parts must be non-empty and free of '{SEPARATOR}': {parts!r}")
    return SEPARATOR.join([upstream.value, *parts])


def node_upstream(node_id: str) -> Upstream | None:
    """The upstream a node id belongs to, ``None`` for anything else."""
    head = node_id.split(SEPARATOR, 1)[0]
    return next((u for u in Upstream if u.value == head), None)


def parse_node_id(
    node_id: str, upstream: Upstream, formats: Sequence[str], *, argument: str = "id"
) -> list[str]:
    """The parts of a node id of ``upstream`` whose parts have ``formats`` (``ID_FORMATS`` names;
    ``"*"`` for a part that is not an upstream id, such as ``"absence"``/``"leave"``)."""
    head, *parts = node_id.split(SEPARATOR)
    if head != upstream.value or len(parts) != len(formats):
        raise InputError(f"'{argument}' is not an id of this type", argument=argument)
    for part, name in zip(parts, formats, strict=True):
        if not part or (name != "*" and not valid_id(name, part)):
            raise InputError(f"'{argument}' is not an id of this type", argument=argument)
    return parts


def decode_global_id(value: str | relay.GlobalID, *, type_name: str, argument: str = "id") -> str:
    """The node id inside a relay ``GlobalID`` of ``type_name``; anything else is ``BAD_USER_INPUT``."""
    try:
        global_id = value if isinstance(value, relay.GlobalID) else relay.GlobalID.from_id(value)
    except (ValueError, TypeError):
        raise InputError(f"'{argument}' is not a valid id", argument=argument) from None
    if global_id.type_name != type_name:
        raise InputError(
            f"'{argument}' is a {global_id.type_name} id, expected a {type_name} id", argument=argument
        )
    return global_id.node_id
