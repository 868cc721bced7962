"""What is retried, and how long the gateway waits before it."""

from __future__ import annotations

import random

import pytest

from gateway.exceptions import (
    UpstreamBadResponse,
    UpstreamError,
    UpstreamForbidden,
    UpstreamNotFound,
    UpstreamRateLimited,
    UpstreamTimeout,
    UpstreamUnavailable,
    UpstreamValidationError,
)
from gateway.resilience.retry import backoff_delay, is_retryable, wait_before_retry
from gateway.settings import RetryPolicy


@pytest.mark.parametrize(
    ("error", "retryable"),
    [
        (UpstreamTimeout("t", upstream="x"), True),
        (UpstreamUnavailable("reset", upstream="x"), True),
        (UpstreamUnavailable("503", upstream="x", status=503), True),
        (UpstreamUnavailable("500", upstream="x", status=500), True),
        (UpstreamUnavailable("501", upstream="x", status=501), False),
        (UpstreamRateLimited("429", upstream="x", status=429, retry_after=1), True),
        # the gateway's own budget: retrying would only spend the same budget again
        (UpstreamRateLimited("budget", upstream="x", retry_after=30), False),
        (UpstreamBadResponse("html", upstream="x", status=200), False),
        (UpstreamNotFound("404", upstream="x", status=404), False),
        (UpstreamForbidden("403", upstream="x", status=403), False),
        (UpstreamValidationError("400", upstream="x", status=400), False),
    ],
)
def test_only_transient_failures_are_retryable(error: UpstreamError, retryable: bool) -> None:
    assert is_retryable(error) is retryable


def test_backoff_is_jittered_under_an_exponential_ceiling() -> None:
    policy = RetryPolicy(attempts=5, backoff=0.1, max_backoff=0.3)
    rng = random.Random(7)
    for retry, ceiling in [(1, 0.1), (2, 0.2), (3, 0.3), (4, 0.3)]:
        delays = [backoff_delay(policy, retry, rng) for _ in range(200)]
        assert all(0.0 <= delay <= ceiling for delay in delays)
        assert max(delays) > ceiling * 0.8 and min(delays) < ceiling * 0.2  # spread, not fixed


def test_retry_after_is_honoured_on_429_and_503_only() -> None:
    policy = RetryPolicy(backoff=0.01, max_backoff=0.01)
    limited = UpstreamRateLimited("429", upstream="x", status=429, retry_after=4)
    busy = UpstreamUnavailable("503", upstream="x", status=503, retry_after=2)
    broken = UpstreamUnavailable("500", upstream="x", status=500, retry_after=9)
    assert wait_before_retry(policy, 1, limited, None) == 4
    assert wait_before_retry(policy, 1, busy, None) == 2
    assert wait_before_retry(policy, 1, broken, None) <= 0.01
