"""How deep a JSON text nests, measured on the raw text before anything parses it.

Python's ``json`` module (strawberry's default decoder) recurses once per ``[`` or ``{``:
a body of 100,000 nested arrays — 200 kB, well under the size limit — raised
``RecursionError``, which nothing maps to a refusal, and the caller got a plain-text 500.
So the view measures the nesting first (``STAFFGRAPH_MAX_JSON_DEPTH``) and parses only
what is within it; deeper JSON is a 400 naming the depth and the setting.

The measure runs at C speed whatever the input (a body of 2 MB in milliseconds): strings
are cut out by one regular expression whose loop is possessive (no backtracking, so an
unterminated string or a run of ``\\"`` costs one pass), every byte but the brackets is
deleted, and the depth is the highest running sum of +1 per opening and -1 per closing
bracket. Invalid JSON is measured too (the parser refuses it after).
"""

from __future__ import annotations

import re
from array import array
from itertools import accumulate

# A string: its quote, then runs of plain bytes or escape pairs, taken possessively, up to the
# closing quote or the end of the text (a lone trailing backslash included).
_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKETS = bytes(sorted(set(range(256)) - set(b"[]{}")))
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # as signed bytes: +1, +1, -1, -1


def nesting_depth(text: bytes | str) -> int:
    """The deepest level of arrays and objects in ``text`` (``1`` for ``{"a": 1}``, 0 for ``1``)."""
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    return max(accumulate(array("b", brackets.translate(_STEPS))), default=0)


def nests_deeper_than(text: bytes | str, limit: int) -> int | None:
    """The depth of ``text`` when it is over ``limit``, else ``None`` (cheaply, for the usual few
    brackets: a text with no more than ``limit`` of them cannot nest deeper)."""
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return None
    depth = nesting_depth(raw)
    return depth if depth > limit else None


__all__ = ["nesting_depth", "nests_deeper_than"]
