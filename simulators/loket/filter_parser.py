"""Tokenizer and recursive-descent parser for Loket's ``filter`` query parameter. Pure: no I/O.

Grammar (keywords, operators, ``null``/``true``/``false`` in any letter case; the
document says field names and values are case-insensitive)::

    expression  := conjunction ("or" conjunction)*
    conjunction := primary ("and" primary)*          -- "and" binds tighter than "or"
    primary     := "(" expression ")" | comparison
    comparison  := path operator value
    path        := name ("." name)*                  -- function.description, employee.id
    operator    := eq | ne | lk | gt | ge | lt | le
    value       := 'text' | number | true | false | null

Choice: a quote inside a string is written twice (``'d''Hondt'``), as in OData, which
the operator set is modelled on; the document shows no escape at all.
Choice: dates are quoted strings (``enddate le '2017-01-01'``, the document's example);
a bare ``2017-01-01`` is not a value.
Choice: a filter longer than ``MAX_FILTER_LENGTH`` or nested deeper than ``MAX_DEPTH``
is refused with a 400 rather than risking a deep recursion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulators.loket.filter_ast import OPERATORS, AllOf, AnyOf, Comparison, Literal, Node

MAX_FILTER_LENGTH = 4000
MAX_DEPTH = 32

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<lparen>\()
    | (?P<rparen>\))
    | (?P<string>'(?:[^']|'')*')
    | (?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})
    | (?P<number>-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(?![\w.])
    | (?P<word>[^\W\d]\w*(?:\.[^\W\d]\w*)*)
    """,
    re.VERBOSE,
)
_CONSTANTS: dict[str, Literal] = {"null": None, "true": True, "false": False}


class FilterSyntaxError(ValueError):
    """The filter text is not a valid expression; the message says where and why."""


@dataclass(frozen=True)
class Token:
    kind: str  # lparen, rparen, string, number, word, end
    text: str
    position: int  # 1-based, for messages


def tokenize(text: str) -> list[Token]:
    if len(text) > MAX_FILTER_LENGTH:
        raise FilterSyntaxError(f"the filter is longer than {MAX_FILTER_LENGTH} characters")
    tokens: list[Token] = []
    index = 0
    while index < len(text):
        match = _TOKEN.match(text, index)
        if match is None:
            char = text[index]
            if char == "'":
                raise FilterSyntaxError(f"unterminated string starting at position {index + 1}")
            raise FilterSyntaxError(f"unexpected character {char!r} at position {index + 1}")
        kind = match.lastgroup or "space"
        if kind == "date":
            raise FilterSyntaxError(f"a date must be quoted: write '{match.group()}' (position {index + 1})")
        if kind != "space":
            tokens.append(Token(kind, match.group(), index + 1))
        index = match.end()
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


def parse(text: str) -> Node:
    """The syntax tree of ``text``; raises ``FilterSyntaxError`` naming what is wrong."""
    parser = _Parser(tokenize(text))
    if parser.peek.kind == "end":
        raise FilterSyntaxError("the filter is empty")
    node = parser.expression(0)
    token = parser.peek
    if token.kind != "end":
        raise FilterSyntaxError(
            f"expected 'and', 'or' or the end of the filter at position {token.position}, "
            f"found {_shown(token)}"
        )
    return node


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0

    @property
    def peek(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        if token.kind != "end":
            self.index += 1
        return token

    def _keyword(self, word: str) -> bool:
        token = self.peek
        if token.kind == "word" and token.text.lower() == word:
            self.index += 1
            return True
        return False

    def expression(self, depth: int) -> Node:
        parts = [self.conjunction(depth)]
        while self._keyword("or"):
            parts.append(self.conjunction(depth))
        return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))

    def conjunction(self, depth: int) -> Node:
        parts = [self.primary(depth)]
        while self._keyword("and"):
            parts.append(self.primary(depth))
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    def primary(self, depth: int) -> Node:
        token = self.take()
        if token.kind == "lparen":
            if depth >= MAX_DEPTH:
                raise FilterSyntaxError(f"the filter is nested more than {MAX_DEPTH} levels deep")
            node = self.expression(depth + 1)
            closing = self.take()
            if closing.kind != "rparen":
                raise FilterSyntaxError(
                    f"missing ')' for the '(' at position {token.position}; found {_shown(closing)} "
                    f"at position {closing.position}"
                )
            return node
        if token.kind != "word":
            raise FilterSyntaxError(
                f"expected a field name at position {token.position}, found {_shown(token)}"
            )
        return self.comparison(token)

    def comparison(self, field: Token) -> Comparison:
        op = self.take()
        if op.kind != "word" or op.text.lower() not in OPERATORS:
            raise FilterSyntaxError(
                f"expected an operator ({', '.join(OPERATORS)}) after '{field.text}' at position "
                f"{op.position}, found {_shown(op)}"
            )
        value = self.take()
        path = tuple(field.text.split("."))
        operator = op.text.lower()
        if value.kind == "string":
            return Comparison(path, operator, value.text[1:-1].replace("''", "'"))
        if value.kind == "number":
            text = value.text
            number: int | float = float(text) if any(c in text for c in ".eE") else int(text)
            return Comparison(path, operator, number)
        if value.kind == "word" and value.text.lower() in _CONSTANTS:
            return Comparison(path, operator, _CONSTANTS[value.text.lower()])
        raise FilterSyntaxError(
            f"expected a value ('text', a number, true, false or null) after '{field.text} {op.text}' "
            f"at position {value.position}, found {_shown(value)}"
        )


def _shown(token: Token) -> str:
    return "the end of the filter" if token.kind == "end" else f"'{token.text}'"
