"""Custom scalars: ``SchoolYear`` (``"2023-24"``, ``"2023"`` or a date -> the school year holding it).

``Date`` is Strawberry's built-in ISO date scalar. A value the scalar cannot parse is
rejected during validation, before any resolver runs, so it costs no upstream call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

from gateway.dialects.informat import InvalidSchoolYear, SchoolYear, parse_school_year


def _parse(value: Any) -> SchoolYear:
    if not isinstance(value, str):
        raise InvalidSchoolYear("a school year is a string such as '2023-24', '2023' or '2024-03-01'")
    return parse_school_year(value)


def _serialize(value: SchoolYear) -> str:
    return value.label


# The Python type resolvers see; the GraphQL scalar is attached in the Schema's scalar_map.
SchoolYearScalar = NewType("SchoolYearScalar", SchoolYear)

SCHOOL_YEAR_SCALAR = strawberry.scalar(
    name="SchoolYear",
    description=(
        "A Belgian school year (1 September - 31 August), written '2023-24'. Input also accepts "
        "'2023' (= 2023-24) or a date ('2024-03-01'), meaning the school year that holds it."
    ),
    serialize=_serialize,
    parse_value=_parse,
)

SCALAR_MAP: dict[object, ScalarDefinition] = {SchoolYearScalar: SCHOOL_YEAR_SCALAR}

if TYPE_CHECKING:
    SchoolYearValue = SchoolYear
else:
    # the GraphQL scalar in annotations; mypy sees the value it parses to (a variable is not a type to mypy)
    SchoolYearValue = SchoolYearScalar
