"""The work of gateway-side filtering and sorting, counted: comparisons per record and sort passes.

Counts, not a stopwatch: a record's values count every ``==`` made on them, lookups count
themselves, and the worst filter the request limits allow is built from the limits.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from graphql import parse
from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.dialects.evaluate import (
    CHUNK_COMPARISONS,
    chunk_size,
    comparisons,
    distinct_keys,
    matches,
    sort_records,
)
from gateway.dialects.filters import AllOf, AnyOf, Condition, Filter, Op
from gateway.dialects.loket import OrderKey
from gateway.limits.inputs import input_errors
from gateway.settings import DEFAULT_LIMITS, RequestLimits
from schema.filters import DateFilter, IntFilter, StringFilter, filter_tree
from schema.pagination import DEFAULT_FIRST
from schema.person import PERSON_PATHS, PersonFilter
from schema.schema import schema


class Counted:
    """A record's value that counts every comparison made with it: ``==``/``!=`` (also inside an
    ``in``'s membership test), ordering, and being read as text (``contains``)."""

    made = 0

    def __init__(self, value: Any) -> None:
        self.value = value

    def _count(self) -> Any:
        Counted.made += 1
        return self.value

    def __eq__(self, other: object) -> bool:
        return bool(self._count() == other)

    def __hash__(self) -> int:
        return hash(self.value)

    def __lt__(self, other: Any) -> bool:
        return bool(self._count() < other)

    def __le__(self, other: Any) -> bool:
        return bool(self._count() <= other)

    def __gt__(self, other: Any) -> bool:
        return bool(self._count() > other)

    def __ge__(self, other: Any) -> bool:
        return bool(self._count() >= other)

    def __str__(self) -> str:
        return str(self._count())


def counted_lookup(record: dict[str, Any]) -> Any:
    def lookup(path: tuple[str, ...]) -> Any:
        lookup.calls += 1  # type: ignore[attr-defined]
        value = record.get(path[0])
        return Counted(value) if value is not None else None

    lookup.calls = 0  # type: ignore[attr-defined]
    return lookup


# ---- `in` is one membership test, with the semantics of `eq` against each value ----


def reference_in(value: Any, wanted: tuple[Any, ...]) -> bool:
    """What ``in`` meant before it became a membership test: ``eq`` against each value in turn."""
    for item in wanted:
        candidate = value
        if isinstance(item, date) and isinstance(value, str):
            try:
                candidate = date.fromisoformat(value[:10])
            except ValueError:
                candidate = value
        if (candidate is None and item is None) or (candidate is not None and candidate == item):
            return True
    return False


SAMPLES: list[Any] = [
    None,
    "a",
    "A",
    "2026-01-05",
    "2026-01-05T10:00:00",
    "not a date",
    3,
    3.0,
    True,
    date(2026, 1, 5),
]
WANTED: list[tuple[Any, ...]] = [
    ("a", "b"),
    (date(2026, 1, 5), date(2026, 2, 1)),
    (3, 4),
    (1,),
    ("2026-01-05",),
    ("x", date(2026, 1, 5)),
]


def test_in_matches_exactly_what_eq_against_each_value_matched() -> None:
    for value in SAMPLES:
        for wanted in WANTED:
            tree = Condition(("v",), Op.IN, wanted)
            assert matches(tree, lambda _path, v=value: v) is reference_in(value, wanted), (value, wanted)


def test_a_list_value_matches_in_when_any_element_is_in_it() -> None:
    tree = Condition(("emails",), Op.IN, ("b@y.be", "c@z.be"))
    assert matches(tree, lambda _path: ["a@x.be", "b@y.be"])
    assert not matches(tree, lambda _path: ["a@x.be"])


def test_contains_still_folds_case_where_folding_lengthens_text() -> None:
    assert matches(Condition(("street",), Op.CONTAINS, "STRASSE"), lambda _path: "Hauptstraße")
    assert not matches(Condition(("street",), Op.CONTAINS, "x" * 100_000), lambda _path: "Hauptstraße")


# ---- comparisons(tree) bounds the work per record ----

WIDE_IN = Condition(("name",), Op.IN, tuple(f"n{i}" for i in range(500)))
TREES: list[Filter] = [
    Condition(("name",), Op.EQ, "x"),
    WIDE_IN,
    AnyOf(tuple(Condition(("name",), Op.CONTAINS, f"{i}") for i in range(50))),
    AllOf((WIDE_IN, AnyOf((Condition(("hours",), Op.GT, 3), Condition(("end",), Op.IS_NULL, True))))),
    AnyOf((AllOf((WIDE_IN, Condition(("name",), Op.NE, "n1"))), Condition(("hours",), Op.LTE, 10))),
]
RECORDS = [
    {"name": "n499", "hours": 2, "end": None},
    {"name": "zzz", "hours": 20, "end": date(2026, 1, 1)},
    {"name": "n1", "hours": 10, "end": None},
    {},
]


def test_comparisons_counts_a_condition_once_and_an_in_once_per_value() -> None:
    assert comparisons(None) == 0
    assert [comparisons(tree) for tree in TREES] == [1, 500, 50, 502, 502]


def made(tree: Filter, record: dict[str, Any]) -> tuple[int, int]:
    """The comparisons and lookups ``matches`` makes for ``record``."""
    Counted.made = 0
    lookup = counted_lookup(record)
    matches(tree, lookup)
    return Counted.made, lookup.calls


def test_no_record_costs_more_comparisons_or_lookups_than_the_tree_allows() -> None:
    for tree in TREES:
        for record in RECORDS:
            compared, looked_up = made(tree, record)
            assert compared <= comparisons(tree) and looked_up <= comparisons(tree), (tree, record)
    # the bound is reached: the last of 500 values is found after 500 comparisons
    assert made(WIDE_IN, RECORDS[0]) == (500, 1)
    assert made(TREES[2], RECORDS[1]) == (50, 50)


def test_a_chunk_holds_chunk_comparisons_worth_of_records_and_at_least_one() -> None:
    assert chunk_size(None) == CHUNK_COMPARISONS
    assert chunk_size(WIDE_IN) == CHUNK_COMPARISONS // 500
    huge = AnyOf(tuple(Condition(("name",), Op.EQ, str(i)) for i in range(CHUNK_COMPARISONS + 1)))
    assert chunk_size(huge) == 1


# ---- the worst filter the limits allow ----

FILTERED = 'query($f: PersonFilter) { persons(instituteNo: "047225", filter: $f) { totalCount } }'
STRING_OPS = {"eq": "eq", "ne": "ne", "contains": "contains", "in": "in_", "isNull": "is_null"}
FIELDS = {"firstName": "first_name", "lastName": "last_name", "initials": "initials"}


def person_filter(given: dict[str, Any]) -> PersonFilter:
    """The ``PersonFilter`` Strawberry makes of this JSON (string fields and and/or, as generated)."""
    values: dict[str, Any] = {}
    for key, value in given.items():
        if key in ("and", "or"):
            values[f"{key}_"] = [person_filter(part) for part in value]
        else:
            values[FIELDS[key]] = StringFilter(**{STRING_OPS[op]: v for op, v in value.items()})
    return PersonFilter(**values)


def json_values(value: Any) -> int:
    """The values of ``value`` by the documented rule: each scalar, list, item and object counts one."""
    if isinstance(value, list):
        return 1 + sum(json_values(item) for item in value)
    if isinstance(value, dict):
        return 1 + sum(json_values(item) for item in value.values())
    return 1


texts = st.text(alphabet="abc", max_size=3)
string_filters = st.dictionaries(
    st.sampled_from(["eq", "ne", "contains", "in", "isNull"]), st.none(), min_size=1, max_size=5
).flatmap(
    lambda ops: st.fixed_dictionaries(
        {
            op: (
                st.lists(texts, min_size=1, max_size=40)
                if op == "in"
                else st.booleans()
                if op == "isNull"
                else texts
            )
            for op in ops
        }
    )
)
leaves = st.dictionaries(st.sampled_from(list(FIELDS)), string_filters, min_size=1, max_size=3)
filters = st.recursive(
    leaves,
    lambda inner: st.dictionaries(
        st.sampled_from(["and", "or"]), st.lists(inner, min_size=1, max_size=6), min_size=1, max_size=2
    ),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(filters)
def test_a_filter_costs_no_more_comparisons_per_record_than_it_holds_values(
    given_filter: dict[str, Any],
) -> None:
    """The proof behind the bound: comparisons(tree) <= the filter's values <= STAFFGRAPH_MAX_INPUT_VALUES.

    The walker counts exactly the documented values (the filter passes at that limit, not one
    below), and the tree the schema builds from it needs no more comparisons per record.
    """
    count = json_values(given_filter) + 1  # and the root field's own `instituteNo` value
    document, variables = parse(FILTERED), {"f": given_filter}

    def refused(limit: int) -> bool:
        limits = RequestLimits(max_input_values=limit, max_in_values=1000, max_list_length=1000)
        return bool(input_errors(schema._schema, document, variables, limits, default_first=DEFAULT_FIRST))

    assert not refused(count) and refused(count - 1)
    tree = filter_tree(person_filter(given_filter), PERSON_PATHS)
    assert comparisons(tree) <= count


def test_the_worst_filter_the_default_limits_allow_costs_at_most_max_input_values_per_record() -> None:
    """Or-branches of 100 (the list limit), each a condition of three values, nested to the total."""
    branch = {"lastName": {"contains": "zz"}}
    full = {"or": [branch] * DEFAULT_LIMITS.max_list_length}  # 302 values, 100 conditions
    worst: dict[str, Any] = {"or": [full] * 16 + [{"or": [branch] * 30}]}  # 2 + 16 * 302 + 92 = 4926
    assert json_values(worst) + 1 <= DEFAULT_LIMITS.max_input_values
    assert not input_errors(
        schema._schema, parse(FILTERED), {"f": worst}, DEFAULT_LIMITS, default_first=DEFAULT_FIRST
    )
    tree = filter_tree(person_filter(worst), PERSON_PATHS)
    assert comparisons(tree) == 16 * 100 + 30 <= DEFAULT_LIMITS.max_input_values
    # and one more branch is refused
    worse = {"or": [*worst["or"], {"or": [branch] * 30}]}
    assert input_errors(
        schema._schema, parse(FILTERED), {"f": worse}, DEFAULT_LIMITS, default_first=DEFAULT_FIRST
    )


def test_typed_filters_convert_with_in_values_as_one_condition() -> None:
    given_filter = PersonFilter(
        employee_number=IntFilter(in_=[1, 2, 3]), date_of_birth=DateFilter(gte=date(1980, 1, 1))
    )
    tree = filter_tree(given_filter, PERSON_PATHS)
    assert comparisons(tree) == 3 + 1


# ---- sorting: one pass per distinct key ----


def test_a_repeated_order_key_adds_no_pass_and_changes_nothing() -> None:
    rows = [{"n": name, "h": hours} for name, hours in [("b", 2), ("a", None), ("B", 1), ("a", 3)]]
    once = [OrderKey(("n",)), OrderKey(("h",), descending=True)]
    repeated = [*once, *([OrderKey(("n",), descending=True)] * 99)]
    lookups = {"once": 0, "repeated": 0}

    def counting(name: str) -> Any:
        def lookup(row: dict[str, Any], path: tuple[str, ...]) -> Any:
            lookups[name] += 1
            return row.get(path[0])

        return lookup

    assert sort_records(rows, repeated, counting("repeated")) == sort_records(rows, once, counting("once"))
    assert lookups["repeated"] == lookups["once"]
    assert distinct_keys(repeated) == once
