"""Property tests: random filter trees, rendered to Loket's syntax, select exactly the rows a
plain Python evaluation of the same tree selects; and rendering then parsing gives the tree back."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulators.loket.fields import derive_schema
from simulators.loket.filter_ast import AllOf, AnyOf, Comparison, Literal, Node, render
from simulators.loket.filter_eval import compile_filter
from simulators.loket.filter_parser import parse
from simulators.loket.store import LoketStore

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# (path, kind) on the employee rows; "date" values are YYYY-MM-DD strings
FIELDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("employeeNumber",), "integer"),
    (("personalDetails", "firstName"), "string"),
    (("personalDetails", "lastName"), "string"),
    (("personalDetails", "prefix"), "string"),
    (("personalDetails", "dateOfBirth"), "date"),
    (("personalDetails", "gender", "key"), "integer"),
    (("personalDetails", "title", "value"), "string"),
    (("address", "city"), "string"),
    (("address", "houseNumber"), "integer"),
    (("address", "houseNumberAddition"), "string"),
    (("travel", "travelDistanceToWorkInKm"), "number"),
    (("exclusionFromAbsenceStatus",), "boolean"),
    (("deviatingPostalAddress", "city"), "string"),
)
ORDERED = ("eq", "ne", "gt", "ge", "lt", "le")


def lookup(row: dict[str, Any], path: tuple[str, ...]) -> Any:
    """Walk the path, matching keys without regard to case; a missing step is null."""
    node: Any = row
    for segment in path:
        if not isinstance(node, dict):
            return None
        node = next((value for key, value in node.items() if key.lower() == segment.lower()), None)
    return node


def expected(node: Node, row: dict[str, Any]) -> bool:
    if isinstance(node, AllOf):
        return all(expected(part, row) for part in node.parts)
    if isinstance(node, AnyOf):
        return any(expected(part, row) for part in node.parts)
    value, literal, op = lookup(row, node.path), node.value, node.op
    if literal is None:
        return (value is None) == (op == "eq")
    if value is None:
        return op == "ne"
    if op == "lk":
        return str(literal).casefold() in str(value).casefold()
    if isinstance(value, str):
        value, literal = value.casefold(), str(literal).casefold()
    return {
        "eq": value == literal,
        "ne": value != literal,
        "gt": value > literal,
        "ge": value >= literal,
        "lt": value < literal,
        "le": value <= literal,
    }[op]


def _recased(draw: st.DrawFn, text: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(ch.swapcase() if flip else ch for ch, flip in zip(text, flips, strict=True))


def trees(rows: list[dict[str, Any]]) -> st.SearchStrategy[Node]:
    """Trees of comparisons whose values mostly come from the rows, so selections are not trivial."""
    seen = {path: [v for v in (lookup(row, path) for row in rows) if v is not None] for path, _ in FIELDS}

    @st.composite
    def comparison(draw: st.DrawFn) -> Comparison:
        path, kind = draw(st.sampled_from(FIELDS))
        values = seen[path]
        written = tuple(_recased(draw, segment) for segment in path)  # field names are case-insensitive
        if draw(st.integers(0, 9)) == 0:
            return Comparison(written, draw(st.sampled_from(("eq", "ne"))), None)
        if kind == "boolean":
            return Comparison(written, draw(st.sampled_from(("eq", "ne"))), draw(st.booleans()))
        if kind in ("integer", "number"):
            number: Literal = draw(
                st.sampled_from(values) | st.integers(-5, 300) | st.floats(-5, 300, allow_nan=False)
            )
            return Comparison(written, draw(st.sampled_from(ORDERED)), number)
        if kind == "date":
            day = draw(st.sampled_from(values) | st.dates().map(lambda d: d.isoformat()))
            if draw(st.booleans()):
                return Comparison(written, "lk", day[: draw(st.integers(1, 10))])
            return Comparison(written, draw(st.sampled_from(ORDERED)), day)
        text = draw(st.sampled_from(values) if values else st.text(max_size=6))
        text = draw(
            st.sampled_from((text, _recased(draw, text), text[: max(1, len(text) // 2)], text + "'x", "O'"))
        )
        return Comparison(written, draw(st.sampled_from((*ORDERED, "lk"))), text)

    return st.recursive(
        comparison(),
        lambda children: (
            st.builds(AllOf, st.tuples(children, children) | st.tuples(children, children, children))
            | st.builds(AnyOf, st.tuples(children, children) | st.tuples(children, children, children))
        ),
        max_leaves=8,
    )


@pytest.fixture(scope="module")
def rows(store: LoketStore) -> list[dict[str, Any]]:
    employer = next(iter(store.data.employers.rows))
    return store.data.employees.under(employer)


def test_filters_select_what_plain_python_selects(rows: list[dict[str, Any]], store: LoketStore) -> None:
    schema = derive_schema(store.data.employees)

    @SETTINGS
    @given(tree=trees(rows))
    def check(tree: Node) -> None:
        text = render(tree)
        predicate = compile_filter(text, schema)
        chosen = [row["id"] for row in rows if predicate(row)]
        assert chosen == [row["id"] for row in rows if expected(tree, row)], text

    check()


def test_an_or_of_equalities_on_one_field_selects_what_plain_python_selects(
    rows: list[dict[str, Any]], store: LoketStore
) -> None:
    """``n eq 1 or n eq 2 ...`` (how a gateway names a batch of employees) is one set lookup in the
    simulator; it must select the same rows, case-insensitively for text, never a null field."""
    schema = derive_schema(store.data.employees)
    scalar = [(path, kind) for path, kind in FIELDS if kind != "boolean"]

    @SETTINGS
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        path, kind = data.draw(st.sampled_from(scalar))
        seen = [v for v in (lookup(row, path) for row in rows) if v is not None]
        values = data.draw(st.lists(st.sampled_from(seen) if seen else st.just("x"), min_size=2, max_size=50))
        if kind == "string":
            values = [data.draw(st.sampled_from((v, v.swapcase()))) for v in values]
        tree = AnyOf(tuple(Comparison(path, "eq", value) for value in values))
        predicate = compile_filter(render(tree), schema)
        chosen = [row["id"] for row in rows if predicate(row)]
        assert chosen == [row["id"] for row in rows if expected(tree, row)]

    check()


identifiers = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True)
literals = (
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
leaves = st.builds(
    Comparison,
    st.lists(identifiers, min_size=1, max_size=3).map(tuple),
    st.sampled_from(("eq", "ne", "lk", "gt", "ge", "lt", "le")),
    literals,
)
any_tree = st.recursive(
    leaves,
    lambda children: (
        st.builds(AllOf, st.lists(children, min_size=2, max_size=3).map(tuple))
        | st.builds(AnyOf, st.lists(children, min_size=2, max_size=3).map(tuple))
    ),
    max_leaves=10,
)


@SETTINGS
@given(tree=any_tree)
def test_render_then_parse_gives_the_same_tree(tree: Node) -> None:
    assert parse(render(tree)) == tree
