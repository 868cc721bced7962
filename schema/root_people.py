"""Root fields over people and their work (Loket, Informat): ``employers`` so far."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.types import Info

from gateway.context import Context
from gateway.dialects.loket import OrderKey
from resolvers import loket
from schema.employer import Employer
from schema.filters import IntFilter, StringFilter, filter_tree, order_keys
from schema.pagination import Connection, window


@strawberry.input(description="Which employers to list; fields are ANDed, 'and'/'or' combine filters.")
class EmployerFilter:
    company_name: StringFilter | None = None
    city: StringFilter | None = None
    employer_number: IntFilter | None = None
    and_: list[EmployerFilter] | None = strawberry.field(default=None, name="and")
    or_: list[EmployerFilter] | None = strawberry.field(default=None, name="or")


EMPLOYER_PATHS = {
    "company_name": ("companyName",),
    "city": ("address", "city"),
    "employer_number": ("employerNumber",),
}


@strawberry.enum
class EmployerOrder(Enum):
    COMPANY_NAME_ASC = ("companyName", False)
    COMPANY_NAME_DESC = ("companyName", True)
    EMPLOYER_NUMBER_ASC = ("employerNumber", False)
    EMPLOYER_NUMBER_DESC = ("employerNumber", True)


def _employer_key(value: EmployerOrder) -> OrderKey:
    path, descending = value.value
    return OrderKey((path,), descending)


@strawberry.type
class PeopleQuery:
    @strawberry.field(description="Loket employers the caller's Loket user may see.")
    async def employers(
        self,
        info: Info[Context, None],
        first: int | None = None,
        after: str | None = None,
        filter: EmployerFilter | None = None,
        order_by: list[EmployerOrder] | None = None,
    ) -> Connection[Employer]:
        win = window(first, after)
        tree = filter_tree(filter, EMPLOYER_PATHS)
        return await loket.employers_page(info.context, win, tree, order_keys(order_by, _employer_key))
