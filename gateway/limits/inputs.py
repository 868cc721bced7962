"""Bounds on the size of what a caller passes in arguments, checked before any work starts.

The check runs on the parsed document and the request's *raw* variables, before validation
and coercion: graphql-core's coercion of a variable holding 200,000 values alone takes
seconds, and the gateway-side filter that followed compared each of them with every record.
So the bounds are read from the values themselves, whether written in the document or
passed as variables (a variable counts where it is used; an absent one by its default):

- a list holds at most ``max_list_length`` items (``orderBy``, a filter's ``and``/``or``,
  a mutation's list inputs) — except the values of an ``in`` filter, at most
  ``max_in_values``, and ``_entities(representations:)``, at most ``max_entities``;
- all the arguments of one operation together hold at most ``max_input_values`` values,
  each scalar, list, list item and input object counting one (``["a", "b"]`` is three),
  **once per time its field can run**: the ``size`` of the cost formula multiplied down
  from the root (``gateway.limits.shape.FieldSizes``), so a 3-value filter on the absences
  of a page of 200 persons counts 600.

Why the total, and why multiplied: filters nest through ``and``/``or``, so per-list bounds
alone would allow 100 branches of 100 branches of 500 ``in`` values; and Strawberry turns
a field's arguments into input objects each time the field runs (some 50 µs per value in
CPython), so a 1,000-value filter on a field inside a page of 200 spent ten seconds there,
in one turn of the event loop, before any resolver ran. The total bounds that conversion
for the whole request, and the work per record of a gateway-side filter: every comparison
needs a value of its own, so ``gateway.dialects.evaluate.comparisons`` is at most
``max_input_values`` per record.

Values the schema does not know (unknown fields, wrong shapes) count one and are left to
validation and coercion, which refuse them; scalars are not looked into (an ``_Any``
representation is one value). Values keep their own stack, so deep input cannot exhaust
the interpreter's, and the walk stops once the total is passed, so it takes at most
``max_input_values`` steps whatever the request holds (a list's or object's length is read
before its items are walked).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)

from gateway.limits.errors import ENTITIES, IN_VALUES, INPUT_VALUES, LIST_LENGTH, Limit, input_error
from gateway.limits.shape import FieldSizes
from gateway.settings import RequestLimits

ENTITIES_FIELD = "_entities"
IN_FIELD = "in"


@dataclass(frozen=True)
class _Value:
    """A value to look at: an AST node (``raw`` False) or a variable's JSON (``raw`` True)."""

    value: Any
    raw: bool
    type: GraphQLInputType
    where: str  # 'filter.or[2].lastName.in', for the message
    bound: Limit  # the bound that applies if this value is a list


class _Passed(Exception):
    """The total is passed: the walk stops."""


class _InputWalker:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: Mapping[str, Any],
        limits: RequestLimits,
        *,
        default_first: int,
    ) -> None:
        self.schema = schema
        self.variables = variables
        self.sizes = FieldSizes(variables, default_first=default_first, max_first=limits.max_first)
        self.allowed = {
            IN_VALUES: limits.max_in_values,
            LIST_LENGTH: limits.max_list_length,
            ENTITIES: limits.max_entities,
            INPUT_VALUES: limits.max_input_values,
        }
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.errors: dict[Limit, GraphQLError] = {}  # the first spot over each limit
        self.count = 0
        # values in a fragment per run (and an argument holding some), added at each further spread
        self.fragment_values: dict[str, tuple[int, ArgumentNode | None]] = {}
        self.visiting: set[str] = set()
        self.last_argument: ArgumentNode | None = None

    def operation(self, operation: OperationDefinitionNode) -> None:
        self.count = 0
        self.sizes.start(operation)  # sizes and variable defaults are the operation's own
        self.fragment_values = {}
        self.visiting = set()
        self.last_argument = None
        with contextlib.suppress(_Passed):  # the total is passed: the rest need not be looked at
            self._selections(operation.selection_set, self.schema.get_root_type(operation.operation), 1)

    def _selections(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType | None, runs: int
    ) -> None:
        """Count the argument values of every field below, ``runs`` times each (the times the
        selection set can run); a fragment is walked once and its count added again at each
        further spread (each spread runs), so a fragment bomb stays linear."""
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                definition = _field_of(parent, selection.name.value)
                if definition is None:
                    continue  # unknown: validation refuses the document, nothing is coerced
                self._arguments(selection, definition, runs)
                if selection.selection_set is not None:
                    each = max(1, runs * self.sizes.size(selection, definition))
                    self._selections(selection.selection_set, get_named_type(definition.type), each)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                self._selections(selection.selection_set, inner, runs)
            elif isinstance(selection, FragmentSpreadNode):
                self._spread(selection, runs)

    def _spread(self, spread: FragmentSpreadNode, runs: int) -> None:
        name = spread.name.value
        fragment = self.fragments.get(name)
        if fragment is None or name in self.visiting:
            return  # unknown or cyclic: validation refuses it
        if name in self.fragment_values:
            values, argument = self.fragment_values[name]
            if argument is not None:
                self.last_argument = argument
                self._add(values * runs, argument, f"...{name}")
            return
        count, outer = self.count, self.last_argument
        self.visiting.add(name)
        self.last_argument = None
        condition = self.schema.get_type(fragment.type_condition.name.value)
        self._selections(fragment.selection_set, condition, runs)
        self.visiting.discard(name)
        inner = self.last_argument  # an argument in the fragment, to name when a spread passes the total
        self.fragment_values[name] = ((self.count - count) // runs, inner)  # per run: all counts are ×runs
        self.last_argument = inner or outer

    def _arguments(self, field: FieldNode, definition: GraphQLField, runs: int) -> None:
        for argument in field.arguments or ():
            known = definition.args.get(argument.name.value)
            if known is None:
                continue
            name = argument.name.value
            bound = ENTITIES if field.name.value == ENTITIES_FIELD else LIST_LENGTH
            self.last_argument = argument
            self._walk(argument, _Value(argument.value, False, known.type, name, bound), runs)

    def _walk(self, argument: ArgumentNode, start: _Value, runs: int) -> None:
        """Count the values under ``start`` (``runs`` each), checking every list's length on the way."""
        stack = [start]
        while stack:
            item = stack.pop()
            value, raw = item.value, item.raw
            if not raw and isinstance(value, VariableNode):
                name = value.name.value
                if name in self.variables:
                    value, raw = self.variables[name], True
                else:
                    value = self.sizes.defaults.get(name)
                    if value is None:
                        continue
            self._add(runs, argument, item.where)
            type_ = item.type.of_type if isinstance(item.type, GraphQLNonNull) else item.type
            if isinstance(type_, GraphQLList):
                items = _list_items(value, raw)
                if items is None:  # one value where a list goes: coerced as a list of one
                    stack.append(_Value(value, raw, type_.of_type, item.where, LIST_LENGTH))
                    self.count -= runs  # counted again as that one item
                    continue
                allowed = self.allowed[item.bound]
                if len(items) > allowed:
                    self._refuse(item.bound, argument, item.where, len(items))
                    continue  # not walked: the request is refused anyway
                self._add(0, argument, item.where, upcoming=len(items) * runs)
                stack.extend(
                    _Value(items[i], raw, type_.of_type, f"{item.where}[{i}]", LIST_LENGTH)
                    for i in reversed(range(len(items)))
                )
            elif isinstance(type_, GraphQLInputObjectType):
                # each field is a value: an object with 200,000 keys is refused before they are listed
                self._add(0, argument, item.where, upcoming=_object_size(value, raw) * runs)
                for name, field_value in reversed(_object_fields(value, raw)):
                    field = type_.fields.get(name)
                    if field is None:
                        self._add(runs, argument, item.where)  # validation or coercion refuses it
                        continue
                    bound = IN_VALUES if name == IN_FIELD else LIST_LENGTH
                    stack.append(_Value(field_value, raw, field.type, f"{item.where}.{name}", bound))

    def _add(self, values: int, argument: ArgumentNode, where: str, *, upcoming: int = 0) -> None:
        """Count ``values``; stop the walk once the total (with ``upcoming`` items) is passed."""
        self.count += values
        allowed = self.allowed[INPUT_VALUES]
        if self.count + upcoming > allowed:
            self._refuse(INPUT_VALUES, argument, where, None)
            raise _Passed

    def _refuse(self, limit: Limit, argument: ArgumentNode, where: str, actual: int | None) -> None:
        if limit not in self.errors:
            self.errors[limit] = input_error(
                limit, argument.name.value, where, self.allowed[limit], actual, [argument]
            )


def _list_items(value: Any, raw: bool) -> list[Any] | None:
    if raw:
        return value if isinstance(value, list) else None
    return list(value.values) if isinstance(value, ListValueNode) else None


def _object_size(value: Any, raw: bool) -> int:
    if raw:
        return len(value) if isinstance(value, dict) else 0
    return len(value.fields) if isinstance(value, ObjectValueNode) else 0


def _object_fields(value: Any, raw: bool) -> list[tuple[str, Any]]:
    if raw:
        return [(str(k), v) for k, v in value.items()] if isinstance(value, dict) else []
    return [(f.name.value, f.value) for f in value.fields] if isinstance(value, ObjectValueNode) else []


def _field_of(parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        field: GraphQLField | None = parent.fields.get(name)
        return field
    return None


def input_errors(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None,
    limits: RequestLimits,
    *,
    default_first: int,
) -> list[GraphQLError]:
    """The bounds ``document``'s arguments (with ``variables``) pass: at most one error per bound,
    for the first spot over it, in every operation of the document (any may be the one run).
    ``default_first`` is the pagination's, as for ``measure``."""
    walker = _InputWalker(schema, document, variables or {}, limits, default_first=default_first)
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            walker.operation(definition)
    return list(walker.errors.values())


__all__ = ["ENTITIES_FIELD", "input_errors"]
