"""The filter grammar: tokens, precedence, literals, errors, and rendering back to text."""

from __future__ import annotations

import pytest

from simulators.loket.filter_ast import AllOf, AnyOf, Comparison, render
from simulators.loket.filter_parser import MAX_DEPTH, MAX_FILTER_LENGTH, FilterSyntaxError, parse

A = Comparison(("a",), "eq", 1)
B = Comparison(("b",), "eq", 2)
C = Comparison(("c",), "eq", 3)


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("city eq 'Redmond'", Comparison(("city",), "eq", "Redmond")),
        ("cancellationPeriodTimeUnit.key eq 4", Comparison(("cancellationPeriodTimeUnit", "key"), "eq", 4)),
        ("enddate eq null", Comparison(("enddate",), "eq", None)),
        ("enddate le '2017-01-01'", Comparison(("enddate",), "le", "2017-01-01")),
        ("price gt 3.5", Comparison(("price",), "gt", 3.5)),
        ("price ge -10", Comparison(("price",), "ge", -10)),
        ("price lt 1e3", Comparison(("price",), "lt", 1000.0)),
        ("flag NE TRUE", Comparison(("flag",), "ne", True)),
        ("flag eq False", Comparison(("flag",), "eq", False)),
        ("x Eq NULL", Comparison(("x",), "eq", None)),
        ("name lk 'd''Hondt'", Comparison(("name",), "lk", "d'Hondt")),
        ("name eq ''", Comparison(("name",), "eq", "")),
        ("name eq 'a and b or (c)'", Comparison(("name",), "eq", "a and b or (c)")),
        ("function.description lk 'Docent'", Comparison(("function", "description"), "lk", "Docent")),
        ("a eq 1 and b eq 2 or c eq 3", AnyOf((AllOf((A, B)), C))),
        ("a eq 1 or b eq 2 and c eq 3", AnyOf((A, AllOf((B, C))))),
        ("a eq 1 AND (b eq 2 OR c eq 3)", AllOf((A, AnyOf((B, C))))),
        ("(a eq 1 and b eq 2) and c eq 3", AllOf((AllOf((A, B)), C))),
        ("a eq 1 and b eq 2 and c eq 3", AllOf((A, B, C))),
        ("((a eq 1))", A),
        ("  a   eq\t1  ", A),
    ],
)
def test_parse_builds_the_tree_with_and_binding_tighter_than_or(text: str, tree: object) -> None:
    assert parse(text) == tree


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("city", "expected an operator"),
        ("city equals 'x'", "expected an operator"),
        ("city eq", "expected a value"),
        ("city eq Redmond", "expected a value"),
        ("city eq 'Redmond", "unterminated string starting at position 9"),
        ('city eq "Redmond"', "unexpected character '\"'"),
        ("city eq 'a' and", "expected a field name"),
        ("city eq 'a' xor b eq 1", "expected 'and', 'or' or the end"),
        ("(city eq 'a'", "missing ')'"),
        ("city eq 'a')", "expected 'and', 'or' or the end"),
        ("() ", "expected a field name"),
        ("a eq 1 b eq 2", "expected 'and', 'or' or the end"),
        ("eq eq", "expected a value"),
        ("a eq 5abc", "unexpected character"),
        ("a eq 2017-01-01", "a date must be quoted: write '2017-01-01'"),
        ("a.eq 1", "expected an operator"),
        ("1 eq a", "expected a field name"),
        ("a eq 1;", "unexpected character ';'"),
        ("(" * (MAX_DEPTH + 1) + "a eq 1" + ")" * (MAX_DEPTH + 1), "nested more than"),
        ("a eq '" + "x" * MAX_FILTER_LENGTH + "'", "longer than"),
    ],
)
def test_malformed_filters_name_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(FilterSyntaxError) as raised:
        parse(text)
    assert words in str(raised.value)


def test_nesting_up_to_the_limit_is_fine() -> None:
    text = "(" * MAX_DEPTH + "a eq 1" + ")" * MAX_DEPTH
    assert parse(text) == A


@pytest.mark.parametrize(
    ("tree", "text"),
    [
        (Comparison(("name",), "eq", "d'Hondt"), "name eq 'd''Hondt'"),
        (AllOf((A, AnyOf((B, C)))), "a eq 1 and (b eq 2 or c eq 3)"),
        (AnyOf((AllOf((A, B)), C)), "a eq 1 and b eq 2 or c eq 3"),
        (AnyOf((AnyOf((A, B)), C)), "(a eq 1 or b eq 2) or c eq 3"),
        (Comparison(("x",), "ne", None), "x ne null"),
        (Comparison(("x",), "lt", 2.5), "x lt 2.5"),
    ],
)
def test_render_writes_the_grammar_and_parses_back(tree: object, text: str) -> None:
    assert render(tree) == text  # type: ignore[arg-type]
    assert parse(text) == tree
