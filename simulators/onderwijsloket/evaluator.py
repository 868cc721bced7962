"""A parsed Directus filter compiled, against the schema, into a predicate over rows.

Field paths follow relations as Directus joins them: a many-to-one field leads into its
related row (a LEFT JOIN: a missing or unreadable row behaves as a row of NULLs), a
one-to-many (alias) field means "some child matches" (``EXISTS``), explicitly
``_some``/``_none``; many-to-many goes through the junction rows
(``{"educational_institutions": {"educational_institutions_id": {"title": ...}}}``). An
operator straight on an alias field tests the children's primary keys, as Directus does.

Choice: an unknown field answers 400 INVALID_QUERY naming the field (the Onderwijsloket
document lists incorrect field names under INVALID_QUERY; Directus 11 itself answers 403
FORBIDDEN "You don't have permission to access field ... or it does not exist"). Each
condition on a relation is its own EXISTS: ``_and`` of two conditions on ``program_forms``
may be met by two different forms (older Directus behaviour; Directus 11 merges them).
An empty ``_and``/``_or``, or an ``_or`` holding ``{}``, matches everything, as the SQL
Directus builds for them does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from simulators.onderwijsloket.errors import invalid_query, not_relational, unknown_field
from simulators.onderwijsloket.operators import build_leaf
from simulators.onderwijsloket.store import View

Row = dict[str, Any]
Predicate = Callable[[Row | None], bool]


def _always(row: Row | None) -> bool:
    return True


def compile_filter(node: dict[str, Any], view: View, collection: str) -> Predicate:
    """The predicate for a filter already normalised by ``filters.parse_filter``."""
    return _Compiler(view).node(node, collection)


class _Compiler:
    def __init__(self, view: View) -> None:
        self.view = view

    def node(self, node: dict[str, Any], collection: str) -> Predicate:
        if not node:
            return _always
        key, value = next(iter(node.items()))
        if key == "_and":
            parts = [self.node(item, collection) for item in value]
            return lambda row: all(part(row) for part in parts)
        if key == "_or":
            options = [self.node(item, collection) for item in value]
            if not value or any(not item for item in value):
                return _always
            return lambda row: any(option(row) for option in options)
        field = self.view.schema[collection].fields.get(key)
        if field is None:
            raise unknown_field("filter", key, collection)
        if not isinstance(value, dict):
            raise invalid_query("Invalid filter object")
        if not value:
            return _always
        inner_key, inner_value = next(iter(value.items()))
        if inner_key.startswith("_"):
            return self._operator(collection, key, inner_key, inner_value)
        if not field.relational:
            raise not_relational("filter", key, collection)
        target = field.target
        assert target is not None
        nested = self.node(value, target)
        view = self.view
        if field.m2o is not None:
            return lambda row: nested(view.related(collection, key, row))
        return lambda row: any(nested(child) for child in view.children(collection, key, row))

    def _operator(self, collection: str, name: str, operator: str, value: Any) -> Predicate:
        view = self.view
        field = view.schema[collection].fields[name]
        if operator in ("_some", "_none"):
            if field.o2m is None:
                if field.m2o is not None:
                    raise invalid_query(
                        f'"{operator}" can only be used with top level relational alias field'
                    )
                raise invalid_query(
                    f'"{field.type}" field type does not contain the "{operator}" filter operator'
                )
            nested = self.node(value if isinstance(value, dict) else {}, field.o2m[0])
            if operator == "_some":
                return lambda row: any(nested(child) for child in view.children(collection, name, row))
            return lambda row: not any(nested(child) for child in view.children(collection, name, row))
        if field.o2m is not None:
            child = view.schema[field.o2m[0]]
            test = build_leaf(child.primary_type, operator, value)
            key = child.primary
            return lambda row: any(test(item[key]) for item in view.children(collection, name, row))
        test = build_leaf(field.type, operator, value)
        return lambda row: test(None if row is None else row[name])
