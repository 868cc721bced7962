"""Typed filters -> Loket filter/orderBy strings, as a table."""

from __future__ import annotations

from datetime import date

import pytest

from gateway.dialects.filters import AllOf, AnyOf, Condition, Filter, Op
from gateway.dialects.loket import (
    OrderKey,
    PagePlan,
    UnexpressibleFilter,
    literal,
    page_plan,
    render_filter,
    render_order,
)

C = Condition


@pytest.mark.parametrize(
    ("tree", "expected"),
    [
        (C(("city",), Op.EQ, "Redmond"), "city eq 'Redmond'"),
        (C(("city",), Op.NE, "London"), "city ne 'London'"),
        (C(("city",), Op.CONTAINS, "Lond"), "city lk 'Lond'"),
        (C(("price",), Op.GT, 20), "price gt 20"),
        (C(("price",), Op.GTE, 10), "price ge 10"),
        (C(("price",), Op.LT, 3.5), "price lt 3.5"),
        (C(("price",), Op.LTE, 100), "price le 100"),
        (C(("endDate",), Op.EQ, None), "endDate eq null"),
        (C(("endDate",), Op.IS_NULL, True), "endDate eq null"),
        (C(("endDate",), Op.IS_NULL, False), "endDate ne null"),
        (C(("endDate",), Op.LTE, date(2017, 1, 1)), "endDate le '2017-01-01'"),
        (C(("cancellationPeriodTimeUnit", "key"), Op.EQ, 4), "cancellationPeriodTimeUnit.key eq 4"),
        (C(("isActive",), Op.EQ, True), "isActive eq true"),
        (C(("lastName",), Op.EQ, "O'Brien"), "lastName eq 'O''Brien'"),
        (
            C(("employeeNumber",), Op.IN, (1, 2, 3)),
            "(employeeNumber eq 1 or employeeNumber eq 2 or employeeNumber eq 3)",
        ),
        (C(("employeeNumber",), Op.IN, (7,)), "employeeNumber eq 7"),
        (
            AllOf((C(("employeeNumber",), Op.GTE, 1), C(("employeeNumber",), Op.LTE, 5))),
            "employeeNumber ge 1 and employeeNumber le 5",
        ),
        (
            AnyOf((C(("price",), Op.LTE, 3.5), C(("price",), Op.GT, 200))),
            "price le 3.5 or price gt 200",
        ),
        (
            AllOf((C(("a",), Op.EQ, 1), AnyOf((C(("b",), Op.EQ, 2), C(("c",), Op.EQ, 3))))),
            "a eq 1 and (b eq 2 or c eq 3)",
        ),
        (
            AnyOf((AllOf((C(("a",), Op.EQ, 1), C(("b",), Op.EQ, 2))), C(("c",), Op.IN, ("x", "y")))),
            "(a eq 1 and b eq 2) or (c eq 'x' or c eq 'y')",
        ),
    ],
)
def test_render_filter(tree: Filter, expected: str) -> None:
    assert render_filter(tree) == expected


@pytest.mark.parametrize(
    "tree",
    [C(("a",), Op.IN, ()), C(("a",), Op.CONTAINS, 5)],
)
def test_unexpressible_filters_are_refused_not_dropped(tree: Filter) -> None:
    with pytest.raises(UnexpressibleFilter, match="a"):
        render_filter(tree)


def test_literal_escapes_every_quote() -> None:
    assert literal("''") == "''''''"
    assert literal("it's Jan's") == "'it''s Jan''s'"


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ([], None),
        ([OrderKey(("companyName",), descending=True)], "-companyName"),
        (
            [OrderKey(("companyName",), descending=True), OrderKey(("address", "houseNumber"))],
            "-companyName,address.houseNumber",
        ),
    ],
)
def test_render_order(keys: list[OrderKey], expected: str | None) -> None:
    assert render_order(keys) == expected


@pytest.mark.parametrize(
    ("offset", "limit", "max_size", "pages", "skip"),
    [
        (0, 20, 1000, ((1, 20),), 0),
        (20, 20, 1000, ((2, 20),), 0),
        (5, 20, 1000, ((1, 25),), 5),
        (990, 20, 1000, ((46, 22),), 0),
        (5003, 7, 1000, ((501, 10),), 3),
        (9, 5, 5, ((2, 5), (3, 5)), 4),
    ],
)
def test_page_plan_covers_the_window_in_the_fewest_pages(
    offset: int, limit: int, max_size: int, pages: tuple[tuple[int, int], ...], skip: int
) -> None:
    plan = page_plan(offset, limit, max_size)
    assert plan == PagePlan(pages, skip)
    covered = [i for number, size in plan.pages for i in range((number - 1) * size, number * size)]
    assert covered[plan.skip : plan.skip + limit] == list(range(offset, offset + limit))
