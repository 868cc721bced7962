"""The resilience settings: defaults, STAFFGRAPH_* parsing, refusals."""

from __future__ import annotations

import pytest

from gateway.exceptions import ConfigError
from gateway.settings import BreakerPolicy, BudgetPolicy, RetryPolicy, Settings


def test_defaults() -> None:
    settings = Settings.from_env({})
    assert settings.request_deadline == 10.0
    assert settings.retry == RetryPolicy(attempts=3, backoff=0.1, max_backoff=2.0)
    assert settings.breaker == BreakerPolicy(failures=5, cooldown=30.0)
    assert settings.ictergezocht_budget == BudgetPolicy(requests=200, window=60.0)


def test_every_setting_is_read_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "STAFFGRAPH_REQUEST_DEADLINE": "2.5",
            "STAFFGRAPH_RETRY_ATTEMPTS": "1",
            "STAFFGRAPH_RETRY_BACKOFF": "0.05",
            "STAFFGRAPH_RETRY_MAX_BACKOFF": "1",
            "STAFFGRAPH_BREAKER_FAILURES": "10",
            "STAFFGRAPH_BREAKER_COOLDOWN": "5",
            "STAFFGRAPH_ICTERGEZOCHT_BUDGET": "150",
            "STAFFGRAPH_ICTERGEZOCHT_BUDGET_WINDOW": "30",
        }
    )
    assert settings.request_deadline == 2.5
    assert settings.retry == RetryPolicy(attempts=1, backoff=0.05, max_backoff=1.0)
    assert settings.breaker == BreakerPolicy(failures=10, cooldown=5.0)
    assert settings.ictergezocht_budget == BudgetPolicy(requests=150, window=30.0)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("REQUEST_DEADLINE", "0"),
        ("REQUEST_DEADLINE", "soon"),
        ("RETRY_ATTEMPTS", "1.5"),
        ("BREAKER_FAILURES", "-1"),
        ("ICTERGEZOCHT_BUDGET", "0"),
    ],
)
def test_unusable_values_are_refused_naming_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=f"STAFFGRAPH_{name}"):
        Settings.from_env({f"STAFFGRAPH_{name}": value})
