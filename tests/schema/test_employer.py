"""Employers: the caller's own Loket rights decide what is listed; paging, filters, node, errors."""

from __future__ import annotations

from tests.schema.conftest import ALICE, BOB, Gateway

EMPLOYERS = """
query($first: Int, $after: String, $filter: EmployerFilter, $order: [EmployerOrder!]) {
  employers(first: $first, after: $after, filter: $filter, orderBy: $order) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    nodes { id sourceId companyName city }
  }
}
"""


async def test_each_user_sees_only_their_employers(gateway: Gateway) -> None:
    alice = await gateway.execute(EMPLOYERS, **ALICE)
    bob = await gateway.execute(EMPLOYERS, **BOB)
    assert alice.errors is None and bob.errors is None
    alice_names = {node["companyName"] for node in alice.data["employers"]["nodes"]}
    bob_names = {node["companyName"] for node in bob.data["employers"]["nodes"]}
    assert alice.data["employers"]["totalCount"] == 2 and bob.data["employers"]["totalCount"] == 1
    assert not alice_names & bob_names
    calls = await gateway.calls()
    assert calls["loket"]["endpoints"] == {"GET /v2/providers/employers": 2}


async def test_paging_filter_and_order_are_done_by_loket(gateway: Gateway) -> None:
    ordered = await gateway.execute(EMPLOYERS, {"order": ["COMPANY_NAME_DESC"]}, **ALICE)
    names = [node["companyName"] for node in ordered.data["employers"]["nodes"]]
    assert names == sorted(names, reverse=True)
    first = await gateway.execute(EMPLOYERS, {"first": 1, "order": ["COMPANY_NAME_ASC"]}, **ALICE)
    page = first.data["employers"]
    assert page["pageInfo"] == {
        "hasNextPage": True,
        "hasPreviousPage": False,
        "endCursor": page["pageInfo"]["endCursor"],
    }
    second = await gateway.execute(
        EMPLOYERS,
        {"first": 1, "after": page["pageInfo"]["endCursor"], "order": ["COMPANY_NAME_ASC"]},
        **ALICE,
    )
    assert [n["companyName"] for n in page["nodes"] + second.data["employers"]["nodes"]] == sorted(names)
    assert second.data["employers"]["pageInfo"]["hasNextPage"] is False
    wanted = names[0]
    filtered = await gateway.execute(
        EMPLOYERS, {"filter": {"companyName": {"contains": wanted[3:9].upper()}}}, **ALICE
    )
    assert [n["companyName"] for n in filtered.data["employers"]["nodes"]] == [wanted]


async def test_node_and_entities_resolve_an_employer_by_its_global_id(gateway: Gateway) -> None:
    listed = await gateway.execute(EMPLOYERS, **ALICE)
    employer = listed.data["employers"]["nodes"][0]
    found = await gateway.execute(
        "query($id: ID!) { node(id: $id) { id ... on Employer { companyName } } }",
        {"id": employer["id"]},
        **ALICE,
    )
    assert found.data["node"] == {"id": employer["id"], "companyName": employer["companyName"]}
    entities = await gateway.execute(
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Employer { companyName } } }",
        {"r": [{"__typename": "Employer", "id": employer["id"]}]},
        **ALICE,
    )
    assert entities.data["_entities"] == [{"companyName": employer["companyName"]}]
    hidden = await gateway.execute("query($id: ID!) { node(id: $id) { id } }", {"id": employer["id"]}, **BOB)
    assert hidden.data["node"] is None


async def test_bad_input_is_rejected_naming_the_argument_without_upstream_calls(gateway: Gateway) -> None:
    for variables, argument in [
        ({"first": -1}, "first"),
        ({"first": 10_000}, "first"),
        ({"after": "not-a-cursor"}, "after"),
        ({"filter": {"companyName": {"in": []}}}, "filter"),
    ]:
        result = await gateway.execute(EMPLOYERS, variables, **ALICE)
        assert result.data is None or result.data["employers"] is None
        [error] = result.errors
        assert error.extensions == {"code": "BAD_USER_INPUT", "argument": argument}, variables
    assert (await gateway.calls())["total"] == 0


async def test_missing_or_rejected_credentials_are_typed_errors(gateway: Gateway) -> None:
    missing = await gateway.execute(EMPLOYERS)
    assert missing.errors[0].extensions["code"] == "UNAUTHENTICATED"
    assert missing.errors[0].extensions["upstream"] == "loket"
    rejected = await gateway.execute(EMPLOYERS, authorization="Bearer not-a-real-token")
    assert rejected.errors[0].extensions == {"code": "UNAUTHENTICATED", "upstream": "loket", "status": 401}
    assert "not-a-real-token" not in str(rejected.errors[0])
