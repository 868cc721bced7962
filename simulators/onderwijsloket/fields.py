"""``fields``: which fields, and which related data, each returned item holds.

``*`` is every field of a collection, ``*.*`` every field with each relation expanded one
level (``*.*.*`` two), ``a.b.c`` walks relations
(``educational_institutions.educational_institutions_id.title``), ``locations.*`` gives all
fields of the junction rows. Without ``fields`` (``*``) a many-to-one field shows its
foreign key and a one-to-many field the list of child primary keys; for a many-to-many
that is the junction rows' ids, as Directus returns them. Nested one-to-many lists hold
at most 100 rows unless ``deep`` sets ``_limit``; ``deep`` may also filter, search, sort
and page them.

Choice: an unknown field, or a dotted path through a field that is no relation, answers
400 INVALID_QUERY naming it (see ``evaluator`` for Directus's own 403).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simulators.onderwijsloket.errors import not_relational, unknown_field
from simulators.onderwijsloket.listing import RELATIONAL_LIMIT, Plan, compile_plan
from simulators.onderwijsloket.query import Deep
from simulators.onderwijsloket.store import View

Row = dict[str, Any]


@dataclass
class Selection:
    """One level of the field tree: field name -> ``None`` (its value) or a nested selection."""

    collection: str
    fields: dict[str, Selection | None] = field(default_factory=dict)


def select(paths: list[str] | None, view: View, collection: str) -> Selection:
    selection = Selection(collection)
    nested: dict[str, list[str]] = {}
    schema = view.schema[collection]
    for path in paths or ["*"]:
        name, _, rest = path.partition(".")
        if name == "*":
            for each, each_spec in schema.fields.items():
                selection.fields.setdefault(each, None)
                if rest and each_spec.relational:
                    nested.setdefault(each, []).append(rest)
            continue
        spec = schema.fields.get(name)
        if spec is None:
            raise unknown_field("fields", name, collection)
        selection.fields.setdefault(name, None)
        if rest:
            if not spec.relational:
                raise not_relational("fields", name, collection)
            nested.setdefault(name, []).append(rest)
    for name, rests in nested.items():
        target = schema.fields[name].target
        assert target is not None
        selection.fields[name] = select(rests, view, target)
    return selection


class Projector:
    """Builds output items; compiles each ``deep`` sub-query once per request."""

    def __init__(self, view: View) -> None:
        self.view = view
        self._plans: dict[int, Plan] = {}

    def _children(self, collection: str, name: str, row: Row, deep: Deep | None) -> list[Row]:
        children = self.view.children(collection, name, row)
        if deep is None or deep.query is None:
            return children[:RELATIONAL_LIMIT]
        plan = self._plans.get(id(deep))
        if plan is None:
            target = self.view.schema[collection].fields[name].target
            assert target is not None
            plan = compile_plan(deep.query, self.view, target, RELATIONAL_LIMIT)
            self._plans[id(deep)] = plan
        return plan.page(plan.matching(children))

    def item(self, row: Row, selection: Selection, deep: dict[str, Deep]) -> Row:
        collection = selection.collection
        schema = self.view.schema[collection]
        out: Row = {}
        for name, nested in selection.fields.items():
            spec = schema.fields[name]
            if spec.o2m is not None:
                sub = deep.get(name)
                children = self._children(collection, name, row, sub)
                if nested is None:
                    key = self.view.schema[spec.o2m[0]].primary
                    out[name] = [child[key] for child in children]
                else:
                    deeper = sub.children if sub else {}
                    out[name] = [self.item(child, nested, deeper) for child in children]
            elif spec.m2o is not None and nested is not None:
                target = self.view.related(collection, name, row)
                sub = deep.get(name)
                out[name] = None if target is None else self.item(target, nested, sub.children if sub else {})
            else:
                out[name] = row[name]
        return out
