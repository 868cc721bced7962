"""Typed filters -> Directus filter JSON, sort and fields, as a table."""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson
import pytest

from gateway.dialects.directus import filter_object, related_ids, render_fields, render_filter, render_sort
from gateway.dialects.filters import AllOf, AnyOf, Condition, Filter, Op
from gateway.dialects.loket import OrderKey

C = Condition


@pytest.mark.parametrize(
    ("tree", "expected"),
    [
        (C(("title",), Op.EQ, "Pabo"), {"title": {"_eq": "Pabo"}}),
        (C(("title",), Op.NE, "Pabo"), {"title": {"_neq": "Pabo"}}),
        (C(("title",), Op.CONTAINS, "pabo"), {"title": {"_icontains": "pabo"}}),
        (C(("credits",), Op.GT, 60), {"credits": {"_gt": 60}}),
        (C(("credits",), Op.GTE, 60), {"credits": {"_gte": 60}}),
        (C(("credits",), Op.LT, 60), {"credits": {"_lt": 60}}),
        (C(("credits",), Op.LTE, 60), {"credits": {"_lte": 60}}),
        (C(("level",), Op.IN, ("hbo", "wo")), {"level": {"_in": ["hbo", "wo"]}}),
        (C(("croho",), Op.IS_NULL, True), {"croho": {"_null": True}}),
        (C(("croho",), Op.IS_NULL, False), {"croho": {"_nnull": True}}),
        (C(("croho",), Op.EQ, None), {"croho": {"_null": True}}),
        (C(("croho",), Op.NE, None), {"croho": {"_nnull": True}}),
        (C(("date_created",), Op.GTE, date(2025, 2, 1)), {"date_created": {"_gte": "2025-02-01"}}),
        (
            C(
                ("educational_institutions", "educational_institutions_id", "title"),
                Op.CONTAINS,
                "hogeschool",
            ),
            {
                "educational_institutions": {
                    "educational_institutions_id": {"title": {"_icontains": "hogeschool"}}
                }
            },
        ),
        (
            AllOf(
                (
                    C(("type",), Op.EQ, "pabo"),
                    AnyOf((C(("level",), Op.EQ, "hbo"), C(("level",), Op.EQ, "wo"))),
                )
            ),
            {
                "_and": [
                    {"type": {"_eq": "pabo"}},
                    {"_or": [{"level": {"_eq": "hbo"}}, {"level": {"_eq": "wo"}}]},
                ]
            },
        ),
        (
            AllOf((C(("credits",), Op.LTE, 240), C(("title",), Op.EQ, "Pabo"), C(("credits",), Op.GTE, 60))),
            {"_and": [{"credits": {"_between": [60, 240]}}, {"title": {"_eq": "Pabo"}}]},
        ),
        (
            AllOf(
                (
                    C(("date_created",), Op.GTE, date(2025, 1, 1)),
                    C(("date_created",), Op.LTE, date(2025, 2, 1)),
                )
            ),
            {"date_created": {"_between": ["2025-01-01", "2025-02-01"]}},
        ),
        (  # two lower bounds: no single range, rendered as they are
            AllOf((C(("credits",), Op.GTE, 60), C(("credits",), Op.GTE, 30), C(("credits",), Op.LTE, 240))),
            {"_and": [{"credits": {"_gte": 60}}, {"credits": {"_gte": 30}}, {"credits": {"_lte": 240}}]},
        ),
        (
            C(("locations", "locations_id"), Op.IN, ("a", "b")),
            {"locations": {"locations_id": {"_in": ["a", "b"]}}},
        ),
    ],
)
def test_filter_object(tree: Filter, expected: dict[str, Any]) -> None:
    assert filter_object(tree) == expected
    assert orjson.loads(render_filter(tree)) == expected


def test_sort_and_fields() -> None:
    assert render_sort([]) is None
    assert (
        render_sort([OrderKey(("title",)), OrderKey(("date_created",), descending=True)])
        == "title,-date_created"
    )
    assert render_fields([("title",), ("id",), ("locations", "locations_id", "title"), ("id",)]) == (
        "id,locations.locations_id.title,title"
    )
    with pytest.raises(ValueError, match="at least one field"):
        render_fields([])


def test_related_ids_reads_junction_rows_and_expanded_items() -> None:
    row = {
        "locations": [
            {"locations_id": "a"},
            {"locations_id": {"id": "b", "city": "Ede"}},
            {"locations_id": None},
        ]
    }
    assert related_ids(row, "locations", "locations_id") == ["a", "b"]
    assert related_ids({}, "locations", "locations_id") == []
