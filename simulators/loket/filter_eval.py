"""Turning a parsed ``filter`` into a fast row predicate, checking fields and values first.

Semantics (the document gives the operators and says names and values are
case-insensitive; the rest is ours, each a "Choice"):

- Text compares case-insensitively for every operator; ``lk`` is a case-insensitive
  "contains" (``city lk 'Lond'`` matches London).
- Choice: dates compare as dates; the literal must be a valid quoted ``YYYY-MM-DD``
  (``lk`` on a date compares the text, so ``startDate lk '2024'`` works).
- Choice: numbers need a number literal, booleans ``true``/``false`` with ``eq``/``ne``
  only, and ``lk`` only applies to text; a mismatch is a 400 naming the field, because
  a typo there would otherwise silently select nothing.
- Choice: null follows OData: ``eq null``/``ne null`` test for absence; with any other
  literal a null field is ``ne`` to it and fails every other operator.
- Filtering on an object or a list (``address eq 'x'``) is a 400 naming its fields.
- Choice: except ``eq null``/``ne null``: an object that is null while it does not apply
  (an open absence's ``endOfAbsence``) can be tested for it, as OData allows for any property.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from simulators.loket.fields import DATE_PATTERN as _DATE
from simulators.loket.fields import Field, Schema, getter
from simulators.loket.filter_ast import AllOf, AnyOf, Comparison, Literal, Node, render_literal
from simulators.loket.filter_parser import parse

Predicate = Callable[[Mapping[str, Any]], bool]

_ORDERED: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
}


class FilterFieldError(ValueError):
    """The filter parses but names an unknown field or gives a value of the wrong kind."""


@lru_cache(maxsize=512)
def compile_filter(text: str, schema: Schema) -> Predicate:
    """Parse and compile ``text`` for rows described by ``schema`` (cached: benchmarks repeat filters)."""
    return compile_node(parse(text), schema)


def compile_node(node: Node, schema: Schema) -> Predicate:
    if isinstance(node, Comparison):
        return _comparison(node, schema)
    if not isinstance(node, AllOf):
        membership = _membership(node, schema)
        if membership is not None:
            return membership
    parts = [compile_node(part, schema) for part in node.parts]
    if isinstance(node, AllOf):
        return lambda row: all(part(row) for part in parts)
    return lambda row: any(part(row) for part in parts)


def _membership(node: AnyOf, schema: Schema) -> Predicate | None:
    """``n eq 1 or n eq 2 or ...`` on one field as one set lookup, with the same answers.

    A gateway naming 45 employee numbers in one filter made each row take 45 comparisons: at
    ``--scale 20`` (9,000 employments) that was most of the simulator's time per request, which a
    real API answers from an index. ``None`` for anything else (the general evaluation)."""
    parts = node.parts
    if not all(isinstance(p, Comparison) and p.op == "eq" and p.value is not None for p in parts):
        return None
    comparisons = [p for p in parts if isinstance(p, Comparison)]
    if len({p.path for p in comparisons}) != 1:
        return None
    field = resolve_field(schema, comparisons[0].path)
    if field.kind in ("any", "boolean"):
        return None
    keys: set[Any] = set()
    normalise: Callable[[Any], Any] = _same
    for part in comparisons:
        key, normalise = _operand(field, "eq", part.value)
        keys.add(key)
    value_of = getter(field.path)

    def member(row: Mapping[str, Any]) -> bool:
        value = value_of(row)
        return value is not None and normalise(value) in keys

    return member


def resolve_field(schema: Schema, path: tuple[str, ...], *, whole: bool = False) -> Field:
    """The field at ``path``; an object or a list only when ``whole`` (a null test) allows it."""
    field = schema.resolve(path)
    if field is None:
        raise FilterFieldError(f"unknown field '{'.'.join(path)}'")
    if field.kind in ("object", "array") and not whole:
        children = sorted(f.path[-1] for f in schema if f.path[:-1] == field.path)
        hint = (
            f"; use one of its fields: {', '.join(field.dotted + '.' + c for c in children)}"
            if children
            else ""
        )
        raise FilterFieldError(
            f"'{field.dotted}' is {'an object' if field.kind == 'object' else 'a list'}{hint}"
        )
    return field


def _comparison(node: Comparison, schema: Schema) -> Predicate:
    op, literal = node.op, node.value
    null_test = literal is None and op in ("eq", "ne")
    field = resolve_field(schema, node.path, whole=null_test)
    value_of = getter(field.path)
    if literal is None:
        if op == "eq":
            return lambda row: value_of(row) is None
        if op == "ne":
            return lambda row: value_of(row) is not None
        raise FilterFieldError(f"'{field.dotted} {op} null': null can only be compared with eq or ne")
    if op == "lk":
        if field.kind not in ("string", "date", "any") or not isinstance(literal, str):
            raise FilterFieldError(
                f"'{field.dotted} lk {render_literal(literal)}': lk needs a text field and a text value"
            )
        needle = literal.casefold()
        return lambda row: isinstance(v := value_of(row), str) and needle in v.casefold()
    key, normalise = _operand(field, op, literal)
    test = _ORDERED[op]
    missing = op == "ne"  # a null field is "ne" to every non-null literal

    def compare(row: Mapping[str, Any]) -> bool:
        value = value_of(row)
        if value is None:
            return missing
        try:
            return bool(test(normalise(value), key))
        except TypeError:  # only for kind "any": mixed types never match
            return missing

    return compare


def _operand(field: Field, op: str, literal: Literal) -> tuple[Any, Callable[[Any], Any]]:
    """The literal in comparable form, and how to bring a row value to the same form."""
    shown = f"'{field.dotted} {op} {render_literal(literal)}'"
    kind = field.kind
    if kind == "string":
        if not isinstance(literal, str):
            raise FilterFieldError(f"{shown}: '{field.dotted}' is text; quote the value")
        return literal.casefold(), _casefold
    if kind == "date":
        if not isinstance(literal, str):
            raise FilterFieldError(f"{shown}: '{field.dotted}' is a date; give it as 'YYYY-MM-DD'")
        if not is_iso_date(literal):
            raise FilterFieldError(f"{shown}: '{literal}' is not a valid date (YYYY-MM-DD)")
        return literal, _same
    if kind in ("integer", "number"):
        if isinstance(literal, bool) or not isinstance(literal, int | float):
            raise FilterFieldError(f"{shown}: '{field.dotted}' is a number; give the value unquoted")
        return literal, _same
    if kind == "boolean":
        if not isinstance(literal, bool):
            raise FilterFieldError(f"{shown}: '{field.dotted}' is true or false")
        if op not in ("eq", "ne"):
            raise FilterFieldError(f"{shown}: true/false can only be compared with eq or ne")
        return literal, _same
    return (literal.casefold() if isinstance(literal, str) else literal), _casefold


def _same(value: Any) -> Any:
    return value


def _casefold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def is_iso_date(text: str) -> bool:
    if not _DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
