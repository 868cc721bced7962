"""The Navigator collections as Directus models them: fields, their types and relations.

A many-to-many relation is what Directus makes of it: a junction collection with two
many-to-one fields, and on each side a one-to-many *alias* field into the junction
(``programs.educational_institutions`` -> rows of ``educational_institutions_programs``,
each with an ``educational_institutions_id``). Filters, ``fields`` and ``sort`` walk these
definitions; nothing else in the package knows a collection's shape, and a name that is
not here is an unknown field (Directus refuses it).

Where the names come from (``../shared/reference/onderwijsloket-collections.md``):

- ``locations`` and ``educational_institutions``: the keys of the Feb 2025 Directus export.
  Locations have **no** ``city``: the town is inside ``location_address`` and
  ``location_components`` (only the search index and the pre-import model have ``city``).
- ``programs``: ``id``, ``title``, ``level`` (Directus queries in the docs); ``path``,
  ``type``, ``degree``, ``hovi_id``, ``kiesmbo_id``, ``study_number`` (search mapping);
  ``vendor`` (the seed's permission rule).
- ``program_forms``: ``id``, ``url``, ``description``, ``track`` (search mapping).
- junctions: ``educational_institutions_programs`` with ``programs_id`` and
  ``educational_institutions_id`` (Directus queries and search mapping in the docs).

Choice: ``programs.croho``, ``croho_name``, ``crebo``, ``crebo_profile``, ``credits`` and
``financing`` take the pre-import (vendor) model's names, the only names any source gives
for CROHO/CREBO codes and study load; ``credits`` is an integer there a string.

Choice: ``program_forms.product_form`` (``voltijd``, ``deeltijd``, ``duaal``) and
``tuition_fees`` (a JSON list of ``{amount, definitive, description, tuitionFeePeriod,
tuitionFeeType, year}``) are the vendor model's names; no source names a duration, so
there is none. ``program`` is the many-to-one to ``programs`` (the docs say each form
belongs to one programme but not the field's name); ``vendor`` is implied by the seed's
rule covering program forms. ``track`` is a many-to-one (singular): the search mapping
reads ``track.name``, its facet list ``tracks.name``; singular keeps one track per form,
as the vendor model's ``tracks[{productForm, track}]`` pairs a form with one track.
``description`` is plain text (the docs only hint at a Tiptap document).

Choice: ``status``, ``date_created`` and ``date_updated`` on programmes and forms are the
Directus audit fields the export shows on locations and institutions (``status`` is
``active``, for a few programmes ``inactive``); ``user_created`` / ``user_updated`` hold a
user's id as a plain uuid (``directus_users`` is not served).

Choice: besides the four documented collections, the schema holds ``tracks`` (the target
of ``program_forms.track``; the docs read ``tracks.tracks_id`` with ``id, name, path`` on
articles; its ``description`` and alias ``program_forms`` are choices) and the junction
collections. ``programs_locations`` (``locations_id``) is the
usual Directus naming for the documented programme-location relation, whose names no
source gives; ``educational_institutions_locations`` likewise for the documented
institution-location relation: the export's locations show its alias
``educational_institutions``, the institution side's alias ``locations`` is not in the
export (it has only ``sub_locations``) and is a choice too. Directus serves every
collection a role may read under ``/items/{collection}``, so these are served too.
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
# the export's order: status, user_created, date_created, user_updated, date_updated
_IMPORTED = [
    ("status", "string"),
    ("user_created", "uuid"),
    ("date_created", "timestamp"),
    ("user_updated", "uuid"),
    ("date_updated", "timestamp"),
]
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
                    o2m=("educational_institutions_programs", "programs_id"),
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
                ("product_form", "string"),
                Field("track", "uuid", m2o="tracks"),
                ("url", "string"),
                ("description", "text"),
                ("tuition_fees", "json"),
                ("vendor", "string"),
            ],
        ),
        _collection(
            "educational_institutions",
            [
                ("id", "uuid"),
                *_IMPORTED,
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
                    o2m=("educational_institutions_programs", "educational_institutions_id"),
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
                *_IMPORTED,
                *[
                    (name, "string")
                    for name in ("hovi_id", "vestiging_sk123_id", "vendor", "title", "brinvest")
                ],
                ("website", "string"),
                *_GEO,
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
        _junction("educational_institutions_programs", "educational_institutions", "programs"),
        _junction("programs_locations", "programs", "locations"),
        _junction("educational_institutions_locations", "educational_institutions", "locations"),
    ]
    return {collection.name: collection for collection in collections}


SCHEMA: dict[str, Collection] = _build()
