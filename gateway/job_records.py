"""Typed records of the jobs side: ICTerGezocht vacancies, Onderwijsloket programmes and places.

The counterpart of ``gateway.records`` for people. The sources
(``gateway.sources.ictergezocht``, ``gateway.sources.onderwijsloket``) turn upstream rows
into these records through their ``*_rows`` modules, the only code that knows the upstream
field names; resolvers filter, rank and page them; ``schema`` wraps them. Attribute names
are the GraphQL field names in snake case, so gateway-side filters and orderings
(``gateway.dialects.evaluate``) read them directly, and a filter tree or ordering the schema
builds over them is renamed to upstream fields by the source that sends it.

Writes go down as drafts (``VacancyDraft``): what a vacancy mutation asks for, which the
source turns into the upstream's JSON body.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from cachetools import LRUCache

from gateway.geo import EARTH_RADIUS_KM, Point, centroid, distance_km, town_key

# ---- ICTerGezocht ----


@dataclass(frozen=True, slots=True)
class ContactRecord:
    name: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class VacancyRecord:
    """A vacancy with its figures to date (``GET /vacancy/insight`` is the only read)."""

    vacancy_id: int
    reference_number: str | None
    title: str | None
    city: str | None
    publish_date: date | None
    # ICTerGezocht's code (0 offline, 1 online, 2 expired), passed on as it comes
    status: int | None
    runtime: int | None
    campaign: str | None
    function_group: str | None
    contact: ContactRecord | None
    clicks: int
    applications: int
    cpc: float | None
    cost: float


@dataclass(frozen=True, slots=True)
class CompanyDraft:
    name: str
    description: str | None = None
    logo_url: str | None = None
    type_id: int | None = None


@dataclass(frozen=True, slots=True)
class CompanyUserDraft:
    name: str
    email: str
    phone: str | None = None
    photo_url: str | None = None
    function_id: int | None = None


@dataclass(frozen=True, slots=True)
class CustomFieldDraft:
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class VacancyDraft:
    """A vacancy to create, or the fields that replace a vacancy's (``None``: not sent)."""

    reference_number: str
    title: str
    description: str
    location: str
    country_code: str | None = None
    education: str | None = None
    experience: str | None = None
    employment: str | None = None
    hours: str | None = None
    salary: str | None = None
    industry: str | None = None
    ats_id: str | None = None
    auto_delete_date: date | None = None
    company: CompanyDraft | None = None
    company_user: CompanyUserDraft | None = None
    custom_fields: tuple[CustomFieldDraft, ...] | None = None


@dataclass(frozen=True, slots=True)
class VacancyWritten:
    """What a create or update answers: the vacancy's id and its page (not its publish date)."""

    vacancy_id: int
    url: str


# ---- Onderwijsloket ----


@dataclass(frozen=True, slots=True)
class TuitionFeeRecord:
    year: int | None
    amount: float | None  # euros
    type: str | None
    period: str | None
    definitive: bool | None


@dataclass(frozen=True, slots=True)
class ProgramFormRecord:
    form_id: str
    form: str | None
    url: str | None
    description: str | None
    tuition_fees: tuple[TuitionFeeRecord, ...]


@dataclass(frozen=True, slots=True)
class InstitutionRecord:
    institution_id: str
    name: str | None
    code: str | None
    type: str | None
    brin_code: str | None
    email: str | None
    phone: str | None
    website: str | None
    is_tio_partner: bool | None


@dataclass(frozen=True, slots=True)
class ProgramRecord:
    """A programme as far as it was selected (``ProgramSelection``); the rest is ``None``/empty."""

    program_id: str
    name: str | None
    type: str | None
    level: str | None
    degree: str | None
    credits: int | None
    croho_code: str | None
    status: str | None
    institutions: tuple[InstitutionRecord, ...]
    forms: tuple[ProgramFormRecord, ...]
    location_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProgramSelection:
    """Which attributes of a programme, its institutions and its forms a query reads, so the source
    asks the upstream for those only; an empty set for institutions or forms reads none of them.
    The programme's id and location ids are always read."""

    program: frozenset[str] = frozenset()
    institution: frozenset[str] = frozenset()
    form: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class LocationRecord:
    """A teaching site; ``city`` is the town its own address data names (Directus has no town field)."""

    location_id: str
    name: str | None
    city: str | None
    address: str | None
    point: Point | None


@dataclass(frozen=True, slots=True)
class NearbyProgramRecord:
    distance_km: float
    program: ProgramRecord
    location: LocationRecord  # the programme's location nearest to the point asked about


KM_PER_DEGREE_LATITUDE = EARTH_RADIUS_KM * math.pi / 180
WITHIN_MEMO = 256
"""Centre-and-radius answers a location table keeps (distinct towns asked about, in practice)."""


@dataclass(frozen=True)
class LocationTable:
    """Every location by id; a town's centre is the centroid of the located sites in it.

    ``within`` answers from a latitude-sorted index: only the sites in the band of latitudes a
    circle of the radius can reach are measured (a great-circle distance is never shorter than
    its north-south part), so 50 vacancies do not each measure the distance to every site. Its
    answers are also kept per centre and radius (the table lives in a cross-request cache and
    vacancies cluster in a few towns), at most ``WITHIN_MEMO`` of them.
    """

    locations: dict[str, LocationRecord]
    towns: dict[str, Point] = field(default_factory=dict)  # town_key -> centre
    by_latitude: tuple[tuple[float, str], ...] = ()
    _within: LRUCache[tuple[Point, float], dict[str, float]] = field(
        default_factory=lambda: LRUCache(maxsize=WITHIN_MEMO), compare=False, repr=False
    )

    @classmethod
    def of(cls, records: Iterable[LocationRecord]) -> LocationTable:
        locations = {record.location_id: record for record in records}
        grouped: dict[str, list[Point]] = defaultdict(list)
        for record in locations.values():
            if record.city and record.point:
                grouped[town_key(record.city)].append(record.point)
        towns = {town: c for town, members in grouped.items() if (c := centroid(members)) is not None}
        index = tuple(sorted((r.point.latitude, key) for key, r in locations.items() if r.point))
        return cls(locations, towns, index)

    def town_point(self, town: str | None) -> Point | None:
        """Where ``town`` is: ``None`` when no location with a point lies in it."""
        return None if not town else self.towns.get(town_key(town))

    def within(self, centre: Point, radius_km: float) -> dict[str, float]:
        """Location id -> distance from ``centre`` in km, for every location within ``radius_km``."""
        known = self._within.get((centre, radius_km))
        if known is not None:
            return dict(known)
        band = radius_km / KM_PER_DEGREE_LATITUDE
        low = bisect_left(self.by_latitude, (centre.latitude - band, ""))
        high = bisect_right(self.by_latitude, (centre.latitude + band, "\uffff"))
        found = {}
        for _, key in self.by_latitude[low:high]:
            point = self.locations[key].point
            assert point is not None  # only located sites are indexed
            km = distance_km(centre, point)
            if km <= radius_km:
                found[key] = km
        self._within[(centre, radius_km)] = found
        return dict(found)
