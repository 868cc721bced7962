"""The Navigator collections as Directus models them: fields, their types and relations.

A many-to-many relation is what Directus makes of it: a junction collection with two
many-to-one fields, and on each side a one-to-many *alias* field into the junction
(``programs.educational_institutions`` -> rows of ``programs_educational_institutions``,
each with an ``educational_institutions_id``). Filters, ``fields`` and ``sort`` walk these
definitions; nothing else in the package knows a collection's shape.

Choice: ``locations`` carry the fields of the Feb 2025 Directus export plus ``city`` (the
later search mapping lists ``city``; the schema evolved), ``programs.credits`` is an
integer (the vendors send a string) and ``status`` is ``active`` (a few programmes
``inactive``).

Choice: besides the four documented collections, the schema holds ``tracks`` (the target
of ``program_forms.track``, whose ``name`` the document's search mapping reads as
``track.name``) and the three junction collections. Directus serves every collection a
role may read under ``/items/{collection}``, so these are served too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Collections whose rows carry a ``vendor`` that decides who may read them (seed: "programs,
# program_forms, educational_institutions and locations, where vendor != 'onderwijsloket'").
VENDOR_RESTRICTED = frozenset({"programs", "program_forms", "educational_institutions", "locations"})


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Directus type: uuid string text integer float boolean json timestamp geometry alias
    m2o: str | None = None  # related collection of a many-to-one field
    o2m: tuple[str, str] | None = None  # (child collection, child's foreign key) of an alias field

    @property
    def relational(self) -> bool:
        return self.m2o is not None or self.o2m is not None

    @property
    def target(self) -> str | None:
        """The collection this field leads into, if it is relational."""
        return self.m2o if self.m2o is not None else (self.o2m[0] if self.o2m else None)


@dataclass(frozen=True)
class Collection:
    name: str
    fields: dict[str, Field]
    primary: str = "id"
    junction: bool = False
    # own fields that ``search`` looks at (Directus: strings, numbers, uuids; not relations)
    searchable: tuple[str, ...] = field(default=())

    @property
    def primary_type(self) -> str:
        return self.fields[self.primary].type


def _collection(name: str, specs: list[tuple[str, str] | Field], *, junction: bool = False) -> Collection:
    fields = {}
    for spec in specs:
        item = spec if isinstance(spec, Field) else Field(spec[0], spec[1])
        fields[item.name] = item
    searchable = tuple(
        f.name
        for f in fields.values()
        if not f.relational and f.type in ("string", "text", "integer", "float", "uuid")
    )
    return Collection(name, fields, junction=junction, searchable=searchable)


_AUDIT = [("status", "string"), ("date_created", "timestamp"), ("date_updated", "timestamp")]
_GEO = [("location_address", "string"), ("location_components", "json"), ("location_data", "geometry")]


def _junction(name: str, left: str, right: str) -> Collection:
    return _collection(
        name,
        [("id", "integer"), Field(f"{left}_id", "uuid", m2o=left), Field(f"{right}_id", "uuid", m2o=right)],
        junction=True,
    )


def _build() -> dict[str, Collection]:
    collections = [
        _collection(
            "programs",
            [
                ("id", "uuid"),
                *_AUDIT,
                *[(name, "string") for name in ("title", "path", "type", "level", "degree")],
                *[(name, "string") for name in ("croho", "croho_name", "crebo", "crebo_profile")],
                ("credits", "integer"),
                *[(name, "string") for name in ("financing", "vendor", "hovi_id", "kiesmbo_id")],
                ("study_number", "string"),
                Field(
                    "educational_institutions",
                    "alias",
                    o2m=("programs_educational_institutions", "programs_id"),
                ),
                Field("locations", "alias", o2m=("programs_locations", "programs_id")),
                Field("program_forms", "alias", o2m=("program_forms", "program")),
            ],
        ),
        _collection(
            "program_forms",
            [
                ("id", "uuid"),
                *_AUDIT,
                Field("program", "uuid", m2o="programs"),
                ("form", "string"),
                Field("track", "uuid", m2o="tracks"),
                ("url", "string"),
                ("description", "text"),
                ("duration_months", "integer"),
                ("tuition_fee", "float"),
                ("vendor", "string"),
            ],
        ),
        _collection(
            "educational_institutions",
            [
                ("id", "uuid"),
                *_AUDIT,
                *[(name, "string") for name in ("title", "code", "path", "type", "brin_code", "hovi_id")],
                *[(name, "string") for name in ("kiesmbo_id", "vendor")],
                ("description", "json"),
                ("website", "json"),
                ("email", "string"),
                ("phone", "string"),
                *_GEO,
                ("is_tio_partner", "boolean"),
                ("notes", "text"),
                Field(
                    "programs",
                    "alias",
                    o2m=("programs_educational_institutions", "educational_institutions_id"),
                ),
                Field(
                    "locations",
                    "alias",
                    o2m=("educational_institutions_locations", "educational_institutions_id"),
                ),
            ],
        ),
        _collection(
            "locations",
            [
                ("id", "uuid"),
                *_AUDIT,
                *[
                    (name, "string")
                    for name in ("hovi_id", "vestiging_sk123_id", "vendor", "title", "brinvest")
                ],
                ("website", "string"),
                *_GEO,
                ("city", "string"),
                ("notes", "text"),
                Field(
                    "educational_institutions",
                    "alias",
                    o2m=("educational_institutions_locations", "locations_id"),
                ),
                Field("programs", "alias", o2m=("programs_locations", "locations_id")),
            ],
        ),
        _collection(
            "tracks",
            [
                ("id", "uuid"),
                ("name", "string"),
                ("path", "string"),
                ("description", "text"),
                Field("program_forms", "alias", o2m=("program_forms", "track")),
            ],
        ),
        _junction("programs_educational_institutions", "programs", "educational_institutions"),
        _junction("programs_locations", "programs", "locations"),
        _junction("educational_institutions_locations", "educational_institutions", "locations"),
    ]
    return {collection.name: collection for collection in collections}


SCHEMA: dict[str, Collection] = _build()
