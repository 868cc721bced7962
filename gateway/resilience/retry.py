"""Which upstream failures are worth another try, and how long to wait before it.

Written by hand rather than with tenacity: the loop in ``gateway.upstreams.base`` must
stop at the request deadline, at an open circuit and at a spent budget, and must wait
for an upstream's ``Retry-After`` instead of its own backoff; as tenacity callbacks
those four rules would be longer than the loop, and harder to follow.

Only idempotent calls are retried (the caller decides: GET, and the Informat token
fetch, which at worst mints a second token); a POST, PUT, PATCH or DELETE that timed
out may have happened, so it is never sent twice.
"""

from __future__ import annotations

import random

from gateway.exceptions import UpstreamError, UpstreamRateLimited, UpstreamTimeout, UpstreamUnavailable
from gateway.settings import RetryPolicy

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# 5xx that say "try again" (501 Not Implemented and 505 will not change by themselves).
RETRYABLE_STATUSES = frozenset({500, 502, 503, 504})
# Retry-After is honoured on these answers (RFC 9110 §10.2.3).
RETRY_AFTER_STATUSES = frozenset({429, 503})


def is_retryable(error: UpstreamError) -> bool:
    """A timeout, a connection failure, a 5xx that may pass, or a 429 from the upstream itself."""
    if isinstance(error, UpstreamTimeout):
        return True
    if isinstance(error, UpstreamRateLimited):
        return error.status == 429
    if isinstance(error, UpstreamUnavailable):
        return error.status is None or error.status in RETRYABLE_STATUSES
    return False


def backoff_delay(policy: RetryPolicy, retry: int, rng: random.Random | None = None) -> float:
    """Seconds before retry number ``retry`` (1, 2, ...): "full jitter" over an exponential ceiling.

    Full jitter (a uniform draw between 0 and the ceiling) spreads the retries of many
    gateway requests that failed together, so they do not return to the upstream in step.
    """
    ceiling = min(policy.max_backoff, policy.backoff * 2 ** (retry - 1))
    return (rng or random).uniform(0.0, ceiling)


def wait_before_retry(
    policy: RetryPolicy, retry: int, error: UpstreamError, rng: random.Random | None
) -> float:
    """The backoff, or the upstream's ``Retry-After`` on a 429/503 when that is longer."""
    delay = backoff_delay(policy, retry, rng)
    if error.retry_after is not None and error.status in RETRY_AFTER_STATUSES:
        delay = max(delay, error.retry_after)
    return delay
