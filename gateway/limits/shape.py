"""What a GraphQL document asks for, measured before it runs: depth, aliases, root fields, cost.

The measures are taken on the parsed document against the schema, before validation, so
they must hold for any document: unknown fields and fragments count as leaves and a
fragment cycle (which validation then rejects) stops the walk. Each named fragment is
measured once and reused wherever it is spread, so a document that spreads fragments
into fragments ("fragment bombs") is measured in linear time.

**Cost** estimates the upstream fetches an operation can cause, before batching::

    cost(selection set) = sum over its fields f of  fetches(f) + size(f) * cost(selections of f)

- ``size(f)`` is how many objects ``f`` yields per parent: its ``first`` when it takes one (the
  value given, a literal or the request's variable, else the argument's schema default, else
  ``default_first``; at most ``max_first``); for a lookup taking a list of keys (``_entities``)
  the number of keys; otherwise 1.
- ``fetches(f)`` is 1 for a field taking ``first`` (one page request per parent); ``size(f)``
  for a field that returns ``Node`` objects looked up by id (``node``, ``person``, ``employer``,
  ``_entities``: one loader key each), at the root as anywhere else, except the ``node``/``nodes``
  of a connection's own ``*Connection``/``*Edge`` types, which the page already fetched; 1 for
  any other root field; 0 for everything else (scalars and embedded objects).

So ``persons(first: 200) { nodes { employments { nodes { jobTitle } } absences { nodes { kind } } } }``
costs 1 + 200 * (1 + 1) = 401, a page of 50 vacancies with their nearby training programs
1 + 50 * 1 = 51, and ``_entities`` with 2,000 representations (in the document or in a variable)
2,000 + 2,000 * cost(selections): each representation is one by-id lookup, even when only
``__typename`` is selected. Batching makes the real number of calls far smaller; the estimate
bounds the work a query can ask for, which is what a limit needs. Introspection fields
(``__schema``, ``__type``, ``__typename``) cost nothing and are not root fields, but do count
for depth. (``_entities`` has its own bound as well, ``max_entities``: ``gateway.limits.inputs``.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
)

NODE_INTERFACE = "Node"
PAGE_ARGUMENT = "first"
PLUMBING_SUFFIXES = ("Connection", "Edge")


@dataclass(frozen=True)
class Shape:
    """The measures of a whole document (the largest over its operations, aliases summed)."""

    depth: int
    aliases: int
    root_fields: int
    cost: int


@dataclass(frozen=True)
class _Measure:
    depth: int
    cost: int


_EMPTY = _Measure(0, 0)


class FieldSizes:
    """``size(f)`` of the cost formula, for one operation: how many objects a field yields per parent.

    Reads ``first`` and lists of keys from the literal or the request's variable (else the
    operation's default for it); ``gateway.limits.inputs`` uses it too, to count a field's
    arguments once per time the field can run.
    """

    def __init__(self, variables: Mapping[str, Any], *, default_first: int, max_first: int) -> None:
        self.variables = variables
        self.default_first = default_first
        self.max_first = max_first
        self.defaults: dict[str, ValueNode | None] = {}

    def start(self, operation: OperationDefinitionNode) -> None:
        """Variable defaults are the operation's own."""
        self.defaults = {d.variable.name.value: d.default_value for d in operation.variable_definitions or ()}

    def size(self, node: FieldNode, definition: GraphQLField) -> int:
        if PAGE_ARGUMENT in definition.args:
            value = self._int_argument(node, PAGE_ARGUMENT)
            if value is None:
                default = definition.args[PAGE_ARGUMENT].default_value
                value = default if isinstance(default, int) else self.default_first
            return max(0, min(value, self.max_first))
        if returns_nodes(definition) and isinstance(_unwrap_non_null(definition.type), GraphQLList):
            for argument in node.arguments or ():
                keys = self.value(argument.value)
                if isinstance(keys, list):
                    return len(keys)
        return 1

    def _int_argument(self, node: FieldNode, name: str) -> int | None:
        for argument in node.arguments or ():
            if argument.name.value == name:
                value = self.value(argument.value)
                return value if isinstance(value, int) and not isinstance(value, bool) else None
        return None

    def value(self, node: ValueNode | None) -> Any:
        """A literal's or variable's value, as far as the estimate needs it (ints and list lengths)."""
        if isinstance(node, VariableNode):
            name = node.name.value
            if name in self.variables:
                return self.variables[name]
            return self.value(self.defaults.get(name))
        if isinstance(node, IntValueNode):
            try:
                return int(node.value)
            except ValueError:
                return None
        if isinstance(node, ListValueNode):
            return list(node.values)
        return None


def returns_nodes(definition: GraphQLField) -> bool:
    """Whether ``definition`` yields ``Node`` objects (looked up by id: one loader key each)."""
    named = get_named_type(definition.type)
    if isinstance(named, GraphQLInterfaceType):
        return named.name == NODE_INTERFACE
    if isinstance(named, GraphQLObjectType):
        return any(i.name == NODE_INTERFACE for i in named.interfaces)
    if isinstance(named, GraphQLUnionType):
        return bool(named.types) and all(
            any(i.name == NODE_INTERFACE for i in member.interfaces) for member in named.types
        )
    return False


class _Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: Mapping[str, Any],
        *,
        default_first: int,
        max_first: int,
    ) -> None:
        self.schema = schema
        self.sizes = FieldSizes(variables, default_first=default_first, max_first=max_first)
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.measured: dict[str, _Measure] = {}
        self.visiting: set[str] = set()

    def operation(self, operation: OperationDefinitionNode) -> tuple[_Measure, int]:
        """The operation's depth and cost, and how many root fields it selects."""
        root = self.schema.get_root_type(operation.operation)
        self.measured = {}  # fragment measures depend on this operation's variable defaults
        self.sizes.start(operation)
        measure = self.selections(operation.selection_set, root, at_root=True)
        return measure, len(self._root_fields(operation.selection_set, set()))

    def selections(
        self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType | None, *, at_root: bool
    ) -> _Measure:
        if selection_set is None:
            return _EMPTY
        depth = cost = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                measure = self.field(selection, parent, at_root=at_root)
            elif isinstance(selection, InlineFragmentNode):
                condition = (
                    self.schema.get_type(selection.type_condition.name.value)
                    if selection.type_condition
                    else parent
                )
                measure = self.selections(selection.selection_set, condition, at_root=at_root)
            elif isinstance(selection, FragmentSpreadNode):
                measure = self.fragment(selection.name.value, at_root=at_root)
            else:  # pragma: no cover - the grammar has no other selection
                continue
            depth = max(depth, measure.depth)
            cost += measure.cost
        return _Measure(depth, cost)

    def fragment(self, name: str, *, at_root: bool) -> _Measure:
        key = f"root:{name}" if at_root else name  # at the root its fields are root fields (fetches)
        if key in self.measured:
            return self.measured[key]
        definition = self.fragments.get(name)
        if definition is None or key in self.visiting:
            return _EMPTY  # unknown or cyclic: validation reports it
        self.visiting.add(key)
        condition = self.schema.get_type(definition.type_condition.name.value)
        measure = self.selections(definition.selection_set, condition, at_root=at_root)
        self.visiting.discard(key)
        self.measured[key] = measure
        return measure

    def field(self, node: FieldNode, parent: GraphQLNamedType | None, *, at_root: bool) -> _Measure:
        name = node.name.value
        definition = _field_of(parent, name)
        child_type = get_named_type(definition.type) if definition is not None else None
        children = self.selections(node.selection_set, child_type, at_root=False)
        if name.startswith("__") or definition is None:
            return _Measure(1 + children.depth, 0)
        size = self.sizes.size(node, definition)
        fetches = 0
        if PAGE_ARGUMENT in definition.args:
            fetches = 1
        elif returns_nodes(definition) and not _is_plumbing(parent):
            fetches = size  # one lookup per key, at the root too (2,000 representations: 2,000)
        elif at_root:
            fetches = 1
        return _Measure(1 + children.depth, fetches + size * children.cost)

    def _root_fields(self, selection_set: SelectionSetNode, seen: set[str]) -> list[str]:
        found: list[str] = []
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if not selection.name.value.startswith("__"):
                    found.append(selection.name.value)
            elif isinstance(selection, InlineFragmentNode):
                found += self._root_fields(selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                definition = self.fragments.get(selection.name.value)
                if definition is not None and definition.name.value not in seen:
                    found += self._root_fields(definition.selection_set, seen | {definition.name.value})
        return found


def _field_of(parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        field: GraphQLField | None = parent.fields.get(name)
        return field
    return None


def _unwrap_non_null(type_: Any) -> Any:
    return type_.of_type if isinstance(type_, GraphQLNonNull) else type_


def _is_plumbing(parent: GraphQLNamedType | None) -> bool:
    return parent is not None and parent.name.endswith(PLUMBING_SUFFIXES)


def _aliases(document: DocumentNode) -> int:
    count = 0

    def walk(selection_set: SelectionSetNode | None) -> None:
        nonlocal count
        if selection_set is None:
            return
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode) and selection.alias is not None:
                count += 1
            if isinstance(selection, FieldNode | InlineFragmentNode):
                walk(selection.selection_set)

    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode | FragmentDefinitionNode):
            walk(definition.selection_set)
    return count


def measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None = None,
    *,
    default_first: int,
    max_first: int,
) -> Shape:
    """The shape of ``document``: for every operation in it (only one runs, but any may be chosen),
    the deepest, costliest and widest; aliases as written in the whole document."""
    walker = _Walker(schema, document, variables or {}, default_first=default_first, max_first=max_first)
    depth = cost = root_fields = 0
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            found, roots = walker.operation(definition)
            depth, cost, root_fields = max(depth, found.depth), max(cost, found.cost), max(root_fields, roots)
    return Shape(depth=depth, aliases=_aliases(document), root_fields=root_fields, cost=cost)


__all__ = ["FieldSizes", "Shape", "measure", "returns_nodes"]
