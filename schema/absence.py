"""``Absence``: a Loket absence (verzuim) or leave entry, or an Informat interruption.

``kind`` separates sickness, leave and the rest, by the upstream's own classification:
Loket absences by cause (1 maternity leave -> LEAVE, 2-4 illness and accidents ->
SICKNESS, others OTHER), Loket leave entries are LEAVE, Informat interruptions by code
(1 Ziekteverlof -> SICKNESS, a description containing "verlof" -> LEAVE, else OTHER).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from gateway.context import Context
from gateway.dialects.loket import OrderKey
from schema.filters import DateFilter, FloatFilter, StringFilter
from schema.node import FederatedNode, Source, make_node_id, ordered

if TYPE_CHECKING:
    from schema.person import Person

LOKET_LEAVE_CAUSES = frozenset({1})
LOKET_SICKNESS_CAUSES = frozenset({2, 3, 4})
INFORMAT_SICKNESS_CODES = frozenset({"1"})


@strawberry.enum(description="What kind of absence this is.")
class AbsenceKind(Enum):
    SICKNESS = "SICKNESS"
    LEAVE = "LEAVE"
    OTHER = "OTHER"


def day(value: Any) -> date | None:
    """``"2026-09-01"`` or Informat's ``"2026-09-01T00:00:00"`` -> a date."""
    return date.fromisoformat(str(value)[:10]) if value else None


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
    # (source, employer id or institute number, person id, school year start or None)
    owner: strawberry.Private[tuple[Source, str, str, int | None]]

    @strawberry.field(description="Whose absence this is.")
    async def person(
        self, info: Info[Context, None]
    ) -> Annotated[Person, strawberry.lazy("schema.person")] | None:
        from schema.person import person_of

        return await person_of(info.context, self.owner)

    @classmethod
    def from_loket_absence(cls, row: dict[str, Any], employer_id: str, employee_id: str) -> Absence:
        """A calendar item (``startDate``/``endDate``) or a full absence (``progress``/``endOfAbsence``)."""
        cause = row.get("causeOfAbsence") or {}
        progress = row.get("progress") or {}
        ended = row.get("endOfAbsence") or {}
        key = cause.get("key")
        kind = (
            AbsenceKind.LEAVE
            if key in LOKET_LEAVE_CAUSES
            else AbsenceKind.SICKNESS
            if key in LOKET_SICKNESS_CAUSES
            else AbsenceKind.OTHER
        )
        return cls(
            node_id=make_node_id(Source.LOKET, employer_id, employee_id, "absence", row["id"]),
            source=Source.LOKET,
            source_id=strawberry.ID(row["id"]),
            start_date=day(row.get("startDate") or progress.get("startDate")),
            end_date=day(row.get("endDate") if "endDate" in row else ended.get("date")),
            code=str(key) if key is not None else None,
            description=cause.get("value"),
            kind=kind,
            incapacity_percentage=row.get(
                "incapacityPercentage", progress.get("currentIncapacityPercentage")
            ),
            owner=(Source.LOKET, employer_id, employee_id, None),
        )

    @classmethod
    def from_loket_leave(cls, row: dict[str, Any], employer_id: str, employee_id: str) -> Absence:
        leave_type = row.get("leaveType") or {}
        unit = (row.get("unitType") or {}).get("key")
        return cls(
            node_id=make_node_id(Source.LOKET, employer_id, employee_id, "leave", row["id"]),
            source=Source.LOKET,
            source_id=strawberry.ID(row["id"]),
            start_date=day(row.get("startDate")),
            end_date=day(row.get("endDate")),
            code=str(leave_type.get("key")) if leave_type.get("key") is not None else None,
            description=leave_type.get("value"),
            kind=AbsenceKind.LEAVE,
            hours=row.get("numberOfUnits") if unit == 1 else None,
            owner=(Source.LOKET, employer_id, employee_id, None),
        )

    @classmethod
    def from_informat(cls, row: dict[str, Any], institute: str, year: int) -> Absence:
        code = str(row.get("code") or "")
        text = row.get("omschrijving")
        kind = (
            AbsenceKind.SICKNESS
            if code in INFORMAT_SICKNESS_CODES
            else AbsenceKind.LEAVE
            if "verlof" in str(text or "").lower()
            else AbsenceKind.OTHER
        )
        person_id = str(row["personId"]).lower()
        return cls(
            node_id=make_node_id(Source.INFORMAT, institute, str(year), person_id, str(row["doId"]).lower()),
            source=Source.INFORMAT,
            source_id=strawberry.ID(str(row["doId"]).lower()),
            start_date=day(row.get("begindatum")),
            end_date=day(row.get("einddatum")),
            code=code or None,
            description=text,
            kind=kind,
            owner=(Source.INFORMAT, institute, person_id, year),
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Absence | None]:
        from resolvers import informat, loket

        ids = list(node_ids)
        found = await loket.absences_by_node_id(info.context, [i for i in ids if i.startswith("loket:")])
        found |= await informat.absences_by_node_id(
            info.context, [i for i in ids if i.startswith("informat:")]
        )
        return ordered(ids, found, required=required)


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
