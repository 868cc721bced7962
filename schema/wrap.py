"""Records -> GraphQL objects, without the type modules importing each other.

Each type module registers how it wraps its record type (``register``) when it is
imported; a field that returns another entity (``Employment.person``, ``Person.employer``)
calls ``wrap`` with the record its resolver got. So ``schema/person.py`` need not import
``schema/employer.py`` at run time to build an ``Employer``, and no type module imports
another one inside a function to dodge a cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")
_WRAPPERS: dict[type, Callable[[Any], Any]] = {}


def register(record_type: type[R], wrapper: Callable[[R], Any]) -> None:
    _WRAPPERS[record_type] = wrapper


def wrap(record: Any) -> Any:
    """The GraphQL object for ``record`` (``None`` stays ``None``)."""
    if record is None:
        return None
    return _WRAPPERS[type(record)](record)
