"""The syntax tree of a Loket ``filter`` expression, and its rendering back to text.

``startDate ge '2024-01-01' and (endDate eq null or endDate gt '2026-11-24')`` is
``AllOf((Comparison(("startDate",), "ge", "2024-01-01"), AnyOf((Comparison(...), ...))))``.

Groups are n-ary and never flattened across parentheses, so ``render`` and
``filter_parser.parse`` are exact inverses: ``parse(render(node)) == node``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

OPERATORS = ("eq", "ne", "lk", "gt", "ge", "lt", "le")

Literal: TypeAlias = str | int | float | bool | None


@dataclass(frozen=True)
class Comparison:
    path: tuple[str, ...]  # as written, e.g. ("function", "description")
    op: str  # one of OPERATORS, lower case
    value: Literal


@dataclass(frozen=True)
class AllOf:
    """``a and b and c``: at least two parts."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    """``a or b or c``: at least two parts."""

    parts: tuple[Node, ...]


Node: TypeAlias = Comparison | AllOf | AnyOf


def render_literal(value: Literal) -> str:
    """A literal as the filter grammar writes it (``''`` doubles a quote, as in OData)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(value)


def render(node: Node) -> str:
    if isinstance(node, Comparison):
        return f"{'.'.join(node.path)} {node.op} {render_literal(node.value)}"
    if isinstance(node, AllOf):
        # every nested group needs parentheses: an AnyOf binds looser, and an AllOf would be flattened
        return " and ".join(_grouped(part) for part in node.parts)
    # "and" binds tighter than "or", so an AllOf inside an AnyOf needs none
    return " or ".join(
        f"({render(part)})" if isinstance(part, AnyOf) else render(part) for part in node.parts
    )


def _grouped(node: Node) -> str:
    return render(node) if isinstance(node, Comparison) else f"({render(node)})"
