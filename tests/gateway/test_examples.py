"""The GraphiQL example tabs: every file parses, validates against the schema and runs cleanly."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    parse,
    validate,
)
from starlette.applications import Starlette

from gateway.demo import DEMO_TODAY
from gateway.examples import EXAMPLES_DIR, load_examples, parse_example
from gateway.graphiql import DEMO_HEADERS
from schema.schema import schema
from simulators.config import SimConfig
from tests.support.stack import InProcess, in_process_gateway

EXAMPLES = {example.name: example for example in load_examples()}
# The federation fields: core-federation shows _service; _entities is the router's, fed representations.
FEDERATION_FIELDS = {"_entities", "_service"}


@pytest.fixture
async def stack(simulator_app: Starlette) -> AsyncIterator[InProcess]:
    async with in_process_gateway(simulator_app, demo=True) as stack:
        yield stack


def test_the_core_examples_are_there() -> None:
    assert {"core-employers", "core-node", "core-federation"} <= set(EXAMPLES)
    assert len(EXAMPLES) == len(list(EXAMPLES_DIR.glob("*.graphql")))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_validates_against_the_schema(name: str) -> None:
    example = EXAMPLES[name]
    errors = validate(schema._schema, parse(example.query))
    assert errors == [], [error.message for error in errors]


@pytest.mark.parametrize("name", sorted(EXAMPLES))
async def test_example_runs_in_the_demo_without_errors(name: str, stack: InProcess) -> None:
    """As GraphiQL sends it: the demo's headers, the file's variables."""
    example = EXAMPLES[name]
    variables = json.loads(example.variables) if example.variables else None
    answer = await stack.gateway.post(
        "/graphql", json={"query": example.query, "variables": variables}, headers=DEMO_HEADERS
    )
    body = answer.json()
    assert answer.status_code == 200 and "errors" not in body, body.get("errors")
    assert body["data"] and all(value is not None for value in body["data"].values())


def test_the_examples_run_on_the_demo_day(sim_config: SimConfig) -> None:
    """The ids in the examples are valid in the demo's data; this module checks them against
    ``sim_config``, so both must be generated for the same day (and the default seed)."""
    assert sim_config.today == DEMO_TODAY


def _root_fields(document: DocumentNode) -> set[str]:
    """``"query.persons"``, ``"mutation.createVacancy"``: the root fields the document's operations select."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}

    def fields(selection_set: SelectionSetNode) -> set[str]:
        names: set[str] = set()
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                names.add(selection.name.value)
            elif isinstance(selection, InlineFragmentNode):
                names |= fields(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                names |= fields(fragments[selection.name.value].selection_set)
        return names

    return {
        f"{definition.operation.value}.{name}"
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
        for name in fields(definition.selection_set)
    }


def test_every_root_field_and_mutation_has_an_example() -> None:
    """Issue 4: the demo's GraphiQL has a working example for every root field and mutation."""
    query_type, mutation_type = schema._schema.query_type, schema._schema.mutation_type
    assert query_type is not None and mutation_type is not None
    wanted = {f"query.{name}" for name in query_type.fields if name not in FEDERATION_FIELDS} | {
        f"mutation.{name}" for name in mutation_type.fields
    }
    used: set[str] = set()
    for example in EXAMPLES.values():
        used |= _root_fields(parse(example.query))
    assert sorted(wanted - used) == [], "no example in gateway/examples/ uses these root fields"


async def test_the_node_example_id_resolves(stack: InProcess) -> None:
    example = EXAMPLES["core-node"]
    answer = await stack.gateway.post(
        "/graphql",
        json={"query": example.query, "variables": json.loads(example.variables or "{}")},
        headers=DEMO_HEADERS,
    )
    assert answer.json()["data"]["node"]["companyName"] == "Stichting Voortgezet Onderwijs Rijnmond"


def test_parse_example_reads_title_and_variables() -> None:
    example = parse_example("x", '# title: Demo\n# variables: {"first": 2}\nquery X { a }\n')
    assert example.title == "Demo" and json.loads(example.variables or "") == {"first": 2}
    assert example.query == "# title: Demo\nquery X { a }\n"
    assert parse_example("y", "# title: T\n{ a }").variables is None


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("query X { a }", "first line must be '# title:"),
        ("# title: T\n# variables: {first: 2}\n{ a }", "is not JSON"),
        ("# title: T\n# variables: [1]\n{ a }", "must be a JSON object"),
        ("# title: T\n", "needs a title and an operation"),
        ("# title:\n{ a }", "needs a title and an operation"),
    ],
)
def test_parse_example_refuses_malformed_files(text: str, complaint: str) -> None:
    with pytest.raises(ValueError, match="example bad: ") as raised:
        parse_example("bad", text)
    assert complaint in str(raised.value)
