"""The Loket client maps BrokenBusinessRule messages onto the mutation's input fields."""

from __future__ import annotations

import httpx
import pytest

from gateway.exceptions import UpstreamConflict, UpstreamValidationError
from gateway.settings import DEFAULT_TIMEOUTS
from gateway.upstreams.loket import LoketClient


def answer(status: int, *descriptions: str) -> httpx.Response:
    messages = [{"code": 1009, "type": "BrokenBusinessRule", "description": d} for d in descriptions]
    return httpx.Response(status, json={"messages": messages, "content": None})


@pytest.mark.parametrize(
    ("descriptions", "fields"),
    [
        (("progress.startDate (2099-01-01) may not be after today",), {"startDate"}),
        (("progress.currentIncapacityPercentage must be a whole number",), {"incapacityPercentage"}),
        (
            ("causeOfAbsence.key must be one of [1, 2]", "comments has an invalid length"),
            {"cause", "comments"},
        ),
        (("endOfAbsence.date (2026-01-01) may not be before 2026-02-01",), {"endDate"}),
        (("The absence would overlap absence 'x'",), {"startDate"}),
        (("isHospitalised must be true or false",), {"isHospitalised"}),
    ],
)
def test_messages_name_input_fields(descriptions: tuple[str, ...], fields: set[str]) -> None:
    client = LoketClient("http://x", timeouts=DEFAULT_TIMEOUTS)
    error = client.status_error(answer(400, *descriptions), "POST /x")
    assert isinstance(error, UpstreamValidationError)
    assert set(error.fields) == fields
    assert descriptions[0] in str(error)


def test_a_stale_etag_is_a_conflict() -> None:
    client = LoketClient("http://x", timeouts=DEFAULT_TIMEOUTS)
    assert isinstance(client.status_error(answer(409, "stale"), "PATCH /x"), UpstreamConflict)
