"""The gateway's Loket filter strings mean, in the Loket simulator, what the gateway intends.

Hypothesis builds filter trees over real employee fields, the gateway renders them, the
simulator's own parser and evaluator select rows, and a plain Python reading of the tree
must select the same rows.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.dialects.filters import AllOf, AnyOf, Condition, Filter, Op
from gateway.dialects.loket import render_filter
from simulators.config import SimConfig
from simulators.loket.dataset import build_dataset
from simulators.loket.fields import derive_schema
from simulators.loket.filter_eval import compile_filter
from tests.conftest import SIM_TODAY

_DATA = build_dataset(SimConfig(today=SIM_TODAY))
ROWS: list[dict[str, Any]] = list(_DATA.employees)
SCHEMA = derive_schema(ROWS)

LAST_NAMES = [*sorted({row["personalDetails"]["lastName"] for row in ROWS})[:12], "O'Brien", "'t Hart"]
PREFIXES = sorted({row["personalDetails"]["prefix"] for row in ROWS if row["personalDetails"]["prefix"]})
NUMBERS = st.integers(min_value=-5, max_value=1200)
DATES = st.dates(min_value=date(1955, 1, 1), max_value=date(2005, 12, 31))
TEXT = st.sampled_from(LAST_NAMES) | st.text(alphabet="aeijnor' ", min_size=1, max_size=4)

FIELDS: dict[tuple[str, ...], tuple[str, st.SearchStrategy[Any]]] = {
    ("employeeNumber",): ("number", NUMBERS),
    ("personalDetails", "lastName"): ("text", TEXT),
    ("personalDetails", "prefix"): ("text", st.sampled_from(PREFIXES) | TEXT),
    ("personalDetails", "dateOfBirth"): ("date", DATES),
}


@st.composite
def conditions(draw: st.DrawFn) -> Condition:
    path = draw(st.sampled_from(sorted(FIELDS)))
    kind, values = FIELDS[path]
    ops = [Op.EQ, Op.NE, Op.IN, Op.IS_NULL] + (
        [Op.CONTAINS] if kind == "text" else [Op.GT, Op.GTE, Op.LT, Op.LTE]
    )
    op = draw(st.sampled_from(ops))
    if op is Op.IS_NULL:
        return Condition(path, op, draw(st.booleans()))
    if op is Op.IN:
        return Condition(path, op, tuple(draw(st.lists(values, min_size=1, max_size=3))))
    if op in (Op.EQ, Op.NE) and draw(st.integers(0, 5)) == 0:
        return Condition(path, op, None)
    return Condition(path, op, draw(values))


trees: st.SearchStrategy[Filter] = st.recursive(
    conditions(),
    lambda children: (
        st.builds(AllOf, st.lists(children, min_size=2, max_size=3).map(tuple))
        | st.builds(AnyOf, st.lists(children, min_size=2, max_size=3).map(tuple))
    ),
    max_leaves=6,
)


def _value(row: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = row
    for segment in path:
        value = value.get(segment) if isinstance(value, dict) else None
    return value


def _comparable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value.casefold() if isinstance(value, str) else value


def matches(tree: Filter, row: dict[str, Any]) -> bool:
    """What the gateway means by ``tree`` (null never compares; ``ne`` holds for null)."""
    if isinstance(tree, AllOf):
        return all(matches(part, row) for part in tree.parts)
    if isinstance(tree, AnyOf):
        return any(matches(part, row) for part in tree.parts)
    value = _value(row, tree.path)
    if tree.op is Op.IS_NULL:
        return (value is None) is tree.value
    if tree.value is None:
        return (value is None) if tree.op is Op.EQ else (value is not None)
    if value is None:
        return tree.op is Op.NE
    actual = _comparable(value)
    if tree.op is Op.IN:
        assert isinstance(tree.value, tuple)
        return actual in {_comparable(item) for item in tree.value}
    wanted = _comparable(tree.value)
    return {
        Op.EQ: lambda: actual == wanted,
        Op.NE: lambda: actual != wanted,
        Op.CONTAINS: lambda: wanted in actual,
        Op.GT: lambda: actual > wanted,
        Op.GTE: lambda: actual >= wanted,
        Op.LT: lambda: actual < wanted,
        Op.LTE: lambda: actual <= wanted,
    }[tree.op]()


@settings(max_examples=150, deadline=None)
@given(trees)
def test_rendered_filters_select_what_the_gateway_means(tree: Filter) -> None:
    predicate = compile_filter(render_filter(tree), SCHEMA)
    selected = {row["id"] for row in ROWS if predicate(row)}
    assert selected == {row["id"] for row in ROWS if matches(tree, row)}


@pytest.mark.parametrize("name", ["O'Brien", "'t Hart", "''"])
def test_quotes_in_values_survive_the_round_trip(name: str) -> None:
    tree = Condition(("personalDetails", "lastName"), Op.EQ, name)
    predicate = compile_filter(render_filter(tree), SCHEMA)
    assert [row for row in ROWS if predicate(row)] == [row for row in ROWS if matches(tree, row)]
