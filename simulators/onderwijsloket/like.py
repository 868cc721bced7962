"""PostgreSQL ``LIKE`` matching, without regular-expression backtracking.

``%`` matches any run of characters, ``_`` exactly one, ``\\`` makes the next character
literal. Directus passes filter and search values into ``LIKE`` unescaped, so these are
wildcards for its clients too. The pattern is cut at each ``%`` into fixed-length
segments matched leftmost-first, which is exact for such patterns and linear enough that
junk like ``%a%a%a%a%a%a%`` cannot stall the simulator.
"""

from __future__ import annotations

import re


class Like:
    def __init__(self, pattern: str) -> None:
        segments: list[list[str]] = [[]]
        index = 0
        while index < len(pattern):
            char = pattern[index]
            if char == "\\" and index + 1 < len(pattern):
                segments[-1].append(re.escape(pattern[index + 1]))
                index += 2
                continue
            if char == "%":
                segments.append([])
            else:
                segments[-1].append("." if char == "_" else re.escape(char))
            index += 1
        self._lengths = [len(segment) for segment in segments]
        self._segments = [re.compile("".join(segment), re.DOTALL) for segment in segments]

    def matches(self, text: str) -> bool:
        segments, lengths = self._segments, self._lengths
        if len(segments) == 1:
            return len(text) == lengths[0] and segments[0].fullmatch(text) is not None
        end = len(text) - lengths[-1]
        if end < lengths[0] or segments[0].match(text) is None or segments[-1].fullmatch(text, end) is None:
            return False
        position = lengths[0]
        for segment, length in zip(segments[1:-1], lengths[1:-1], strict=True):
            if length:
                found = segment.search(text, position, end)
                if found is None:
                    return False
                position = found.end()
        return True
