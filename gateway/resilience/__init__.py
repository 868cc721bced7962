"""Resilience at the upstream boundary: the request deadline, retries, circuit breakers, budgets.

Each module holds one mechanism and knows nothing of HTTP; ``gateway.upstreams.base``
combines them at its single request point. The request deadline travels from the
GraphQL request's ``Context`` to that point in a context variable (``deadline.py``), so
no resolver, loader or client method has to pass it along.
"""

from __future__ import annotations

from gateway.resilience.breaker import CircuitBreaker, CredentialBreakers
from gateway.resilience.budget import RequestBudget
from gateway.resilience.deadline import Deadline, activate, current_deadline, unbounded
from gateway.resilience.retry import backoff_delay, is_retryable

__all__ = [
    "CircuitBreaker",
    "CredentialBreakers",
    "Deadline",
    "RequestBudget",
    "activate",
    "backoff_delay",
    "current_deadline",
    "is_retryable",
    "unbounded",
]
