"""Bad queries get Directus's 400 INVALID_QUERY with the reason Directus gives; routes and
collections that do not exist get 404 ROUTE_NOT_FOUND and 403 FORBIDDEN."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import orjson
import pytest

Error = Callable[[httpx.Response], tuple[int, str]]


def _deep_filter(levels: int) -> dict:
    rule: dict = {"title": {"_eq": "x"}}
    for index in range(levels):
        rule = {"program_forms" if index % 2 == 0 else "program": rule}
    return rule


BAD_QUERIES: list[tuple[str, dict[str, str], str]] = [
    ("limit text", {"limit": "ten"}, '"limit" must be a number'),
    ("limit fraction", {"limit": "1.5"}, '"limit" must be an integer'),
    ("limit below -1", {"limit": "-2"}, '"limit" must be greater than or equal to -1'),
    ("limit infinite", {"limit": "Infinity"}, '"limit" cannot be infinity'),
    ("limit huge", {"limit": "1e20"}, '"limit" must be a safe number'),
    ("offset negative", {"offset": "-1"}, '"offset" must be greater than or equal to 0'),
    ("offset text", {"offset": "x"}, '"offset" must be a number'),
    ("page negative", {"page": "-1"}, '"page" must be greater than or equal to 0'),
    ("page fraction", {"page": "1.5"}, '"page" must be an integer'),
    (
        "meta unknown",
        {"meta": "total_count,everything"},
        '"meta[1]" must be one of [total_count, filter_count]',
    ),
    ("filter not json", {"filter": '{"title":'}, "Invalid JSON for filter object"),
    ("filter NaN literal", {"filter": '{"credits":{"_eq":NaN}}'}, "Invalid JSON for filter object"),
    ("and not a list", {"filter": '{"_and":{"title":{"_eq":"x"}}}'}, "Invalid filter object"),
    ("field rule null", {"filter": '{"title":null}'}, "Invalid filter object"),
    (
        "unknown operator",
        {"filter[title][_like]": "x"},
        '"string" field type does not contain the "_like" filter operator',
    ),
    (
        "operator for another type",
        {"filter[credits][_contains]": "6"},
        '"integer" field type does not contain the "_contains" filter operator',
    ),
    (
        "icontains on uuid",
        {"filter[id][_icontains]": "a"},
        '"uuid" field type does not contain the "_icontains"',
    ),
    ("empty string", {"filter": '{"title":{"_eq":""}}'}, 'You can\'t filter for an empty string in "_eq"'),
    (
        "object value",
        {"filter": '{"title":{"_eq":{"a":1}}}'},
        'The filter value for "_eq" has to be a string, number',
    ),
    (
        "number too big",
        {"filter": '{"credits":{"_eq":1e300}}'},
        'The filter value for "_eq" is not a valid number',
    ),
    ("in empty", {"filter": '{"credits":{"_in":[]}}'}, '"_in" has to be an array of values'),
    ("null not boolean", {"filter[credits][_null]": "yes"}, '"_null" has to be a boolean'),
    ("number not numeric", {"filter[credits][_gt]": "lots"}, "Invalid numeric value"),
    ("date not a date", {"filter[date_created][_gt]": "yesterday"}, 'Invalid date value "yesterday"'),
    (
        "unknown filter field",
        {"filter[colour][_eq]": "red"},
        'Field "colour" in "filter" does not exist in collection "programs"',
    ),
    (
        "unknown related field",
        {"filter[program_forms][colour][_eq]": "red"},
        'Field "colour" in "filter" does not exist in collection "program_forms"',
    ),
    (
        "nesting into a plain field",
        {"filter[title][length][_eq]": "1"},
        'Field "title" in "filter" is not a relational field',
    ),
    (
        "_some on a plain field",
        {"filter": '{"title":{"_some":{}}}'},
        '"string" field type does not contain the "_some"',
    ),
    ("operator at the root", {"filter": '{"_eq":"x"}'}, 'Field "_eq" in "filter" does not exist'),
    ("filter too deep", {"filter": orjson.dumps(_deep_filter(11)).decode()}, "Max relational depth exceeded"),
    (
        "unknown field",
        {"fields": "id,colour"},
        'Field "colour" in "fields" does not exist in collection "programs"',
    ),
    ("trailing comma in fields", {"fields": "id,"}, 'Field "" in "fields" does not exist'),
    (
        "fields into a plain field",
        {"fields": "title.length"},
        'Field "title" in "fields" is not a relational field',
    ),
    (
        "fields unknown nested",
        {"fields": "locations.locations_id.colour"},
        'Field "colour" in "fields" does not exist in collection "locations"',
    ),
    (
        "fields too deep",
        {"fields": ".".join(["program_forms", "program"] * 5) + ".id"},
        "Max relational depth exceeded",
    ),
    ("sort unknown", {"sort": "-colour"}, 'Field "colour" in "sort" does not exist in collection "programs"'),
    ("sort empty entry", {"sort": "title,"}, 'Field "" in "sort" does not exist'),
    ("sort alias field", {"sort": "program_forms"}, 'Field "program_forms" in "sort" cannot be sorted on'),
    ("sort through plain field", {"sort": "title.x"}, 'Field "title" in "sort" is not a relational field'),
    ("unsupported aggregate", {"aggregate[count]": "*"}, 'The "aggregate" parameter is not supported'),
    ("unsupported groupBy", {"groupBy": "type"}, 'The "groupBy" parameter is not supported'),
]


@pytest.mark.parametrize(("params", "reason"), [c[1:] for c in BAD_QUERIES], ids=[c[0] for c in BAD_QUERIES])
async def test_bad_query_is_invalid_query_with_directus_reason(
    client: httpx.AsyncClient, error_of: Error, params: dict[str, str], reason: str
) -> None:
    response = await client.get("/items/programs", params=params)
    assert error_of(response) == (400, "INVALID_QUERY")
    error = response.json()["errors"][0]
    assert reason in error["message"] and error["message"].startswith("Invalid query. ")
    assert reason in error["extensions"]["reason"]
    assert response.headers["content-type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        (
            {"filter[program][_some][type][_eq]": "pabo"},
            '"_some" can only be used with top level relational alias',
        ),
        (
            {"filter[location_data][_intersects]": '{"type":"Point"}'},
            '"_intersects" has to be a valid GeoJSON',
        ),
        ({"filter[track][_contains]": "x"}, '"uuid" field type does not contain the "_contains"'),
        ({"sort": "location_data"}, 'Field "location_data" in "sort" cannot be sorted on'),
    ],
)
async def test_bad_query_on_forms_and_locations(
    client: httpx.AsyncClient, error_of: Error, params: dict[str, str], reason: str
) -> None:
    collection = "program_forms" if any("track" in key or "program" in key for key in params) else "locations"
    response = await client.get(f"/items/{collection}", params=params)
    assert error_of(response) == (400, "INVALID_QUERY") and reason in response.json()["errors"][0]["message"]


async def test_filter_values_are_checked_before_paging(client: httpx.AsyncClient) -> None:
    """Directus validates the filter's values before Joi's limit rule, so that error wins."""
    response = await client.get("/items/programs", params={"limit": "x", "filter": '{"title":{"_in":[]}}'})
    assert '"_in" has to be an array' in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("path", ["/", "/items", "/items/programs/x/y", "/collections", "/graphql"])
async def test_unknown_routes_are_route_not_found(
    client: httpx.AsyncClient, error_of: Error, path: str
) -> None:
    response = await client.get(path)
    assert error_of(response) == (404, "ROUTE_NOT_FOUND")
    assert response.json()["errors"][0]["message"] == f"Route {path} doesn't exist."


async def test_unsupported_method_is_route_not_found(
    client: httpx.AsyncClient, error_of: Error, rows: dict
) -> None:
    assert error_of(await client.put(f"/items/programs/{rows['programs'][0]['id']}")) == (
        404,
        "ROUTE_NOT_FOUND",
    )


@pytest.mark.parametrize(
    "collection", ["articles", "schools", "directus_users", "PROGRAMS", "regional_education_desks"]
)
async def test_unknown_collection_is_forbidden_not_missing(
    client: httpx.AsyncClient, error_of: Error, collection: str
) -> None:
    response = await client.get(f"/items/{collection}")
    assert error_of(response) == (403, "FORBIDDEN")
    assert response.json()["errors"][0]["message"] == "You don't have permission to access this."


async def test_an_unreadable_filter_fails_before_the_collection_check(
    client: httpx.AsyncClient, error_of: Error
) -> None:
    """Directus sanitises the query in app-wide middleware, before the items router sees the collection."""
    assert error_of(await client.get("/items/articles", params={"filter": "{"})) == (400, "INVALID_QUERY")
    assert error_of(await client.get("/items/articles", params={"limit": "x"})) == (403, "FORBIDDEN")


@pytest.mark.parametrize(
    ("collection", "params"),
    [
        ("locations", {"fields": "id,city"}),
        ("locations", {"filter[city][_eq]": "Utrecht"}),
        ("locations", {"sort": "city"}),
        ("programs", {"filter": '{"locations":{"locations_id":{"city":{"_eq":"Utrecht"}}}}'}),
        ("program_forms", {"fields": "form,duration_months,tuition_fee"}),
        ("program_forms", {"filter[tuition_fee][_gt]": "2000"}),
    ],
)
async def test_fields_no_source_names_are_unknown_fields(
    client: httpx.AsyncClient, error_of: Error, collection: str, params: dict[str, str]
) -> None:
    """``locations.city`` and the old programme-form fields are not Directus fields: asking for
    them is Directus's error for an unknown field, as for any other name."""
    response = await client.get(f"/items/{collection}", params=params)
    assert error_of(response) == (400, "INVALID_QUERY")
    assert "does not exist in collection" in response.json()["errors"][0]["message"]
