"""``Absence``: a Loket absence (verzuim) or leave entry, or an Informat interruption.

``kind`` separates sickness, leave and the rest by where a record comes from: Loket's
absence endpoints register sickness (SICKNESS), its leave endpoints leave (LEAVE);
Informat interruptions by code (1 Ziekteverlof -> SICKNESS, a description naming leave
-> LEAVE, else OTHER). See ``gateway.sources.loket_rows`` and ``informat_rows``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from gateway.context import Context
from gateway.dialects.loket import OrderKey
from gateway.records import AbsenceKind as AbsenceKindValue
from gateway.records import AbsenceRecord
from resolvers import ids, people
from schema.filters import DateFilter, FloatFilter, StringFilter
from schema.node import FederatedNode, Source, ordered
from schema.wrap import register, wrap

if TYPE_CHECKING:
    from schema.person import Person

    AbsenceKind = AbsenceKindValue
else:
    AbsenceKind = strawberry.enum(
        AbsenceKindValue, name="AbsenceKind", description="What kind of absence this is."
    )


@strawberry.federation.type(keys=["id"], description="A period someone was away from work.")
class Absence(FederatedNode):
    node_id: relay.NodeID[str]
    source: Source
    source_id: strawberry.ID = strawberry.field(description="The record's id in its upstream.")
    start_date: date | None
    end_date: date | None = strawberry.field(description="Last day; null while the absence is open.")
    code: str | None = strawberry.field(description="Loket cause or leave type key, Informat code.")
    description: str | None
    kind: AbsenceKind
    incapacity_percentage: int | None = strawberry.field(
        default=None, description="Loket absences: the current incapacity percentage."
    )
    hours: float | None = strawberry.field(default=None, description="Loket leave: hours taken.")
    version: str | None = strawberry.field(
        default=None,
        description="Loket absences read one by one: the ETag to send as 'expectedVersion' when closing.",
    )
    record: strawberry.Private[AbsenceRecord]

    @strawberry.field(description="Whose absence this is.")
    async def person(
        self, info: Info[Context, None]
    ) -> Annotated[Person, strawberry.lazy("schema.person")] | None:
        r = self.record
        return wrap(await people.person_of(info.context, r.upstream, r.scope, r.person_id, r.school_year))  # type: ignore[no-any-return]

    @classmethod
    def from_record(cls, record: AbsenceRecord) -> Absence:
        return cls(
            node_id=ids.absence_id(record),
            source=record.upstream,
            source_id=strawberry.ID(record.absence_id),
            start_date=record.start_date,
            end_date=record.end_date,
            code=record.code,
            description=record.description,
            kind=record.kind,
            incapacity_percentage=record.incapacity_percentage,
            hours=record.hours,
            version=record.version,
            record=record,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Absence | None]:
        wanted = list(node_ids)
        found = await people.absences_by_node_id(info.context, wanted)
        return ordered(wanted, {k: cls.from_record(v) for k, v in found.items()}, required=required)


register(AbsenceRecord, Absence.from_record)


@strawberry.input(description="Conditions on an absence kind.")
class AbsenceKindFilter:
    eq: AbsenceKind | None = None
    ne: AbsenceKind | None = None
    in_: list[AbsenceKind] | None = strawberry.field(default=None, name="in")


@strawberry.input(
    description="Which absences to list; applied by the gateway after the bulk fetch (neither "
    "Loket's absence calendar nor Informat can filter these fields)."
)
class AbsenceFilter:
    start_date: DateFilter | None = None
    end_date: DateFilter | None = None
    kind: AbsenceKindFilter | None = None
    code: StringFilter | None = None
    description: StringFilter | None = None
    incapacity_percentage: FloatFilter | None = None
    and_: list[AbsenceFilter] | None = strawberry.field(default=None, name="and")
    or_: list[AbsenceFilter] | None = strawberry.field(default=None, name="or")


ABSENCE_PATHS = {
    name: (name,)
    for name in ("start_date", "end_date", "kind", "code", "description", "incapacity_percentage")
}


@strawberry.enum
class AbsenceOrder(Enum):
    START_DATE_ASC = ("start_date", False)
    START_DATE_DESC = ("start_date", True)
    END_DATE_ASC = ("end_date", False)
    END_DATE_DESC = ("end_date", True)
    KIND_ASC = ("kind", False)


def absence_key(value: AbsenceOrder) -> OrderKey:
    path, descending = value.value
    return OrderKey((path,), descending)
