"""Fixtures shared by every test: the fixed simulator config."""

from __future__ import annotations

from datetime import date

import pytest

from simulators.config import DEFAULT_SEED, SimConfig

# A fixed "today" so generated data and date-dependent defaults (Informat's current
# school year) are the same on every day the suite runs.
SIM_TODAY = date(2026, 11, 24)


@pytest.fixture(scope="session")
def sim_config() -> SimConfig:
    return SimConfig(seed=DEFAULT_SEED, today=SIM_TODAY)
