"""The limits' settings: STAFFGRAPH_MAX_* whole numbers, the two switches, clear errors."""

from __future__ import annotations

import pytest

from gateway.exceptions import ConfigError
from gateway.settings import DEFAULT_LIMITS, RequestLimits, Settings


def test_limits_are_on_by_default_and_production_switches_default_on() -> None:
    settings = Settings.from_env({})
    assert settings.limits == DEFAULT_LIMITS == RequestLimits()
    assert settings.introspection and settings.graphiql
    assert DEFAULT_LIMITS.max_body_bytes == 2 * 1024 * 1024 and DEFAULT_LIMITS.max_in_flight == 100


def test_every_limit_and_switch_is_read_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "STAFFGRAPH_MAX_DEPTH": "8",
            "STAFFGRAPH_MAX_ALIASES": "5",
            "STAFFGRAPH_MAX_TOKENS": "500",
            "STAFFGRAPH_MAX_ROOT_FIELDS": "3",
            "STAFFGRAPH_MAX_COST": "1000",
            "STAFFGRAPH_MAX_BODY_BYTES": "65536",
            "STAFFGRAPH_MAX_IN_FLIGHT": "10",
            "STAFFGRAPH_INTROSPECTION": "false",
            "STAFFGRAPH_GRAPHIQL": "off",
        }
    )
    assert settings.limits == RequestLimits(
        max_depth=8,
        max_aliases=5,
        max_tokens=500,
        max_root_fields=3,
        max_cost=1000,
        max_body_bytes=65536,
        max_in_flight=10,
    )
    assert not settings.introspection and not settings.graphiql


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("STAFFGRAPH_MAX_DEPTH", "ten", "STAFFGRAPH_MAX_DEPTH must be a whole number"),
        ("STAFFGRAPH_MAX_COST", "0", "STAFFGRAPH_MAX_COST must be positive"),
        ("STAFFGRAPH_MAX_BODY_BYTES", "1.5", "STAFFGRAPH_MAX_BODY_BYTES must be a whole number"),
        ("STAFFGRAPH_INTROSPECTION", "maybe", "STAFFGRAPH_INTROSPECTION must be true or false"),
    ],
)
def test_bad_values_are_named(name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env({name: value})
