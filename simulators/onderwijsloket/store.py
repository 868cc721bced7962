"""What one access policy may read of the data set, indexed for relations.

Directus applies a role's item permissions everywhere: in lists, in ``meta`` counts, in
filters through relations and in nested ``fields``. A ``View`` holds exactly the rows the
policy may read, so every query runs against it and nothing can leak. A many-to-one value
pointing at a row outside the view reads as ``null`` when expanded (the stored foreign key
itself stays visible, as in Directus); one-to-many lists hold only visible children.

Choice: the vendor rule covers the four collections the document names; ``tracks`` and
the junction rows are readable by every token (a junction row only carries two ids), so
a Navigator token sees that a curated programme is linked to some institution, reading
``null`` for it when that institution belongs to another vendor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from simulators.onderwijsloket.schema import SCHEMA, VENDOR_RESTRICTED, Collection

Row = dict[str, Any]


@dataclass(frozen=True)
class Policy:
    """A set of read permissions; ``vendors=None`` reads every vendor's rows."""

    name: str
    vendors: frozenset[str] | None

    def may_read(self, collection: str, row: Row) -> bool:
        if self.vendors is None or collection not in VENDOR_RESTRICTED:
            return True
        return row.get("vendor") in self.vendors


class View:
    def __init__(self, dataset: dict[str, list[Row]], policy: Policy) -> None:
        self.policy = policy
        self.schema: dict[str, Collection] = SCHEMA
        self.rows: dict[str, list[Row]] = {
            name: [row for row in rows if policy.may_read(name, row)] for name, rows in dataset.items()
        }
        self.by_id: dict[str, dict[Any, Row]] = {
            name: {row[SCHEMA[name].primary]: row for row in rows} for name, rows in self.rows.items()
        }
        self._children: dict[tuple[str, str], dict[Any, list[Row]]] = {}
        for collection in SCHEMA.values():
            for field in collection.fields.values():
                if field.o2m is not None:
                    child, foreign_key = field.o2m
                    groups: dict[Any, list[Row]] = {}
                    for row in self.rows[child]:
                        groups.setdefault(row[foreign_key], []).append(row)
                    self._children[(collection.name, field.name)] = groups
        # per-request helpers may memoise derived values here (search texts)
        self.memo: dict[Any, Any] = {}

    def get(self, collection: str, key: Any) -> Row | None:
        return self.by_id[collection].get(key)

    def related(self, collection: str, field: str, row: Row | None) -> Row | None:
        """The row a many-to-one field points at, if this view may read it."""
        if row is None or row.get(field) is None:
            return None
        target = self.schema[collection].fields[field].m2o
        assert target is not None
        return self.by_id[target].get(row[field])

    def children(self, collection: str, field: str, row: Row | None) -> list[Row]:
        """The visible rows of a one-to-many (alias) field, in primary-key order."""
        if row is None:
            return []
        return self._children[(collection, field)].get(row[self.schema[collection].primary], [])
