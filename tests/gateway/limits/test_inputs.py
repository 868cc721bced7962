"""The input walk behind the size bounds: what counts, how often, and that it stays cheap."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLError, parse

import gateway.limits.inputs
from gateway.limits import input_errors
from gateway.settings import DEFAULT_LIMITS, RequestLimits
from schema.pagination import DEFAULT_FIRST
from schema.schema import schema
from tests.support.counting import counting_calls

SCHEMA = schema._schema
FILTERED = 'query($f: PersonFilter) { persons(instituteNo: "047225", filter: $f) { totalCount } }'


def errors(query: str, variables: dict[str, Any] | None = None, **limits: int) -> list[GraphQLError]:
    bounds = RequestLimits(**limits) if limits else DEFAULT_LIMITS
    return input_errors(SCHEMA, parse(query), variables, bounds, default_first=DEFAULT_FIRST)


def total(query: str, variables: dict[str, Any] | None = None) -> int:
    """The values counted: the smallest max_input_values that lets the operation through."""
    low, high = 0, 1_000_000
    while low < high:
        middle = (low + high) // 2
        if errors(query, variables, max_input_values=middle, max_in_values=10**6, max_list_length=10**6):
            low = middle + 1
        else:
            high = middle
    return low


@pytest.mark.parametrize(
    ("query", "variables", "values"),
    [
        # each scalar, list, item and object counts one: instituteNo, the filter, its lastName, eq
        ('{ persons(instituteNo: "1", filter: {lastName: {eq: "x"}}) { totalCount } }', None, 4),
        # a list and its items: 1 + 1 + 1 + 1 + 3
        ('{ persons(instituteNo: "1", filter: {lastName: {in: ["a", "b", "c"]}}) { totalCount } }', None, 7),
        # the same from a variable, and a variable's default when it is not given
        (FILTERED, {"f": {"lastName": {"in": ["a", "b", "c"]}}}, 7),
        (
            'query($v: [String!] = ["a", "b"]) { persons(instituteNo: "1", filter: {lastName: {in: $v}}) '
            "{ totalCount } }",
            None,
            6,
        ),
        # a variable counts wherever it is used
        (
            'query($f: PersonFilter) { a: persons(instituteNo: "1", filter: $f) { totalCount } '
            'b: persons(instituteNo: "2", filter: $f) { totalCount } }',
            {"f": {"lastName": {"eq": "x"}}},
            8,
        ),
        # once per run of the field: `first` pages and _entities keys multiply their children's
        (
            'query($f: AbsenceFilter) { persons(instituteNo: "1", first: 50) { nodes { absences(filter: $f) '
            "{ totalCount } } } }",
            {"f": {"kind": {"eq": "SICKNESS"}}},
            2 + 50 * 3,
        ),
        (
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { absences(first: 1) "
            "{ totalCount } } } }",
            {"r": [{"__typename": "Person", "id": "x"}] * 4},
            5 + 4 * 1,
        ),
        # a fragment's values count at every spread
        (
            "{ employers { nodes { ...P ...P } } } "
            'fragment P on Employer { persons(filter: {lastName: {eq: "x"}}) { totalCount } }',
            None,
            2 * 20 * 3,
        ),
        # a value the schema does not know counts one and is left to validation
        (FILTERED, {"f": {"lastNam": {"eq": "x"}, "lastName": "not an object"}}, 4),
    ],
)
def test_values_count_as_documented(query: str, variables: dict[str, Any] | None, values: int) -> None:
    assert total(query, variables) == values


def test_one_error_per_bound_at_the_first_spot_over_it() -> None:
    found = errors(
        FILTERED,
        {"f": {"or": [{"lastName": {"in": ["x"] * 501}}] * 2, "and": [{"firstName": {"eq": "a"}}] * 101}},
    )
    # in the order written: the first `in` over its bound (not the second), then the `and` list
    assert [e.extensions["limit"] for e in found if e.extensions] == ["inValues", "listLength"]
    assert "'filter.or[0].lastName.in' holds 501 values" in found[0].message
    assert "'filter.and' holds 101 items" in found[1].message
    assert all(e.locations for e in found)  # at the argument in the document


def test_a_huge_variable_is_refused_in_a_bounded_number_of_steps() -> None:
    """200,000 values in one list, or 200,000 keys in one object: the lengths are read, the items
    are not walked. And 40 lists of 100 nested in each other stop at the total."""
    deep: dict[str, Any] = {"lastName": {"eq": "x"}}
    for _ in range(40):
        deep = {"or": [deep] * 100}
    for variables in (
        {"f": {"lastName": {"in": ["x"] * 200_000}}},
        {"f": {f"k{i}": 1 for i in range(200_000)}},
        {"f": {"or": [{}] * 200_000}},
        {"f": deep},
    ):
        with counting_calls(gateway.limits.inputs, limit=5 * DEFAULT_LIMITS.max_input_values):
            assert errors(FILTERED, variables)


def test_a_fragment_bomb_is_walked_once_per_fragment() -> None:
    """Each fragment spreads the next twice: 2**30 runs of the innermost, counted in linear time."""
    levels = 30
    fragments = "\n".join(f"fragment F{i} on Employer {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels))
    query = (
        f"{{ employers {{ nodes {{ ...F0 }} }} }}\n{fragments}\n"
        f'fragment F{levels} on Employer {{ persons(filter: {{lastName: {{eq: "x"}}}}) {{ totalCount }} }}'
    )
    with counting_calls(gateway.limits.inputs, limit=2000):
        [error] = errors(query)
    assert error.extensions is not None and error.extensions["limit"] == "inputValues"
    assert error.extensions["argument"] == "filter"


def test_documents_that_do_not_fit_the_schema_are_walked_without_failing() -> None:
    assert errors("{ nope(x: [1, 2, 3]) { deeper } ...Missing }") == []
    assert errors("{ employers { nodes { ...A } } } fragment A on Employer { ...A }") == []
    assert errors('{ persons(instituteNo: "1", filter: 3, orderBy: {a: 1}) { totalCount } }') == []
    assert errors(FILTERED, {"f": None}) == []
