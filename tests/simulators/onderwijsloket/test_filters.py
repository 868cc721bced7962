"""Every filter operator, logical nesting and relational path, as JSON and in bracket form.

Each case pairs a Directus filter with the plain-Python reading of the same condition
(PostgreSQL semantics: a NULL matches no comparison, negated ones included); the ids the
simulator returns must be exactly the ids of the rows the Python predicate accepts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import orjson
import pytest

Row = dict[str, Any]


class Db:
    """Relations of the generated rows, looked up the slow, obvious way."""

    def __init__(self, rows: dict[str, list[Row]]) -> None:
        self.rows = rows
        self.index = {name: {row["id"]: row for row in items} for name, items in rows.items()}

    def linked(self, junction: str, left: str, key: Any, right: str, target: str) -> list[Row]:
        return [self.index[target][r[right]] for r in self.rows[junction] if r[left] == key]

    def institutions(self, program: Row) -> list[Row]:
        junction = "educational_institutions_programs"
        return self.linked(
            junction, "programs_id", program["id"], "educational_institutions_id", "educational_institutions"
        )

    def locations(self, program: Row) -> list[Row]:
        return self.linked("programs_locations", "programs_id", program["id"], "locations_id", "locations")

    def forms(self, program: Row) -> list[Row]:
        return [form for form in self.rows["program_forms"] if form["program"] == program["id"]]


def brackets(prefix: str, value: Any) -> list[tuple[str, str]]:
    """``{"a": {"_eq": 1}}`` -> ``[("filter[a][_eq]", "1")]``, the way a client would write it."""
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in brackets(f"{prefix}[{key}]", item)]
    if isinstance(value, list):
        return [pair for index, item in enumerate(value) for pair in brackets(f"{prefix}[{index}]", item)]
    if isinstance(value, bool) or value is None:
        return [(prefix, orjson.dumps(value).decode())]
    return [(prefix, str(value))]


def not_null(predicate: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: value is not None and predicate(value)


WISKUNDE = "Leraar Wiskunde (tweedegraads)"
ZWOLLE = ", Zwolle, Nederland"  # how an address line in Zwolle ends
NOW_MINUS_YEAR = "$NOW(-1 year)"
CASES: list[tuple[str, str, dict[str, Any], Callable[[Row, Db], bool]]] = [
    ("eq", "programs", {"title": {"_eq": WISKUNDE}}, lambda r, db: r["title"] == WISKUNDE),
    ("bare value is eq", "programs", {"type": "pabo"}, lambda r, db: r["type"] == "pabo"),
    (
        "neq skips nulls",
        "programs",
        {"degree": {"_neq": "Bachelor of Education"}},
        lambda r, db: r["degree"] is not None and r["degree"] != "Bachelor of Education",
    ),
    ("eq null", "programs", {"degree": {"_eq": "null"}}, lambda r, db: r["degree"] is None),
    ("neq null", "programs", {"degree": {"_neq": None}}, lambda r, db: r["degree"] is not None),
    ("lt", "programs", {"credits": {"_lt": 60}}, lambda r, db: not_null(lambda v: v < 60)(r["credits"])),
    ("lte", "programs", {"credits": {"_lte": 60}}, lambda r, db: not_null(lambda v: v <= 60)(r["credits"])),
    ("gt", "programs", {"credits": {"_gt": 60}}, lambda r, db: not_null(lambda v: v > 60)(r["credits"])),
    ("gte", "programs", {"credits": {"_gte": 120}}, lambda r, db: not_null(lambda v: v >= 120)(r["credits"])),
    ("in", "programs", {"credits": {"_in": [30, 60]}}, lambda r, db: r["credits"] in (30, 60)),
    (
        "in as comma text",
        "programs",
        {"type": {"_in": "pabo,mbo"}},
        lambda r, db: r["type"] in ("pabo", "mbo"),
    ),
    (
        "nin skips nulls",
        "programs",
        {"credits": {"_nin": [240]}},
        lambda r, db: r["credits"] is not None and r["credits"] != 240,
    ),
    (
        "nin with null matches nothing",
        "programs",
        {"degree": {"_nin": ["Associate Degree", None]}},
        lambda r, db: False,
    ),
    (
        "numbers cast null to 0",
        "programs",
        {"credits": {"_nin": [240, None]}},
        lambda r, db: r["credits"] is not None and r["credits"] not in (240, 0),
    ),
    ("null", "programs", {"credits": {"_null": True}}, lambda r, db: r["credits"] is None),
    ("null false", "programs", {"credits": {"_null": False}}, lambda r, db: r["credits"] is not None),
    ("nnull", "programs", {"croho": {"_nnull": True}}, lambda r, db: r["croho"] is not None),
    ("empty", "programs", {"degree": {"_empty": True}}, lambda r, db: r["degree"] in (None, "")),
    ("nempty", "programs", {"degree": {"_nempty": True}}, lambda r, db: r["degree"] not in (None, "")),
    ("contains", "programs", {"title": {"_contains": "Wiskunde"}}, lambda r, db: "Wiskunde" in r["title"]),
    (
        "contains is case sensitive",
        "programs",
        {"title": {"_contains": "wiskunde"}},
        lambda r, db: "wiskunde" in r["title"],
    ),
    ("ncontains", "programs", {"title": {"_ncontains": "Leraar"}}, lambda r, db: "Leraar" not in r["title"]),
    (
        "icontains",
        "programs",
        {"title": {"_icontains": "WISKUNDE"}},
        lambda r, db: "wiskunde" in r["title"].lower(),
    ),
    (
        "nicontains",
        "programs",
        {"title": {"_nicontains": "leraar"}},
        lambda r, db: "leraar" not in r["title"].lower(),
    ),
    (
        "starts_with",
        "programs",
        {"title": {"_starts_with": "Leraar"}},
        lambda r, db: r["title"].startswith("Leraar"),
    ),
    (
        "istarts_with",
        "programs",
        {"title": {"_istarts_with": "leraar"}},
        lambda r, db: r["title"].lower().startswith("leraar"),
    ),
    (
        "nstarts_with",
        "programs",
        {"title": {"_nstarts_with": "Leraar"}},
        lambda r, db: not r["title"].startswith("Leraar"),
    ),
    (
        "nistarts_with",
        "programs",
        {"title": {"_nistarts_with": "LERAAR"}},
        lambda r, db: not r["title"].lower().startswith("leraar"),
    ),
    (
        "ends_with",
        "programs",
        {"title": {"_ends_with": "(tweedegraads)"}},
        lambda r, db: r["title"].endswith("(tweedegraads)"),
    ),
    (
        "iends_with",
        "programs",
        {"title": {"_iends_with": "(TWEEDEGRAADS)"}},
        lambda r, db: r["title"].lower().endswith("(tweedegraads)"),
    ),
    (
        "nends_with",
        "programs",
        {"title": {"_nends_with": "(tweedegraads)"}},
        lambda r, db: not r["title"].endswith("(tweedegraads)"),
    ),
    (
        "niends_with",
        "programs",
        {"title": {"_niends_with": "(TWEEDEGRAADS)"}},
        lambda r, db: not r["title"].lower().endswith("(tweedegraads)"),
    ),
    (
        "underscore is a LIKE wildcard",
        "programs",
        {"title": {"_contains": "Leraar _iskunde"}},
        lambda r, db: "Leraar Wiskunde" in r["title"],
    ),
    (
        "percent is a LIKE wildcard",
        "programs",
        {"title": {"_starts_with": "Master%eerstegraads"}},
        lambda r, db: r["title"].startswith("Master") and "eerstegraads" in r["title"],
    ),
    (
        "between",
        "programs",
        {"credits": {"_between": [60, 120]}},
        lambda r, db: not_null(lambda v: 60 <= v <= 120)(r["credits"]),
    ),
    (
        "nbetween",
        "programs",
        {"credits": {"_nbetween": "60,120"}},
        lambda r, db: not_null(lambda v: not 60 <= v <= 120)(r["credits"]),
    ),
    (
        "timestamp gte a date",
        "programs",
        {"date_created": {"_gte": "2026-01-01"}},
        lambda r, db: r["date_created"] >= "2026-01-01T00:00:00.000Z",
    ),
    (
        "timestamp with offset",
        "programs",
        {"date_updated": {"_lt": "2026-06-01T02:00:00+02:00"}},
        lambda r, db: not_null(lambda v: v < "2026-06-01T00:00:00.000Z")(r["date_updated"]),
    ),
    (
        "multiple operators on a field",
        "programs",
        {"credits": {"_gte": 60, "_lte": 120}},
        lambda r, db: not_null(lambda v: 60 <= v <= 120)(r["credits"]),
    ),
    (
        "several fields are ANDed",
        "programs",
        {"type": {"_eq": "tweedegraads"}, "vendor": {"_eq": "hovi"}},
        lambda r, db: r["type"] == "tweedegraads" and r["vendor"] == "hovi",
    ),
    (
        "or inside a field rule",
        "programs",
        {"title": {"_or": [{"_contains": "Wiskunde"}, {"_contains": "Engels"}]}},
        lambda r, db: "Wiskunde" in r["title"] or "Engels" in r["title"],
    ),
    (
        "nested and/or",
        "programs",
        {
            "_or": [
                {"type": {"_eq": "pabo"}},
                {"_and": [{"level": {"_eq": "master"}}, {"credits": {"_gte": 90}}]},
            ]
        },
        lambda r, db: r["type"] == "pabo" or (r["level"] == "master" and (r["credits"] or 0) >= 90),
    ),
    ("empty or matches all", "programs", {"_or": []}, lambda r, db: True),
    (
        "m2m through the junction",
        "programs",
        {
            "educational_institutions": {
                "educational_institutions_id": {"title": {"_icontains": "hogeschool"}}
            }
        },
        lambda r, db: any("hogeschool" in i["title"].lower() for i in db.institutions(r)),
    ),
    (
        "m2m locations address",
        "programs",
        {"locations": {"locations_id": {"location_address": {"_icontains": ", utrecht,"}}}},
        lambda r, db: any(", utrecht," in loc["location_address"].lower() for loc in db.locations(r)),
    ),
    (
        "o2m defaults to some",
        "programs",
        {"program_forms": {"product_form": {"_eq": "duaal"}}},
        lambda r, db: any(f["product_form"] == "duaal" for f in db.forms(r)),
    ),
    (
        "o2m _some",
        "programs",
        {"program_forms": {"_some": {"product_form": {"_eq": "deeltijd"}}}},
        lambda r, db: any(f["product_form"] == "deeltijd" for f in db.forms(r)),
    ),
    (
        "o2m _none",
        "programs",
        {"program_forms": {"_none": {"product_form": {"_eq": "voltijd"}}}},
        lambda r, db: not any(f["product_form"] == "voltijd" for f in db.forms(r)),
    ),
    (
        "each o2m condition is its own exists",
        "programs",
        {
            "_and": [
                {"program_forms": {"product_form": {"_eq": "voltijd"}}},
                {"program_forms": {"product_form": {"_eq": "deeltijd"}}},
            ]
        },
        lambda r, db: {"voltijd", "deeltijd"} <= {f["product_form"] for f in db.forms(r)},
    ),
    (
        "o2m and m2m combined",
        "programs",
        {
            "program_forms": {"track": {"name": {"_eq": "Verkort traject"}}},
            "locations": {"locations_id": {"title": {"_icontains": "zwolle"}}},
        },
        lambda r, db: (
            any(db.index["tracks"][f["track"]]["name"] == "Verkort traject" for f in db.forms(r))
            and any("zwolle" in loc["title"].lower() for loc in db.locations(r))
        ),
    ),
    (
        "m2o",
        "program_forms",
        {"program": {"type": {"_eq": "pabo"}}},
        lambda r, db: db.index["programs"][r["program"]]["type"] == "pabo",
    ),
    (
        "m2o two levels into m2m",
        "program_forms",
        {"program": {"educational_institutions": {"educational_institutions_id": {"type": {"_eq": "mbo"}}}}},
        lambda r, db: any(i["type"] == "mbo" for i in db.institutions(db.index["programs"][r["program"]])),
    ),
    (
        "boolean",
        "educational_institutions",
        {"is_tio_partner": {"_eq": True}},
        lambda r, db: r["is_tio_partner"],
    ),
    (
        "institution type in",
        "educational_institutions",
        {"type": {"_in": ["mbo", "universiteit"]}},
        lambda r, db: r["type"] in ("mbo", "universiteit"),
    ),
    (
        "junction collection",
        "programs_locations",
        {"locations_id": {"location_address": {"_ends_with": ZWOLLE}}},
        lambda r, db: db.index["locations"][r["locations_id"]]["location_address"].endswith(ZWOLLE),
    ),
]


@pytest.fixture(scope="module")
def db(rows: dict[str, list[Row]]) -> Db:
    return Db(rows)


async def _ids(client: httpx.AsyncClient, collection: str, params: list[tuple[str, str]]) -> list[Any]:
    response = await client.get(f"/items/{collection}", params=[*params, ("fields", "id"), ("limit", "-1")])
    assert response.status_code == 200, response.text
    return sorted(item["id"] for item in response.json()["data"])


@pytest.mark.parametrize(
    ("collection", "rule", "predicate"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
async def test_filter_json_selects_what_python_selects(
    client: httpx.AsyncClient, db: Db, collection: str, rule: dict, predicate: Callable[[Row, Db], bool]
) -> None:
    expected = sorted(row["id"] for row in db.rows[collection] if predicate(row, db))
    assert await _ids(client, collection, [("filter", orjson.dumps(rule).decode())]) == expected


@pytest.mark.parametrize(
    ("collection", "rule", "predicate"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
async def test_filter_bracket_form_selects_the_same(
    client: httpx.AsyncClient, db: Db, collection: str, rule: dict, predicate: Callable[[Row, Db], bool]
) -> None:
    expected = sorted(row["id"] for row in db.rows[collection] if predicate(row, db))
    assert await _ids(client, collection, brackets("filter", rule)) == expected


def test_cases_are_not_trivial(db: Db) -> None:
    """Each case that should select something selects some rows but not all of them."""
    for name, collection, _, predicate in CASES:
        if name in ("empty or matches all", "nin with null matches nothing", "contains is case sensitive"):
            continue
        selected = sum(predicate(row, db) for row in db.rows[collection])
        assert 0 < selected < len(db.rows[collection]), name


async def test_operators_straight_on_an_alias_test_the_child_keys(client: httpx.AsyncClient, db: Db) -> None:
    form = db.rows["program_forms"][0]
    rule = {"program_forms": {"_in": [form["id"]]}}
    assert await _ids(client, "programs", [("filter", orjson.dumps(rule).decode())]) == [form["program"]]
    everything = await _ids(client, "programs", [("filter[program_forms][_nnull]", "true")])
    assert everything == sorted(row["id"] for row in db.rows["programs"])


async def test_dynamic_now_variable(client: httpx.AsyncClient, db: Db) -> None:
    threshold = datetime.fromtimestamp(time.time(), UTC) - timedelta(days=365)
    ids = await _ids(client, "programs", [("filter[date_created][_lt]", NOW_MINUS_YEAR)])
    expected = [r["id"] for r in db.rows["programs"] if datetime.fromisoformat(r["date_created"]) < threshold]
    assert ids == sorted(expected)


async def test_between_with_one_value_is_ignored_as_directus_ignores_it(
    client: httpx.AsyncClient, db: Db
) -> None:
    ids = await _ids(client, "programs", [("filter[credits][_between]", "60")])
    assert len(ids) == len(db.rows["programs"])
