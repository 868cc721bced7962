"""Fixtures shared by every test: the fixed simulator config."""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import settings

from simulators.config import DEFAULT_SEED, SimConfig

# In CI every property test draws the same examples on every run (a red CI must mean a change broke
# something, not that a new random draw found an old corner); locally they keep exploring.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# A fixed "today" so generated data and date-dependent defaults (Informat's current
# school year) are the same on every day the suite runs.
SIM_TODAY = date(2026, 11, 24)


@pytest.fixture(scope="session")
def sim_config() -> SimConfig:
    return SimConfig(seed=DEFAULT_SEED, today=SIM_TODAY)
