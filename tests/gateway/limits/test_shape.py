"""The document measures behind the limits: depth, aliases, root fields and the cost formula."""

from __future__ import annotations

import json

import pytest
from graphql import get_introspection_query, parse

import gateway.limits.shape
from gateway.examples import load_examples
from gateway.limits import Shape, input_errors, measure
from gateway.settings import DEFAULT_LIMITS
from schema.pagination import DEFAULT_FIRST, MAX_FIRST
from schema.schema import schema
from tests.support.counting import counting_calls

SCHEMA = schema._schema


def shape(query: str, variables: dict[str, object] | None = None) -> Shape:
    return measure(SCHEMA, parse(query), variables, default_first=DEFAULT_FIRST, max_first=MAX_FIRST)


PERSONS_200 = """query($e: ID) { persons(employerId: $e, first: 200) { nodes {
  employments { nodes { jobTitle } } absences { nodes { kind } } } } }"""


@pytest.mark.parametrize(
    ("query", "variables", "cost"),
    [
        # one page request per root field
        ("{ employers { totalCount } }", None, 1),
        # the README's batching budget: 1 + 200 * (1 employments + 1 absences)
        (PERSONS_200, None, 401),
        # `first` from a variable, the default page (20) when absent, the cap (200) when larger
        ("query($n: Int) { employers(first: $n) { nodes { persons { totalCount } } } }", {"n": 3}, 1 + 3),
        ("query($n: Int) { employers(first: $n) { nodes { persons { totalCount } } } }", None, 1 + 20),
        ("query($n: Int = 7) { employers(first: $n) { nodes { persons { totalCount } } } }", None, 1 + 7),
        ("{ employers(first: 100000) { nodes { persons { totalCount } } } }", None, 1 + 200),
        # the schema's own default (Vacancy.trainingPrograms first: 5); program lookups count per item
        ("{ vacancies(first: 50) { nodes { trainingPrograms { distanceKm } } } }", None, 1 + 50),
        # a Node looked up by id costs one per parent, but a connection's own node/nodes do not
        ('{ employments(employerId: "x", first: 10) { edges { node { person { id } } } } }', None, 1 + 10),
        # _entities: one lookup per representation, at the root too, then its selections per item
        (
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { employer { id } } } }",
            {"r": [{}, {}, {}]},
            3 + 3 * 1,
        ),
        # ... wherever they come from: a variable with only __typename selected, or a literal
        ("query($r: [_Any!]!) { _entities(representations: $r) { __typename } }", {"r": [{}] * 2000}, 2000),
        ('{ _entities(representations: [{__typename: "Person", id: "a"}, {}]) { __typename } }', None, 2),
        # a single lookup by id at the root is still one fetch
        ('{ node(id: "x") { id } }', None, 1),
        # introspection costs nothing
        ("{ __schema { types { name } } __typename }", None, 0),
    ],
)
def test_cost_counts_fetches_by_first_and_nesting(
    query: str, variables: dict[str, object] | None, cost: int
) -> None:
    assert shape(query, variables).cost == cost


def test_depth_aliases_and_root_fields() -> None:
    found = shape(
        """query { a: employers { nodes { persons { nodes { id } } } } b: employers { totalCount }
           ...Roots __typename }
           fragment Roots on Query { vacancies { totalCount } }"""
    )
    assert found.depth == 5  # employers > nodes > persons > nodes > id
    assert found.aliases == 2
    assert found.root_fields == 3  # a, b and the fragment's vacancies; __typename aside
    assert found.cost == (1 + 20) + 1 + 1  # a: a page of employers, each with a page of persons


def fragment_bomb(levels: int) -> str:
    """Each fragment spreads the next one twice: ``levels`` lines that expand to 2**levels selections."""
    fragments = "\n".join(
        f"fragment F{i} on Employer {{ ...F{i + 1} ...F{i + 1} persons {{ totalCount }} }}"
        for i in range(levels)
    )
    return f"{{ employers {{ nodes {{ ...F0 }} }} }}\n{fragments}\nfragment F{levels} on Employer {{ id }}"


def test_fragments_are_measured_once_so_a_fragment_bomb_is_linear() -> None:
    work: dict[int, int] = {}
    for levels in (10, 20, 40):
        with counting_calls(gateway.limits.shape, limit=10_000) as calls:
            found = shape(fragment_bomb(levels))
        work[levels] = calls["total"]
        assert found.cost > 2**levels  # each level doubles the persons pages it asks for
    assert found.cost > DEFAULT_LIMITS.max_cost
    # the same work for each level added: linear in the document, not in its 2**40 expansion
    assert work[40] - work[20] == 2 * (work[20] - work[10]) > 0


def test_invalid_documents_are_measured_without_failing() -> None:
    cyclic = (
        "{ employers { nodes { ...A } } } fragment A on Employer { ...B } fragment B on Employer { ...A }"
    )
    assert shape(cyclic).depth == 2
    assert shape("{ nope { deeper { still } } ...Missing }").depth == 3


def test_graphiql_introspection_and_every_example_fit_the_default_limits() -> None:
    introspection = shape(get_introspection_query(descriptions=True, input_value_deprecation=True))
    assert introspection.depth <= DEFAULT_LIMITS.max_depth
    for example in load_examples():
        variables = json.loads(example.variables) if example.variables else None
        found = shape(example.query, variables)
        assert found.depth <= DEFAULT_LIMITS.max_depth, example.name
        assert found.cost <= DEFAULT_LIMITS.max_cost, example.name
        assert found.aliases <= DEFAULT_LIMITS.max_aliases, example.name
        assert found.root_fields <= DEFAULT_LIMITS.max_root_fields, example.name
        document = parse(example.query)
        assert not input_errors(SCHEMA, document, variables, DEFAULT_LIMITS, default_first=DEFAULT_FIRST)
