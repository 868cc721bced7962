"""Vacancies: ICTerGezocht insight as Relay pages, filters split between upstream and gateway,
node lookups, bad input with zero calls, credentials and partial data."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from strawberry.relay import GlobalID

from simulators.config import SimConfig
from simulators.ictergezocht.accounts import DEMO_ACCOUNT, OTHER_ACCOUNT
from simulators.ictergezocht.data import generate_dataset
from tests.schema.conftest import ALICE, Gateway

VACANCIES = """
query($first: Int, $after: String, $filter: VacancyFilter, $order: [VacancyOrder!]) {
  vacancies(first: $first, after: $after, filter: $filter, orderBy: $order) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    nodes { id sourceId referenceNumber title city publishDate status clicks applications cost cpc
            runtime campaign functionGroup contact { name email } }
  }
}
"""
STATUS = {0: "OFFLINE", 1: "ONLINE", 2: "EXPIRED"}
OTHER_KEY = {"x-ictergezocht-authorization": "Bearer demo-ictergezocht-other-key"}
REVOKED_KEY = {"x-ictergezocht-authorization": "Bearer demo-ictergezocht-revoked-key"}


@pytest.fixture(scope="module")
def demo_rows(sim_config: SimConfig) -> list[dict[str, Any]]:
    """The demo account's insight items as the simulator seeds them, in its (vacancyId) order."""
    dataset = generate_dataset(sim_config.seed, sim_config.today)
    rows = [v.insight() for v in dataset.vacancies if v.account_id == DEMO_ACCOUNT.account_id]
    return sorted(rows, key=lambda row: row["vacancyId"])


def _expected(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "sourceId": str(row["vacancyId"]),
        "referenceNumber": row["referenceNumber"],
        "title": row["title"],
        "city": row["city"],
        "publishDate": row["publishDate"],
        "status": STATUS[row["status"]],
        "clicks": row["clicks"],
        "applications": row["applications"],
        "cost": pytest.approx(row["cost"]),
        "cpc": pytest.approx(row["cpc"]),
        "runtime": row["runtime"],
        "campaign": row["campaign"],
        "functionGroup": row["functionGroup"],
        "contact": row["companyUser"],
    }


def _strip(node: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in node.items() if key != "id"}


async def test_first_page_is_the_insight_list_with_its_count(gateway: Gateway, demo_rows: list[Any]) -> None:
    result = await gateway.execute(VACANCIES, {"first": 5})
    assert result.errors is None
    page = result.data["vacancies"]
    assert page["totalCount"] == DEMO_ACCOUNT.vacancy_count == len(demo_rows)
    assert [_strip(node) for node in page["nodes"]] == [_expected(row) for row in demo_rows[:5]]
    assert page["pageInfo"]["hasNextPage"] is True and page["pageInfo"]["hasPreviousPage"] is False
    assert (await gateway.calls())["ictergezocht"]["endpoints"] == {"GET /vacancy/insight": 1}


async def test_paging_across_the_limit_of_50_fetches_only_the_page(
    gateway: Gateway, demo_rows: list[Any]
) -> None:
    first = await gateway.execute(VACANCIES, {"first": 30})
    cursor = first.data["vacancies"]["pageInfo"]["endCursor"]
    await gateway.reset_calls()
    second = await gateway.execute(VACANCIES, {"first": 80, "after": cursor})
    assert [n["sourceId"] for n in second.data["vacancies"]["nodes"]] == [
        str(row["vacancyId"]) for row in demo_rows[30:110]
    ]
    # items 30..109: offset 30 limit 50, offset 80 limit 30 — nothing beyond the page
    assert (await gateway.calls())["ictergezocht"]["total"] == 2
    last = await gateway.execute(
        VACANCIES, {"first": 50, "after": second.data["vacancies"]["pageInfo"]["endCursor"]}
    )
    tail = await gateway.execute(
        VACANCIES, {"first": 200, "after": last.data["vacancies"]["pageInfo"]["endCursor"]}
    )
    nodes = tail.data["vacancies"]["nodes"]
    assert [n["sourceId"] for n in nodes] == [str(row["vacancyId"]) for row in demo_rows[160:]]
    assert tail.data["vacancies"]["pageInfo"]["hasNextPage"] is False


async def test_publish_period_is_selected_upstream_with_its_count(
    gateway: Gateway, demo_rows: list[Any]
) -> None:
    start, end = date(2026, 6, 1), date(2026, 8, 31)
    inside = [r for r in demo_rows if start <= date.fromisoformat(r["publishDate"]) <= end]
    result = await gateway.execute(
        VACANCIES, {"first": 100, "filter": {"publishDate": {"gte": "2026-06-01", "lte": "2026-08-31"}}}
    )
    page = result.data["vacancies"]
    assert page["totalCount"] == len(inside)
    assert [n["sourceId"] for n in page["nodes"]] == [str(r["vacancyId"]) for r in inside][:100]


async def test_other_conditions_are_applied_by_the_gateway_and_never_dropped(
    gateway: Gateway, demo_rows: list[Any]
) -> None:
    city = demo_rows[0]["city"]
    wanted = [r for r in demo_rows if r["city"] == city and r["status"] in (1, 2)]
    variables = {"first": 3, "filter": {"city": {"eq": city}, "status": {"in": ["ONLINE", "EXPIRED"]}}}
    result = await gateway.execute(VACANCIES, variables)
    assert result.errors is None
    page = result.data["vacancies"]
    assert [n["sourceId"] for n in page["nodes"]] == [str(r["vacancyId"]) for r in wanted[:3]]
    assert all(n["city"] == city for n in page["nodes"])
    assert page["pageInfo"]["hasNextPage"] is (len(wanted) > 3)
    # read page after page of 50 until the 3 asked for and one more were found, then stopped
    positions = [i for i, r in enumerate(demo_rows) if r in wanted]
    assert len(positions) > 3
    assert (await gateway.calls())["ictergezocht"]["total"] == positions[3] // 50 + 1
    assert page["totalCount"] is None

    either = {"or": [{"title": {"contains": "DEVELOPER"}}, {"clicks": {"gte": 60}}]}
    matched = [r for r in demo_rows if "developer" in r["title"].lower() or r["clicks"] >= 60]
    result = await gateway.execute(VACANCIES, {"first": 200, "filter": either})
    page = result.data["vacancies"]
    assert [n["sourceId"] for n in page["nodes"]] == [str(r["vacancyId"]) for r in matched][:200]
    assert page["totalCount"] == (len(matched) if len(matched) < 201 else None)


async def test_order_by_sorts_the_whole_period_in_the_gateway(gateway: Gateway, demo_rows: list[Any]) -> None:
    result = await gateway.execute(VACANCIES, {"first": 10, "order": ["CLICKS_DESC", "TITLE_ASC"]})
    page = result.data["vacancies"]
    best = sorted(demo_rows, key=lambda r: (-r["clicks"], r["title"].casefold()))[:10]
    assert [n["clicks"] for n in page["nodes"]] == [r["clicks"] for r in best]
    assert page["totalCount"] == len(demo_rows)
    assert (await gateway.calls())["ictergezocht"]["total"] == 7  # 320 vacancies, 50 per call


async def test_node_and_entities_find_a_vacancy_with_one_call(gateway: Gateway, demo_rows: list[Any]) -> None:
    listed = await gateway.execute(VACANCIES, {"first": 3, "after": None})
    vacancy = listed.data["vacancies"]["nodes"][2]
    await gateway.reset_calls()
    found = await gateway.execute(
        "query($id: ID!) { node(id: $id) { id ... on Vacancy { title referenceNumber } } }",
        {"id": vacancy["id"]},
    )
    assert found.data["node"] == {
        "id": vacancy["id"],
        "title": vacancy["title"],
        "referenceNumber": vacancy["referenceNumber"],
    }
    calls = await gateway.calls()
    assert calls["ictergezocht"]["endpoints"] == {"GET /vacancy/insight": 1}
    entities = await gateway.execute(
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Vacancy { sourceId } } }",
        {"r": [{"__typename": "Vacancy", "id": vacancy["id"]}]},
    )
    assert entities.data["_entities"] == [{"sourceId": vacancy["sourceId"]}]
    # another account's key does not see it: null, not an error
    hidden = await gateway.execute(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": vacancy["id"]},
        **OTHER_KEY,
    )
    assert hidden.errors is None and hidden.data["node"] is None


async def test_bad_input_is_rejected_naming_the_argument_without_upstream_calls(gateway: Gateway) -> None:
    for variables, argument in [
        ({"first": -1}, "first"),
        ({"first": 201}, "first"),
        ({"after": "bm9wZQ=="}, "after"),
        ({"filter": {"city": {"in": []}}}, "filter"),
    ]:
        result = await gateway.execute(VACANCIES, variables)
        assert result.data["vacancies"] is None, variables
        [error] = result.errors
        assert error.extensions == {"code": "BAD_USER_INPUT", "argument": argument}, variables
    bad_id = str(GlobalID("Vacancy", "ictergezocht:70001:not-a-date"))
    result = await gateway.execute("query($id: ID!) { node(id: $id) { id } }", {"id": bad_id})
    assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"
    nearby = "{ vacancies(first: 1) { nodes { trainingPrograms(radiusKm: 0) { distanceKm } } } }"
    result = await gateway.execute(nearby)
    assert result.errors[0].extensions == {"code": "BAD_USER_INPUT", "argument": "radiusKm"}
    assert (await gateway.calls())["total"] == 1  # the vacancy list only; no Onderwijsloket call


async def test_an_empty_publish_period_costs_no_call(gateway: Gateway) -> None:
    result = await gateway.execute(
        VACANCIES, {"filter": {"publishDate": {"gt": "2026-03-02", "lt": "2026-03-03"}}}
    )
    assert result.data["vacancies"]["totalCount"] == 0 and result.data["vacancies"]["nodes"] == []
    assert (await gateway.calls())["total"] == 0


async def test_the_callers_key_overrides_the_gateways(gateway: Gateway) -> None:
    result = await gateway.execute(VACANCIES, {"first": 1}, **OTHER_KEY)
    assert result.data["vacancies"]["totalCount"] == OTHER_ACCOUNT.vacancy_count


async def test_a_rejected_key_fails_only_the_vacancy_fields(gateway: Gateway) -> None:
    query = """
    { vacancies(first: 2) { totalCount nodes { title } }
      employers { totalCount }
      trainingPrograms(first: 1) { totalCount } }
    """
    result = await gateway.execute(query, **ALICE, **REVOKED_KEY)
    assert result.data["vacancies"] is None
    assert result.data["employers"]["totalCount"] == 2
    assert result.data["trainingPrograms"]["totalCount"] > 0
    [error] = result.errors
    assert error.path == ["vacancies"]
    assert error.extensions == {"code": "UNAUTHENTICATED", "upstream": "ictergezocht", "status": 401}
    assert "revoked" not in str(error)


async def test_an_unavailable_ictergezocht_leaves_the_rest(gateway: Gateway) -> None:
    await gateway.control.put("/_sim/faults", json={"upstream": "ictergezocht", "status": 503})
    result = await gateway.execute("{ vacancies { totalCount } trainingPrograms(first: 1) { totalCount } }")
    assert result.data["vacancies"] is None and result.data["trainingPrograms"]["totalCount"] > 0
    assert result.errors[0].extensions["code"] == "UPSTREAM_UNAVAILABLE"
    assert result.errors[0].extensions["upstream"] == "ictergezocht"
