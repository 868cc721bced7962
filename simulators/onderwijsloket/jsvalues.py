"""JavaScript's ``Number(x)`` and ``String(x)`` for query values, as Directus (Node) applies them.

Directus turns ``limit``, ``offset`` and ``page`` into numbers with ``Number(raw)`` and
then validates them, so ``limit=`` means 0, ``limit=0x10`` means 16 and ``limit=ten``
fails as "must be a number". Filter values compared with numeric fields go the same way.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any

MAX_SAFE_INTEGER = 2**53 - 1
_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_RADIX = re.compile(r"0([xXoObB])([0-9a-fA-F]+)")
_RADIX_BASE = {"x": 16, "o": 8, "b": 2}
_JS_WHITESPACE = " \t\n\r\v\f\u00a0\ufeff\u2028\u2029"


def js_number(value: Any) -> float:
    """``Number(value)``; ``nan`` where JavaScript gives ``NaN``."""
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    if isinstance(value, int):
        try:
            return float(value)
        except OverflowError:
            return math.inf if value > 0 else -math.inf
    if isinstance(value, datetime):
        return value.timestamp() * 1000
    if isinstance(value, list):
        return js_number(",".join("" if item is None else js_string(item) for item in value))
    if not isinstance(value, str):
        return math.nan
    text = value.strip(_JS_WHITESPACE)
    if text == "":
        return 0.0
    if _DECIMAL.fullmatch(text):
        return float(text)
    radix = _RADIX.fullmatch(text)
    if radix:
        try:
            return float(int(radix.group(2), _RADIX_BASE[radix.group(1).lower()]))
        except ValueError:
            return math.nan
    if text in ("Infinity", "+Infinity"):
        return math.inf
    if text == "-Infinity":
        return -math.inf
    return math.nan


def js_string(value: Any) -> str:
    """``String(value)`` for JSON-ish values."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list):
        return ",".join("" if item is None else js_string(item) for item in value)
    if isinstance(value, dict):
        return "[object Object]"
    return str(value)
