"""``observed_batch``: a DataLoader's ``batch_load_fn`` measured (batch-size histogram per loader)
and traced (a span per batch, parent of the batch's upstream calls)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, Literal, TypeVar

from gateway.metrics import observe_batch
from gateway.telemetry import tracing

LoaderName = Literal["persons", "employments", "absences", "programsById", "programsAtLocations"]
L = TypeVar("L")
R = TypeVar("R")
BatchLoad = Callable[[L, Any], Coroutine[Any, Any, R]]


def observed_batch(loader: LoaderName) -> Callable[[BatchLoad[L, R]], BatchLoad[L, R]]:
    """Decorates ``batch_load_fn(self, keys)``; ``loader`` is the metric's label (a closed set)."""

    def decorate(
        batch_load_fn: Callable[[L, Any], Coroutine[Any, Any, R]],
    ) -> Callable[[L, Any], Coroutine[Any, Any, R]]:
        @functools.wraps(batch_load_fn)
        async def observed(self: L, keys: Sequence[Any]) -> R:
            observe_batch(loader, len(keys))
            with tracing.batch_span(loader, len(keys)):
                return await batch_load_fn(self, keys)

        return observed

    return decorate


__all__ = ["LoaderName", "observed_batch"]
