"""The request limits are measured once per document and variables that passed them."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest

import gateway.limits.extension as extension
from gateway.settings import DEFAULT_LIMITS, Settings
from schema.schema import schema

# `employers` is skipped: the limits read `first` from the variables, nothing is fetched
SKIPPED = "c: employers(first: $n) @skip(if: true) { totalCount }"
QUERY = "query($n: Int) { a: __typename b: __typename " + SKIPPED + " }"


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    extension._PASSED.clear()
    seen: list[object] = []
    real = extension.measure

    def counted(*args: Any, **kwargs: Any) -> Any:
        seen.append(args[2])  # the variables
        return real(*args, **kwargs)

    monkeypatch.setattr(extension, "measure", counted)
    return seen


async def run(variables: dict[str, Any], settings: Settings | None = None) -> Any:
    context = SimpleNamespace(settings=settings or Settings())
    return await schema.execute(QUERY, variable_values=variables, context_value=context)


async def test_a_document_that_passed_is_not_measured_again(measured: list[object]) -> None:
    for _ in range(3):
        assert (await run({"n": 1})).errors is None
    assert measured == [{"n": 1}]
    assert (await run({"n": 2})).errors is None  # other variables: measured
    assert len(measured) == 2


async def test_a_refusal_is_measured_and_refused_every_time(measured: list[object]) -> None:
    tight = Settings(limits=replace(DEFAULT_LIMITS, max_aliases=1))
    for _ in range(2):
        refused = await run({"n": 1}, tight)
        assert refused.errors and refused.errors[0].extensions["limit"] == "aliases"
    assert len(measured) == 2
    assert (await run({"n": 1})).errors is None  # the default limits allow it: their own entry
