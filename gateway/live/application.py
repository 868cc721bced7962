"""``ApplicationRecord``: one ICTerGezocht.nl application as subscribers see it, and its wire form.

The webhook carries the CV itself (base64, up to 20 MB); the record keeps only whether one
came and its file name. The CV's bytes are read once, to check the body, and dropped: they
are never published, logged, or sent to Redis. ``to_wire``/``from_wire`` are the JSON the
Redis relay carries between replicas (orjson), so one replica's record is another's.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ApplicationRecord:
    application_id: int  # what the gateway answered ICTerGezocht ({"id": ...})
    reference_number: str  # the vacancy's reference number
    name: str
    email: str
    phone: str | None
    city: str | None
    motivation: str | None
    source: str
    campaign: str
    has_cv: bool
    cv_filename: str | None
    received_at: datetime  # when the gateway received the webhook (UTC)

    def to_wire(self) -> dict[str, Any]:
        wire = asdict(self)
        wire["received_at"] = self.received_at.isoformat()
        return wire

    @classmethod
    def from_wire(cls, wire: dict[str, Any]) -> ApplicationRecord:
        """The record from ``to_wire``'s dict; ``ValueError`` for anything else (a foreign message)."""
        names = {field.name for field in fields(cls)}
        if not isinstance(wire, dict) or set(wire) != names:
            raise ValueError("not an application record")
        try:
            values = {**wire, "received_at": datetime.fromisoformat(wire["received_at"])}
            return cls(**values)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"not an application record: {type(exc).__name__}") from None


__all__ = ["ApplicationRecord"]
