"""Settings shared by every simulator: the data seed, the simulated "today" and the clock.

One frozen value object is built by the CLI (or a test fixture) and handed to each
simulator's ``create_upstream``; nothing here reads the environment.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

DEFAULT_SEED = 20240901
MAX_SCALE = 100


def _today() -> date:
    return date.today()


@dataclass(frozen=True)
class SimConfig:
    """What every simulator needs to build its data and answer requests.

    ``today`` anchors the generated data (school years, open absences, publish dates)
    and the defaults that depend on the date (Informat's current school year), so a
    test that fixes it gets the same rows and the same defaults on any day.
    ``clock`` gives seconds since the epoch for token expiry and rate-limit windows;
    tests inject a fake one to expire tokens without sleeping.
    """

    seed: int = DEFAULT_SEED
    today: date = field(default_factory=_today)
    # Every Loket employer and Informat school ``scale`` times larger (1 = the default data);
    # deterministic, and scale 1 is unchanged so the demo's example ids keep working.
    scale: int = 1
    clock: Callable[[], float] = time.time
    # Where the ICTerGezocht simulator POSTs application webhooks (None = nowhere).
    ictergezocht_webhook_url: str | None = None
    ictergezocht_webhook_key: str = "demo-webhook-key"
    # ICTerGezocht's documented rate limits per 60 s; None switches one off (load tests)
    ictergezocht_account_limit: int | None = 200
    ictergezocht_ip_limit: int | None = 1000

    def __post_init__(self) -> None:
        if not 1 <= self.scale <= MAX_SCALE:
            raise ValueError(f"scale must be between 1 and {MAX_SCALE}, got {self.scale}")
