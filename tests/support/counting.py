"""Work measured without a stopwatch: the Python calls made inside one module."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, ModuleType


@contextmanager
def counting_calls(module: ModuleType, *, limit: int) -> Iterator[Counter[str]]:
    """Count the Python function calls made inside ``module``: a measure of work that, unlike a
    stopwatch, is the same on a busy machine. Past ``limit`` calls the work fails at once (an
    exponential walk would otherwise run for hours)."""
    calls: Counter[str] = Counter()
    filename = module.__file__

    def profile(frame: FrameType, event: str, arg: object) -> None:
        if event == "call" and frame.f_code.co_filename == filename:
            calls["total"] += 1
            if calls["total"] > limit:
                raise AssertionError(f"more than {limit} calls into {module.__name__}")

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield calls
    finally:
        sys.setprofile(previous)
