"""Sources: each upstream as a provider of typed records, behind one protocol per entity family.

Dependencies run one way: ``schema`` -> ``resolvers`` -> ``sources`` -> ``upstreams``
(the clients). A source knows its upstream's endpoints, field names and data plan; it
returns records (``gateway.records``), never upstream dicts. Resolvers pick the source by
the record's ``Upstream`` (``people``, ``employments``, ``absences`` below) and never ask
which upstream they are talking to.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from gateway.context import Context
from gateway.exceptions import InputError
from gateway.names import Upstream
from gateway.records import (
    AbsenceQuery,
    AbsenceRecord,
    EmploymentQuery,
    EmploymentRecord,
    PersonKey,
    PersonRecord,
)
from gateway.sources.informat import InformatSource
from gateway.sources.loket import LoketSource

S = TypeVar("S")


class PeopleSource(Protocol):
    async def persons(self, context: Context, keys: Sequence[PersonKey]) -> dict[PersonKey, PersonRecord]: ...


class EmploymentSource(Protocol):
    async def employments(
        self, context: Context, keys: Sequence[PersonKey], query: EmploymentQuery
    ) -> dict[PersonKey, list[EmploymentRecord]]: ...


class AbsenceSource(Protocol):
    async def absences(
        self, context: Context, keys: Sequence[PersonKey], query: AbsenceQuery
    ) -> dict[PersonKey, list[AbsenceRecord]]: ...


LOKET = LoketSource()
INFORMAT = InformatSource()
_PEOPLE: dict[Upstream, PeopleSource] = {Upstream.LOKET: LOKET, Upstream.INFORMAT: INFORMAT}
_EMPLOYMENTS: dict[Upstream, EmploymentSource] = {Upstream.LOKET: LOKET, Upstream.INFORMAT: INFORMAT}
_ABSENCES: dict[Upstream, AbsenceSource] = {Upstream.LOKET: LOKET, Upstream.INFORMAT: INFORMAT}


def _pick(table: dict[Upstream, S], upstream: Upstream, what: str) -> S:
    try:
        return table[upstream]
    except KeyError:
        raise InputError(f"{upstream.value} has no {what}", argument="id") from None


def people(upstream: Upstream) -> PeopleSource:
    return _pick(_PEOPLE, upstream, "people")


def employments(upstream: Upstream) -> EmploymentSource:
    return _pick(_EMPLOYMENTS, upstream, "employments")


def absences(upstream: Upstream) -> AbsenceSource:
    return _pick(_ABSENCES, upstream, "absences")


__all__ = [
    "INFORMAT",
    "LOKET",
    "AbsenceSource",
    "EmploymentSource",
    "PeopleSource",
    "absences",
    "employments",
    "people",
]
