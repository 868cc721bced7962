"""The schema as an Apollo Federation v2 subgraph: every Node type is an entity keyed by its id."""

from __future__ import annotations

import re
from dataclasses import replace

from schema.schema import schema
from tests.schema.conftest import ALICE, Gateway

IDS = """
{
  employers(first: 1) { nodes { __typename id } }
  institutes(first: 1) { nodes { __typename id } }
  vacancies(first: 1) { nodes { __typename id } }
  trainingPrograms(first: 1) { nodes { __typename id } }
}
"""
LOKET_CHILDREN = """
query($employer: ID!) {
  persons(employerId: $employer, first: 1) { nodes { __typename id } }
  employments(employerId: $employer, first: 1) { nodes { __typename id } }
  absences(employerId: $employer, first: 1) { nodes { __typename id } }
}
"""
ENTITIES = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Node { __typename id } }
}
"""


def entity_types() -> set[str]:
    return {member.name for member in schema._schema.type_map["_Entity"].types}  # type: ignore[attr-defined]


def test_every_node_type_is_an_entity_keyed_by_id() -> None:
    node_types = {
        name
        for name, kind in schema._schema.type_map.items()
        if getattr(kind, "interfaces", None) and any(i.name == "Node" for i in kind.interfaces)
    }
    assert (
        node_types
        == entity_types()
        == {
            "Absence",
            "Employer",
            "Employment",
            "Institute",
            "Person",
            "TrainingProgram",
            "Vacancy",
        }
    )


async def test_service_sdl_declares_the_keys(gateway: Gateway) -> None:
    result = await gateway.execute("{ _service { sdl } }")
    sdl = result.data["_service"]["sdl"]
    assert "federation/v2" in sdl
    for name in entity_types():
        assert re.search(rf'type {name} implements Node @key\(fields: "id"\)', sdl), name


async def test_entities_resolves_one_of_each_type_in_one_call(gateway: Gateway) -> None:
    first = await gateway.execute(IDS, **ALICE)
    assert first.errors is None
    nodes = [connection["nodes"][0] for connection in first.data.values()]
    employer = first.data["employers"]["nodes"][0]["id"]
    children = await gateway.execute(LOKET_CHILDREN, {"employer": employer}, **ALICE)
    assert children.errors is None
    nodes += [connection["nodes"][0] for connection in children.data.values()]
    assert {node["__typename"] for node in nodes} == entity_types()
    representations = [{"__typename": node["__typename"], "id": node["id"]} for node in nodes]
    resolved = await gateway.execute(ENTITIES, {"representations": representations}, **ALICE)
    assert resolved.errors is None
    assert resolved.data["_entities"] == nodes


async def test_a_bad_representation_fails_alone_and_names_entity_types_only_with_introspection(
    gateway: Gateway,
) -> None:
    """Each bad item is BAD_USER_INPUT at its own index; the good one still resolves. The list of
    entity types in the message for an unknown ``__typename`` is left out with introspection off."""
    first = await gateway.execute(IDS, **ALICE)
    employer = first.data["employers"]["nodes"][0]
    for introspection in (True, False):
        gateway.settings = replace(gateway.settings, introspection=introspection)
        representations = [{"__typename": "Secret", "id": "x"}, dict(employer), "not an object"]
        result = await gateway.execute(ENTITIES, {"representations": representations}, **ALICE)
        assert result.data["_entities"] == [None, employer, None]
        unknown, not_an_object = result.errors
        assert unknown.path == ["_entities", 0] and not_an_object.path == ["_entities", 2]
        assert "'__typename' must name an entity" in unknown.message
        named = {name for name in entity_types() if name in unknown.message}
        assert named == (entity_types() if introspection else set())
