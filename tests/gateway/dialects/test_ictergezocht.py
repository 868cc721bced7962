"""Relay pages -> ICTerGezocht offset/limit requests of at most 50."""

from __future__ import annotations

import pytest

from gateway.dialects.ictergezocht import PageRequest, page_requests


@pytest.mark.parametrize(
    ("offset", "count", "expected"),
    [
        (0, 0, []),
        (0, 10, [PageRequest(0, 10)]),
        (0, 50, [PageRequest(0, 50)]),
        (0, 51, [PageRequest(0, 50), PageRequest(50, 1)]),
        (120, 130, [PageRequest(120, 50), PageRequest(170, 50), PageRequest(220, 30)]),
    ],
)
def test_page_requests(offset: int, count: int, expected: list[PageRequest]) -> None:
    assert page_requests(offset, count) == expected
    assert sum(request.limit for request in expected) == count


def test_page_requests_refuses_negative_ranges() -> None:
    with pytest.raises(ValueError, match="negative"):
        page_requests(-1, 5)
