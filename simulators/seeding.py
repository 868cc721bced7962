"""Deterministic randomness for the seeded data sets.

Every generator draws from its own ``random.Random`` derived from the global seed and
a label (``rng_for(seed, "loket", "employees")``), so adding rows to one data set never
shifts the values of another.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from datetime import date, timedelta


def rng_for(seed: int, *labels: str) -> random.Random:
    """A random generator that depends only on ``seed`` and ``labels``."""
    digest = hashlib.sha256(":".join([str(seed), *labels]).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def uuid_from(rng: random.Random) -> str:
    """A version-4 UUID string drawn from ``rng`` (reproducible, unlike ``uuid.uuid4``)."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def random_date(rng: random.Random, start: date, end: date) -> date:
    """A date in ``[start, end]``, uniformly."""
    span = (end - start).days
    return start + timedelta(days=rng.randint(0, max(span, 0)))


def school_year_start(day: date) -> int:
    """The calendar year in which the school year holding ``day`` began (1 September)."""
    return day.year if day.month >= 9 else day.year - 1
